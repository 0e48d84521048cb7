/**
 * `Retry-After` and `retry-after-ms` as the resilience stage reads them: the core's strict parser
 * (`core/src/retryAfter.ts`, where the rules are) with the wait as a `Duration`.
 *
 * @internal
 */
import { Duration, Option } from "effect"
import * as Core from "../../../../core/src/retryAfter.ts"

export { parseHttpDate } from "../../../../core/src/retryAfter.ts"

/** What the core read, with the wait and its source as options. @internal */
export interface RetryAfterReading {
  readonly wait: Option.Option<Duration.Duration>
  /** The header the wait was taken from. */
  readonly source: Option.Option<"retry-after-ms" | "retry-after">
  readonly ignored: Core.RetryAfterReading["ignored"]
}

/** Reads `retry-after-ms`, then `Retry-After`, relative to `now` (epoch milliseconds). @internal */
export const readRetryAfter = (
  headers: Readonly<Record<string, string | undefined>>,
  now: number,
): RetryAfterReading => {
  const reading = Core.readRetryAfter(headers, now)
  return {
    wait: reading.waitMillis === undefined ? Option.none() : Option.some(Duration.millis(reading.waitMillis)),
    source: reading.source === undefined ? Option.none() : Option.some(reading.source),
    ignored: reading.ignored,
  }
}

/** The wait a response asks for, or none when no valid header is present. @internal */
export const parseRetryAfter = (
  headers: Readonly<Record<string, string | undefined>>,
  now: number,
): Option.Option<Duration.Duration> => {
  const millis = Core.readRetryAfter(headers, now).waitMillis
  return millis === undefined ? Option.none() : Option.some(Duration.millis(millis))
}
