/**
 * Configuration and wiring: one layer that provides every Quantive service over the user's `HttpClient`.
 *
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { Quantive } from "@effect-quantive/client"
 *
 * const live = Quantive.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 */
import { HttpClient } from "@effect/platform"
import { Config, type ConfigError, type Duration, Effect, Layer, type Redacted } from "effect"
import { Accounts } from "./Accounts.ts"
import { Announcements } from "./Announcements.ts"
import { Badges } from "./Badges.ts"
import { Goals } from "./Goals.ts"
import { LegacyUsers } from "./LegacyUsers.ts"
import { Metrics } from "./Metrics.ts"
import { Users } from "./Users.ts"
import * as Client from "./internal/client.ts"
import * as internal from "./internal/config.ts"
import { currentRetryPolicy } from "./internal/resilience.ts"
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
  readonly attemptTimeout?: Duration.DurationInput | undefined
  /** The longest a whole call may take, every attempt and wait included; no limit by default. */
  readonly timeout?: Duration.DurationInput | undefined
  /**
   * Client-side pacing for this account: at most `requests` requests per `per`, to keep a sync under the server's
   * limit. Off by default.
   */
  readonly rateLimit?: { readonly requests: number; readonly per: Duration.DurationInput } | undefined
}

/**
 * Every service `layer` provides.
 *
 * @since 0.1.0
 * @category models
 */
export type Services = Accounts | Users | Badges | LegacyUsers | Announcements | Metrics | Goals

const clientLayer = (
  resolved: Effect.Effect<internal.ResolvedConfig, ConfigError.ConfigError>,
): Layer.Layer<Client.QuantiveClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(
    Client.QuantiveClient,
    Effect.zipWith(resolved, HttpClient.HttpClient, Client.make),
  )

const servicesLayer: Layer.Layer<Services, never, Client.QuantiveClient> = Layer.mergeAll(
  Accounts.layer,
  Users.layer,
  Badges.layer,
  LegacyUsers.layer,
  Announcements.layer,
  Metrics.layer,
  Goals.layer,
)

/**
 * Provides every Quantive service from explicit options. Needs an `HttpClient.HttpClient`: `FetchHttpClient.layer`
 * works on Deno and Node. Fails with a `ConfigError` naming the option when an option is missing or malformed
 * (an empty token, an unknown region, a non-loopback `http://` URL, a URL that already ends in `/v1`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<Services, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.provide(servicesLayer, clientLayer(internal.resolve(options, internal.optionNames)))

/**
 * The configuration `layerConfig` reads: `QUANTIVE_TOKEN` (as `Config.redacted`), `QUANTIVE_ACCOUNT_ID`, and
 * optionally `QUANTIVE_REGION` or `QUANTIVE_BASE_URL`, and `QUANTIVE_MAX_RESPONSE_BYTES`.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Options> = Config.all({
  token: Config.redacted("QUANTIVE_TOKEN"),
  accountId: Config.string("QUANTIVE_ACCOUNT_ID"),
  region: Config.string("QUANTIVE_REGION").pipe(Config.option),
  baseUrl: Config.string("QUANTIVE_BASE_URL").pipe(Config.option),
  maxResponseBytes: Config.integer("QUANTIVE_MAX_RESPONSE_BYTES").pipe(Config.option),
}).pipe(
  Config.map(({ accountId, baseUrl, maxResponseBytes, region, token }): Options => ({
    token,
    accountId,
    region: region._tag === "Some" ? region.value as Region : undefined,
    baseUrl: baseUrl._tag === "Some" ? baseUrl.value : undefined,
    maxResponseBytes: maxResponseBytes._tag === "Some" ? maxResponseBytes.value : undefined,
  })),
)

/**
 * Provides every Quantive service from the environment (see `config`). A missing or malformed variable fails with a
 * `ConfigError` naming it.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig: Layer.Layer<Services, ConfigError.ConfigError, HttpClient.HttpClient> = Layer.provide(
  servicesLayer,
  clientLayer(Effect.flatMap(config, (options) => internal.resolve(options, internal.envNames))),
)

/**
 * Runs an effect (or a stream's effects) with another retry policy for every Quantive call it makes, overriding the
 * layer's. `Quantive.withRetry(Retry.none)` turns retries off for those calls.
 *
 * ```ts
 * users.get(id).pipe(Quantive.withRetry(Retry.policy({ maxAttempts: 2 })))
 * ```
 *
 * @since 0.1.0
 * @category retries
 */
export const withRetry: {
  (policy: Retry.Policy): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  <A, E, R>(self: Effect.Effect<A, E, R>, policy: Retry.Policy): Effect.Effect<A, E, R>
} = function () {
  if (arguments.length === 1) {
    const policy = arguments[0] as Retry.Policy
    return <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.locally(self, currentRetryPolicy, policy)
  }
  return Effect.locally(arguments[0], currentRetryPolicy, arguments[1])
} as any
