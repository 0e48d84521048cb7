/**
 * Per-call settings, carried in the context so that they apply to an `Effect` and to a `Stream` alike
 * (`Effect.provideService` / `Stream.provideService`): the retry policy and the decode mode. The pipeline reads them
 * once per call. What a call answers travels the other way, in `currentResponse`, which `Quantive.withResponse` reads.
 *
 * @internal
 */
import { Context, Duration, FiberRef, Schedule } from "effect"
import { globalValue } from "effect/GlobalValue"
import type { DecodeMode, ResponseInfo } from "../QuantiveClient.ts"
import type * as Retry from "../Retry.ts"

export type { DecodeMode }

/** @internal */
export class CallRetry extends Context.Tag("@effect-quantive/client/CallRetry")<CallRetry, Retry.Policy>() {}

/** @internal */
export class CallDecode extends Context.Tag("@effect-quantive/client/CallDecode")<CallDecode, DecodeMode>() {}

/**
 * The response of the last call the fiber completed (its info computed when read), or undefined.
 *
 * @internal
 */
export const currentResponse: FiberRef.FiberRef<(() => ResponseInfo) | undefined> = globalValue(
  Symbol.for("@effect-quantive/client/currentResponse"),
  () => FiberRef.unsafeMake<(() => ResponseInfo) | undefined>(undefined),
)

/** Why a per-call retry policy cannot be used, or undefined (it may come from plain JavaScript). @internal */
export const policyProblem = (policy: unknown): string | undefined => {
  if (typeof policy !== "object" || policy === null) return "retry must be a Retry.Policy (Retry.policy(...))"
  const { maxAttempts, maxRetryAfter, retryable, schedule } = policy as Partial<Record<keyof Retry.Policy, unknown>>
  if (typeof maxAttempts !== "number" || !Number.isInteger(maxAttempts) || maxAttempts < 1) {
    return "retry must be a Retry.Policy: its maxAttempts is not a positive integer"
  }
  if (typeof retryable !== "function") return "retry must be a Retry.Policy: its retryable is not a function"
  if (!Schedule.isSchedule(schedule)) return "retry must be a Retry.Policy: its schedule is not a Schedule"
  if (!Duration.isDuration(maxRetryAfter)) return "retry must be a Retry.Policy: its maxRetryAfter is not a Duration"
  return undefined
}

/** Why a per-call decode mode cannot be used, or undefined. @internal */
export const decodeProblem = (mode: unknown): string | undefined =>
  mode === "strict" || mode === "tolerant" ? undefined : `decode must be "strict" or "tolerant"`
