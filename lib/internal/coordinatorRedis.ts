/**
 * The Redis account coordinator: one pacing budget per account through `@effect/experimental`'s `RateLimiter`, and
 * one shared pause per account as an expiring key, read before every attempt. Every worker of an account, in any
 * process, passes the same gate. When Redis fails, calls go on with the in-process gate (or fail with
 * `CoordinatorError`), with one warning per outage and one line when it is back.
 *
 * @internal
 */
import * as RateLimiter from "@effect/experimental/RateLimiter"
import { Duration, Effect, Redacted, type Scope } from "effect"
import { Redis, type RedisOptions } from "ioredis"
import { createHash } from "node:crypto"
import {
  type AccountCoordinatorService,
  type Gate,
  intervalMillis,
  makeLocalGate,
  MAX_PAUSE_MILLIS,
  type StoreFailure,
} from "./coordinator.ts"

/** What to do when Redis cannot be used. @internal */
export type StoreFailureMode = "fallback" | "fail"

/** @internal */
export interface RedisCoordinatorOptions {
  readonly url: string | undefined
  readonly redis: RedisOptions
  readonly prefix: string
  readonly onStoreFailure: StoreFailureMode
  readonly commandTimeoutMillis: number
  readonly connectTimeoutMillis: number
}

/** How often, during an outage, one call tries Redis again (the others go straight to the fallback). */
const PROBE_INTERVAL_MILLIS = 250

/**
 * The account's part of every key: SHA-256 of the account id, hex, first 16 digits. Neither the id nor the token
 * appears in Redis.
 *
 * @internal
 */
export const accountHash = (accountId: string): string =>
  createHash("sha256").update(accountId, "utf8").digest("hex").slice(0, 16)

/**
 * The fixed-window script of `@effect/experimental/RateLimiter/Redis`, with the expiry rounded up to whole
 * milliseconds (Redis refuses a fractional `PX`).
 */
const FIXED_WINDOW = `
local key = KEYS[1]
local tokens = tonumber(ARGV[1])
local refillms = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local current = tonumber(redis.call("GET", key))
if not current then
  local nextpttl = math.ceil(refillms * tokens)
  redis.call("SET", key, tokens, "PX", nextpttl)
  return { tokens, nextpttl }
end
local currentpttl = tonumber(redis.call("PTTL", key) or "0")
local next = current + tokens
if limit and next > limit then
  return { next, currentpttl }
end
local nextpttl = math.ceil(currentpttl + (refillms * tokens))
redis.call("SET", key, next, "PX", nextpttl)
return { next, nextpttl }
`

/** Sets the pause unless a longer one is already set; answers the pause that was there (ms, negative for none). */
const PAUSE = `
local current = redis.call("PTTL", KEYS[1])
local wait = tonumber(ARGV[1])
if current < wait then
  redis.call("SET", KEYS[1], "1", "PX", wait)
end
return current
`

interface CoordinatorRedis extends Redis {
  quantiveFixedWindow(key: string, tokens: number, refillMillis: number, ...limit: Array<number>): Promise<[
    number,
    number,
  ]>
  quantivePause(key: string, millis: number): Promise<number>
}

/** Why a command failed, in words that hold no address, key or credential. */
const reasonOf = (cause: unknown): string => {
  if (cause === "timeout") return "no answer within the command timeout"
  const code = typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined
  if (typeof code === "string" && /^[A-Z_]+$/.test(code)) return `connection error ${code}`
  const message = cause instanceof Error ? cause.message : ""
  if (message.includes("enableOfflineQueue") || message.includes("Connection is closed")) return "not connected"
  if (cause instanceof Error && cause.name === "ReplyError") return "Redis answered with an error"
  return "the command failed"
}

const waitUntilReady = (redis: Redis, millis: number): Effect.Effect<void> =>
  redis.status === "ready" ? Effect.void : Effect.async<void>((resume) => {
    const done = () => resume(Effect.void)
    redis.once("ready", done)
    return Effect.sync(() => redis.off("ready", done))
  }).pipe(Effect.timeoutOption(Duration.millis(millis)), Effect.asVoid)

const connect = (options: RedisCoordinatorOptions): Effect.Effect<CoordinatorRedis, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const settings: RedisOptions = {
        ...options.redis,
        // A call never waits on a Redis that is away: no offline queue, no resend, a short timeout per command.
        enableOfflineQueue: false,
        autoResendUnfulfilledCommands: false,
        maxRetriesPerRequest: 0,
        commandTimeout: options.commandTimeoutMillis,
        connectTimeout: options.connectTimeoutMillis,
        retryStrategy: (times: number) => Math.min(50 * times, 500),
      }
      const redis =
        (options.url === undefined ? new Redis(settings) : new Redis(options.url, settings)) as CoordinatorRedis
      // Outages are reported once, by the coordinator; ioredis would print each failed reconnection.
      redis.on("error", () => {})
      redis.defineCommand("quantiveFixedWindow", { lua: FIXED_WINDOW, numberOfKeys: 1 })
      redis.defineCommand("quantivePause", { lua: PAUSE, numberOfKeys: 1 })
      return redis
    }),
    (redis) =>
      Effect.tryPromise(() => redis.quit()).pipe(
        Effect.timeoutOption(Duration.millis(options.commandTimeoutMillis)),
        Effect.ignore,
        Effect.ensuring(Effect.sync(() => redis.disconnect())),
      ),
  )

/** `RateLimiter`'s store over our connection: the fixed window only (the coordinator paces with it). */
const makeStore = (redis: CoordinatorRedis, prefix: string): RateLimiter.RateLimiterStore["Type"] =>
  RateLimiter.RateLimiterStore.of({
    fixedWindow: (options) =>
      Effect.tryPromise({
        try: () =>
          redis.quantiveFixedWindow(
            `${prefix}${options.key}`,
            options.tokens,
            Duration.toMillis(options.refillRate),
            ...(options.limit === undefined ? [] : [options.limit]),
          ),
        catch: (cause) => new RateLimiter.RateLimitStoreError({ message: "fixedWindow failed", cause }),
      }),
    tokenBucket: () =>
      Effect.fail(new RateLimiter.RateLimitStoreError({ message: "the coordinator does not use token buckets" })),
  })

/**
 * Builds the coordinator: one connection, one outage state, one gate per account (shared by every client of that
 * account in this process).
 *
 * @internal
 */
export const make = (
  options: RedisCoordinatorOptions,
): Effect.Effect<AccountCoordinatorService, never, Scope.Scope> =>
  Effect.gen(function* () {
    const redis = yield* connect(options)
    yield* waitUntilReady(redis, options.connectTimeoutMillis)
    const limiter = yield* RateLimiter.make.pipe(
      Effect.provideService(RateLimiter.RateLimiterStore, makeStore(redis, options.prefix)),
    )
    const failing = options.onStoreFailure === "fail"
    let down = false
    let nextProbe = 0

    const outage = (reason: string) =>
      Effect.suspend(() => {
        if (down) return Effect.void
        down = true
        nextProbe = Date.now() + PROBE_INTERVAL_MILLIS
        return Effect.logWarning(
          failing
            ? "quantive coordinator: Redis is unavailable; calls fail with CoordinatorError until it is back"
            : "quantive coordinator: Redis is unavailable; calls go on with the in-process gate (budget and pause " +
              "not shared) until it is back",
        ).pipe(Effect.annotateLogs({ reason }))
      })

    const recovered = Effect.suspend(() => {
      if (!down) return Effect.void
      down = false
      return Effect.logInfo("quantive coordinator: Redis is back; the account's budget and pause are shared again")
    })

    /** Runs a Redis command, or the fallback when Redis is away (or fails, when `onStoreFailure` is "fail"). */
    const guarded = <A>(
      command: () => Promise<A> | Effect.Effect<A, unknown>,
      fallback: Effect.Effect<A, StoreFailure>,
    ): Effect.Effect<A, StoreFailure> =>
      Effect.suspend(() => {
        const fail = (reason: string): Effect.Effect<A, StoreFailure> =>
          failing
            ? Effect.fail({ _tag: "StoreFailure", reason: `the account coordinator (Redis): ${reason}` })
            : fallback
        if (down) {
          // During an outage one call probes Redis now and then; the others do not wait on it.
          if (redis.status !== "ready" || Date.now() < nextProbe) return fail("unavailable")
          nextProbe = Date.now() + PROBE_INTERVAL_MILLIS
        }
        const run = Effect.suspend(() => {
          const started = command()
          return Effect.isEffect(started) ? started : Effect.tryPromise({ try: () => started, catch: (cause) => cause })
        })
        return run.pipe(
          Effect.timeoutFail({
            duration: Duration.millis(options.commandTimeoutMillis + 50),
            onTimeout: () => "timeout" as const,
          }),
          Effect.matchEffect({
            onSuccess: (value) => Effect.as(recovered, value),
            onFailure: (cause) => {
              const inner = cause instanceof RateLimiter.RateLimitStoreError ? cause.cause : cause
              const reason = reasonOf(inner)
              return Effect.zipRight(outage(reason), fail(reason))
            },
          }),
        )
      })

    const gates = new Map<string, Gate>()
    const forAccount = (accountId: Redacted.Redacted<string>): Gate => {
      const hash = accountHash(Redacted.value(accountId))
      const existing = gates.get(hash)
      if (existing !== undefined) return existing
      const local = makeLocalGate()
      const pauseKey = `${options.prefix}${hash}:pause`
      const paceKey = `${hash}:pace`
      const gate: Gate = {
        pausedFor: Effect.zipWith(
          guarded(() => redis.pttl(pauseKey), Effect.succeed(0)),
          local.pausedFor,
          (remote, mine) => Math.max(remote, mine, 0),
        ),
        pause: (millis) => {
          const wait = Math.ceil(Math.min(millis, MAX_PAUSE_MILLIS))
          return wait <= 0 ? Effect.void : Effect.zipRight(
            local.pause(wait),
            Effect.asVoid(guarded(() => redis.quantivePause(pauseKey, wait), Effect.succeed(0))),
          )
        },
        reserve: (pacing) =>
          guarded(
            () =>
              Effect.map(
                limiter.consume({
                  key: paceKey,
                  algorithm: "fixed-window",
                  onExceeded: "delay",
                  // One request per interval, evenly spaced, as the in-process gate paces: no burst at a window's
                  // start. The interval is rounded up to whole milliseconds, so the budget is never exceeded.
                  limit: 1,
                  window: Duration.millis(Math.max(1, Math.ceil(intervalMillis(pacing)))),
                }),
                (result) => Duration.toMillis(result.delay),
              ),
            local.reserve(pacing),
          ),
      }
      gates.set(hash, gate)
      return gate
    }
    return { forAccount }
  })
