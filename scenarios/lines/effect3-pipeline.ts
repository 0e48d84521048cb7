/**
 * What the pipeline scenarios need that Effect 3 and Effect 4 spell differently (`#line/pipeline`): a struct field
 * that may be absent, a record schema, a schema's encoded side, a callback API as an effect, loggers that keep messages, and a counter's series.
 */
import { Effect, Layer, Logger, LogLevel, Metric, MetricKeyType, Schema } from "effect"

/** An effect that ends when `register` calls `resume` with the effect to continue with (a callback API as an effect). */
export const callback = <A, E = never, R = never>(
  register: (
    resume: (effect: Effect.Effect<A, E, R>) => void,
    signal: AbortSignal,
  ) => void | Effect.Effect<void, never, R>,
): Effect.Effect<A, E, R> => Effect.async(register)

/** A struct field that may be absent, and is never `undefined` when present. */
export const optionalKey = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

/** A record schema: keys of `key`, values of `value`. */
export const record = <K extends Schema.Schema.All, V extends Schema.Schema.All>(key: K, value: V) =>
  Schema.Record({ key, value })

/** The schema of what `schema` decodes from, with no transformation. */
export const encodedSchema = <A, I>(schema: Schema.Schema<A, I, never>) => Schema.encodedSchema(schema)

/** A logger keeping the message of every entry at level Debug and above, as a string. */
export const debugMessages = () => {
  const lines: Array<string> = []
  const logger = Logger.make(({ message }) => lines.push(String(message)))
  return {
    lines,
    layer: Layer.merge(Logger.replace(Logger.defaultLogger, logger), Logger.minimumLogLevel(LogLevel.Debug)),
  }
}

/** A logger keeping the message of every warning (its parts joined by spaces), with every level enabled. */
export const warningMessages = () => {
  const lines: Array<string> = []
  const logger = Logger.make(({ logLevel, message }) => {
    if (logLevel._tag === "Warning") lines.push(Array.isArray(message) ? message.join(" ") : String(message))
  })
  return {
    lines,
    layer: Layer.merge(Logger.replace(Logger.defaultLogger, logger), Logger.minimumLogLevel(LogLevel.All)),
  }
}

/** One series of a counter: its tags and its count. */
export interface CounterSeries {
  readonly tags: Readonly<Record<string, string>>
  readonly count: number
}

/** Every series of the counter named `name`, as the metric registry holds them now. */
export const counterSeries = (name: string): Effect.Effect<Array<CounterSeries>> =>
  Effect.map(Metric.snapshot, (pairs) =>
    pairs
      .filter((pair) => pair.metricKey.name === name && MetricKeyType.isCounterKey(pair.metricKey.keyType))
      .map((pair) => ({
        tags: Object.fromEntries(pair.metricKey.tags.map((tag) => [tag.key, tag.value])),
        count: Number((pair.metricState as unknown as { count: number | bigint }).count),
      })))
