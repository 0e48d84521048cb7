import { Effect, Schedule } from "effect"
import { Quantive, Retry } from "../mod.ts"

/** Where to connect: your token and account (and a base URL for another host, a proxy, or the fake server). */
export type Connection = Pick<Quantive.Options, "token" | "accountId" | "baseUrl">

/**
 * 1. A nightly batch job (an HR sync, a warehouse export): patient and polite. Up to 8 attempts, back-off up to
 * 2 minutes, a Retry-After of up to 10 minutes honoured, and at most 5 requests per second so the job stays under
 * the server's rate limit instead of bouncing off it.
 */
export const batchJob = (connection: Connection) =>
  Quantive.layer({
    ...connection,
    retry: Retry.policy({ maxAttempts: 8, baseDelay: "1 second", maxDelay: "2 minutes", maxRetryAfter: "10 minutes" }),
    attemptTimeout: "2 minutes",
    rateLimit: { requests: 5, per: "1 second" },
  })

/**
 * 2. Interactive (a CLI, a request handler): answer fast or fail clearly. One retry after a short pause, a Retry-After
 * of at most 2 seconds, 10 seconds per attempt, 15 seconds for the whole call.
 */
export const interactive = (connection: Connection) =>
  Quantive.layer({
    ...connection,
    retry: Retry.policy({ maxAttempts: 2, schedule: Schedule.spaced("250 millis"), maxRetryAfter: "2 seconds" }),
    attemptTimeout: "10 seconds",
    timeout: "15 seconds",
  })

/** 3. No retries: for a whole layer, or for one call whatever the layer says. */
export const noRetries = (connection: Connection) => Quantive.layer({ ...connection, retry: Retry.none })

export const withoutRetries = <A, E, R>(call: Effect.Effect<A, E, R>) => call.pipe(Quantive.withRetry(Retry.none))
