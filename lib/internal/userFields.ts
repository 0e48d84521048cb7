import { Schema } from "effect"
import { UserRole } from "../Team.ts"
import { NotificationSettings, PictureInfo, UserIdentities } from "../UserProfile.ts"
import { UserSettings } from "../UserSettings.ts"
import { optional } from "./schema.ts"

type Optional<S extends Schema.Schema.All> = Schema.optionalWith<S, { exact: true }>

/**
 * The type of `userFields`, written out so that the exported constant carries an explicit annotation (JSR's fast
 * type check) and a field projection keeps each field's precise schema. A type alias, not an interface, so that it
 * fits `Schema.Struct.Fields` (an index signature). @internal
 */
export type UserFields = {
  readonly accountDomain: Optional<typeof Schema.String>
  readonly accountId: Optional<typeof Schema.String>
  readonly accountName: Optional<typeof Schema.String>
  readonly clientId: Optional<typeof Schema.String>
  readonly createdById: Optional<typeof Schema.String>
  readonly dateCreated: Optional<typeof Schema.String>
  readonly dateDeactivated: Optional<typeof Schema.String>
  readonly dateInvited: Optional<typeof Schema.String>
  readonly email: Optional<typeof Schema.String>
  readonly firstName: Optional<typeof Schema.String>
  readonly id: typeof Schema.String
  readonly identities: Optional<Schema.Schema<UserIdentities>>
  readonly invitedBy: Optional<typeof Schema.String>
  readonly isActive: Optional<typeof Schema.Boolean>
  readonly isAzureIDPBased: Optional<typeof Schema.Boolean>
  readonly isPrimary: Optional<typeof Schema.Boolean>
  readonly isSSOBased: Optional<typeof Schema.Boolean>
  readonly isSwitched: Optional<typeof Schema.Boolean>
  readonly language: Optional<typeof Schema.String>
  readonly lastName: Optional<typeof Schema.String>
  readonly name: Optional<typeof Schema.String>
  readonly notificationSettings: Optional<Schema.Schema<NotificationSettings>>
  readonly permissions: Optional<Schema.Array$<typeof Schema.String>>
  readonly picture: Optional<typeof Schema.String>
  readonly pictureInfo: Optional<Schema.Schema<PictureInfo>>
  readonly roles: Optional<Schema.Array$<Schema.Schema<UserRole>>>
  readonly settings: Optional<typeof Schema.String>
  readonly subscriptionType: Optional<typeof Schema.String>
  readonly teamIds: Optional<Schema.Array$<typeof Schema.String>>
  readonly userSettings: Optional<Schema.Schema<UserSettings>>
}

/**
 * The `Schema.Struct` field record of a user (the items of `GET /users`, seed 001): one entry per top-level field,
 * `id` required and every other field optional (exact: present means the type). `User` is `Schema.Struct(userFields)`;
 * a field projection picks from it. @internal
 */
export const userFields: UserFields = {
  accountDomain: optional(Schema.String),
  accountId: optional(Schema.String),
  accountName: optional(Schema.String),
  clientId: optional(Schema.String),
  createdById: optional(Schema.String),
  dateCreated: optional(Schema.String),
  dateDeactivated: optional(Schema.String),
  dateInvited: optional(Schema.String),
  email: optional(Schema.String),
  firstName: optional(Schema.String),
  id: Schema.String,
  identities: optional(UserIdentities),
  invitedBy: optional(Schema.String),
  isActive: optional(Schema.Boolean),
  isAzureIDPBased: optional(Schema.Boolean),
  isPrimary: optional(Schema.Boolean),
  isSSOBased: optional(Schema.Boolean),
  isSwitched: optional(Schema.Boolean),
  language: optional(Schema.String),
  lastName: optional(Schema.String),
  name: optional(Schema.String),
  notificationSettings: optional(NotificationSettings),
  permissions: optional(Schema.Array(Schema.String)),
  picture: optional(Schema.String),
  pictureInfo: optional(PictureInfo),
  roles: optional(Schema.Array(UserRole)),
  settings: optional(Schema.String),
  subscriptionType: optional(Schema.String),
  teamIds: optional(Schema.Array(Schema.String)),
  userSettings: optional(UserSettings),
}
