/**
 * The fake Quantive server's rate limiting: a fixed counting window per limit, answering 429 with `Retry-After` once
 * the window's requests are spent.
 *
 * @internal
 */
import { type FakeReply, reply } from "./reply.ts"

/**
 * A server-side rate limit: past `requests` within `perMillis`, answer 429 with `Retry-After`.
 *
 * @since 0.1.0
 * @category models
 */
export interface RateLimit {
  readonly requests: number
  readonly perMillis: number
  /** The `Retry-After` seconds sent; by default the time left in the window, rounded up. */
  readonly retryAfterSeconds?: number
}

/** A fixed counting window for a `RateLimit`. @internal */
export interface RateWindow {
  start: number
  count: number
}

/**
 * Counts one request in `window`; past `limit.requests` within `limit.perMillis`, the 429 to answer, with
 * `Retry-After` (the configured seconds, or the rest of the window, at least 1 s).
 *
 * @internal
 */
export const overLimit = (limit: RateLimit, window: RateWindow, message: string): FakeReply | undefined => {
  const now = Date.now()
  if (now - window.start >= limit.perMillis) {
    window.start = now
    window.count = 0
  }
  window.count += 1
  if (window.count <= limit.requests) return undefined
  const seconds = limit.retryAfterSeconds ?? Math.max(1, Math.ceil((window.start + limit.perMillis - now) / 1000))
  return reply(429, { statusCode: 429, message }, { "retry-after": String(seconds) })
}
