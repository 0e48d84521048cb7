/**
 * The Redis account coordinator: one pacing budget per account as an expiring key whose remaining time is how far the
 * booked slots reach (taken, or refused without taking, in one script), and one shared pause per account as an
 * expiring key, read before every attempt. Every worker of an account, in any process, passes the same gate. When
 * Redis fails, calls go on with the in-process gate (or fail with `CoordinatorError`), with one warning per outage and
 * one line when it is back.
 *
 * @internal
 */
import { Duration, Effect, Redacted, type Scope } from "effect"
import { Redis, type RedisOptions } from "ioredis"
import { createHash } from "node:crypto"
import {
  type AccountCoordinatorService,
  backlogBound,
  type Gate,
  intervalMillis,
  makeLocalGate,
  MAX_PACING_BACKLOG_MILLIS,
  MAX_PAUSE_MILLIS,
  type Reservation,
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
 * Takes the account's next pacing slot, in one step: the key's remaining time (`PTTL`) is how far the booked slots
 * reach. A slot `maxWait` or more away is not taken (answers `{ 0, wait }`, nothing written); otherwise the key is
 * pushed one interval further (answers `{ 1, wait }`). A key that reaches further than the backlog ever does (not
 * written by this script) is cut back to the backlog's cap.
 */
const RESERVE = `
local wait = redis.call("PTTL", KEYS[1])
local interval = tonumber(ARGV[1])
local maxWait = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
if wait < 0 then wait = 0 end
if wait > cap + interval then
  redis.call("PEXPIRE", KEYS[1], cap)
  wait = cap
end
if wait > 0 and wait >= maxWait then
  return { 0, wait }
end
redis.call("SET", KEYS[1], "1", "PX", wait + interval)
return { 1, wait }
`

/**
 * Reads the pause (ms; 0 or less for none). A pause longer than the cap, or without an expiry (not set by this
 * coordinator), is cut back to the cap, so that no key can hold the account longer than a 429 of ours would.
 */
const PAUSED_FOR = `
local current = redis.call("PTTL", KEYS[1])
local cap = tonumber(ARGV[1])
if current > cap or current == -1 then
  redis.call("PEXPIRE", KEYS[1], cap)
  return cap
end
return current
`

/** Sets the pause unless a longer one is already set (cutting one past the cap back to it). */
const PAUSE = `
local current = redis.call("PTTL", KEYS[1])
local wait = tonumber(ARGV[1])
local cap = tonumber(ARGV[2])
if current > cap or current == -1 then
  redis.call("PEXPIRE", KEYS[1], cap)
  current = cap
end
if current < wait then
  redis.call("SET", KEYS[1], "1", "PX", wait)
end
return current
`

interface CoordinatorRedis extends Redis {
  quantiveReserve(key: string, intervalMillis: number, maxWait: number, cap: number): Promise<[number, number]>
  quantivePausedFor(key: string, cap: number): Promise<number>
  quantivePause(key: string, millis: number, cap: number): Promise<number>
}

/** Why a command failed, in words that hold no address, key or credential. */
const reasonOf = (cause: unknown): string => {
  if (cause === "timeout") return "no answer within the command timeout"
  const code = typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined
  if (typeof code === "string" && /^[A-Z_]+$/.test(code)) return `connection error ${code}`
  const message = cause instanceof Error ? cause.message : ""
  if (message.includes("enableOfflineQueue") || message.includes("Connection is closed")) return "not connected"
  if (cause instanceof Error && cause.name === "ReplyError") {
    // The first word of a reply error is its code (READONLY, OOM, MISCONF, NOPERM…): never a key or a value.
    const replyCode = /^[A-Z]+(?= |$)/.exec(message)?.[0]
    return replyCode === undefined ? "Redis answered with an error" : `Redis refused the command (${replyCode})`
  }
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
      redis.defineCommand("quantiveReserve", { lua: RESERVE, numberOfKeys: 1 })
      redis.defineCommand("quantivePausedFor", { lua: PAUSED_FOR, numberOfKeys: 1 })
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
    const failing = options.onStoreFailure === "fail"
    const probeKey = `${options.prefix}probe`
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

    /** One command, with a timeout on top of ioredis's own; fails with its cause. */
    const send = <A>(command: () => Promise<A>): Effect.Effect<A, unknown> =>
      Effect.tryPromise({ try: command, catch: (cause) => cause }).pipe(
        Effect.timeoutFail({
          duration: Duration.millis(options.commandTimeoutMillis + 50),
          onTimeout: () => "timeout" as const,
        }),
      )

    /**
     * Runs a Redis command, or the fallback when Redis is away (or fails, when `onStoreFailure` is "fail"). `writes`
     * tells whether the command needs Redis to accept writes.
     *
     * Redis is unavailable from the first command that fails (one warning) until a probe finds it usable again (one
     * line): a probe that writes and then the command itself must both succeed. A Redis that answers reads but
     * refuses writes (a read-only replica, out of memory) therefore stays one outage, whatever reads succeed meanwhile.
     */
    const guarded = <A>(
      command: () => Promise<A>,
      fallback: Effect.Effect<A, StoreFailure>,
      writes: boolean,
    ): Effect.Effect<A, StoreFailure> =>
      Effect.suspend(() => {
        const fail = (reason: string): Effect.Effect<A, StoreFailure> =>
          failing
            ? Effect.fail({ _tag: "StoreFailure", reason: `the account coordinator (Redis): ${reason}` })
            : fallback
        if (!down) {
          return Effect.matchEffect(send(command), {
            onSuccess: Effect.succeed,
            onFailure: (cause) => {
              const reason = reasonOf(cause)
              return Effect.zipRight(outage(reason), fail(reason))
            },
          })
        }
        // During an outage one call probes Redis now and then; the others do not wait on it.
        if (redis.status !== "ready" || Date.now() < nextProbe) return fail("unavailable")
        nextProbe = Date.now() + PROBE_INTERVAL_MILLIS
        const probe = writes ? send(command) : Effect.zipRight(
          // A command that only reads proves nothing about writes: write a short-lived key first.
          send(() => redis.set(probeKey, "1", "PX", 1000)),
          send(command),
        )
        return Effect.matchEffect(probe, {
          onSuccess: (value) => Effect.as(recovered, value),
          onFailure: (cause) => fail(reasonOf(cause)),
        })
      })

    const gates = new Map<string, Gate>()
    const forAccount = (accountId: Redacted.Redacted<string>): Gate => {
      const hash = accountHash(Redacted.value(accountId))
      const existing = gates.get(hash)
      if (existing !== undefined) return existing
      const local = makeLocalGate()
      const pauseKey = `${options.prefix}${hash}:pause`
      const paceKey = `${options.prefix}${hash}:pace`
      const gate: Gate = {
        pausedFor: Effect.zipWith(
          guarded(() => redis.quantivePausedFor(pauseKey, MAX_PAUSE_MILLIS), Effect.succeed(0), false),
          local.pausedFor,
          (remote, mine) => Math.max(Math.min(remote, MAX_PAUSE_MILLIS), mine, 0),
        ),
        pause: (millis) => {
          const wait = Math.ceil(Math.min(millis, MAX_PAUSE_MILLIS))
          return wait <= 0 ? Effect.void : Effect.zipRight(
            local.pause(wait),
            Effect.asVoid(
              guarded(() => redis.quantivePause(pauseKey, wait, MAX_PAUSE_MILLIS), Effect.succeed(0), true),
            ),
          )
        },
        reserve: (pacing, maxWait) => {
          // One request per interval, evenly spaced, as the in-process gate paces: no burst at a window's start. The
          // interval is rounded up to whole milliseconds, so the budget is never exceeded.
          const interval = Math.max(1, Math.ceil(intervalMillis(pacing)))
          const bound = Math.floor(Math.min(backlogBound(maxWait), Number.MAX_SAFE_INTEGER))
          return guarded(
            () =>
              redis.quantiveReserve(paceKey, interval, bound, MAX_PACING_BACKLOG_MILLIS).then((
                [taken, wait],
              ): Reservation => ({ taken: taken === 1, wait: Math.max(0, wait) })),
            local.reserve(pacing, maxWait),
            true,
          )
        },
      }
      gates.set(hash, gate)
      return gate
    }
    return { forAccount }
  })
