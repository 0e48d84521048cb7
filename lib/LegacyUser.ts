/**
 * The models of the deprecated Users endpoints (seeds 003 and 004). They return the same user as the current
 * endpoints (`userResponse`, the `User` of `User.ts`), so this module only names the deprecated page and body:
 * `LegacyUsersPage` (`GET /accounts/users`) and `LegacyUserCreateParams` (the single-user `POST /users`).
 *
 * @since 0.1.0
 */
import type { Schema } from "effect"
import { type User, UserCreateParams, UsersPage } from "./User.ts"

/**
 * A page of the users in the account (seeds 003/004, `usersResponse`), as the deprecated `GET /accounts/users`
 * answers: users of the same shape as `GET /users/{userId}` returns, and `totalCount`, which counts every user that
 * matches the filter, not just this page.
 *
 * @since 0.1.0
 * @category models
 */
export type LegacyUsersPage = UsersPage<User>

/**
 * @since 0.1.0
 * @category schemas
 */
export const LegacyUsersPage: Schema.Schema<LegacyUsersPage> = UsersPage

/**
 * The body of the deprecated single-user `POST /users` (seeds 003/004, `user`: "the object representing a user"):
 * `email` (required), `firstName`, `lastName`, `language` and `userName` (the login name, usually the e-mail). It is
 * the same shape as one element of the current bulk create's body. `skipEmail` is a query parameter, given apart.
 *
 * @since 0.1.0
 * @category models
 */
export type LegacyUserCreateParams = UserCreateParams

/**
 * @since 0.1.0
 * @category schemas
 */
export const LegacyUserCreateParams: Schema.Schema<LegacyUserCreateParams> = UserCreateParams
