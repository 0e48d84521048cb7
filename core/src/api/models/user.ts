/**
 * The User models of the Quantive Results API, described as plain data.
 *
 * @since 0.4.0
 */
import {
  array,
  boolean,
  type ModelModule,
  nonEmptyString,
  number,
  optional,
  ref,
  required,
  string,
  struct,
  typeParameter,
} from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const user: ModelModule = {
  module: "User",
  description: "The User models: the user returned by `GET /users/{userId}` and listed by `GET /users`, " +
    "the pages and bulk results of the Users endpoints, and their request bodies. Every " +
    "field the samples show is modelled; all but the user's `id` are optional, since the API " +
    "may omit them (and a field projection does), and unknown extra fields are tolerated " +
    "(ignored on decode). Dates are ISO strings, as the API sends them.\n\nThe nested team and " +
    "role models live in `Team.ts`, the identity, picture and notification models in " +
    "`UserProfile.ts`, the personal settings in `UserSettings.ts`; this module re-exports " +
    "the first two groups.",
  since: "0.1.0",
  reexports: [{
    "module": "Team",
    "names": ["ExternalTeamMapping", "IsActiveFlag", "Team", "TeamBadge", "TeamBadgeInfo", "TeamTag", "UserRole"],
  }, { "module": "UserProfile", "names": ["NotificationSettings", "PictureInfo", "UserIdentities", "UserIdentity"] }],
  declarations: [
    {
      _tag: "Model",
      name: "User",
      description: "A user of the account (`userResponse`; also the items of `usersResponse`): name, email, " +
        "login identities, roles with their teams, permissions and personal settings.",
      since: "0.1.0",
      fieldRecord: "userFields",
      fields: {
        accountDomain: optional(string, "The domain of the user's account."),
        accountId: optional(string, "The id of the user's account."),
        accountName: optional(string, "The name of the user's account."),
        clientId: optional(string),
        createdById: optional(string, "The id of the user who created this user."),
        dateCreated: optional(string, "When the user was created (an ISO date)."),
        dateDeactivated: optional(string, "When the user was deactivated (an ISO date)."),
        dateInvited: optional(string, "When the user was invited (an ISO date)."),
        email: optional(string, "The user's email address."),
        firstName: optional(string, "The user's first name."),
        id: required(string, "The user's unique identifier."),
        identities: optional(ref("UserIdentities"), "The login identities the user signs in through."),
        invitedBy: optional(string),
        isActive: optional(boolean, "Whether the user is active; `POST /users/deactivate` makes it false."),
        isAzureIDPBased: optional(boolean),
        isPrimary: optional(boolean),
        isSSOBased: optional(boolean, "Whether the user signs in through single sign-on."),
        isSwitched: optional(boolean),
        language: optional(string, "The user's language."),
        lastName: optional(string, "The user's last name."),
        name: optional(string, "The user's full name."),
        notificationSettings: optional(ref("NotificationSettings"), "The notification subjects the user opted out of."),
        permissions: optional(array(string), "The permissions the user holds."),
        picture: optional(string),
        pictureInfo: optional(
          ref("PictureInfo"),
          "Whether the user's picture can be, or has been, edited, and whether it comes from single sign-on.",
        ),
        roles: optional(array(ref("UserRole")), "The user's roles, each with the team it belongs to."),
        settings: optional(string),
        subscriptionType: optional(string),
        teamIds: optional(array(string), "The ids of the teams the user belongs to."),
        userSettings: optional(ref("UserSettings"), "The user's personal preferences in the web app."),
      },
    },
    {
      _tag: "Model",
      name: "UsersPage",
      description: "A page of users (`usersResponse`): the answer of `GET /users`, which loads all users " +
        "for a specific account using filter, sort and field projection, and of the bulk `POST " +
        "/users`. `totalCount` counts every match, not just this page. With a `fields` " +
        "projection, `A` is the user narrowed to those fields.",
      since: "0.1.0",
      typeParameter: { "name": "A", "default": "User" },
      fields: {
        items: required(
          array(typeParameter),
          "The users of this page (narrowed to the projected fields with a `fields` projection).",
        ),
        totalCount: required(number, "How many users match, in all, not just on this page."),
      },
    },
    {
      _tag: "Model",
      name: "UserManagers",
      description: "The managers of a user (`userManagersResponse`): the manager ids of the teams the user " +
        "belongs to where the user is not the manager of the team.",
      since: "0.1.0",
      fields: {
        count: required(number),
        managers: required(array(string)),
      },
    },
    {
      _tag: "Model",
      name: "BulkActivationResult",
      description: "The result of a bulk activation or deactivation of the provided users " +
        "(`BulkUpdateUsersActivationStatusResponse`): one item per user, and whether any failed.",
      since: "0.1.0",
      fields: {
        hasFailures: required(boolean),
        items: required(array(struct({
          isSuccessful: required(boolean),
          userId: required(string),
        }))),
      },
    },
    {
      _tag: "Alias",
      name: "BulkDeleteResult",
      description: "The result of a bulk delete of the provided users (`usersBulkDeleteResponse`): one item " +
        "per user, and whether any failed. The same shape as `BulkActivationResult`.",
      since: "0.1.0",
      of: "BulkActivationResult",
    },
    {
      _tag: "Model",
      name: "RoleChangeFailure",
      description: "A role that could not be added to or removed from a user, and why.",
      since: "0.1.0",
      fields: {
        reason: optional(string),
        roleId: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "BulkRolesResult",
      description: "The result of a bulk update of user roles (`bulkUpdateUsersRolesResponse`): per user, " +
        "the roles that could not be added or removed; whether any failed; how many users were " +
        "updated.",
      since: "0.1.0",
      fields: {
        hasFailures: required(boolean),
        items: required(array(struct({
          failedAddings: optional(array(ref("RoleChangeFailure"))),
          failedRemoves: optional(array(ref("RoleChangeFailure"))),
          userId: required(string),
        }))),
        updatedUsersCount: required(number),
      },
    },
    {
      _tag: "Model",
      name: "UserCreateParams",
      description: "One user to create: an element of the bulk `POST /users` body, and the body of the " +
        'deprecated single-user `POST /users` ("the object representing a user"). The reference ' +
        "does not show the bulk body, so the fields are those of the deprecated sample; only " +
        "`email` is required. `userName` is the login name, usually the email (the reference's " +
        'sample hides both addresses behind an "[email protected]" obfuscation). The deprecated ' +
        "endpoint's `skipEmail` is a query parameter, not part of this body.",
      since: "0.1.0",
      fields: {
        email: required(nonEmptyString),
        firstName: optional(nonEmptyString),
        language: optional(nonEmptyString),
        lastName: optional(nonEmptyString),
        userName: optional(nonEmptyString),
      },
    },
    {
      _tag: "Model",
      name: "UserUpdateRolesParams",
      description: "The body of `POST /users/roles` (`bulkUpdateUserRoles`): the object representing a bulk " +
        "request to update user roles. Supports multiple roles and multiple users to be updated " +
        "simultaneously. Both lists must be non-empty and hold non-empty ids.",
      since: "0.1.0",
      fields: {
        roleIds: required(array(nonEmptyString, { minItems: 1, message: "must hold at least one id" })),
        userIds: required(array(nonEmptyString, { minItems: 1, message: "must hold at least one id" })),
      },
    },
    {
      _tag: "Model",
      name: "UserAssignRoleParams",
      description: "The body of `POST /users/{userId}/roles` (`userRoleRequest`): the relation between a " +
        "user and a role, assigning a single role to the user.",
      since: "0.1.0",
      fields: {
        roleId: required(nonEmptyString),
      },
    },
    {
      _tag: "Model",
      name: "UserUpdateLanguageParams",
      description: "The body of `PUT /users/{userId}` (`userSettingsRequest`), which updates the user's " +
        "personal language settings, and optionally the notification subjects the user opted out " +
        'of. `language` is a free string (the samples show "english" here and "English" in the ' +
        "create body).",
      since: "0.1.0",
      fields: {
        language: required(nonEmptyString),
        notificationSettings: optional(ref("NotificationSettings")),
      },
    },
    {
      _tag: "Alias",
      name: "LegacyUserSettingsParams",
      description: "The body of the deprecated `PUT /users/settings`, which updates the user's personal " +
        "settings. The reference does not show its body; its replacement, `PUT /users/{userId}`, " +
        "takes a `userSettingsRequest`, so this is the same shape as `UserUpdateLanguageParams`.",
      since: "0.1.0",
      of: "UserUpdateLanguageParams",
    },
    {
      _tag: "Model",
      name: "UserUpdateNameParams",
      description: "The body of `PATCH /users/{userId}` (`userInfo`): the user information you'd like to " +
        "update, that is the user's first and last name. Both optional, at least one required.",
      since: "0.1.0",
      atLeastOneField: "the patch is empty: give at least one field to change",
      fields: {
        firstName: optional(nonEmptyString),
        lastName: optional(nonEmptyString),
      },
    },
    {
      _tag: "Alias",
      name: "UserUpdateInfoParams",
      description: "The body of `PATCH /users/{userId}/info`, which updates the user's first and last name. " +
        "The reference does not show its body, and gives it the same summary as `PATCH " +
        "/users/{userId}`, so this is the same shape as `UserUpdateNameParams` (at least one " +
        "field required).",
      since: "0.1.0",
      of: "UserUpdateNameParams",
    },
  ],
}
