/**
 * What the scenarios need that Effect 3 and Effect 4 spell differently (`#line/effect`), in one shape: forking,
 * interrupting, the test clock, the HTTP client, loggers and a tracer that record, a schedule's delays, and the
 * small schemas the scans decode with.
 */
import { Cause, Duration, Effect, Exit, Fiber, Layer, Logger, References, Schedule, Schema, Tracer } from "effect"
import { FetchHttpClient, HttpClient } from "effect/http"
import { TestClock } from "effect/testing"
import { inspect } from "node:util"

export { FetchHttpClient, HttpClient, TestClock }

/** What a duration may be given as. */
export type DurationInput = Duration.Input

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

/** Logs `message` at level Error with the cause when `self` fails. */
export const logFailure = (message: string) => <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.tapCause(self, (cause) => Effect.logError(message, cause))

/** A logger keeping everything of every entry as a line: level, message, cause, annotations. */
export const logRecorder = () => {
  const lines: Array<string> = []
  const logger = Logger.make(({ cause, fiber, logLevel, message }) => {
    const annotations = Object.entries(fiber.getRef(References.CurrentLogAnnotations))
    lines.push(
      [logLevel, inspect(message, { depth: 10 }), Cause.pretty(cause), inspect(annotations, { depth: 10 })].join(" "),
    )
  })
  return {
    lines,
    layer: Layer.merge(Logger.layer([logger]), Layer.succeed(References.MinimumLogLevel, "All")),
  }
}

/** A tracer keeping every span's name, attributes, events and the exit it ends with, as lines. */
export const spanRecorder = () => {
  const records: Array<string> = []
  let next = 0
  const tracer = Tracer.make({
    span({ annotations, kind, links, name, parent, startTime }) {
      const attributes = new Map<string, unknown>()
      records.push(`span ${name}`)
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId: `span-${++next}`,
        traceId: "trace-1",
        parent,
        annotations,
        status: { _tag: "Started", startTime },
        attributes,
        links,
        sampled: true,
        kind,
        end: (_endTime, exit) => {
          records.push(`end ${name} ${inspect([...attributes], { depth: 10 })}`)
          if (Exit.isFailure(exit)) records.push(`exit ${name} ${Cause.pretty(exit.cause)}`)
        },
        attribute: (key, value) => {
          attributes.set(key, value)
          records.push(`attribute ${key} ${inspect(value, { depth: 10 })}`)
        },
        event: (eventName, _time, eventAttributes) =>
          records.push(`event ${eventName} ${inspect(eventAttributes, { depth: 10 })}`),
        addLinks: () => {},
      }
      return span
    },
  })
  return { records, layer: Layer.succeed(Tracer.Tracer, tracer) }
}

const Echo = Schema.Struct({ id: Schema.String, name: Schema.String })
const Scores = Schema.Record(Schema.String, Schema.Number)

/** Small response schemas: an object, a page of them, and a record of scores (required, and optional). */
export const schemas = {
  Echo,
  Page: Schema.Struct({ items: Schema.Array(Echo), totalCount: Schema.Number }),
  Scored: Schema.Struct({ id: Schema.String, scores: Scores }),
  Drifting: Schema.Struct({ id: Schema.String, scores: Schema.optional(Scores) }),
}
