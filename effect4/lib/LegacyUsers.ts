/**
 * The deprecated Users endpoints. They still run in real accounts and in scripts being migrated;
 * each method says what replaces it, and logs one deprecation warning on its first call in the process.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Result, Stream } from "effect"
import * as Client from "./internal/client.ts"
import * as Api from "./QuantiveClient.ts"
import { QuantiveClient, type StreamPage } from "./QuantiveClient.ts"
import { stringProblem } from "../../core/src/jsonValue.ts"
import * as Query from "./internal/request/listQuery.ts"
import * as Paginate from "./internal/paginate.ts"
import { endpoints } from "../../core/src/api/users.ts"
import { LegacyUserCreateParams, LegacyUsersPage } from "./LegacyUser.ts"
import type { ErrorOf, InvalidInput, PaginationError } from "./QuantiveError.ts"
import { LegacyUserSettingsParams, User } from "./User.ts"

/**
 * The query of `LegacyUsers.list` (`GET /v1/accounts/users`).
 *
 * @since 0.1.0
 * @category models
 */
export interface LegacyUserListParams {
  /**
   * A filter in Lucene query syntax, sent as given: `email:…`, `name:…`, `roles:…` (`property:value`; for roles,
   * `roles:roleId1,roleId2`).
   */
  readonly filter?: string | undefined
  /** How many users to skip (the API's default: 0). */
  readonly skip?: number | undefined
  /** The most users to return (the API's default: 100). */
  readonly take?: number | undefined
  /** Include shadowed roles (such as team roles) in each user's `roles`; by default they are left out. */
  readonly includeShadowedRoles?: boolean | undefined
}

/**
 * The query of `LegacyUsers.pages` and `LegacyUsers.stream`.
 *
 * @since 0.1.0
 * @category models
 */
export interface LegacyUserStreamParams {
  /** A filter in Lucene query syntax, sent as given (see `LegacyUserListParams`). */
  readonly filter?: string | undefined
  /** Include shadowed roles (such as team roles) in each user's `roles`. */
  readonly includeShadowedRoles?: boolean | undefined
  /** Users per request (`take`), 2–1000; 100 by default (the API's default). */
  readonly pageSize?: number | undefined
  /** Pages requested at once after the first, 1–16; 1 by default. Users stay in order. */
  readonly concurrency?: number | undefined
  /**
   * Never emit a user twice: the stream keeps the id of every user it emitted (about 7.5 MB per 100 000 ids on Node).
   * Off by default.
   *
   * @since 0.2.0
   */
  readonly distinct?: boolean | undefined
}

/**
 * The options of `LegacyUsers.create`.
 *
 * @since 0.1.0
 * @category models
 */
export interface LegacyUserCreateOptions {
  /** Skip sending the e-mail invitation. */
  readonly skipEmail?: boolean | undefined
}

/**
 * A page as `LegacyUsers.pages` emits it: the users not emitted before, the collection's size when it was read, and
 * where.
 *
 * @since 0.1.0
 * @category models
 */
export type LegacyUsersStreamPage = StreamPage<User>

/**
 * The errors of `LegacyUsers.create`: it documents only 401 and 429, both universal.
 *
 * @since 0.1.0
 * @category errors
 */
export type LegacyUserCreateError = ErrorOf<typeof endpoints.legacyCreate>

/**
 * @since 0.1.0
 * @category errors
 */
export type LegacyUserListError = ErrorOf<typeof endpoints.legacyList>

/**
 * The errors of `LegacyUsers.pages` and `LegacyUsers.stream`: those of `list`, plus `PaginationError`.
 *
 * @since 0.1.0
 * @category errors
 */
export type LegacyUserStreamError = LegacyUserListError | PaginationError

/**
 * The errors of `LegacyUsers.passwordPolicy`: it documents only 200, so just the universal ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type LegacyUserPasswordPolicyError = ErrorOf<typeof endpoints.legacyPasswordPolicy>

/**
 * @since 0.1.0
 * @category errors
 */
export type LegacyUserUpdateSettingsError = ErrorOf<typeof endpoints.legacyUpdateSettings>

/**
 * @since 0.1.0
 * @category models
 */
export interface LegacyUsersService {
  /**
   * Creates a single user; answers 201 with the user. `skipEmail` skips the e-mail invitation.
   *
   * `POST /v1/users` (with one user object as the body)
   *
   * @deprecated Deprecated since 2022-05-30: use `Users.create([user])` (`POST /users` with an array of users).
   */
  readonly create: (
    user: LegacyUserCreateParams,
    options?: LegacyUserCreateOptions,
  ) => Effect.Effect<User, LegacyUserCreateError>
  /**
   * Gets the users of the account, filtered with a Lucene query and paged with `skip`/`take`.
   *
   * `GET /v1/accounts/users`
   *
   * @deprecated Use `Users.list` (`GET /v2/users`).
   */
  readonly list: (query?: LegacyUserListParams) => Effect.Effect<LegacyUsersPage, LegacyUserListError>
  /**
   * Every matching user, page by page, pulled lazily, with `concurrency` pages in flight (in order); no user is
   * emitted twice and none present throughout is skipped while the collection shifts.
   *
   * The endpoint takes no `sort`: the stream relies on the server answering in ascending id order (MongoDB's default
   * `_id` order) and checks it; a server that answers in another order fails the stream with `PaginationError`
   * (`OrderMismatch`) rather than losing or repeating users.
   *
   * `GET /v1/accounts/users`, page after page
   *
   * @deprecated Use `Users.pages` (`GET /v2/users`).
   */
  readonly pages: (query?: LegacyUserStreamParams) => Stream.Stream<LegacyUsersStreamPage, LegacyUserStreamError>
  /**
   * `pages`, one user at a time, in ascending id order (see `pages` for the order it relies on).
   *
   * @deprecated Use `Users.stream` (`GET /v2/users`).
   */
  readonly stream: (query?: LegacyUserStreamParams) => Stream.Stream<User, LegacyUserStreamError>
  /**
   * Gets the password policy for the current authenticated user, as the plain text the service returns.
   *
   * `GET /v1/users/password/{clientId}/policy`
   *
   * @deprecated Deprecated with no documented replacement.
   */
  readonly passwordPolicy: (clientId: string) => Effect.Effect<string, LegacyUserPasswordPolicyError>
  /**
   * Updates the personal settings of the token's user.
   *
   * `PUT /v1/users/settings`
   *
   * @deprecated Use `Users.updateLanguage(userId, settings)` (`PUT /users/{userId}`).
   */
  readonly updateSettings: (settings: LegacyUserSettingsParams) => Effect.Effect<void, LegacyUserUpdateSettingsError>
}

/** The stream's order: ascending id, the order the endpoint is assumed to answer in (it takes no sort). */
const byId = Query.comparator(Result.getOrThrow(Query.parseSort("_id")))

const LIST_PATH = "/v1/accounts/users"

/** The options of `list`, each checked for its type before it is read (a plain-JS caller may pass anything). */
const LIST_OPTIONS: Readonly<Record<string, Client.OptionCheck>> = {
  filter: Client.checks.string,
  skip: Client.checks.number,
  take: Client.checks.number,
  includeShadowedRoles: Client.checks.boolean,
}

/** The options of `pages` and `stream`. */
const STREAM_OPTIONS: Readonly<Record<string, Client.OptionCheck>> = {
  filter: Client.checks.string,
  includeShadowedRoles: Client.checks.boolean,
  pageSize: Client.checks.number,
  concurrency: Client.checks.number,
  distinct: Client.checks.boolean,
}

const make: Effect.Effect<LegacyUsersService, never, QuantiveClient> = Effect.map(
  QuantiveClient,
  (client): LegacyUsersService => {
    const invalid = (operation: string, field: string, problem: string): Effect.Effect<never, InvalidInput> =>
      client.invalidInput({ operation, method: "GET", path: LIST_PATH, field, problem })

    /** The `InvalidInput` of a list query that cannot be sent, or undefined. */
    const listProblem = (query: LegacyUserListParams): Effect.Effect<never, InvalidInput> | undefined => {
      const problem = Client.optionsProblem(query, LIST_OPTIONS, "query")
      if (problem !== undefined) return invalid("LegacyUsers.list", problem.field, problem.problem)
      if (query.filter !== undefined && typeof query.filter !== "string") {
        return invalid("LegacyUsers.list", "filter", "filter must be a Lucene query string")
      }
      const filterProblem = query.filter === undefined ? undefined : stringProblem(query.filter)
      if (filterProblem !== undefined) return invalid("LegacyUsers.list", "filter", `filter: ${filterProblem}`)
      for (const name of ["skip", "take"] as const) {
        const value = query[name]
        if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
          return invalid("LegacyUsers.list", name, `${name} must be a non-negative integer`)
        }
      }
      return undefined
    }

    const list = (query: LegacyUserListParams = {}): Effect.Effect<LegacyUsersPage, LegacyUserListError> =>
      listProblem(query) ??
        client.execute(endpoints.legacyList, Api.json(LegacyUsersPage), listInput(query))

    /** `list`, decoding the page when the inner effect runs (every page of a stream). */
    const listLater = (query: LegacyUserListParams) =>
      listProblem(query) ?? Client.sendPage(client, endpoints.legacyList, LegacyUsersPage, listInput(query))

    const listInput = (query: LegacyUserListParams) => ({
      query: {
        filter: query.filter === undefined || query.filter.trim() === "" ? undefined : query.filter,
        skip: query.skip,
        take: query.take,
        includeShadowedRoles: query.includeShadowedRoles,
      },
    })

    const pages = (query: LegacyUserStreamParams = {}): Stream.Stream<LegacyUsersStreamPage, LegacyUserStreamError> => {
      const problem = Client.optionsProblem(query, STREAM_OPTIONS, "query")
      if (problem !== undefined) return Stream.fromEffect(invalid("LegacyUsers.stream", problem.field, problem.problem))
      const options = Paginate.streamOptions(query)
      if (Result.isFailure(options)) {
        return Stream.fromEffect(invalid("LegacyUsers.stream", options.failure.field, options.failure.problem))
      }
      const { concurrency, distinct, pageSize } = options.success
      const base: LegacyUserListParams = {
        filter: query.filter,
        includeShadowedRoles: query.includeShadowedRoles,
      }
      return Paginate.pages({
        fetchLater: (skip, take) => listLater({ ...base, skip, take }),
        compare: byId,
        idOf: (user: User) => user.id,
        pageSize,
        concurrency,
        distinct,
        operation: "LegacyUsers.stream",
        method: "GET",
        path: LIST_PATH,
      })
    }

    return {
      create: (user, options) =>
        Client.withOptions(
          client,
          endpoints.legacyCreate,
          options,
          { skipEmail: Client.checks.boolean },
          (o) =>
            client.execute(endpoints.legacyCreate, Api.json(User), {
              query: { skipEmail: o.skipEmail },
              body: Api.body(LegacyUserCreateParams, user),
            }),
        ),
      list,
      pages,
      stream: (query) => Stream.flattenArray(Stream.map(pages(query), Paginate.nonEmptyItems)),
      passwordPolicy: (clientId) => client.execute(endpoints.legacyPasswordPolicy, Api.text, { params: { clientId } }),
      updateSettings: (settings) =>
        client.execute(endpoints.legacyUpdateSettings, Api.empty, {
          body: Api.body(LegacyUserSettingsParams, settings),
        }),
    }
  },
)

const LegacyUsersTag: Context.ServiceClass<LegacyUsers, "@effect-quantive/client/LegacyUsers", LegacyUsersService> =
  Context.Service<
    LegacyUsers,
    LegacyUsersService
  >()("@effect-quantive/client/LegacyUsers")

/**
 * The deprecated Users endpoints: `const legacy = yield* LegacyUsers`. `Quantive.layer` provides it.
 *
 * @since 0.1.0
 * @category tags
 */
export class LegacyUsers extends LegacyUsersTag {
  /**
   * @since 0.1.0
   * @category constructors
   */
  static readonly make: Effect.Effect<LegacyUsersService, never, QuantiveClient> = make
  /**
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<LegacyUsers, never, QuantiveClient> = Layer.fresh(Layer.effect(LegacyUsers, make))
}
