/**
 * The Users endpoints: list with filter, sort, paging and typed field projection; `pages` and `stream`
 * that never lose or repeat a user while the collection shifts; single-user reads and updates; bulk activation,
 * deactivation, deletion, invitations and role changes.
 *
 * @since 0.1.0
 */
import { Chunk, Context, Effect, Either, Layer, Schema, Stream } from "effect"
import * as Client from "./internal/client.ts"
import * as Api from "./QuantiveClient.ts"
import { QuantiveClient, type StreamPage } from "./QuantiveClient.ts"
import { stringProblem } from "../core/src/jsonValue.ts"
import * as Query from "./internal/request/listQuery.ts"
import * as Paginate from "./internal/paginate.ts"
import { NonEmpty } from "./internal/schema.ts"
import { userFields } from "./internal/userFields.ts"
import type { ErrorOf, InvalidInput, PaginationError } from "./QuantiveError.ts"
import {
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
import { endpoints } from "../core/src/api/users.ts"

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
 * { isActive: true, email: { $in: ["a@x.com", "b@x.com"] } }
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
export const DEFAULT_SORT = "dateCreated,_id"

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

/**
 * Why a list of ids cannot be joined into one query value (`ids=a,b`), or undefined: each id must be a non-empty string
 * without the separator (an id holding a comma would reach the server as two ids) and encodable (no lone surrogate).
 */
const idListProblem = (ids: ReadonlyArray<string>, name: string): string | undefined => {
  if (!Array.isArray(ids) || ids.length === 0) return "give at least one non-empty role id"
  for (let i = 0; i < ids.length; i++) {
    const id: unknown = ids[i]
    if (typeof id !== "string" || id.trim() === "") return "give at least one non-empty role id"
    if (id.includes(",")) {
      return `${name}[${i}] contains a comma, which separates the ids in the query: it would be sent as two ids`
    }
    const problem = stringProblem(id)
    if (problem !== undefined) return `${name}[${i}]: ${problem}`
  }
  return undefined
}

const FORMATTING = Client.checks.oneOf("mentionsMarkup", "plainText")

/** The options of `list`, each checked for its type before it is read (a plain-JS caller may pass anything). */
const LIST_OPTIONS: Readonly<Record<string, Client.OptionCheck>> = {
  fields: Client.checks.array,
  sort: Client.checks.string,
  skip: Client.checks.number,
  take: Client.checks.number,
  limit: Client.checks.number,
  formatting: FORMATTING,
}

/** The options of `pages` and `stream`. */
const STREAM_OPTIONS: Readonly<Record<string, Client.OptionCheck>> = {
  fields: Client.checks.array,
  sort: Client.checks.string,
  formatting: FORMATTING,
  pageSize: Client.checks.number,
  concurrency: Client.checks.number,
  distinct: Client.checks.boolean,
}

const Ids = Schema.NonEmptyArray(NonEmpty).annotations({ message: () => "give at least one non-empty id" })

const Page = (item: Schema.Schema<any, any, never>): Schema.Schema<any, any, never> =>
  Schema.Struct({ items: Schema.Array(item), totalCount: Schema.Number })

const FullPage = Page(User)

/** Page schemas of projections, built once per set of fields (so their compiled decoders are built once too). */
const pageCache = new Map<string, Schema.Schema<any, any, never>>()

/** The page decoder of a projection: just those fields and `id` (and the sort's fields, kept for the stream's order). */
const projectedPage = (fields: ReadonlyArray<string> | undefined): Schema.Schema<any, any, never> => {
  if (fields === undefined) return FullPage
  const key = [...new Set(fields)].sort().join(",")
  let schema = pageCache.get(key)
  if (schema === undefined) {
    const picked: Record<string, Schema.Struct.Field> = { id: userFields.id }
    for (const field of fields) {
      const f = (userFields as unknown as Record<string, Schema.Struct.Field>)[field]
      if (f !== undefined) picked[field] = f
    }
    schema = Page(Schema.Struct(picked) as unknown as Schema.Schema<any, any, never>)
    pageCache.set(key, schema)
  }
  return schema
}

const make: Effect.Effect<UsersService, never, QuantiveClient> = Effect.map(
  QuantiveClient,
  (client): UsersService => {
    const invalid = (operation: string, field: string, problem: string): Effect.Effect<never, InvalidInput> =>
      client.invalidInput({ operation, method: "GET", path: "/v2/users", field, problem })

    const fieldsParam = (fields: ReadonlyArray<string> | undefined) => {
      if (fields === undefined) return Either.right(undefined)
      if (!Array.isArray(fields)) return Either.left("fields must be an array of user field names")
      const unknown = fields.filter((f) => typeof f !== "string" || !Object.hasOwn(userFields, f)).map(String)
      if (unknown.length > 0) return Either.left(`unknown user fields: ${unknown.join(", ")}`)
      if (fields.length === 0) return Either.left("give at least one field, or leave fields out")
      return Either.right(fields.join(","))
    }

    /** The checked request of `list`, or the field that is wrong. */
    const listRequest = (query: UserListParams<any>) => {
      const problem = Client.optionsProblem(query, LIST_OPTIONS, "query")
      if (problem !== undefined) return Either.left(problem)
      const fields = fieldsParam(query.fields)
      if (Either.isLeft(fields)) return Either.left({ field: "fields", problem: fields.left })
      const filter = Query.encodeFilter(query.filter)
      if (Either.isLeft(filter)) return Either.left({ field: "filter", problem: filter.left })
      if (query.sort !== undefined) {
        const sort = Query.parseSort(query.sort)
        if (Either.isLeft(sort)) return Either.left({ field: "sort", problem: String(sort.left) })
      }
      for (const name of ["skip", "take", "limit"] as const) {
        const value = query[name]
        if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
          return Either.left({ field: name, problem: `${name} must be a non-negative integer` })
        }
      }
      return Either.right({
        schema: projectedPage(query.fields),
        input: {
          query: {
            fields: fields.right,
            filter: filter.right,
            sort: query.sort,
            skip: query.skip,
            take: query.take,
            limit: query.limit,
            formatting: query.formatting,
          },
        },
      })
    }

    const list = (query: UserListParams<any> = {}) => {
      const request = listRequest(query)
      if (Either.isLeft(request)) return invalid("Users.list", request.left.field, request.left.problem)
      return client.execute(endpoints.list, Api.json(request.right.schema), request.right.input)
    }

    /** `list`, decoding the page when the inner effect runs (every page of a stream). */
    const listLater = (query: UserListParams<any>) => {
      const request = listRequest(query)
      if (Either.isLeft(request)) return invalid("Users.list", request.left.field, request.left.problem)
      return Client.sendPage(client, endpoints.list, request.right.schema, request.right.input)
    }

    const pages = (query: UserStreamParams<any> = {}): Stream.Stream<UsersStreamPage<any>, UserStreamError> => {
      const problem = Client.optionsProblem(query, STREAM_OPTIONS, "query")
      if (problem !== undefined) return Stream.fromEffect(invalid("Users.stream", problem.field, problem.problem))
      const options = Paginate.streamOptions(query)
      if (Either.isLeft(options)) {
        return Stream.fromEffect(invalid("Users.stream", options.left.field, options.left.problem))
      }
      const { concurrency, distinct, pageSize } = options.right
      const sort = Query.stableSort(query.sort, DEFAULT_SORT)
      if (Either.isLeft(sort)) return Stream.fromEffect(invalid("Users.stream", "sort", sort.left))
      const keys = Either.getOrThrow(Query.parseSort(sort.right))
      const fields = query.fields === undefined
        ? undefined
        : [...new Set([...query.fields, ...Query.sortFields(keys).filter((f) => f !== "id")])]
      const base: UserListParams<any> = {
        filter: query.filter,
        sort: sort.right,
        ...(fields === undefined ? {} : { fields }),
        ...(query.formatting === undefined ? {} : { formatting: query.formatting }),
      }
      return Paginate.pages({
        fetchLater: (skip, take) => listLater({ ...base, skip, take }),
        compare: Query.comparator(keys),
        idOf: (user: { readonly id: string }) => user.id,
        pageSize,
        concurrency,
        distinct,
        operation: "Users.stream",
        method: "GET",
        path: "/v2/users",
      })
    }

    const body = <A, I>(schema: Schema.Schema<A, I, never>, value: A) => ({ body: Api.body(schema, value) })

    return {
      list: list as UsersService["list"],
      pages: pages as UsersService["pages"],
      stream:
        ((query?: UserStreamParams<any>) =>
          Stream.mapConcatChunk(pages(query), (page) => Chunk.unsafeFromArray(page.items))) as UsersService["stream"],
      get: (userId, options) =>
        Client.withOptions(
          client,
          endpoints.get,
          options,
          { formatting: FORMATTING },
          ({ formatting }) =>
            client.execute(endpoints.get, Api.json(User), { params: { userId }, query: { formatting } }),
        ),
      managers: (userId) => client.execute(endpoints.managers, Api.json(UserManagers), { params: { userId } }),
      create: (users) =>
        client.execute(
          endpoints.create,
          Api.json(UsersPage),
          body(Schema.NonEmptyArray(UserCreateParams), users as never),
        ),
      activate: (userIds) =>
        client.execute(endpoints.activate, Api.json(BulkActivationResult), body(Ids, userIds as never)),
      deactivate: (userIds) =>
        client.execute(endpoints.deactivate, Api.json(BulkActivationResult), body(Ids, userIds as never)),
      removeMany: (userIds) =>
        client.execute(endpoints.removeMany, Api.json(BulkDeleteResult), body(Ids, userIds as never)),
      sendInvitations: (userIds) => client.execute(endpoints.sendInvitations, Api.empty, body(Ids, userIds as never)),
      updateRoles: (request) =>
        client.execute(endpoints.updateRoles, Api.json(BulkRolesResult), body(UserUpdateRolesParams, request)),
      assignRole: (userId, request) =>
        client.execute(endpoints.assignRole, Api.empty, {
          params: { userId },
          ...body(UserAssignRoleParams, request),
        }),
      sendChangePasswordEmail: (userId) =>
        client.execute(endpoints.sendChangePasswordEmail, Api.empty, { params: { userId } }),
      updateLanguage: (userId, settings) =>
        client.execute(endpoints.updateLanguage, Api.empty, {
          params: { userId },
          ...body(UserUpdateLanguageParams, settings),
        }),
      updateName: (userId, info) =>
        client.execute(endpoints.updateName, Api.empty, { params: { userId }, ...body(UserUpdateNameParams, info) }),
      updateInfo: (userId, info) =>
        client.execute(endpoints.updateInfo, Api.empty, { params: { userId }, ...body(UserUpdateInfoParams, info) }),
      remove: (id) => client.execute(endpoints.remove, Api.empty, { params: { id } }),
      removeRole: (userId, roleId) => client.execute(endpoints.removeRole, Api.empty, { params: { userId, roleId } }),
      removeRoles: (userId, roleIds) => {
        const problem = idListProblem(roleIds, "roleIds")
        if (problem !== undefined) {
          return client.invalidInput({
            operation: "Users.removeRoles",
            method: "DELETE",
            path: "/v1/users/{userId}/roles",
            field: "roleIds",
            problem,
          })
        }
        return client.execute(endpoints.removeRoles, Api.empty, {
          params: { userId },
          query: { ids: roleIds.join(",") },
        })
      },
    }
  },
)

const UsersTag: Context.TagClass<Users, "@effect-quantive/client/Users", UsersService> = Context.Tag(
  "@effect-quantive/client/Users",
)<Users, UsersService>()

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
  static readonly layer: Layer.Layer<Users, never, QuantiveClient> = Layer.effect(Users, make)
}
