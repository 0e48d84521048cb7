/**
 * The implementation of the Users service: the checks of each operation's input, the page decoders of field
 * projections, and the requests sent through the client.
 *
 * @internal
 */
import { Chunk, Effect, Either, Schema, Stream } from "effect"
import * as Client from "../client.ts"
import * as Api from "../../QuantiveClient.ts"
import { stringProblem } from "../../../core/src/jsonValue.ts"
import * as Query from "../request/listQuery.ts"
import * as Paginate from "../paginate.ts"
import { NonEmpty } from "../schema.ts"
import { userFields } from "../userFields.ts"
import type { InvalidInput } from "../../QuantiveError.ts"
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
} from "../../User.ts"
import { endpoints } from "../../../core/src/api/users.ts"

/** The sort a stream uses when none is given: creation date, then id. @internal */
export const DEFAULT_SORT = "dateCreated,_id"

/** The query of `list`, as the implementation reads it (the public, typed one is `Users.UserListParams`). */
interface ListQuery {
  readonly fields?: ReadonlyArray<string> | undefined
  readonly filter?: unknown
  readonly sort?: string | undefined
  readonly skip?: number | undefined
  readonly take?: number | undefined
  readonly limit?: number | undefined
  readonly formatting?: string | undefined
}

/** The query of `pages` and `stream`, as the implementation reads it (the public one is `Users.UserStreamParams`). */
interface StreamQuery {
  readonly fields?: ReadonlyArray<string> | undefined
  readonly filter?: unknown
  readonly sort?: string | undefined
  readonly formatting?: string | undefined
  readonly pageSize?: number | undefined
  readonly concurrency?: number | undefined
  readonly distinct?: boolean | undefined
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

/** The operations of the Users service over a client (typed by `Users.UsersService`, which they implement). */
export const make = (client: Api.Service) => {
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
  const listRequest = (query: ListQuery) => {
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

  const list = (query: ListQuery = {}) => {
    const request = listRequest(query)
    if (Either.isLeft(request)) return invalid("Users.list", request.left.field, request.left.problem)
    return client.execute(endpoints.list, Api.json(request.right.schema), request.right.input)
  }

  /** `list`, decoding the page when the inner effect runs (every page of a stream). */
  const listLater = (query: ListQuery) => {
    const request = listRequest(query)
    if (Either.isLeft(request)) return invalid("Users.list", request.left.field, request.left.problem)
    return Client.sendPage(client, endpoints.list, request.right.schema, request.right.input)
  }

  const pages = (query: StreamQuery = {}) => {
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
    const base: ListQuery = {
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
    list,
    pages,
    stream: (query?: StreamQuery) => Stream.mapConcatChunk(pages(query), (page) => Chunk.unsafeFromArray(page.items)),
    get: (userId: string, options?: { readonly formatting?: string }) =>
      Client.withOptions(
        client,
        endpoints.get,
        options,
        { formatting: FORMATTING },
        ({ formatting }) =>
          client.execute(endpoints.get, Api.json(User), { params: { userId }, query: { formatting } }),
      ),
    managers: (userId: string) => client.execute(endpoints.managers, Api.json(UserManagers), { params: { userId } }),
    create: (users: ReadonlyArray<UserCreateParams>) =>
      client.execute(
        endpoints.create,
        Api.json(UsersPage),
        body(Schema.NonEmptyArray(UserCreateParams), users as never),
      ),
    activate: (userIds: ReadonlyArray<string>) =>
      client.execute(endpoints.activate, Api.json(BulkActivationResult), body(Ids, userIds as never)),
    deactivate: (userIds: ReadonlyArray<string>) =>
      client.execute(endpoints.deactivate, Api.json(BulkActivationResult), body(Ids, userIds as never)),
    removeMany: (userIds: ReadonlyArray<string>) =>
      client.execute(endpoints.removeMany, Api.json(BulkDeleteResult), body(Ids, userIds as never)),
    sendInvitations: (userIds: ReadonlyArray<string>) =>
      client.execute(endpoints.sendInvitations, Api.empty, body(Ids, userIds as never)),
    updateRoles: (request: UserUpdateRolesParams) =>
      client.execute(endpoints.updateRoles, Api.json(BulkRolesResult), body(UserUpdateRolesParams, request)),
    assignRole: (userId: string, request: UserAssignRoleParams) =>
      client.execute(endpoints.assignRole, Api.empty, {
        params: { userId },
        ...body(UserAssignRoleParams, request),
      }),
    sendChangePasswordEmail: (userId: string) =>
      client.execute(endpoints.sendChangePasswordEmail, Api.empty, { params: { userId } }),
    updateLanguage: (userId: string, settings: UserUpdateLanguageParams) =>
      client.execute(endpoints.updateLanguage, Api.empty, {
        params: { userId },
        ...body(UserUpdateLanguageParams, settings),
      }),
    updateName: (userId: string, info: UserUpdateNameParams) =>
      client.execute(endpoints.updateName, Api.empty, { params: { userId }, ...body(UserUpdateNameParams, info) }),
    updateInfo: (userId: string, info: UserUpdateInfoParams) =>
      client.execute(endpoints.updateInfo, Api.empty, { params: { userId }, ...body(UserUpdateInfoParams, info) }),
    remove: (id: string) => client.execute(endpoints.remove, Api.empty, { params: { id } }),
    removeRole: (userId: string, roleId: string) =>
      client.execute(endpoints.removeRole, Api.empty, { params: { userId, roleId } }),
    removeRoles: (userId: string, roleIds: ReadonlyArray<string>) => {
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
}
