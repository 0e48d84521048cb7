/**
 * Configuration and wiring: one layer that provides every Quantive service over the user's `HttpClient`.
 *
 * ```ts
 * import { FetchHttpClient } from "effect/http"
 * import { Layer } from "effect"
 * import { Quantive } from "@effect-quantive/client"
 *
 * const live = Quantive.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 */
import type { HttpClient } from "effect/http"
import { dual } from "effect/Function"
import { Config, type Duration, Effect, Layer, type Metric, type Redacted, Stream } from "effect"
import type { Accounts } from "./Accounts.ts"
import type { Announcements } from "./Announcements.ts"
import type { Badges } from "./Badges.ts"
import type { Goals } from "./Goals.ts"
import type { LegacyUsers } from "./LegacyUsers.ts"
import type { Metrics } from "./Metrics.ts"
import type { Users } from "./Users.ts"
import { CallDecode, CallRetry } from "./internal/callSettings.ts"
import * as internal from "./internal/config.ts"
import * as Wiring from "./internal/layer.ts"
import * as PerCall from "./internal/perCall.ts"
import * as Drift from "./internal/response/decode.ts"
import { driftLogOf } from "./internal/client.ts"
import * as Request from "./internal/anyEndpoint.ts"
import * as Paginate from "./internal/paginate.ts"
import type * as QE from "./QuantiveError.ts"
import type {
  DecodeMode,
  DriftReport,
  PaginateOptions,
  RequestOptions,
  ResponseInfo,
  StreamPage,
} from "./QuantiveClient.ts"
import { QuantiveClient } from "./QuantiveClient.ts"
import type * as Retry from "./Retry.ts"

/**
 * A Quantive region: `eu` is `app.quantive.com` (the default), `us` is `app.us.quantive.com`. Any other host, a
 * proxy or the embedded fake server is reached with `baseUrl`.
 *
 * @since 0.1.0
 * @category models
 */
export type Region = internal.Region

/**
 * The API root of each region, without the version.
 *
 * @since 0.1.0
 * @category constants
 */
export const regions: { readonly [R in Region]: string } = internal.regions

/**
 * The default cap on a response body, in bytes (32 MiB).
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_MAX_RESPONSE_BYTES: number = internal.DEFAULT_MAX_RESPONSE_BYTES

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** An API token (Settings → API tokens). Pass it as `Redacted` to keep it out of your own logs too. */
  readonly token: Redacted.Redacted<string> | string
  /** The account id, sent as the `gtmhub-accountId` header. */
  readonly accountId: string
  /** A region preset; `eu` by default. Give either `region` or `baseUrl`. */
  readonly region?: Region | undefined
  /**
   * The API root without the version, e.g. `https://app.quantive.com/results/api`; the client appends `/v1` or
   * `/v2` per endpoint. `http://` is refused except for loopback hosts.
   */
  readonly baseUrl?: string | URL | undefined
  /** The largest response body accepted, in bytes; larger ones fail with `TransportError` ("ResponseTooLarge"). */
  readonly maxResponseBytes?: number | undefined
  /** The retry policy of every call; `Retry.defaultPolicy` by default, `Retry.none` to turn retries off. */
  readonly retry?: Retry.Policy | undefined
  /** The longest one attempt may take, reading the body included; 30 s by default. */
  readonly attemptTimeout?: Duration.Input | undefined
  /** The longest a whole call may take, every attempt and wait included; no limit by default. */
  readonly timeout?: Duration.Input | undefined
  /**
   * Client-side pacing for this account: at most `requests` requests per `per`, to keep a sync under the server's
   * limit. Off by default.
   */
  readonly rateLimit?: { readonly requests: number; readonly per: Duration.Input } | undefined
  /**
   * How response bodies are decoded: `strict` (the default) fails on any field off its schema; `tolerant` drops an
   * optional field whose value is off its schema (reported once per operation and field shape: `[]` for array
   * positions, `*` for record keys; at most 256 shapes), and still fails on a required one. Per call:
   * `Quantive.withDecode`.
   */
  readonly decode?: DecodeMode | undefined
  /**
   * Whether a call made inside a span sends it as W3C `traceparent` (and `b3`), as the platform's `HttpClient` does;
   * `true` by default. Per call: `Effect.locally(HttpClient.currentTracerPropagation, false)`.
   */
  readonly tracerPropagation?: boolean | undefined
}

/**
 * How response bodies are decoded (see `QuantiveClient.DecodeMode`).
 *
 * @since 0.2.0
 * @category models
 */
export type { DecodeMode }

/**
 * Every service `layer` provides: the endpoint groups and the pipeline itself (`QuantiveClient`, for `Quantive.request`).
 *
 * @since 0.1.0
 * @category models
 */
export type Services = Accounts | Users | Badges | LegacyUsers | Announcements | Metrics | Goals | QuantiveClient

/**
 * Provides every Quantive service from explicit options. Needs an `HttpClient.HttpClient`: `FetchHttpClient.layer`
 * works on Deno and Node. Fails with a `ConfigError` naming the option when an option is missing or malformed
 * (an empty token, an unknown region, a non-loopback `http://` URL, a URL that already ends in `/v1`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<Services, Config.ConfigError, HttpClient.HttpClient> =>
  Layer.provideMerge(Wiring.servicesLayer, layerClient(options))

/**
 * The pipeline alone (`QuantiveClient`), from explicit options: what one service's `layer` needs, and what
 * `Quantive.request` and `Quantive.stream` run on.
 *
 * ```ts
 * import { Layer, type Redacted } from "effect"
 * import { Accounts, Quantive } from "@effect-quantive/client"
 *
 * declare const token: Redacted.Redacted<string>
 * declare const accountId: string
 *
 * const accounts = Accounts.layer.pipe(Layer.provide(Quantive.layerClient({ token, accountId })))
 * ```
 *
 * @since 0.2.0
 * @category layers
 */
export const layerClient = (
  options: Options,
): Layer.Layer<QuantiveClient, Config.ConfigError, HttpClient.HttpClient> =>
  Wiring.clientLayer(Effect.succeed({ options, names: internal.optionNames }))

/**
 * The configuration `layerConfig` reads: `QUANTIVE_TOKEN` (as `Config.Redacted`), `QUANTIVE_ACCOUNT_ID`, and
 * optionally `QUANTIVE_REGION` or `QUANTIVE_BASE_URL`, and `QUANTIVE_MAX_RESPONSE_BYTES`.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Options> = Wiring.config

/**
 * Provides every Quantive service from the environment (see `config`). A missing or malformed variable fails with a
 * `ConfigError` naming it.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig: Layer.Layer<Services, Config.ConfigError, HttpClient.HttpClient> = Layer.fresh(
  Layer.provideMerge(Wiring.servicesLayer, Layer.suspend(() => layerClientConfig)),
)

/**
 * The pipeline alone (`QuantiveClient`), from the environment (see `config`).
 *
 * @since 0.2.0
 * @category layers
 */
export const layerClientConfig: Layer.Layer<QuantiveClient, Config.ConfigError, HttpClient.HttpClient> = Layer.fresh(
  Wiring.clientLayer(Effect.map(config, (options) => ({ options, names: internal.envNames }))),
)

/**
 * Runs an effect or a stream with another retry policy for every Quantive call it makes, overriding the layer's.
 * `Quantive.withRetry(Retry.none)` turns retries off for those calls.
 *
 * ```ts
 * import { Effect } from "effect"
 * import { Quantive, Retry, Users } from "@effect-quantive/client"
 *
 * declare const id: string
 *
 * const program = Effect.gen(function* () {
 *   const users = yield* Users
 *   const everyone = users.stream().pipe(Quantive.withRetry(Retry.none))
 *   const user = yield* users.get(id).pipe(Quantive.withRetry(Retry.policy({ maxAttempts: 2 })))
 *   return yield* Quantive.withRetry(users.get(id), Retry.none)
 * })
 * ```
 *
 * A value that is not a policy (`null`, a plain object) fails each call it covers with `InvalidInput` (field
 * `retry`), before anything is sent.
 *
 * @since 0.1.0
 * @category retries
 */
export const withRetry: {
  (policy: Retry.Policy): <X extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(self: X) => X
  <X extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(self: X, policy: Retry.Policy): X
} = dual(2, <X>(self: X, policy: Retry.Policy): X => PerCall.provideSetting(CallRetry, policy)(self))

/**
 * Runs an effect or a stream with another decode mode for every Quantive call it makes, overriding the layer's.
 *
 * ```ts
 * import { Effect } from "effect"
 * import { Quantive, Users } from "@effect-quantive/client"
 *
 * declare const id: string
 *
 * const program = Effect.gen(function* () {
 *   const users = yield* Users
 *   const everyone = users.stream().pipe(Quantive.withDecode("tolerant"))
 *   return yield* Quantive.withDecode(users.get(id), "tolerant")
 * })
 * ```
 *
 * A mode other than `"strict"` or `"tolerant"` fails each call it covers with `InvalidInput` (field `decode`), before
 * anything is sent.
 *
 * @since 0.2.0
 * @category decoding
 */
export const withDecode: {
  (mode: DecodeMode): <X extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(self: X) => X
  <X extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(self: X, mode: DecodeMode): X
} = dual(2, <X>(self: X, mode: DecodeMode): X => PerCall.provideSetting(CallDecode, mode)(self))

/**
 * A drift seen in tolerant mode (see `QuantiveClient.DriftReport`).
 *
 * @since 0.2.0
 * @category decoding
 */
export type { DriftReport }

/**
 * Every drift the client in context (`QuantiveClient`, which `Quantive.layer` provides) has seen so far, by operation
 * and field shape (tolerant mode): array positions as `[]`, record keys as `*`, at most 256 shapes (further new ones
 * counted together as `(other fields)`). Empty where no client built by this package is in context.
 *
 * @since 0.2.0
 * @category decoding
 */
export const decodeDrifts: Effect.Effect<ReadonlyArray<DriftReport>> = Effect.map(
  Effect.serviceOption(QuantiveClient),
  (client) => (client._tag === "Some" ? driftLogOf(client.value)?.snapshot() : undefined) ?? [],
)

/**
 * The counter of drifts (`quantive_decode_drift`, with the attributes `operation` and `field`), for your metrics
 * exporter.
 *
 * @since 0.2.0
 * @category decoding
 */
export const decodeDriftCounter: Metric.Counter<number> = Drift.driftCounter

/**
 * What a successful call's response was: status, request id, headers (redacted), attempts, elapsed time and the
 * parsed rate-limit headers.
 *
 * @since 0.2.0
 * @category models
 */
export type { ResponseInfo }

/**
 * Runs a Quantive call and returns its value with what its response was. Where the effect makes several calls, the
 * info is the last one's; an effect that made no request fails with `InvalidInput`.
 *
 * ```ts
 * import { Console, Effect } from "effect"
 * import { Accounts, Quantive } from "@effect-quantive/client"
 *
 * declare const accountId: string
 *
 * const program = Effect.gen(function* () {
 *   const accounts = yield* Accounts
 *   const [account, info] = yield* Quantive.withResponse(accounts.get(accountId))
 *   yield* Console.log(info.requestId, info.rateLimit?.remaining)
 * })
 * ```
 *
 * @since 0.2.0
 * @category responses
 */
export const withResponse: <A, E, R>(
  self: Effect.Effect<A, E, R>,
) => Effect.Effect<readonly [A, ResponseInfo], E | QE.InvalidInput, R> = PerCall.withResponse

/**
 * The options of `Quantive.request` (see `QuantiveClient.RequestOptions`).
 *
 * @since 0.2.0
 * @category requests
 */
export type { RequestOptions }

/**
 * Calls any endpoint through the pipeline: auth, retries, the account's back-off, deadlines, redaction, a span, and
 * the same typed errors as our own operations (the documented statuses by tag, the universal errors, and
 * `UnexpectedStatus` for the rest).
 *
 * ```ts
 * import { Effect, Schema } from "effect"
 * import { Goal, Quantive } from "@effect-quantive/client"
 *
 * const program = Effect.gen(function* () {
 *   const goals = yield* Quantive.request({
 *     method: "GET",
 *     path: "/v2/goals",
 *     query: { take: 50 },
 *     success: Schema.Struct({ items: Schema.Array(Goal), totalCount: Schema.Number }),
 *     statuses: [400, 403],
 *   })
 *   return goals.items
 * })
 * ```
 *
 * @since 0.2.0
 * @category requests
 */
export const request: <A = unknown, const S extends QE.DocumentedStatus = never>(
  options: RequestOptions<A, S>,
) => Effect.Effect<A, QE.ErrorFor<S>, QuantiveClient> = Request.request

/**
 * The options of `Quantive.paginate` and `Quantive.stream` (see `QuantiveClient.PaginateOptions`).
 *
 * @since 0.2.0
 * @category requests
 */
export type { PaginateOptions }

/**
 * A page as `Quantive.paginate` emits it (see `QuantiveClient.StreamPage`).
 *
 * @since 0.2.0
 * @category models
 */
export type { StreamPage }

/**
 * Any `{ items, totalCount }` skip/take endpoint, page by page, with the guarantees of `Users.pages`: a stable sort
 * is always sent, pages overlap by one item, no item is emitted twice while the collection shifts, and a server that
 * breaks the rules fails with `PaginationError`.
 *
 * @since 0.2.0
 * @category requests
 */
export const paginate: <A, const S extends QE.DocumentedStatus = never>(
  options: PaginateOptions<A, S>,
) => Stream.Stream<StreamPage<A>, QE.ErrorFor<S> | QE.PaginationError, QuantiveClient> = Request.paginate

/**
 * ```ts
 * import { Schema } from "effect"
 * import { Quantive } from "@effect-quantive/client"
 *
 * const Objective = Schema.Struct({ id: Schema.String, name: Schema.String, dateCreated: Schema.String })
 *
 * const objectives = Quantive.stream({ path: "/v2/goals", item: Objective, sort: "dateCreated" })
 * ```
 *
 * @since 0.2.0
 * @category requests
 */
export const stream = <A, const S extends QE.DocumentedStatus = never>(
  options: PaginateOptions<A, S>,
): Stream.Stream<A, QE.ErrorFor<S> | QE.PaginationError, QuantiveClient> =>
  Stream.flattenArray(Stream.map(Request.paginate(options), Paginate.nonEmptyItems))
