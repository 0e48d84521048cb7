/**
 * The Announcement models of the Quantive Results API, described as plain data.
 *
 * @since 0.4.0
 */
import { array, type ModelModule, nonEmptyString, number, optional, ref, required, string } from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const announcement: ModelModule = {
  module: "Announcement",
  description: "The Announcement models (deprecated: Gtmhub sunset the Announcements feature on " +
    "2022-03-15): the announcement returned by `GET`/`POST`/`PATCH /announcements…` and " +
    "`DELETE /announcements/{id}/react`, the page of `GET /announcements`, and the create " +
    "and update bodies. Every field the samples show is modelled; all but the announcement's " +
    "`id` are optional, and unknown extra fields are tolerated (ignored on decode). Dates " +
    "are ISO strings.",
  since: "0.1.0",
  declarations: [
    {
      _tag: "Model",
      name: "AnnouncementAuthor",
      description: "The author of an announcement, as embedded in it: the user's name, e-mail, language and " +
        "picture.",
      since: "0.1.0",
      fields: {
        accountId: optional(string),
        dateCreated: optional(string),
        email: optional(string),
        firstName: optional(string),
        id: optional(string),
        language: optional(string),
        lastName: optional(string),
        name: optional(string),
        picture: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "Announcement",
      description: "An announcement (`announcementResponse`): a comment posted in the account by its " +
        "author, with what it targets (`announcementTargetId`, `announcementType`), and who is " +
        "notified and how (`notify`, `notificationStrategy`). `comment` may contain markdown and " +
        'mention markup (`@[Name:email:id]`) unless it was read with `formatting: "plainText"`.',
      since: "0.1.0",
      fields: {
        id: required(string),
        announcementTargetId: optional(string),
        announcementType: optional(string),
        author: optional(ref("AnnouncementAuthor")),
        authorId: optional(string),
        comment: optional(string),
        dateCreated: optional(string),
        notificationStrategy: optional(string),
        notify: optional(array(string)),
      },
    },
    {
      _tag: "Model",
      name: "AnnouncementsPage",
      description: "The announcements of the account (`announcementsResponse`), as `GET /announcements` " +
        "answers: the items, and how many there are.",
      since: "0.1.0",
      fields: {
        items: required(array(ref("Announcement")), "The announcements of this page."),
        totalCount: required(number, "How many announcements there are in all, not just on this page."),
      },
    },
    {
      _tag: "Model",
      name: "AnnouncementCreateParams",
      description: "The body of `POST /announcements` (`announcement`), which creates an announcement in " +
        "the current account. Only `comment` is required (an announcement is its comment); the " +
        "rest is as the sample shows. Note the sample's spelling `authorID` (capital `ID`), " +
        "where the response says `authorId`: it is sent as the sample spells it.",
      since: "0.1.0",
      fields: {
        comment: required(nonEmptyString),
        announcementTargetId: optional(string),
        announcementType: optional(string),
        authorID: optional(string),
        notificationStrategy: optional(string),
        notify: optional(array(string)),
      },
    },
    {
      _tag: "Model",
      name: "AnnouncementUpdateParams",
      description: "The body of `PATCH /announcements/{id}` (`announcement`), which updates the specified " +
        "announcement: its comment, the only field the sample shows.",
      since: "0.1.0",
      fields: {
        comment: required(nonEmptyString),
      },
    },
  ],
}
