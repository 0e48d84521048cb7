/**
 * What a response was, as `Quantive.withResponse` reports it: status, request id, headers (names and values
 * redacted), attempts, elapsed time, and the parsed rate-limit headers.
 *
 * @internal
 */
import type { RateLimitInfo, ResponseInfo } from "../../QuantiveClient.ts"
import { type Redactor, snippet } from "../redact.ts"

const numberHeader = (value: string | undefined) => {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined
  return Number(value.trim())
}

/** `X-RateLimit-*`, or the IETF draft's `RateLimit-*`. */
const rateLimitOf = (headers: Readonly<Record<string, string>>): RateLimitInfo | undefined => {
  const limit = numberHeader(headers["x-ratelimit-limit"] ?? headers["ratelimit-limit"])
  const remaining = numberHeader(headers["x-ratelimit-remaining"] ?? headers["ratelimit-remaining"])
  const reset = numberHeader(headers["x-ratelimit-reset"] ?? headers["ratelimit-reset"])
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined
  return {
    ...(limit === undefined ? {} : { limit }),
    ...(remaining === undefined ? {} : { remaining }),
    ...(reset === undefined ? {} : { reset }),
  }
}

/** @internal */
export const responseInfo = (
  status: number,
  requestId: string | undefined,
  responseHeaders: Readonly<Record<string, string>>,
  attempts: number,
  elapsedMillis: number,
  redact: Redactor,
): ResponseInfo => {
  const clean: Record<string, string> = {}
  for (const name of Object.keys(responseHeaders)) {
    const value = name === "set-cookie" ? "<redacted>" : snippet(redact(responseHeaders[name]!), 1000)
    // A server may echo a secret in a header's name as well as in its value. Two names that redact alike
    // (`x-<token>` and `x-<TOKEN>`) keep both values, joined as HTTP joins a repeated header's.
    const key = snippet(redact(name), 200)
    const before = Object.hasOwn(clean, key) ? clean[key] : undefined
    // Defined, not assigned: a header named `__proto__` is an own key like any other.
    Object.defineProperty(clean, key, {
      value: before === undefined ? value : `${before}, ${value}`,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  const rateLimit = rateLimitOf(responseHeaders)
  return {
    status,
    ...(requestId === undefined ? {} : { requestId }),
    headers: clean,
    attempts,
    elapsedMillis,
    ...(rateLimit === undefined ? {} : { rateLimit }),
  }
}
