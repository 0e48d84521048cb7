/**
 * The resilience stage, what wraps every attempt of a call: the account's gate (the shared back-off after a 429 and the
 * optional pacing), the retry policy (Retry-After first, else the policy's schedule), an optional overall deadline,
 * and the history (attempts sent, elapsed time) on the final error. The policy and the gate are arguments: the
 * caller decides which apply (the per-attempt deadline belongs to the transport stage). Every wait is an
 * `Effect.sleep`, so it is interruptible at once and follows the `TestClock` in tests. A wait the call's deadline
 * cannot cover fails the call at once instead of sleeping into its timeout.
 *
 * @internal
 */
import { Clock, Duration, Effect, Either } from "effect"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as Intervals from "effect/ScheduleIntervals"
import * as QE from "../../QuantiveError.ts"
import { timeoutError, withHistory } from "../errors.ts"
import type * as Retry from "../../Retry.ts"
import type { ResilienceConfig } from "../config.ts"
import {
  CoordinatorError,
  type Gate,
  makeLocalGate,
  MAX_PACING_BACKLOG_MILLIS,
  MAX_PAUSE_MILLIS,
  type StoreFailure,
} from "./coordinator.ts"

export type { Gate } from "./coordinator.ts"

export type { ResilienceConfig } from "../config.ts"

/** The in-process gate of one client (one account): the default when no coordinator is provided. @internal */
export const makeGate = (): Gate => makeLocalGate()

/** What a call is, for logs and errors. @internal */
export interface CallInfo {
  readonly operation: string
  readonly method: Retry.Method
  readonly path: string
}

type RunError = QE.QuantiveError | CoordinatorError

/** A call the gate refuses: it is not sent. */
const notSent = (info: CallInfo, wait: number, why: string) =>
  new QE.TooManyRequests({
    message: `${info.operation} (${info.method} ${info.path}): not sent: ${why}`,
    method: info.method,
    path: info.path,
    status: 429,
    retryAfter: Duration.millis(wait),
  })

const storeError = (info: CallInfo, failure: StoreFailure) =>
  new CoordinatorError({
    message: `${info.operation} (${info.method} ${info.path}): not sent: ${failure.reason}`,
    method: info.method,
    path: info.path,
  })

const seconds = (millis: number) => `${(millis / 1000).toFixed(1)}s`

const sleepMillis = (millis: number) => millis > 0 ? Effect.sleep(Duration.millis(millis)) : Effect.void

/** How many times one pass re-reads the pause after waiting for a slot (a 429 seen meanwhile). */
const MAX_GATE_ROUNDS = 8

/**
 * Waits for the account's pause to end and for a pacing slot; succeeds with the time waited. A call whose policy
 * would not wait that long (no retries, or a pause past `maxRetryAfter`; a pacing slot `maxRetryAfter` or more away),
 * or whose deadline the wait would pass, fails at once with `TooManyRequests` instead, without being sent and without
 * taking a pacing slot.
 */
const passGate = (
  gate: Gate,
  config: ResilienceConfig,
  policy: Retry.Policy,
  info: CallInfo,
  deadline: number,
): Effect.Effect<number, QE.TooManyRequests | StoreFailure> =>
  Effect.gen(function* () {
    let waited = 0
    for (let round = 0; round < MAX_GATE_ROUNDS; round++) {
      const paused = yield* gate.pausedFor
      if (paused > 0) {
        if (policy.maxAttempts <= 1 || paused > Duration.toMillis(policy.maxRetryAfter)) {
          return yield* Effect.fail(
            notSent(info, paused, `the account is backing off after a 429 for another ${seconds(paused)}`),
          )
        }
        if ((yield* Clock.currentTimeMillis) + paused >= deadline) {
          return yield* Effect.fail(
            notSent(
              info,
              paused,
              `the account is backing off after a 429 for another ${seconds(paused)}, past the call's timeout`,
            ),
          )
        }
        yield* Effect.logDebug("quantive throttle: the account is backing off").pipe(
          Effect.annotateLogs({ operation: info.operation, waitMs: paused }),
        )
        yield* sleepMillis(paused)
        waited += paused
      }
      if (config.rateLimit === undefined) return waited
      // The slot is taken only when the call will use it: a call that would wait past its timeout, or longer than its
      // policy waits for the account, is refused without taking one, so refusals never push the backlog further out.
      const remaining = deadline - (yield* Clock.currentTimeMillis)
      const maxRetryAfter = Duration.toMillis(policy.maxRetryAfter)
      const maxWait = Math.min(remaining, maxRetryAfter)
      const slot = yield* gate.reserve(config.rateLimit, maxWait)
      const delay = slot.wait
      if (!slot.taken) {
        return yield* Effect.fail(
          notSent(
            info,
            delay,
            `the client-side rate limit's next slot is in ${seconds(delay)}, ` + (delay >= remaining
              ? "past the call's timeout"
              : delay >= maxRetryAfter
              ? `longer than the retry policy waits for the account (maxRetryAfter ${seconds(maxRetryAfter)})`
              : `further than the pacing backlog reaches (${seconds(MAX_PACING_BACKLOG_MILLIS)})`),
          ),
        )
      }
      if (delay <= 0) return waited
      yield* Effect.logDebug("quantive throttle: client-side rate limit").pipe(
        Effect.annotateLogs({ operation: info.operation, waitMs: delay }),
      )
      yield* sleepMillis(delay)
      waited += delay
      // A 429 seen by another call (or worker) while this one waited for its slot: wait for it, then take a new slot.
      if ((yield* gate.pausedFor) === 0) return waited
    }
    return waited
  })

/**
 * Runs `attempt` under `policy`, through `gate`. `attempt` is one exchange (and, when the caller asks, its decoding).
 *
 * Span attributes: `quantive.attempts` (attempts sent), `quantive.throttle_wait_ms` (time waited at the account's
 * gate: a 429's back-off, whoever saw it, and pacing), `quantive.retry_wait_ms` (this call's own back-off between
 * attempts: the schedule's delays and a 503's Retry-After). Each wait is counted once.
 *
 * @internal
 */
export const run = <A>(
  attempt: Effect.Effect<A, QE.QuantiveError>,
  info: CallInfo,
  config: ResilienceConfig,
  gate: Gate,
  policy: Retry.Policy,
): Effect.Effect<A, RunError> =>
  Effect.gen(function* () {
    const started = yield* Clock.currentTimeMillis
    const deadline = config.timeout === undefined ? Infinity : started + Duration.toMillis(config.timeout)
    const maxRetryAfter = Duration.toMillis(policy.maxRetryAfter)
    let attempts = 0
    let retryWait = 0
    let throttleWait = 0
    let state: unknown = policy.schedule.initial
    const annotate = Effect.suspend(() =>
      Effect.annotateCurrentSpan({
        "quantive.attempts": attempts,
        "quantive.retry_wait_ms": retryWait,
        "quantive.throttle_wait_ms": throttleWait,
      })
    )
    const finish = (error: RunError) =>
      Effect.flatMap(
        Clock.currentTimeMillis,
        (now) => Effect.zipRight(annotate, Effect.fail(withHistory(error, attempts, now - started))),
      )
    const loop = Effect.gen(function* () {
      while (true) {
        const passed = yield* Effect.either(passGate(gate, config, policy, info, deadline))
        if (Either.isLeft(passed)) {
          const refusal = passed.left
          return yield* finish(refusal._tag === "StoreFailure" ? storeError(info, refusal) : refusal)
        }
        throttleWait += passed.right
        attempts += 1
        const result = yield* Effect.either(attempt)
        if (Either.isRight(result)) {
          yield* annotate
          return result.right
        }
        const now = yield* Clock.currentTimeMillis
        const error = result.left
        const retryAfter = error._tag === "TooManyRequests" || error._tag === "ServerError"
          ? error.retryAfter
          : undefined
        const retryAfterMillis = retryAfter === undefined ? undefined : Duration.toMillis(retryAfter)
        const accountWait = error._tag === "TooManyRequests" && retryAfterMillis !== undefined
        if (accountWait && retryAfterMillis > 0) {
          // One back-off per account: every call of this client (every worker, with a shared coordinator) waits until
          // it ends. Capped, so that one absurd header cannot lock the account out: past the cap, calls try again.
          // A store that cannot record it is seen again, as a failure, by the next pass of the gate.
          yield* Effect.ignore(gate.pause(Math.min(retryAfterMillis, maxRetryAfter, MAX_PAUSE_MILLIS)))
        }
        yield* annotate
        if (attempts >= policy.maxAttempts || !policy.retryable(error, info.method)) return yield* finish(error)
        if (retryAfterMillis !== undefined && retryAfterMillis > maxRetryAfter) return yield* finish(error)
        let delay: number
        if (retryAfterMillis !== undefined) {
          delay = retryAfterMillis
        } else {
          const [next, , decision] = yield* policy.schedule.step(now, error, state)
          if (ScheduleDecision.isDone(decision)) return yield* finish(error)
          state = next
          delay = Math.max(0, Intervals.start(decision.intervals) - now)
        }
        // A wait the deadline cannot cover: fail now, with what the server said, rather than time out later.
        if (delay > 0 && now + delay >= deadline) return yield* finish(error)
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
        // A 429's wait is the account's back-off, which the gate enforces (and counts); any other wait is this call's.
        if (!accountWait) {
          retryWait += delay
          yield* sleepMillis(delay)
        }
      }
    })
    if (config.timeout === undefined) return yield* loop
    const timeout = config.timeout
    return yield* Effect.timeoutFail(loop, {
      duration: timeout,
      onTimeout: () =>
        withHistory(
          timeoutError(info, `the call did not complete within ${Duration.format(timeout)} (timeout, all attempts)`),
          attempts,
          Duration.toMillis(timeout),
        ),
    })
  })
