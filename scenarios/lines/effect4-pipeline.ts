/**
 * What the pipeline scenarios need that Effect 3 and Effect 4 spell differently (`#line/pipeline`): a struct field
 * that may be absent, a record schema, a schema's encoded side, a callback API as an effect, loggers that keep messages, and a counter's series.
 */
import { Effect, Layer, Logger, Metric, References, Schema } from "effect"

/** An effect that ends when `register` calls `resume` with the effect to continue with (a callback API as an effect). */
export const callback = <A, E = never, R = never>(
  register: (
    resume: (effect: Effect.Effect<A, E, R>) => void,
    signal: AbortSignal,
  ) => void | Effect.Effect<void, never, R>,
): Effect.Effect<A, E, R> => Effect.callback(register)

/** A struct field that may be absent, and is never `undefined` when present. */
export const optionalKey = <S extends Schema.Constraint>(schema: S) => Schema.optionalKey(schema)

/** A record schema: keys of `key`, values of `value`. */
export const record = <K extends Schema.Record.Key, V extends Schema.Constraint>(key: K, value: V) =>
  Schema.Record(key, value)

/** The schema of what `schema` decodes from, with no transformation. */
export const encodedSchema = <S extends Schema.Constraint>(schema: S) => Schema.toEncoded(schema)

/** A logger keeping the message of every entry at level Debug and above, as a string. */
export const debugMessages = () => {
  const lines: Array<string> = []
  const logger = Logger.make(({ message }) => lines.push(String(message)))
  return {
    lines,
    layer: Layer.merge(Logger.layer([logger]), Layer.succeed(References.MinimumLogLevel, "Debug")),
  }
}

/** A logger keeping the message of every warning (its parts joined by spaces), with every level enabled. */
export const warningMessages = () => {
  const lines: Array<string> = []
  const logger = Logger.make(({ logLevel, message }) => {
    if (logLevel === "Warn") lines.push(Array.isArray(message) ? message.join(" ") : String(message))
  })
  return {
    lines,
    layer: Layer.merge(Logger.layer([logger]), Layer.succeed(References.MinimumLogLevel, "All")),
  }
}

/** One series of a counter: its tags and its count. */
export interface CounterSeries {
  readonly tags: Readonly<Record<string, string>>
  readonly count: number
}

/** Every series of the counter named `name`, as the metric registry holds them now. */
export const counterSeries = (name: string): Effect.Effect<Array<CounterSeries>> =>
  Effect.map(
    Metric.snapshot,
    (snapshots) =>
      snapshots.flatMap((snapshot) =>
        snapshot.id === name && snapshot.type === "Counter"
          ? [{
            tags: Object.fromEntries(Object.entries(snapshot.attributes ?? {}).map(([k, v]) => [k, String(v)])),
            count: Number(snapshot.state.count),
          }]
          : []
      ),
  )
