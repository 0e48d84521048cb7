/**
 * The UserProfile models of the Quantive Results API, described as plain data.
 *
 * @since 0.4.0
 */
import { array, boolean, type ModelModule, number, optional, ref, string } from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const userProfile: ModelModule = {
  module: "UserProfile",
  description: "The small nested objects of a user: its login identities, its picture info and its " +
    "notification settings. They live apart from `User.ts` so that the user's field record " +
    "(`lib/internal/userFields.ts`) can use them without an import cycle; `User.ts` " +
    "re-exports them. Every field is optional and unknown extra fields are tolerated.",
  since: "0.1.0",
  declarations: [
    {
      _tag: "Model",
      name: "UserIdentity",
      description: "One login identity of a user: the identity provider and connection it signs in through.",
      since: "0.1.0",
      fields: {
        clientId: optional(string),
        connection: optional(string),
        isSocial: optional(boolean),
        name: optional(string),
        provider: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "UserIdentities",
      description: "The login identities of a user, with their count.",
      since: "0.1.0",
      fields: {
        items: optional(array(ref("UserIdentity"))),
        totalCount: optional(number),
      },
    },
    {
      _tag: "Model",
      name: "NotificationSettings",
      description: "The notification subjects a user opted out of.",
      since: "0.1.0",
      fields: {
        subjectsOptedOut: optional(array(string)),
      },
    },
    {
      _tag: "Model",
      name: "PictureInfo",
      description: "Whether a user's picture can be, or has been, edited, and whether it comes from single " +
        "sign-on.",
      since: "0.1.0",
      fields: {
        canEditPicture: optional(boolean),
        isActive: optional(boolean),
        isPictureEdited: optional(boolean),
        isSSOBased: optional(boolean),
      },
    },
  ],
}
