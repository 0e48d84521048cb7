/**
 * The small nested objects of a user (seed 001): its login identities, its picture info and its notification
 * settings. They live apart from `User.ts` so that the user's field record (`lib/internal/userFields.ts`) can use them
 * without an import cycle; `User.ts` re-exports them. Every field is optional and unknown extra fields are tolerated.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { optional } from "./internal/schema.ts"

/**
 * One login identity of a user: the identity provider and connection it signs in through.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserIdentity {
  readonly clientId?: string
  readonly connection?: string
  readonly isSocial?: boolean
  readonly name?: string
  readonly provider?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const UserIdentity: Schema.Schema<UserIdentity> = Schema.Struct({
  clientId: optional(Schema.String),
  connection: optional(Schema.String),
  isSocial: optional(Schema.Boolean),
  name: optional(Schema.String),
  provider: optional(Schema.String),
})

/**
 * The login identities of a user, with their count.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserIdentities {
  readonly items?: ReadonlyArray<UserIdentity>
  readonly totalCount?: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const UserIdentities: Schema.Schema<UserIdentities> = Schema.Struct({
  items: optional(Schema.Array(UserIdentity)),
  totalCount: optional(Schema.Number),
})

/**
 * The notification subjects a user opted out of.
 *
 * @since 0.1.0
 * @category models
 */
export interface NotificationSettings {
  readonly subjectsOptedOut?: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const NotificationSettings: Schema.Schema<NotificationSettings> = Schema.Struct({
  subjectsOptedOut: optional(Schema.Array(Schema.String)),
})

/**
 * Whether a user's picture can be, or has been, edited, and whether it comes from single sign-on.
 *
 * @since 0.1.0
 * @category models
 */
export interface PictureInfo {
  readonly canEditPicture?: boolean
  readonly isActive?: boolean
  readonly isPictureEdited?: boolean
  readonly isSSOBased?: boolean
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const PictureInfo: Schema.Schema<PictureInfo> = Schema.Struct({
  canEditPicture: optional(Schema.Boolean),
  isActive: optional(Schema.Boolean),
  isPictureEdited: optional(Schema.Boolean),
  isSSOBased: optional(Schema.Boolean),
})
