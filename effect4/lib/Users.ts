/**
 * The Users endpoints: list with filter, sort, paging and typed field projection; `pages` and `stream`
 * that never lose or repeat a user while the collection shifts; single-user reads and updates; bulk activation,
 * deactivation, deletion, invitations and role changes.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, type Stream } from "effect"
import { QuantiveClient, type StreamPage } from "./QuantiveClient.ts"
import * as internal from "./internal/users/service.ts"
import type { ErrorOf, PaginationError } from "./QuantiveError.ts"
import type {
  BulkActivationResult,
  BulkDeleteResult,
  BulkRolesResult,
  User,
  UserAssignRoleParams,
  UserCreateParams,
  UserManagers,
  UsersPage,
  UserUpdateInfoParams,
  UserUpdateLanguageParams,
  UserUpdateNameParams,
  UserUpdateRolesParams,
} from "./User.ts"
import type { endpoints } from "../../core/src/api/users.ts"

/**
 * `"mentionsMarkup"` (the default: `@[John Smith:john.smith@okrs.tech:602a…]`) or `"plainText"` (`@John Smith`).
 *
 * @since 0.1.0
 * @category models
 */
export type Formatting = "mentionsMarkup" | "plainText"

/**
 * A field of the user object, for `fields` projections and sorts.
 *
 * @since 0.1.0
 * @category models
 */
export type UserField = keyof User & string

type Scalar = string | number | boolean | null

type Condition<T> = T extends Scalar ? T | { readonly $in: ReadonlyArray<T> } : never

/**
 * A typed Mongo-style filter on the user's scalar fields: equality, or `$in`. `id` is sent as `_id`.
 *
 * ```ts
 * import type { UserFilter } from "@effect-quantive/client"
 *
 * const activeOrInvited: UserFilter = { isActive: true, email: { $in: ["a@x.com", "b@x.com"] } }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type UserFilter = { readonly [K in UserField]?: Condition<NonNullable<User[K]>> }

/**
 * A user narrowed to the projected fields (and `id`), or the whole user when no projection is given.
 *
 * @since 0.1.0
 * @category models
 */
export type ProjectedUser<F extends ReadonlyArray<UserField> | undefined> = [F] extends [ReadonlyArray<UserField>]
  ? Pick<User, F[number] | "id">
  : User

/**
 * The query of `Users.list`.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserListParams<F extends ReadonlyArray<UserField> | undefined = undefined> {
  /** Projection: only these fields (and `id`) are returned, decoded and typed. */
  readonly fields?: F
  /** A typed filter, or a raw Mongo JSON string. */
  readonly filter?: UserFilter | string | undefined
  /** `dateCreated`, `-dateCreated`, comma-separated keys. */
  readonly sort?: string | undefined
  readonly skip?: number | undefined
  readonly take?: number | undefined
  /** The API's `limit`: the most items the query returns. */
  readonly limit?: number | undefined
  readonly formatting?: Formatting | undefined
}

/**
 * The query of `Users.pages` and `Users.stream`.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserStreamParams<F extends ReadonlyArray<UserField> | undefined = undefined> {
  readonly fields?: F
  readonly filter?: UserFilter | string | undefined
  /** The order of the stream; `DEFAULT_SORT` by default. `_id` is appended when absent, so the order is total. */
  readonly sort?: string | undefined
  readonly formatting?: Formatting | undefined
  /** Users per request (`take`), 2–1000; 100 by default (the API's default). */
  readonly pageSize?: number | undefined
  /** Pages requested at once after the first, 1–16; 1 by default. Items stay in order. */
  readonly concurrency?: number | undefined
  /**
   * Never emit a user twice, even when a user's sort key changes during the stream: the stream keeps the id of every
   * user it emitted (about 7.5 MB per 100 000 ids on Node). Off by default. A user whose sort key changes may still be
   * missed (see the README).
   *
   * @since 0.2.0
   */
  readonly distinct?: boolean | undefined
}

/**
 * The sort a stream uses when none is given: creation date, then id.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_SORT: "dateCreated,_id" = internal.DEFAULT_SORT

/**
 * A page as `Users.pages` emits it: the users not emitted before, the collection's size when it was read, and where.
 *
 * @since 0.1.0
 * @category models
 */
export type UsersStreamPage<A> = StreamPage<A>

/**
 * @since 0.1.0
 * @category errors
 */
export type UserListError = ErrorOf<typeof endpoints.list>

/**
 * The errors of `Users.pages` and `Users.stream`: those of `list`, plus `PaginationError`.
 *
 * @since 0.1.0
 * @category errors
 */
export type UserStreamError = UserListError | PaginationError

/** @since 0.1.0 @category errors */
export type UserGetError = ErrorOf<typeof endpoints.get>
/** @since 0.1.0 @category errors */
export type UserManagersError = ErrorOf<typeof endpoints.managers>
/** @since 0.1.0 @category errors */
export type UserCreateError = ErrorOf<typeof endpoints.create>
/** @since 0.1.0 @category errors */
export type UserBulkError = ErrorOf<typeof endpoints.activate>
/** @since 0.1.0 @category errors */
export type UserRemoveManyError = ErrorOf<typeof endpoints.removeMany>
/** @since 0.1.0 @category errors */
export type UserSendInvitationsError = ErrorOf<typeof endpoints.sendInvitations>
/** @since 0.1.0 @category errors */
export type UserAssignRoleError = ErrorOf<typeof endpoints.assignRole>
/** @since 0.1.0 @category errors */
export type UserSendChangePasswordEmailError = ErrorOf<typeof endpoints.sendChangePasswordEmail>
/** @since 0.1.0 @category errors */
export type UserUpdateLanguageError = ErrorOf<typeof endpoints.updateLanguage>
/** @since 0.1.0 @category errors */
export type UserUpdateNameError = ErrorOf<typeof endpoints.updateName>
/** @since 0.1.0 @category errors */
export type UserRemoveError = ErrorOf<typeof endpoints.remove>
/** @since 0.1.0 @category errors */
export type UserRemoveRoleError = ErrorOf<typeof endpoints.removeRole>
/** @since 0.1.0 @category errors */
export type UserRemoveRolesError = ErrorOf<typeof endpoints.removeRoles>

/**
 * @since 0.1.0
 * @category models
 */
export interface UsersService {
  /**
   * Loads users with filter, sort, paging (`skip`/`take`/`limit`) and field projection. With `fields`, each item holds
   * just those fields and `id`, and is typed so.
   *
   * `GET /v2/users`
   */
  readonly list: {
    <const F extends ReadonlyArray<UserField>>(
      query: UserListParams<F> & { readonly fields: F },
    ): Effect.Effect<UsersPage<Pick<User, F[number] | "id">>, UserListError>
    (query?: UserListParams): Effect.Effect<UsersPage<User>, UserListError>
  }
  /**
   * Every matching user, page by page, pulled lazily: a stable sort is always sent, no user is emitted twice and none
   * present throughout is skipped while the collection shifts, and `concurrency` pages may be in flight (in order).
   */
  readonly pages: {
    <const F extends ReadonlyArray<UserField>>(
      query: UserStreamParams<F> & { readonly fields: F },
    ): Stream.Stream<UsersStreamPage<Pick<User, F[number] | "id">>, UserStreamError>
    (query?: UserStreamParams): Stream.Stream<UsersStreamPage<User>, UserStreamError>
  }
  /** `pages`, one user at a time. */
  readonly stream: {
    <const F extends ReadonlyArray<UserField>>(
      query: UserStreamParams<F> & { readonly fields: F },
    ): Stream.Stream<Pick<User, F[number] | "id">, UserStreamError>
    (query?: UserStreamParams): Stream.Stream<User, UserStreamError>
  }
  /** Gets a single user by id. `GET /v1/users/{userId}` */
  readonly get: (userId: string, options?: { readonly formatting?: Formatting }) => Effect.Effect<User, UserGetError>
  /**
   * The ids of the managers of the teams the user belongs to (where the user is not the manager).
   * `GET /v1/users/{userId}/managers`
   */
  readonly managers: (userId: string) => Effect.Effect<UserManagers, UserManagersError>
  /** Creates one or more users; answers 201 with them. `POST /v1/users` */
  readonly create: (users: ReadonlyArray<UserCreateParams>) => Effect.Effect<UsersPage<User>, UserCreateError>
  /** Bulk activation; the result tells which ids succeeded. `POST /v1/users/activate` */
  readonly activate: (userIds: ReadonlyArray<string>) => Effect.Effect<BulkActivationResult, UserBulkError>
  /** Bulk deactivation; the result tells which ids succeeded. `POST /v1/users/deactivate` */
  readonly deactivate: (userIds: ReadonlyArray<string>) => Effect.Effect<BulkActivationResult, UserBulkError>
  /** Bulk delete; the result tells which ids succeeded. `POST /v1/users/delete` */
  readonly removeMany: (userIds: ReadonlyArray<string>) => Effect.Effect<BulkDeleteResult, UserRemoveManyError>
  /** Sends invitation emails to the users. `POST /v1/users/invitations` */
  readonly sendInvitations: (userIds: ReadonlyArray<string>) => Effect.Effect<void, UserSendInvitationsError>
  /** Sets the roles of many users at once. `POST /v1/users/roles` */
  readonly updateRoles: (request: UserUpdateRolesParams) => Effect.Effect<BulkRolesResult, UserBulkError>
  /** Assigns a single role to a user. `POST /v1/users/{userId}/roles` */
  readonly assignRole: (userId: string, request: UserAssignRoleParams) => Effect.Effect<void, UserAssignRoleError>
  /** Sends the user a reset-password link. `POST /v1/users/{userId}/send-change-password-email` */
  readonly sendChangePasswordEmail: (userId: string) => Effect.Effect<void, UserSendChangePasswordEmailError>
  /** Updates the user's language and notification settings. `PUT /v1/users/{userId}` */
  readonly updateLanguage: (
    userId: string,
    settings: UserUpdateLanguageParams,
  ) => Effect.Effect<void, UserUpdateLanguageError>
  /** Updates the user's first and last name. `PATCH /v1/users/{userId}` */
  readonly updateName: (userId: string, info: UserUpdateNameParams) => Effect.Effect<void, UserUpdateNameError>
  /** Updates the user's first and last name. `PATCH /v1/users/{userId}/info` */
  readonly updateInfo: (userId: string, info: UserUpdateInfoParams) => Effect.Effect<void, UserUpdateNameError>
  /** Deletes a user. `DELETE /v1/accounts/user/{id}` */
  readonly remove: (id: string) => Effect.Effect<void, UserRemoveError>
  /** Removes one role from a user. `DELETE /v1/users/{userId}/roles/{roleId}` */
  readonly removeRole: (userId: string, roleId: string) => Effect.Effect<void, UserRemoveRoleError>
  /** Removes several roles from a user. `DELETE /v1/users/{userId}/roles?ids=…` */
  readonly removeRoles: (userId: string, roleIds: ReadonlyArray<string>) => Effect.Effect<void, UserRemoveRolesError>
}

const make: Effect.Effect<UsersService, never, QuantiveClient> = Effect.map(QuantiveClient, (client): UsersService => {
  const service = internal.make(client)
  return {
    ...service,
    list: service.list as UsersService["list"],
    pages: service.pages as UsersService["pages"],
    stream: service.stream as UsersService["stream"],
  }
})

const UsersTag: Context.ServiceClass<Users, "@effect-quantive/client/Users", UsersService> = Context.Service<
  Users,
  UsersService
>()("@effect-quantive/client/Users")

/**
 * The Users service: `const users = yield* Users`. `Quantive.layer` provides it.
 *
 * @since 0.1.0
 * @category tags
 */
export class Users extends UsersTag {
  /**
   * @since 0.1.0
   * @category constructors
   */
  static readonly make: Effect.Effect<UsersService, never, QuantiveClient> = make
  /**
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<Users, never, QuantiveClient> = Layer.fresh(Layer.effect(Users, make))
}
