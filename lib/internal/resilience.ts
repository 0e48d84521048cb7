/**
 * What wraps every attempt of a call: the account's shared back-off and optional rate limit, a per-attempt timeout
 * that covers reading the body, the retry policy (Retry-After first, else the policy's schedule), an optional overall
 * deadline, and the history (attempts, elapsed time) on the final error. Every wait is an `Effect.sleep`, so it is
 * interruptible at once and follows the `TestClock` in tests.
 *
 * @internal
 */
import { Clock, Duration, Effect, Either, FiberRef } from "effect"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as Intervals from "effect/ScheduleIntervals"
import { globalValue } from "effect/GlobalValue"
import * as QE from "../QuantiveError.ts"
import * as Retry from "../Retry.ts"

/** How a client runs its attempts. @internal */
export interface ResilienceConfig {
  readonly retry: Retry.Policy
  /** Each attempt, body included; undefined for none. */
  readonly attemptTimeout: Duration.Duration | undefined
  /** The whole call, retries and waits included; undefined for none. */
  readonly timeout: Duration.Duration | undefined
  /** Client-side pacing: at most `requests` attempts per `per`. */
  readonly rateLimit: { readonly requests: number; readonly per: Duration.Duration } | undefined
}

/** The state shared by every call of one client (one account): the back-off and the pacing. @internal */
export interface Gate {
  pausedUntil: number
  nextSlot: number
}

/** @internal */
export const makeGate = (): Gate => ({ pausedUntil: 0, nextSlot: 0 })

/** The per-call override of the retry policy (`Quantive.withRetry`). @internal */
export const currentRetryPolicy: FiberRef.FiberRef<Retry.Policy | undefined> = globalValue(
  Symbol.for("@effect-quantive/client/currentRetryPolicy"),
  () => FiberRef.unsafeMake<Retry.Policy | undefined>(undefined),
)

/** What a call is, for logs and errors. @internal */
export interface CallInfo {
  readonly operation: string
  readonly method: Retry.Method
  readonly path: string
}

const withHistory = <E extends QE.QuantiveError>(error: E, attempts: number, elapsedMillis: number): E => {
  const { _tag: _, ...fields } = error as unknown as { _tag: string } & Record<string, unknown>
  const seconds = (elapsedMillis / 1000).toFixed(1)
  const message = attempts > 1 ? `${error.message} (after ${attempts} attempts over ${seconds}s)` : error.message
  const Class = error.constructor as new (props: Record<string, unknown>) => E
  return new Class({ ...fields, message, attempts, elapsedMillis })
}

const timeoutError = (info: CallInfo, what: string) =>
  new QE.TransportError({
    message: `TransportError: ${info.operation} (${info.method} ${info.path}): Timeout: ${what}`,
    method: info.method,
    path: info.path,
    reason: "Timeout",
  })

const sleepMillis = (millis: number) => millis > 0 ? Effect.sleep(Duration.millis(millis)) : Effect.void

/**
 * Waits for the account's back-off to end and for a pacing slot. A call whose policy would not wait that long (no
 * retries, or a wait past `maxRetryAfter`) fails at once with `TooManyRequests` instead, without being sent.
 */
const passGate = (gate: Gate, config: ResilienceConfig, policy: Retry.Policy, info: CallInfo) =>
  Effect.gen(function* () {
    let now = yield* Clock.currentTimeMillis
    if (gate.pausedUntil > now) {
      const wait = gate.pausedUntil - now
      if (policy.maxAttempts <= 1 || wait > Duration.toMillis(policy.maxRetryAfter)) {
        return yield* Effect.fail(
          new QE.TooManyRequests({
            message: `TooManyRequests: ${info.operation} (${info.method} ${info.path}): not sent: the account is ` +
              `backing off after a 429 for another ${(wait / 1000).toFixed(1)}s`,
            method: info.method,
            path: info.path,
            status: 429,
            retryAfter: Duration.millis(wait),
          }),
        )
      }
      yield* Effect.logDebug("quantive throttle: the account is backing off").pipe(
        Effect.annotateLogs({ operation: info.operation, waitMs: wait }),
      )
      yield* Effect.annotateCurrentSpan("quantive.throttle_wait_ms", wait)
      yield* sleepMillis(wait)
      now = yield* Clock.currentTimeMillis
    }
    if (config.rateLimit !== undefined) {
      const interval = Duration.toMillis(config.rateLimit.per) / config.rateLimit.requests
      const slot = Math.max(now, gate.nextSlot)
      gate.nextSlot = slot + interval
      if (slot > now) {
        yield* Effect.logDebug("quantive throttle: client-side rate limit").pipe(
          Effect.annotateLogs({ operation: info.operation, waitMs: slot - now }),
        )
        yield* sleepMillis(slot - now)
      }
    }
  })

/**
 * Runs `attempt` under the policy. `attempt` is one complete request: send, read the body, decode.
 *
 * @internal
 */
export const run = <A>(
  attempt: Effect.Effect<A, QE.QuantiveError>,
  info: CallInfo,
  config: ResilienceConfig,
  gate: Gate,
): Effect.Effect<A, QE.QuantiveError> =>
  Effect.gen(function* () {
    const policy = (yield* FiberRef.get(currentRetryPolicy)) ?? config.retry
    const started = yield* Clock.currentTimeMillis
    const timed = config.attemptTimeout === undefined ? attempt : Effect.timeoutFail(attempt, {
      duration: config.attemptTimeout,
      onTimeout: () =>
        timeoutError(
          info,
          `no complete response within ${Duration.format(config.attemptTimeout!)} (attemptTimeout, body included)`,
        ),
    })
    let attempts = 0
    let waited = 0
    let state: unknown = policy.schedule.initial
    const loop = Effect.gen(function* () {
      while (true) {
        attempts += 1
        const result = yield* Effect.either(Effect.zipRight(passGate(gate, config, policy, info), timed))
        const now = yield* Clock.currentTimeMillis
        const finish = (error: QE.QuantiveError) => Effect.fail(withHistory(error, attempts, now - started))
        if (Either.isRight(result)) {
          yield* Effect.annotateCurrentSpan({ "quantive.attempts": attempts, "quantive.retry_wait_ms": waited })
          return result.right
        }
        const error = result.left
        const retryAfter = error._tag === "TooManyRequests" || error._tag === "ServerError"
          ? error.retryAfter
          : undefined
        const retryAfterMillis = retryAfter === undefined ? undefined : Duration.toMillis(retryAfter)
        if (error._tag === "TooManyRequests" && retryAfterMillis !== undefined) {
          // One back-off per account: every call of this client waits until it ends.
          gate.pausedUntil = Math.max(gate.pausedUntil, now + retryAfterMillis)
        }
        yield* Effect.annotateCurrentSpan({ "quantive.attempts": attempts, "quantive.retry_wait_ms": waited })
        if (attempts >= policy.maxAttempts || !policy.retryable(error, info.method)) return yield* finish(error)
        if (retryAfterMillis !== undefined && retryAfterMillis > Duration.toMillis(policy.maxRetryAfter)) {
          return yield* finish(error)
        }
        let delay: number
        if (retryAfterMillis !== undefined) {
          delay = retryAfterMillis
        } else {
          const [next, , decision] = yield* policy.schedule.step(now, error, state)
          if (ScheduleDecision.isDone(decision)) return yield* finish(error)
          state = next
          delay = Math.max(0, Intervals.start(decision.intervals) - now)
        }
        yield* Effect.logDebug("quantive retry").pipe(
          Effect.annotateLogs({
            operation: info.operation,
            attempt: attempts,
            error: error._tag,
            status: "status" in error && error.status !== undefined ? error.status : "none",
            waitMs: delay,
            reason: retryAfterMillis !== undefined ? "Retry-After" : "schedule",
          }),
        )
        waited += delay
        // A 429's wait is the account's back-off, which the gate enforces; any other wait is this call's own.
        if (!(error._tag === "TooManyRequests" && retryAfterMillis !== undefined)) yield* sleepMillis(delay)
      }
    })
    if (config.timeout === undefined) return yield* loop
    const deadline = config.timeout
    return yield* Effect.timeoutFail(loop, {
      duration: deadline,
      onTimeout: () =>
        withHistory(
          timeoutError(info, `the call did not complete within ${Duration.format(deadline)} (timeout, all attempts)`),
          attempts,
          Duration.toMillis(deadline),
        ),
    })
  })
