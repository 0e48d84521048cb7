/**
 * The embedded fake Quantive server: an in-memory implementation of the API with a deterministic, seeded data set,
 * auth and account checks, and fault injection. It serves over a real loopback socket (Node and Deno) or in-process
 * as a `fetch`, so the demo, our tests and your tests run with no account and no network.
 *
 * ```ts
 * import { Effect } from "effect"
 * import { Accounts } from "@effect-quantive/client"
 * import { FakeQuantive } from "@effect-quantive/client/testing"
 *
 * const program = Effect.gen(function* () {
 *   const { fake } = yield* FakeQuantive.FakeServer
 *   const accounts = yield* Accounts
 *   return yield* accounts.get(fake.accountId)
 * })
 * program.pipe(Effect.provide(FakeQuantive.layer()), Effect.runPromise)
 * ```
 *
 * @since 0.1.0
 */
import { FetchHttpClient, type HttpClient } from "effect/http"
import { Context, Effect, Layer } from "effect"
import type { Account } from "./Account.ts"
import { accountRoutes, type AccountsState } from "../../core/src/fake/accounts.ts"
import { badgeRoutes, type BadgesState, makeBadgesState } from "../../core/src/fake/badges.ts"
import {
  FakeCore,
  type Fault,
  type FaultOptions,
  type RateLimit,
  type RecordedRequest,
  type RouteHandler,
  type RouteRequest,
  type RouteResponse,
} from "../../core/src/fake/core.ts"
import { makeAccount, objectId, prng, TAKEN_DOMAINS } from "../../core/src/fake/data.ts"
import { deprecatedRoutes, type DeprecatedState, makeDeprecatedState } from "../../core/src/fake/deprecated.ts"
import { makeFetch } from "../../core/src/fake/inProcess.ts"
import { listen as listenSocket } from "../../core/src/fake/socket.ts"
import {
  type FakeRole,
  type FakeUser,
  makeRoles,
  makeUsers,
  userRoutes,
  type UsersState,
} from "../../core/src/fake/users.ts"
import * as Quantive from "./Quantive.ts"

export type {
  BadgesState,
  DeprecatedState,
  FakeRole,
  FakeUser,
  Fault,
  FaultOptions,
  RateLimit,
  RecordedRequest,
  RouteHandler,
  RouteRequest,
  RouteResponse,
}

/**
 * What a `beforeList` hook is told: the page about to be answered.
 *
 * @since 0.1.0
 * @category models
 */
export interface ListRequest {
  readonly skip: number
  readonly take: number
  readonly query: URLSearchParams
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Seeds the data set: the same seed gives the same account, ids and users. Default 1. */
  readonly seed?: number
  /** The token the fake accepts. Default: derived from the seed. */
  readonly token?: string
  /** The account id the fake serves. Default: the seeded account's id. */
  readonly accountId?: string
  /** Domains that are taken besides the account's own. */
  readonly takenDomains?: ReadonlyArray<string>
  /** How many users the account has (deterministic for a seed). Default 25. */
  readonly users?: number
  /** Latency added to every request. */
  readonly latencyMillis?: number
  /** Answer 429 with `Retry-After` past this rate. */
  readonly rateLimit?: RateLimit
}

/**
 * A running fake: its credentials, its data, what it received, and the fault controls.
 *
 * @since 0.1.0
 * @category models
 */
export interface FakeQuantive {
  readonly token: string
  readonly accountId: string
  /** The account as it is now (updates apply to it). */
  readonly account: Account
  /** Domains `checkDomain` reports as taken (mutable). */
  readonly takenDomains: Set<string>
  /**
   * The account's users, in insertion order (mutable: tests add, remove and replace users, and set their top-level
   * fields; lists see every such change). Many nested values of the seeded users are shared between users (one team
   * object for all its members, one `identities` per connection, …) and frozen, so an edit inside one throws: to
   * change a nested value, replace the top-level field (`user.roles = [...]`), as the API does.
   */
  readonly users: Array<FakeUser>
  /** The roles users can have. */
  readonly roles: ReadonlyArray<FakeRole>
  /** The badges, their assignments and approvals (mutable). */
  readonly badges: BadgesState
  /** The data of the deprecated endpoints: announcements, metrics, goals (mutable). */
  readonly deprecated: DeprecatedState
  /** Called before each `GET /v2/users` page is read: a test changes the collection between pages here. */
  beforeList: ((request: ListRequest) => void) | undefined
  /** Every request received, in order; the bearer token is not recorded, only whether it matched. */
  readonly requests: ReadonlyArray<RecordedRequest>
  /** When true, every authorised request answers 402. */
  paymentRequired: boolean
  /** Latency added to every request. */
  latencyMillis: number
  /** The server-side rate limit, if any. */
  rateLimit: RateLimit | undefined
  /** Arms a fault for the next matching requests (`times`, default 1). */
  inject(fault: Fault, options?: FaultOptions): void
  /** Disarms every fault. */
  clearFaults(): void
  /**
   * Registers a route of your own, for an endpoint the fake does not serve (`GET /v2/goals`,
   * `POST /v1/metrics/{id}/checkin`) or to replace one it does: `path` runs from the version on, `{name}` matches one
   * path segment and reaches the handler decoded in `params`. The request goes through everything a built-in route's
   * does first (the request log, latency, faults, the token and account checks, the rate limit, a 400 for a malformed
   * JSON body); the handler gets the params, the query and the parsed JSON body, and answers a status, a JSON body
   * and headers. Your routes are matched before the built-in ones, the newest first. A handler that throws answers
   * 500. Returns a function that removes the route.
   *
   * @since 0.2.0
   */
  route(method: string, path: string, handler: RouteHandler): () => void
  /** A `fetch` that answers from this fake with no socket. */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>
}

class Fake extends FakeCore implements FakeQuantive {
  readonly accounts: AccountsState
  readonly usersState: UsersState
  readonly badges: BadgesState
  readonly deprecated: DeprecatedState
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>

  constructor(options: Options) {
    const seed = options.seed ?? 1
    const account = makeAccount(seed)
    const accountId = options.accountId ?? account.id
    super({
      token: options.token ?? `fake-token-${objectId(prng(seed ^ 0x5eed))}`,
      accountId,
      latencyMillis: options.latencyMillis,
      rateLimit: options.rateLimit,
    })
    this.accounts = {
      account: { ...account, id: accountId },
      takenDomains: new Set([...TAKEN_DOMAINS, ...(options.takenDomains ?? [])]),
    }
    const roles = makeRoles(seed)
    const ownerId = account.ownerId ?? objectId(prng(seed))
    this.usersState = {
      users: makeUsers(seed, options.users ?? 25, accountId, { ...account, id: accountId, ownerId }, roles),
      roles,
      ownerId,
      version: () => this.version,
    }
    // The account's subscription counts the users the fake serves.
    const count = this.usersState.users.length
    this.accounts.account = {
      ...this.accounts.account,
      subscriptions: (this.accounts.account.subscriptions ?? []).map((sub) => ({
        ...sub,
        usersCount: count,
        signedUsersCount: count,
        usersAllowed: Math.max(sub.usersAllowed ?? 0, count),
        maxUserLimit: Math.max(sub.maxUserLimit ?? 0, count),
      })),
    }
    this.badges = makeBadgesState(seed, this.usersState.users.map((user) => user.id), {
      lookupUser: (id) => this.usersState.users.find((user) => user.id === id),
    })
    this.deprecated = makeDeprecatedState(seed, this.usersState, accountId)
    // Deprecated routes first: they may claim requests (the single-user POST /users) before the current ones.
    this.addRoutes(deprecatedRoutes(this.deprecated, this.usersState))
    // After the deprecated routes: `GET /accounts/users` is not `GET /accounts/{id}`.
    this.addRoutes(accountRoutes(this.accounts))
    this.addRoutes(userRoutes(this.usersState))
    this.addRoutes(badgeRoutes(this.badges))
    this.fetch = makeFetch(this)
  }

  get token() {
    return this.options.token
  }
  get accountId() {
    return this.options.accountId
  }
  get account() {
    return this.accounts.account
  }
  get takenDomains() {
    return this.accounts.takenDomains
  }
  get users() {
    return this.usersState.users
  }
  get roles() {
    return this.usersState.roles
  }
  get beforeList() {
    return this.usersState.beforeList
  }
  set beforeList(hook) {
    this.usersState.beforeList = hook
  }
}

/**
 * Creates a fake with its seeded data set.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): FakeQuantive => new Fake(options)

/**
 * A fake listening on a loopback socket.
 *
 * @since 0.1.0
 * @category models
 */
export interface Listening {
  /** The base URL to give `Quantive.layer` (`http://127.0.0.1:PORT`). */
  readonly baseUrl: string
  readonly port: number
  /** Connections the client closed while the fake still held the request (silence or a dripping body). */
  readonly abandoned: () => number
  readonly close: () => Promise<void>
}

/**
 * Serves a fake over `node:http` on a loopback address (Node and Deno). Only loopback hosts are accepted: `127.0.0.1`
 * (the default, or any address of `127.0.0.0/8`), `::1` and `localhost`; any other host (`0.0.0.0`, `::`, a LAN
 * address, a host name) is refused with a rejected promise before a socket is opened.
 *
 * @since 0.1.0
 * @category constructors
 */
export const listen = async (
  fake: FakeQuantive,
  options: { readonly host?: "127.0.0.1" | "::1" | "localhost"; readonly port?: number } = {},
): Promise<Listening> => {
  const server = await listenSocket(fake as Fake, options.host ?? "127.0.0.1", options.port ?? 0)
  return { baseUrl: server.origin, port: server.port, abandoned: server.abandoned, close: server.close }
}

/**
 * What `FakeServer` holds.
 *
 * @since 0.1.0
 * @category models
 */
export interface Served {
  readonly fake: FakeQuantive
  readonly baseUrl: string
  /** Socket only: connections the client abandoned while the fake held the request. */
  readonly abandoned: () => number
}

const FakeServerKey = "@effect-quantive/client/testing/FakeServer"
type FakeServerClass = Context.ServiceClass<FakeServer, typeof FakeServerKey, Served>
const FakeServerTag: FakeServerClass = Context.Service<FakeServer, Served>()(FakeServerKey)

/**
 * The fake in an Effect context: the fake itself and the base URL that reaches it.
 *
 * @since 0.1.0
 * @category tags
 */
export class FakeServer extends FakeServerTag {}

/** The base URL used in-process: never resolved, since the fake's `fetch` answers every request itself. */
const IN_PROCESS_BASE_URL = "https://fake.quantive.invalid/results/api"

/**
 * A given fake served in-process: provides `FakeServer` and an `HttpClient` (fetch-based) that reaches it with no
 * socket. Use it to keep a handle on the fake outside the layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerInProcessOf = (fake: FakeQuantive): Layer.Layer<FakeServer | HttpClient.HttpClient> =>
  Layer.merge(
    Layer.succeed(FakeServer, { fake, baseUrl: IN_PROCESS_BASE_URL, abandoned: () => 0 }),
    FetchHttpClient.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, fake.fetch as typeof fetch))),
  )

/**
 * A new fake served in-process: provides `FakeServer` and an `HttpClient` (fetch-based) that reaches it with no
 * socket.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerInProcess = (options: Options = {}): Layer.Layer<FakeServer | HttpClient.HttpClient> =>
  Layer.suspend(() => layerInProcessOf(make(options)))

/**
 * A given fake served on a loopback socket for the layer's lifetime. Pair it with an `HttpClient` of your choice
 * (`FetchHttpClient.layer`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerSocketOf = (fake: FakeQuantive): Layer.Layer<FakeServer> =>
  Layer.effect(
    FakeServer,
    Effect.map(
      Effect.acquireRelease(Effect.promise(() => listen(fake)), (server) => Effect.promise(() => server.close())),
      (server) => ({ fake, baseUrl: server.baseUrl, abandoned: server.abandoned }),
    ),
  )

/**
 * A new fake served on a loopback socket for the layer's lifetime. Pair it with an `HttpClient` of your choice
 * (`FetchHttpClient.layer`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerSocket = (options: Options = {}): Layer.Layer<FakeServer> =>
  Layer.suspend(() => layerSocketOf(make(options)))

/**
 * Client options for layers wired to a fake: everything of `Quantive.Options` but the credentials and the URL, which
 * come from the fake.
 *
 * @since 0.1.0
 * @category models
 */
export type ClientOptions = Omit<Quantive.Options, "token" | "accountId" | "region" | "baseUrl">

/**
 * Every Quantive service wired to the fake given by a `FakeServer` layer (its token, account id and URL), with
 * optional client options (a retry policy, timeouts, pacing).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerQuantiveWith = (
  client: ClientOptions = {},
): Layer.Layer<Quantive.Services, never, FakeServer | HttpClient.HttpClient> =>
  Layer.unwrap(
    Effect.map(
      FakeServer,
      ({ baseUrl, fake }) => Quantive.layer({ ...client, token: fake.token, accountId: fake.accountId, baseUrl }),
    ),
  ).pipe(Layer.orDie)

/**
 * Every Quantive service wired to the fake given by a `FakeServer` layer, with the default client options.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerQuantive: Layer.Layer<Quantive.Services, never, FakeServer | HttpClient.HttpClient> = Layer.fresh(
  layerQuantiveWith(),
)

/**
 * Everything a test needs: the fake (`FakeServer`), and every Quantive service talking to it. In-process by default;
 * `{ transport: "socket" }` serves it on a loopback socket and talks to it with `FetchHttpClient`. `client` sets the
 * client's options, e.g. `{ client: { retry: Retry.none } }` so that an injected 503 fails at once.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options & { readonly transport?: "in-process" | "socket"; readonly client?: ClientOptions } = {},
): Layer.Layer<Quantive.Services | FakeServer> =>
  options.transport === "socket"
    ? layerQuantiveWith(options.client).pipe(
      Layer.provideMerge(Layer.merge(layerSocket(options), FetchHttpClient.layer)),
    )
    : layerQuantiveWith(options.client).pipe(Layer.provideMerge(layerInProcess(options)))
