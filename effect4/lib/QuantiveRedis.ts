/**
 * Many workers, one account: an account coordinator on Redis, shared by every process that uses the same account.
 * Provide `QuantiveRedis.layer` to `Quantive.layer` and every worker of an account shares:
 *
 * - one pacing budget (`rateLimit` of `Quantive.layer`, give every worker the same): N requests per second for the
 *   account, not per process, evenly spaced. A call takes a slot only when it will wait for it: one whose slot is past
 *   its `timeout`, or `maxRetryAfter` or more away, is refused at once (`TooManyRequests`, not sent) without taking
 *   it, so refusals never push the account's backlog further out; no slot is ever booked more than 15 minutes ahead;
 * - one pause: a 429 with a wait seen by any worker pauses every worker of the account until it ends (capped as the
 *   in-process pause is: at the `maxRetryAfter` of the policy that saw it, and never more than 15 minutes). Each
 *   worker reads it before every attempt; a pause key longer than 15 minutes, or without an expiry (set by hand or by
 *   another program), is cut back to 15 minutes when it is read.
 *
 * Keys are `<prefix><hash>:pause` and `<prefix><hash>:pace`, where the hash is the first 16 hex digits of the
 * SHA-256 of the account id: neither the account id nor the token is ever written to Redis. During an outage the
 * coordinator also writes `<prefix>probe` (expires after 1 second) to learn whether Redis accepts writes again.
 *
 * When Redis cannot be used — unreachable, answering later than `commandTimeout`, or refusing writes (a read-only
 * replica, out of memory) — calls go on with the in-process gate by default: one warning is logged per outage and one
 * line when Redis is back, which is only once it accepts writes again; the budget is then per process until it is.
 * With `onStoreFailure: "fail"`, calls fail with `CoordinatorError` instead, before anything is sent. No call is lost
 * or sent twice because of Redis: the coordinator is asked before a request is sent, never after.
 *
 * ```ts
 * import { FetchHttpClient } from "effect/http"
 * import { Layer, type Redacted } from "effect"
 * import { Quantive } from "@effect-quantive/client"
 * import { QuantiveRedis } from "@effect-quantive/client/redis"
 *
 * declare const token: Redacted.Redacted<string>
 * declare const accountId: string
 *
 * const live = Quantive.layer({ token, accountId, rateLimit: { requests: 20, per: "1 second" } }).pipe(
 *   Layer.provide(QuantiveRedis.layer({ url: "redis://127.0.0.1:6379" })),
 *   Layer.provide(FetchHttpClient.layer),
 * )
 * ```
 *
 * Needs the optional peer dependency `ioredis` (5).
 *
 * @since 0.2.0
 */
import { type Config, Duration, Effect, Layer, Redacted, Result } from "effect"
import type { RedisOptions } from "ioredis"
import { invalidConfig } from "./internal/config.ts"
import { AccountCoordinator, CoordinatorError } from "./internal/resilience/coordinator.ts"
import * as internal from "./internal/resilience/coordinatorRedis.ts"

export {
  /**
   * The account coordinator service that `layer` provides and `Quantive.layer` uses when present.
   *
   * @since 0.2.0
   * @category tags
   */
  AccountCoordinator,
  /**
   * A call not sent because Redis could not be used, with `onStoreFailure: "fail"`.
   *
   * @since 0.2.0
   * @category errors
   */
  CoordinatorError,
}

/**
 * What calls do when Redis cannot be used: `"fallback"` (the default) goes on with the in-process gate, `"fail"`
 * fails them with `CoordinatorError`.
 *
 * @since 0.2.0
 * @category models
 */
export type StoreFailureMode = internal.StoreFailureMode

/**
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /**
   * `redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS. Pass it as `Redacted` when it holds a
   * password. Give `url`, `options`, or both (`options` then adds to what the URL says).
   */
  readonly url?: string | Redacted.Redacted<string> | undefined
  /** ioredis options (`host`, `port`, `password`, `tls`, `db`, …). Offline queueing and timeouts are ours. */
  readonly options?: RedisOptions | undefined
  /** The prefix of every key; `"quantive:"` by default. */
  readonly prefix?: string | undefined
  /** `"fallback"` by default. */
  readonly onStoreFailure?: StoreFailureMode | undefined
  /** The longest a Redis command may take before Redis counts as unavailable; 1 s by default. */
  readonly commandTimeout?: Duration.Input | undefined
  /** The longest the layer waits for a first connection, and each reconnection may take; 1 s by default. */
  readonly connectTimeout?: Duration.Input | undefined
}

const invalid = (name: string, problem: string) => invalidConfig(name, `${name} ${problem}`)

const millisOf = (
  input: Duration.Input | undefined,
  fallback: number,
  name: string,
): Result.Result<number, Config.ConfigError> => {
  if (input === undefined) return Result.succeed(fallback)
  const decoded = Duration.fromInput(input)
  if (decoded._tag === "None" || !Duration.isFinite(decoded.value) || Duration.toMillis(decoded.value) < 1) {
    return Result.fail(invalid(name, "must be a finite duration of at least 1 millisecond"))
  }
  return Result.succeed(Math.ceil(Duration.toMillis(decoded.value)))
}

const resolve = (options: Options): Result.Result<internal.RedisCoordinatorOptions, Config.ConfigError> =>
  Result.gen(function* () {
    let url: string | undefined = undefined
    if (options.url !== undefined) {
      url = Redacted.isRedacted(options.url) ? Redacted.value(options.url) : options.url
      let parsed: URL | undefined
      try {
        parsed = new URL(url)
      } catch {
        parsed = undefined
      }
      if (parsed === undefined || (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:")) {
        // The URL itself is not repeated: it may hold a password.
        return yield* Result.fail(invalid("url", "must be a redis:// or rediss:// URL"))
      }
    } else if (options.options === undefined) {
      return yield* Result.fail(invalid("url", "or options must be given"))
    }
    const prefix = options.prefix ?? "quantive:"
    if (typeof prefix !== "string" || prefix === "") return yield* Result.fail(invalid("prefix", "must not be empty"))
    const onStoreFailure = options.onStoreFailure ?? "fallback"
    if (onStoreFailure !== "fallback" && onStoreFailure !== "fail") {
      return yield* Result.fail(invalid("onStoreFailure", `must be "fallback" or "fail"`))
    }
    return {
      url,
      redis: options.options ?? {},
      prefix,
      onStoreFailure,
      commandTimeoutMillis: yield* millisOf(options.commandTimeout, 1000, "commandTimeout"),
      connectTimeoutMillis: yield* millisOf(options.connectTimeout, 1000, "connectTimeout"),
    }
  })

/**
 * The Redis account coordinator. Provide it to `Quantive.layer` (`Layer.provide`). The connection lives as long as
 * the layer. Fails with a `ConfigError` naming the option when an option is malformed; a Redis that is down when the
 * layer is built is an outage like any other (see the module's documentation), not a build failure.
 *
 * @since 0.2.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<AccountCoordinator, Config.ConfigError> =>
  Layer.effect(
    AccountCoordinator,
    Effect.flatMap(Effect.fromResult(resolve(options)), internal.make),
  )

/**
 * The key part that stands for an account in Redis (`<prefix><hash>:pause`, `<prefix><hash>:pace`): the first 16
 * hex digits of the SHA-256 of the account id. For operators who want to inspect or clear an account's keys.
 *
 * @since 0.2.0
 * @category utils
 */
export const accountHash = (accountId: string | Redacted.Redacted<string>): string =>
  internal.accountHash(Redacted.isRedacted(accountId) ? Redacted.value(accountId) : accountId)
