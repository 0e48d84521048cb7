/**
 * Retry policies: data built on `effect/Schedule`, applied by the request pipeline to every call.
 *
 * The default (`Retry.defaultPolicy`):
 * - at most 4 attempts (the first and 3 retries);
 * - exponential back-off from 500 ms, doubling, with full jitter (a uniformly random delay between 0 and the
 *   exponential step), each delay capped at 20 s;
 * - `Retry-After` (seconds, HTTP date or `retry-after-ms`) is honoured up to 60 s; a longer wait fails at once with
 *   `TooManyRequests` carrying it;
 * - method-aware (`isRetryable`): a `TransportError` that never reached the server (refused, DNS) and a 429 are
 *   retried for every method; `POST`/`PATCH` are otherwise retried only on a 503 with `Retry-After`; idempotent
 *   methods (`GET`, `PUT`, `DELETE`) also on resets, timeouts, bodies cut short, 500, 502, 503 and 504; nothing else
 *   (no other 4xx, no `DecodeError`, no `InvalidInput`).
 *
 * Replace it per layer (`Quantive.layer({ ..., retry })`) or per call (`Quantive.withRetry(policy)`); `Retry.none`
 * turns retries off.
 *
 * @since 0.1.0
 */
import { Duration, Effect, Random, Schedule } from "effect"
import type { QuantiveError } from "./QuantiveError.ts"

/**
 * An HTTP method, as the retry predicate sees it.
 *
 * @since 0.1.0
 * @category models
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/**
 * A retry policy.
 *
 * @since 0.1.0
 * @category models
 */
export interface Policy {
  /** The most attempts a call makes, the first included; 1 means no retries. */
  readonly maxAttempts: number
  /**
   * The delays between attempts when the server gave no `Retry-After`; its input is the error of the attempt that
   * failed. The call stops retrying when the schedule ends or `maxAttempts` is reached, whichever is first.
   */
  readonly schedule: Schedule.Schedule<unknown, QuantiveError>
  /** The longest `Retry-After` honoured; a longer one fails the call at once. */
  readonly maxRetryAfter: Duration.Duration
  /** Which failures are worth another attempt, given the request's method. */
  readonly retryable: (error: QuantiveError, method: Method) => boolean
}

const IDEMPOTENT: ReadonlySet<string> = new Set(["GET", "PUT", "DELETE", "HEAD", "OPTIONS"])

/**
 * The default retry predicate: retries only what is transient, and for `POST`/`PATCH` only what provably was not
 * processed (no connection, a 429, a 503 with `Retry-After`).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isRetryable = (error: QuantiveError, method: Method): boolean => {
  const idempotent = IDEMPOTENT.has(method)
  switch (error._tag) {
    case "TooManyRequests":
      return true
    case "TransportError":
      return error.reason === "Connect" ||
        (idempotent && (error.reason === "Reset" || error.reason === "Timeout" || error.reason === "Body" ||
          error.reason === "Transport"))
    case "ServerError":
      return error.status === 503 && error.retryAfter !== undefined
        ? true
        : idempotent && [500, 502, 503, 504].includes(error.status)
    default:
      return false
  }
}

/**
 * Exponential back-off with full jitter: the n-th delay is uniformly random in `[0, min(maxDelay, base × 2ⁿ)]`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fullJitter = (
  base: Duration.Input,
  maxDelay: Duration.Input,
): Schedule.Schedule<Duration.Duration, unknown> => {
  const cap = Duration.toMillis(Duration.fromInputUnsafe(maxDelay))
  return Schedule.exponential(base, 2).pipe(
    Schedule.modifyDelay(({ duration: step }) =>
      Effect.map(Random.next, (r) => Duration.millis(Math.round(r * Math.min(cap, Duration.toMillis(step)))))
    ),
  )
}

/**
 * Options for `policy`.
 *
 * @since 0.1.0
 * @category models
 */
export interface PolicyOptions {
  /** Default 4. */
  readonly maxAttempts?: number
  /** The first back-off step; default 500 ms. Ignored when `schedule` is given. */
  readonly baseDelay?: Duration.Input
  /** The cap of each back-off delay; default 20 s. Ignored when `schedule` is given. */
  readonly maxDelay?: Duration.Input
  /** Default 60 s. */
  readonly maxRetryAfter?: Duration.Input
  /** Your own schedule of delays (any `effect/Schedule`); default `fullJitter(baseDelay, maxDelay)`. */
  readonly schedule?: Schedule.Schedule<unknown, QuantiveError>
  /** Your own predicate; default `isRetryable`. */
  readonly retryable?: (error: QuantiveError, method: Method) => boolean
}

/**
 * Builds a policy from the defaults and your overrides.
 *
 * @since 0.1.0
 * @category constructors
 */
export const policy = (options: PolicyOptions = {}): Policy => {
  const maxAttempts = options.maxAttempts ?? 4
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`)
  }
  return {
    maxAttempts,
    schedule: options.schedule ?? fullJitter(options.baseDelay ?? "500 millis", options.maxDelay ?? "20 seconds"),
    maxRetryAfter: Duration.fromInputUnsafe(options.maxRetryAfter ?? "60 seconds"),
    retryable: options.retryable ?? isRetryable,
  }
}

/**
 * The default policy (see the module's documentation for its numbers).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultPolicy: Policy = policy()

/**
 * No retries: one attempt, whatever happens.
 *
 * @since 0.1.0
 * @category constants
 */
export const none: Policy = policy({ maxAttempts: 1 })
