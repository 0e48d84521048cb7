/**
 * What the scenarios need that Effect 3 and Effect 4 spell differently (`#line/effect`), in one shape: forking,
 * the test clock, the fetch client, a JSON logger that records, a schedule's delays, and interrupting a fiber.
 */
import { Duration, Effect, Exit, Fiber, Layer, Logger, References, Schedule } from "effect"
import { FetchHttpClient } from "effect/http"
import { TestClock } from "effect/testing"

export { FetchHttpClient, TestClock }

/** Runs `self` in a child fiber of the current one. */
export const fork = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<Fiber.Fiber<A, E>, never, R> =>
  Effect.forkChild(self)

/** Interrupts `fiber` and tells whether it ended interrupted. */
export const interruptFiber = <A, E>(fiber: Fiber.Fiber<A, E>): Effect.Effect<boolean> =>
  Effect.andThen(Fiber.interrupt(fiber), Effect.map(Fiber.await(fiber), Exit.hasInterrupts))

/** A logger that keeps the JSON line of every log entry (all levels). */
export const recordingJsonLogger = () => {
  const lines: Array<string> = []
  const logger = Logger.map(Logger.formatJson, (line) => {
    lines.push(line)
  })
  return {
    lines,
    layer: Layer.merge(Logger.layer([logger]), Layer.succeed(References.MinimumLogLevel, "All")),
  }
}

/** The first `count` delays (milliseconds) `schedule` gives, each step taken when the previous delay has passed. */
export const delaysOf = <Out, In>(schedule: Schedule.Schedule<Out, In>, count: number) =>
  Effect.gen(function* () {
    const step = yield* Schedule.toStep(schedule)
    const delays: Array<number> = []
    let now = 0
    for (let n = 0; n < count; n++) {
      const [, delay] = yield* step(now, undefined as never)
      const millis = Duration.toMillis(delay)
      delays.push(millis)
      now += millis
    }
    return delays
  })
