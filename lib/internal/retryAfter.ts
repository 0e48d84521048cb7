import { Duration, Option } from "effect"

const SECONDS = /^\s*(\d+(?:\.\d+)?)\s*$/

/**
 * Parses the wait a response asks for: `retry-after-ms` (milliseconds), then `Retry-After` as delta-seconds or as an
 * HTTP date (relative to `now`). A date in the past is a zero wait. Anything unparseable is no wait at all.
 *
 * @internal
 */
export const parseRetryAfter = (
  headers: Readonly<Record<string, string | undefined>>,
  now: number,
): Option.Option<Duration.Duration> => {
  const ms = headers["retry-after-ms"]
  if (ms !== undefined) {
    const match = SECONDS.exec(ms)
    if (match) return Option.some(Duration.millis(Number(match[1])))
  }
  const value = headers["retry-after"]
  if (value === undefined) return Option.none()
  const seconds = SECONDS.exec(value)
  if (seconds) return Option.some(Duration.millis(Math.round(Number(seconds[1]) * 1000)))
  const date = Date.parse(value)
  if (Number.isNaN(date)) return Option.none()
  return Option.some(Duration.millis(Math.max(0, date - now)))
}
