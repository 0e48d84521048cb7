/**
 * The per-attempt deadline, on the fiber's clock, without a race of fibers: an attempt runs with a scope its requests
 * are tied to (the platform's `HttpClient.withScope`: closing the scope aborts them), and the deadline closes that
 * scope. The aborted request fails where it waits (for the answer, or for the next chunk of its body), and that
 * failure is reported as the deadline's. The scope is also closed when the attempt fails or is interrupted; after a
 * complete read there is nothing left to abort, so it is left to the garbage collector.
 *
 * The deadline is a timer of the fiber's `Clock`: the runtime's timer when the clock is the live one, otherwise a
 * daemon fiber sleeping on that clock (the `TestClock` of `it.effect`, or a clock a program provides).
 *
 * @internal
 */
import { Clock, Duration, Effect, Exit, Fiber, Scope } from "effect"

/** The live clock's class: a fiber whose clock is one of these waits in real time. */
const LiveClock = Clock.make().constructor

const close = (scope: Scope.CloseableScope) => Scope.close(scope, Exit.void)

/**
 * Runs `attempt` with a scope its requests are tied to, closing the scope when `duration` passes on the fiber's clock;
 * an attempt that fails after its deadline passed fails with `onTimeout()`.
 *
 * @internal
 */
export const withDeadline = <A, E, E2>(
  attempt: (scope: Scope.Scope) => Effect.Effect<A, E>,
  duration: Duration.Duration,
  onTimeout: () => E2,
): Effect.Effect<A, E | E2> =>
  Effect.flatMap(Scope.make(), (scope) =>
    Effect.clockWith((clock) => {
      let passed = false
      const expire = () => {
        passed = true
        return close(scope)
      }
      /** The attempt, then the timer stopped; on failure the scope is closed, and a deadline passed is the error. */
      const run = (stop: Effect.Effect<unknown>): Effect.Effect<A, E | E2> =>
        Effect.flatMap(
          Effect.exit(Effect.onInterrupt(attempt(scope), () => Effect.zipRight(stop, close(scope)))),
          (exit) =>
            Effect.zipRight(
              stop,
              Exit.isSuccess(exit) ? exit : Effect.zipRight(
                close(scope),
                Effect.suspend((): Effect.Effect<A, E | E2> => passed ? Effect.fail(onTimeout()) : exit),
              ),
            ),
        )
      if (clock instanceof LiveClock) {
        return Effect.suspend(() => {
          const timer = setTimeout(() => Effect.runSync(expire()), Duration.toMillis(duration))
          return run(Effect.sync(() => clearTimeout(timer)))
        })
      }
      return Effect.flatMap(
        Effect.forkDaemon(Effect.flatMap(clock.sleep(duration), expire)),
        (timer) => run(Fiber.interrupt(timer)),
      )
    }))
