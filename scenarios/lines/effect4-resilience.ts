/**
 * The Effect 4 line's resilience stage as the scenarios see it (`#line/resilience`): the `Retry-After` reader, the
 * in-process gate, and the few fiber and outcome helpers the resilience scenarios spell once for both lines.
 */
import { Effect, type Fiber, Result } from "effect"

export * as RetryAfter from "../../effect4/lib/internal/resilience/retryAfter.ts"
export { makeLocalGate, MAX_PACING_BACKLOG_MILLIS } from "../../effect4/lib/internal/resilience/coordinator.ts"

/** An effect's outcome as a value: its success, or its failure. */
export type Attempt<A, E> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: E }

/** Runs `self` and answers its outcome, success or failure, as a value. */
export const attempt = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<Attempt<A, E>, never, R> =>
  Effect.map(
    Effect.result(self),
    Result.match({
      onFailure: (error): Attempt<A, E> => ({ ok: false, error }),
      onSuccess: (value): Attempt<A, E> => ({ ok: true, value }),
    }),
  )

/** Whether `fiber` has ended (without waiting for it). */
export const isDone = <A, E>(fiber: Fiber.Fiber<A, E>): Effect.Effect<boolean> =>
  Effect.sync(() => fiber.pollUnsafe() !== undefined)
