/**
 * What the request scenarios (trace context, configuration, input checks, the generic request) need that Effect 3
 * and Effect 4 spell differently (`#line/requests`).
 */
import * as ListQuery from "../../effect4/lib/internal/request/listQuery.ts"
import { Cause, Config, ConfigProvider, Effect, type Exit, type Layer, Logger, Result, Stream } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"

export { HttpClientResponse }

/** The platform's switch for sending trace context, as this line names it. */
export const tracerPropagationName = "HttpClient.TracerPropagationEnabled"

/** Runs `self` with the platform's trace-context propagation turned on or off. */
export const withTracerPropagation =
  (enabled: boolean) => <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.provideService(self, HttpClient.TracerPropagationEnabled, enabled)

/** A layer whose configuration provider reads `env` as environment variables by name. */
export const envLayer = (env: Record<string, string>): Layer.Layer<never> =>
  ConfigProvider.layer(ConfigProvider.fromEnvRecord(env))

/** Whether `u` is Effect's `ConfigError`. */
export const isConfigError = (u: unknown): boolean => u instanceof Config.ConfigError

/** The sort keys of a list's `sort` text (a bad text throws), ordered by the client's comparator via `compare`. */
export const sortKeys = (sort: string) => {
  const keys = Result.getOrThrow(ListQuery.parseSort(sort))
  return { keys, compare: ListQuery.comparator(keys) }
}

/** Whether `u` is a stream (else an effect). */
export const isStream = (u: object): boolean => Stream.isStream(u)

/** The error of an exit that failed with exactly one typed error and nothing else, else `undefined`. */
export const soleFailure = <A, E>(exit: Exit.Exit<A, E>): { readonly error: E } | undefined => {
  const found = exit._tag === "Failure" && exit.cause.reasons.length === 1 ? Cause.findError(exit.cause) : undefined
  return found !== undefined && found._tag === "Success" ? { error: found.success } : undefined
}

/** A logger layer keeping the message of every entry at level Warning, and those messages. */
export const warningRecorder = () => {
  const lines: Array<string> = []
  const layer = Logger.layer([
    Logger.make(({ logLevel, message }) => {
      if (logLevel === "Warn") lines.push(String(message))
    }),
  ])
  return { lines, layer }
}

/** A filter's query text as the client encodes it, or the problem that refuses it. */
export const encodeFilter = (
  filter: unknown,
): { readonly ok: true; readonly value: string | undefined } | { readonly ok: false; readonly problem: string } =>
  Result.match(ListQuery.encodeFilter(filter), {
    onFailure: (problem) => ({ ok: false, problem }),
    onSuccess: (value) => ({ ok: true, value }),
  })
