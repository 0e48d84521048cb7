/**
 * The LegacyUser models of the Quantive Results API, described as plain data.
 *
 * @since 0.4.0
 */
import type { ModelModule } from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const legacyUser: ModelModule = {
  module: "LegacyUser",
  description: "The models of the deprecated Users endpoints. They return the same user as the current " +
    "endpoints (`userResponse`, the `User` of `User.ts`), so this module only names the " +
    "deprecated page and body: `LegacyUsersPage` (`GET /accounts/users`) and " +
    "`LegacyUserCreateParams` (the single-user `POST /users`).",
  since: "0.1.0",
  declarations: [
    {
      _tag: "Alias",
      name: "LegacyUsersPage",
      description: "A page of the users in the account (`usersResponse`), as the deprecated `GET " +
        "/accounts/users` answers: users of the same shape as `GET /users/{userId}` returns, and " +
        "`totalCount`, which counts every user that matches the filter, not just this page.",
      since: "0.1.0",
      of: "UsersPage",
      typeArguments: ["User"],
    },
    {
      _tag: "Alias",
      name: "LegacyUserCreateParams",
      description: 'The body of the deprecated single-user `POST /users` (`user`: "the object representing ' +
        'a user"): `email` (required), `firstName`, `lastName`, `language` and `userName` (the ' +
        "login name, usually the e-mail). It is the same shape as one element of the current " +
        "bulk create's body. `skipEmail` is a query parameter, given apart.",
      since: "0.1.0",
      of: "UserCreateParams",
    },
  ],
}
