/**
 * The User models of seed 001: the user returned by `GET /users/{userId}` and listed by `GET /users`, the pages and
 * bulk results of the Users endpoints, and their request bodies. Every field the samples show is modelled; all but the
 * user's `id` are optional, since the API may omit them (and a field projection does), and unknown extra fields are
 * tolerated (ignored on decode). Dates are ISO strings, as the API sends them.
 *
 * The nested team and role models live in `Team.ts`, the identity, picture and notification models in
 * `UserProfile.ts`, the personal settings in `UserSettings.ts`; this module re-exports the first two groups.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { NonEmpty, optional } from "./internal/schema.ts"
import { userFields } from "./internal/userFields.ts"
import type { UserRole } from "./Team.ts"
import { NotificationSettings } from "./UserProfile.ts"
import type { PictureInfo, UserIdentities } from "./UserProfile.ts"
import type { UserSettings } from "./UserSettings.ts"

export { ExternalTeamMapping, IsActiveFlag, Team, TeamBadge, TeamBadgeInfo, TeamTag, UserRole } from "./Team.ts"
export { NotificationSettings, PictureInfo, UserIdentities, UserIdentity } from "./UserProfile.ts"

/**
 * A user of the account (seed 001, `userResponse`; also the items of `usersResponse`): name, email, login identities,
 * roles with their teams, permissions and personal settings.
 *
 * @since 0.1.0
 * @category models
 */
export interface User {
  readonly id: string
  readonly accountDomain?: string
  readonly accountId?: string
  readonly accountName?: string
  readonly clientId?: string
  readonly createdById?: string
  readonly dateCreated?: string
  readonly dateDeactivated?: string
  readonly dateInvited?: string
  readonly email?: string
  readonly firstName?: string
  readonly identities?: UserIdentities
  readonly invitedBy?: string
  readonly isActive?: boolean
  readonly isAzureIDPBased?: boolean
  readonly isPrimary?: boolean
  readonly isSSOBased?: boolean
  readonly isSwitched?: boolean
  readonly language?: string
  readonly lastName?: string
  readonly name?: string
  readonly notificationSettings?: NotificationSettings
  readonly permissions?: ReadonlyArray<string>
  readonly picture?: string
  readonly pictureInfo?: PictureInfo
  readonly roles?: ReadonlyArray<UserRole>
  readonly settings?: string
  readonly subscriptionType?: string
  readonly teamIds?: ReadonlyArray<string>
  readonly userSettings?: UserSettings
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const User: Schema.Schema<User> = Schema.Struct(userFields)

/**
 * A page of users (seed 001, `usersResponse`): the answer of `GET /users`, which loads all users for a specific
 * account using filter, sort and field projection, and of the bulk `POST /users`. `totalCount` counts every match,
 * not just this page. With a `fields` projection, `A` is the user narrowed to those fields.
 *
 * @since 0.1.0
 * @category models
 */
export interface UsersPage<A = User> {
  readonly items: ReadonlyArray<A>
  readonly totalCount: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const UsersPage: Schema.Schema<UsersPage> = Schema.Struct({
  items: Schema.Array(User),
  totalCount: Schema.Number,
})

/**
 * The managers of a user (seed 001, `userManagersResponse`): the manager ids of the teams the user belongs to where
 * the user is not the manager of the team.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserManagers {
  readonly count: number
  readonly managers: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const UserManagers: Schema.Schema<UserManagers> = Schema.Struct({
  count: Schema.Number,
  managers: Schema.Array(Schema.String),
})

/**
 * The result of a bulk activation or deactivation of the provided users (seed 001,
 * `BulkUpdateUsersActivationStatusResponse`): one item per user, and whether any failed.
 *
 * @since 0.1.0
 * @category models
 */
export interface BulkActivationResult {
  readonly hasFailures: boolean
  readonly items: ReadonlyArray<{ readonly isSuccessful: boolean; readonly userId: string }>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const BulkActivationResult: Schema.Schema<BulkActivationResult> = Schema.Struct({
  hasFailures: Schema.Boolean,
  items: Schema.Array(Schema.Struct({ isSuccessful: Schema.Boolean, userId: Schema.String })),
})

/**
 * The result of a bulk delete of the provided users (seed 001, `usersBulkDeleteResponse`): one item per user, and
 * whether any failed. The same shape as `BulkActivationResult`.
 *
 * @since 0.1.0
 * @category models
 */
export type BulkDeleteResult = BulkActivationResult

/**
 * @since 0.1.0
 * @category schemas
 */
export const BulkDeleteResult: Schema.Schema<BulkDeleteResult> = BulkActivationResult

/**
 * A role that could not be added to or removed from a user, and why.
 *
 * @since 0.1.0
 * @category models
 */
export interface RoleChangeFailure {
  readonly reason?: string
  readonly roleId?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const RoleChangeFailure: Schema.Schema<RoleChangeFailure> = Schema.Struct({
  reason: optional(Schema.String),
  roleId: optional(Schema.String),
})

/**
 * The result of a bulk update of user roles (seed 001, `bulkUpdateUsersRolesResponse`): per user, the roles that
 * could not be added or removed; whether any failed; how many users were updated.
 *
 * @since 0.1.0
 * @category models
 */
export interface BulkRolesResult {
  readonly hasFailures: boolean
  readonly items: ReadonlyArray<{
    readonly failedAddings?: ReadonlyArray<RoleChangeFailure>
    readonly failedRemoves?: ReadonlyArray<RoleChangeFailure>
    readonly userId: string
  }>
  readonly updatedUsersCount: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const BulkRolesResult: Schema.Schema<BulkRolesResult> = Schema.Struct({
  hasFailures: Schema.Boolean,
  items: Schema.Array(Schema.Struct({
    failedAddings: optional(Schema.Array(RoleChangeFailure)),
    failedRemoves: optional(Schema.Array(RoleChangeFailure)),
    userId: Schema.String,
  })),
  updatedUsersCount: Schema.Number,
})

/**
 * One user to create: an element of the bulk `POST /users` body, and the body of the deprecated single-user
 * `POST /users` (seeds 003/004, "the object representing a user"). Seed 001 does not show the bulk body, so the fields
 * are those of the deprecated sample; only `email` is required. `userName` is the login name, usually the email (the
 * reference's sample hides both addresses behind an "[email protected]" obfuscation). The deprecated endpoint's
 * `skipEmail` is a query parameter, not part of this body.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserCreateParams {
  readonly email: string
  readonly firstName?: string
  readonly language?: string
  readonly lastName?: string
  readonly userName?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const UserCreateParams: Schema.Schema<UserCreateParams> = Schema.Struct({
  email: NonEmpty,
  firstName: optional(NonEmpty),
  language: optional(NonEmpty),
  lastName: optional(NonEmpty),
  userName: optional(NonEmpty),
})

const NonEmptyIds = Schema.Array(NonEmpty).pipe(
  Schema.minItems(1, { message: () => "must hold at least one id" }),
)

/**
 * The body of `POST /users/roles` (seed 001, `bulkUpdateUserRoles`): the object representing a bulk request to update
 * user roles. Supports multiple roles and multiple users to be updated simultaneously. Both lists must be non-empty
 * and hold non-empty ids.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserUpdateRolesParams {
  readonly roleIds: ReadonlyArray<string>
  readonly userIds: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const UserUpdateRolesParams: Schema.Schema<UserUpdateRolesParams> = Schema.Struct({
  roleIds: NonEmptyIds,
  userIds: NonEmptyIds,
})

/**
 * The body of `POST /users/{userId}/roles` (seed 001, `userRoleRequest`): the relation between a user and a role,
 * assigning a single role to the user.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserAssignRoleParams {
  readonly roleId: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const UserAssignRoleParams: Schema.Schema<UserAssignRoleParams> = Schema.Struct({
  roleId: NonEmpty,
})

/**
 * The body of `PUT /users/{userId}` (seed 001, `userSettingsRequest`), which updates the user's personal language
 * settings, and optionally the notification subjects the user opted out of. `language` is a free string (the samples
 * show "english" here and "English" in the create body).
 *
 * @since 0.1.0
 * @category models
 */
export interface UserUpdateLanguageParams {
  readonly language: string
  readonly notificationSettings?: NotificationSettings
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const UserUpdateLanguageParams: Schema.Schema<UserUpdateLanguageParams> = Schema.Struct({
  language: NonEmpty,
  notificationSettings: optional(NotificationSettings),
})

/**
 * The body of the deprecated `PUT /users/settings`, which updates the user's personal settings. No seed shows its
 * body; its replacement, `PUT /users/{userId}`, takes a `userSettingsRequest`, so this is the same shape as
 * `UserUpdateLanguageParams`.
 *
 * @since 0.1.0
 * @category models
 */
export type LegacyUserSettingsParams = UserUpdateLanguageParams

/**
 * @since 0.1.0
 * @category schemas
 */
export const LegacyUserSettingsParams: Schema.Schema<LegacyUserSettingsParams> = UserUpdateLanguageParams

/**
 * The body of `PATCH /users/{userId}` (seed 001, `userInfo`): the user information you'd like to update, that is the
 * user's first and last name. Both optional, at least one required.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserUpdateNameParams {
  readonly firstName?: string
  readonly lastName?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const UserUpdateNameParams: Schema.Schema<UserUpdateNameParams> = Schema.Struct({
  firstName: optional(NonEmpty),
  lastName: optional(NonEmpty),
}).pipe(
  Schema.filter((patch) => Object.keys(patch).length > 0, {
    message: () => "the patch is empty: give at least one field to change",
  }),
)

/**
 * The body of `PATCH /users/{userId}/info`, which updates the user's first and last name. Neither seed 001 nor 004
 * shows its body; both give it the same summary as `PATCH /users/{userId}`, so this is the same shape as
 * `UserUpdateNameParams` (at least one field required).
 *
 * @since 0.1.0
 * @category models
 */
export type UserUpdateInfoParams = UserUpdateNameParams

/**
 * @since 0.1.0
 * @category schemas
 */
export const UserUpdateInfoParams: Schema.Schema<UserUpdateInfoParams> = UserUpdateNameParams
