/**
 * The Announcement models of seed 003 (deprecated: Gtmhub sunset the Announcements feature on 2022-03-15): the
 * announcement returned by `GET`/`POST`/`PATCH /announcements…` and `DELETE /announcements/{id}/react`, the page of
 * `GET /announcements`, and the create and update bodies. Every field the samples show is modelled; all but the
 * announcement's `id` are optional, and unknown extra fields are tolerated (ignored on decode). Dates are ISO strings.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { NonEmpty, optional } from "./internal/schema.ts"

/**
 * The author of an announcement, as embedded in it: the user's name, e-mail, language and picture.
 *
 * @since 0.1.0
 * @category models
 */
export interface AnnouncementAuthor {
  readonly accountId?: string
  readonly dateCreated?: string
  readonly email?: string
  readonly firstName?: string
  readonly id?: string
  readonly language?: string
  readonly lastName?: string
  readonly name?: string
  readonly picture?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const AnnouncementAuthor: Schema.Schema<AnnouncementAuthor> = Schema.Struct({
  accountId: optional(Schema.String),
  dateCreated: optional(Schema.String),
  email: optional(Schema.String),
  firstName: optional(Schema.String),
  id: optional(Schema.String),
  language: optional(Schema.String),
  lastName: optional(Schema.String),
  name: optional(Schema.String),
  picture: optional(Schema.String),
})

/**
 * An announcement (seed 003, `announcementResponse`): a comment posted in the account by its author, with what it
 * targets (`announcementTargetId`, `announcementType`), and who is notified and how (`notify`,
 * `notificationStrategy`). `comment` may contain markdown and mention markup (`@[Name:email:id]`) unless it was read
 * with `formatting: "plainText"`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Announcement {
  readonly id: string
  readonly announcementTargetId?: string
  readonly announcementType?: string
  readonly author?: AnnouncementAuthor
  readonly authorId?: string
  readonly comment?: string
  readonly dateCreated?: string
  readonly notificationStrategy?: string
  readonly notify?: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Announcement: Schema.Schema<Announcement> = Schema.Struct({
  id: Schema.String,
  announcementTargetId: optional(Schema.String),
  announcementType: optional(Schema.String),
  author: optional(AnnouncementAuthor),
  authorId: optional(Schema.String),
  comment: optional(Schema.String),
  dateCreated: optional(Schema.String),
  notificationStrategy: optional(Schema.String),
  notify: optional(Schema.Array(Schema.String)),
})

/**
 * The announcements of the account (seed 003, `announcementsResponse`), as `GET /announcements` answers: the items,
 * and how many there are.
 *
 * @since 0.1.0
 * @category models
 */
export interface AnnouncementsPage {
  readonly items: ReadonlyArray<Announcement>
  readonly totalCount: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const AnnouncementsPage: Schema.Schema<AnnouncementsPage> = Schema.Struct({
  items: Schema.Array(Announcement),
  totalCount: Schema.Number,
})

/**
 * The body of `POST /announcements` (seed 003, `announcement`), which creates an announcement in the current account.
 * Only `comment` is required (an announcement is its comment); the rest is as the sample shows. Note the sample's
 * spelling `authorID` (capital `ID`), where the response says `authorId`: it is sent as the sample spells it.
 *
 * @since 0.1.0
 * @category models
 */
export interface AnnouncementCreateParams {
  readonly comment: string
  readonly announcementTargetId?: string
  readonly announcementType?: string
  readonly authorID?: string
  readonly notificationStrategy?: string
  readonly notify?: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const AnnouncementCreateParams: Schema.Schema<AnnouncementCreateParams> = Schema.Struct({
  comment: NonEmpty,
  announcementTargetId: optional(Schema.String),
  announcementType: optional(Schema.String),
  authorID: optional(Schema.String),
  notificationStrategy: optional(Schema.String),
  notify: optional(Schema.Array(Schema.String)),
})

/**
 * The body of `PATCH /announcements/{id}` (seed 003, `announcement`), which updates the specified announcement: its
 * comment, the only field the sample shows.
 *
 * @since 0.1.0
 * @category models
 */
export interface AnnouncementUpdateParams {
  readonly comment: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const AnnouncementUpdateParams: Schema.Schema<AnnouncementUpdateParams> = Schema.Struct({
  comment: NonEmpty,
})
