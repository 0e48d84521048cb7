import { ConfigError, Duration, Either, Redacted } from "effect"
import * as Retry from "../Retry.ts"

/** How a client runs its attempts. @internal */
export interface ResilienceConfig {
  /** The policy of calls that do not set their own (`Quantive.withRetry`). */
  readonly retry: Retry.Policy
  /** Each attempt, body included; undefined for none (applied by the transport stage). */
  readonly attemptTimeout: Duration.Duration | undefined
  /** The whole call, retries and waits included; undefined for none. */
  readonly timeout: Duration.Duration | undefined
  /** Client-side pacing: at most `requests` attempts per `per`. */
  readonly rateLimit: { readonly requests: number; readonly per: Duration.Duration } | undefined
}

/** @internal */
export const regions = {
  eu: "https://app.quantive.com/results/api",
  us: "https://app.us.quantive.com/results/api",
} as const

/** @internal */
export type Region = keyof typeof regions

/** @internal */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024

/** @internal */
export const DEFAULT_MAX_REDIRECTS = 5

/** The raw input, from options or from the environment. @internal */
export interface RawConfig {
  readonly token: Redacted.Redacted<string> | string
  readonly accountId: string
  readonly region?: string | undefined
  readonly baseUrl?: string | URL | undefined
  readonly maxResponseBytes?: number | undefined
  readonly retry?: Retry.Policy | undefined
  readonly attemptTimeout?: Duration.DurationInput | undefined
  readonly timeout?: Duration.DurationInput | undefined
  readonly rateLimit?: { readonly requests: number; readonly per: Duration.DurationInput } | undefined
}

/** The default per-attempt timeout, body included. @internal */
export const DEFAULT_ATTEMPT_TIMEOUT: Duration.Duration = Duration.seconds(30)

/** The names under which each setting is reported in a `ConfigError`. @internal */
export interface ConfigNames {
  readonly token: string
  readonly accountId: string
  readonly region: string
  readonly baseUrl: string
  readonly maxResponseBytes: string
}

/** @internal */
export const optionNames: ConfigNames = {
  token: "token",
  accountId: "accountId",
  region: "region",
  baseUrl: "baseUrl",
  maxResponseBytes: "maxResponseBytes",
}

/** @internal */
export const envNames: ConfigNames = {
  token: "QUANTIVE_TOKEN",
  accountId: "QUANTIVE_ACCOUNT_ID",
  region: "QUANTIVE_REGION",
  baseUrl: "QUANTIVE_BASE_URL",
  maxResponseBytes: "QUANTIVE_MAX_RESPONSE_BYTES",
}

/** Configuration after validation: what the pipeline runs on. @internal */
export interface ResolvedConfig {
  readonly token: Redacted.Redacted<string>
  readonly accountId: Redacted.Redacted<string>
  /** The API root without version and without a trailing slash. */
  readonly baseUrl: URL
  readonly maxResponseBytes: number
  readonly maxRedirects: number
  readonly resilience: ResilienceConfig
}

const invalid = (name: string, message: string) => ConfigError.InvalidData([name], message)

const LOOPBACK_V4 = /^127(\.\d{1,3}){3}$/

/** @internal */
export const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase()
  return host === "localhost" || host === "::1" || LOOPBACK_V4.test(host)
}

/** Trims the ASCII whitespace an env file or a copy-paste adds (a trailing newline); nothing else. */
const trimAscii = (value: string) => value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "")

/** Invisible format characters that `trim` keeps: zero-width, bidi controls, word joiners, the BOM, soft hyphen. */
const FORMAT = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/

/**
 * Why a value cannot be sent as an HTTP header value (fetch refuses characters above U+00FF, CR, LF and NUL; other
 * control, whitespace and invisible characters would be sent as something the user did not see), or undefined. The
 * message names the kind of character, and the code point only for invisible ones, never the value.
 *
 * @internal
 */
export const headerValueProblem = (value: string): string | undefined => {
  for (const char of value) {
    const code = char.codePointAt(0)!
    if (FORMAT.test(char)) {
      return `must not contain invisible format characters (found U+${
        code.toString(16).toUpperCase().padStart(4, "0")
      }: zero-width, bidi control or BOM)`
    }
    if (code > 0xff) {
      return "must contain only characters an HTTP header can carry (printable ASCII or Latin-1, up to U+00FF)"
    }
    if (code < 0x20 || (code >= 0x7f && code <= 0xa0) || /\s/.test(char)) {
      return "must not contain whitespace or control characters (newlines, tabs, DEL, C1 controls)"
    }
  }
  return undefined
}

const resolveBaseUrl = (raw: RawConfig, names: ConfigNames): Either.Either<URL, ConfigError.ConfigError> => {
  if (raw.baseUrl !== undefined && raw.region !== undefined) {
    return Either.left(
      invalid(names.baseUrl, `set either ${names.baseUrl} or ${names.region}, not both`),
    )
  }
  if (raw.baseUrl === undefined) {
    const region = raw.region ?? "eu"
    if (!Object.hasOwn(regions, region)) {
      return Either.left(invalid(
        names.region,
        `unknown region "${region}": expected one of ${
          Object.keys(regions).join(", ")
        }, or set ${names.baseUrl} for any other host`,
      ))
    }
    return Either.right(new URL(regions[region as Region]))
  }
  let url: URL
  try {
    url = new URL(String(raw.baseUrl))
  } catch {
    return Either.left(invalid(names.baseUrl, "not a valid absolute URL"))
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return Either.left(invalid(names.baseUrl, `protocol ${url.protocol} is not supported: use https://`))
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return Either.left(invalid(
      names.baseUrl,
      `plain http:// is refused for ${url.hostname}: the token would cross the network in clear text (use https://; http:// is allowed for loopback only)`,
    ))
  }
  if (url.username !== "" || url.password !== "") {
    return Either.left(invalid(names.baseUrl, "must not carry credentials"))
  }
  if (url.search !== "" || url.hash !== "") {
    return Either.left(invalid(names.baseUrl, "must not have a query or a fragment"))
  }
  const path = url.pathname.replace(/\/+$/, "")
  if (/\/v\d+$/.test(path)) {
    return Either.left(invalid(
      names.baseUrl,
      `is the API root without the version (e.g. https://app.quantive.com/results/api): the client appends /v1 or /v2`,
    ))
  }
  url.pathname = path
  return Either.right(url)
}

/**
 * Validates raw configuration, reporting each problem under the name the user gave it (an option or an environment
 * variable).
 *
 * @internal
 */
export const resolve = (
  raw: RawConfig,
  names: ConfigNames,
): Either.Either<ResolvedConfig, ConfigError.ConfigError> => {
  const token = Redacted.isRedacted(raw.token) ? Redacted.value(raw.token) : raw.token
  if (typeof token !== "string" || token.trim() === "") {
    return Either.left(invalid(names.token, "must be a non-empty API token"))
  }
  const tokenProblem = headerValueProblem(trimAscii(token))
  if (tokenProblem !== undefined) return Either.left(invalid(names.token, tokenProblem))
  if (typeof raw.accountId !== "string" || raw.accountId.trim() === "") {
    return Either.left(invalid(names.accountId, "must be a non-empty account id"))
  }
  const accountIdProblem = headerValueProblem(trimAscii(raw.accountId))
  if (accountIdProblem !== undefined) return Either.left(invalid(names.accountId, accountIdProblem))
  const maxResponseBytes = raw.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes <= 0) {
    return Either.left(invalid(names.maxResponseBytes, "must be a positive integer (bytes)"))
  }
  const positive = (value: Duration.DurationInput | undefined, name: string) => {
    if (value === undefined) return Either.right(undefined)
    const duration = Duration.decodeUnknown(value)
    return duration._tag === "Some" && Duration.toMillis(duration.value) > 0
      ? Either.right(duration.value)
      : Either.left(invalid(name, 'must be a positive duration (e.g. "30 seconds")'))
  }
  const attemptTimeout = raw.attemptTimeout === undefined
    ? Either.right(DEFAULT_ATTEMPT_TIMEOUT)
    : positive(raw.attemptTimeout, "attemptTimeout")
  if (Either.isLeft(attemptTimeout)) return Either.left(attemptTimeout.left)
  const timeout = positive(raw.timeout, "timeout")
  if (Either.isLeft(timeout)) return Either.left(timeout.left)
  let rateLimit: ResilienceConfig["rateLimit"] = undefined
  if (raw.rateLimit !== undefined) {
    const per = positive(raw.rateLimit.per, "rateLimit.per")
    if (Either.isLeft(per) || per.right === undefined) return Either.left(invalid("rateLimit.per", "must be positive"))
    if (!(raw.rateLimit.requests > 0)) return Either.left(invalid("rateLimit.requests", "must be positive"))
    rateLimit = { requests: raw.rateLimit.requests, per: per.right }
  }
  const resilience: ResilienceConfig = {
    retry: raw.retry ?? Retry.defaultPolicy,
    attemptTimeout: attemptTimeout.right,
    timeout: timeout.right,
    rateLimit,
  }
  return Either.map(resolveBaseUrl(raw, names), (baseUrl) => ({
    resilience,
    token: Redacted.make(trimAscii(token)),
    accountId: Redacted.make(trimAscii(raw.accountId)),
    baseUrl,
    maxResponseBytes,
    maxRedirects: DEFAULT_MAX_REDIRECTS,
  }))
}
