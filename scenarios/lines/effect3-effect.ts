/**
 * What the scenarios need that Effect 3 and Effect 4 spell differently (`#line/effect`), in one shape: forking,
 * the test clock, the fetch client, a JSON logger that records, a schedule's delays, and interrupting a fiber.
 */
import { FetchHttpClient } from "@effect/platform"
import { Effect, Exit, Fiber, Layer, Logger, LogLevel, type Schedule, TestClock } from "effect"
import * as Intervals from "effect/ScheduleIntervals"

export { FetchHttpClient, TestClock }

/** Runs `self` in a child fiber of the current one. */
export const fork = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<Fiber.RuntimeFiber<A, E>, never, R> =>
  Effect.fork(self)

/** Interrupts `fiber` and tells whether it ended interrupted. */
export const interruptFiber = <A, E>(fiber: Fiber.Fiber<A, E>): Effect.Effect<boolean> =>
  Effect.map(Fiber.interrupt(fiber), Exit.isInterrupted)

/** A logger that keeps the JSON line of every log entry (all levels). */
export const recordingJsonLogger = () => {
  const lines: Array<string> = []
  const logger = Logger.map(Logger.jsonLogger, (line) => {
    lines.push(line)
  })
  return {
    lines,
    layer: Layer.merge(Logger.replace(Logger.defaultLogger, logger), Logger.minimumLogLevel(LogLevel.All)),
  }
}

/** The first `count` delays (milliseconds) `schedule` gives, each step taken when the previous delay has passed. */
export const delaysOf = <Out, In>(schedule: Schedule.Schedule<Out, In>, count: number) =>
  Effect.gen(function* () {
    const delays: Array<number> = []
    let state = schedule.initial
    let now = 0
    for (let n = 0; n < count; n++) {
      const [next, , decision] = yield* schedule.step(now, undefined as never, state)
      if (decision._tag !== "Continue") break
      const delay = Intervals.start(decision.intervals) - now
      delays.push(delay)
      state = next
      now += delay
    }
    return delays
  })
