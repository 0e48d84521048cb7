/**
 * Building the pipeline's errors: every message, path, server message, snippet, decode issue and request id goes
 * through the call's redactor, so no error can carry the token or the account id.
 *
 * @internal
 */
import type { HttpClientError } from "@effect/platform"
import { Duration, Option, ParseResult } from "effect"
import * as QE from "../QuantiveError.ts"
import type { Redactor } from "./redact.ts"
import { snippet } from "./redact.ts"
import { parseRetryAfter } from "./resilience/retryAfter.ts"

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-correlation-id", "x-amzn-requestid"]

/** @internal */
export interface CallContext {
  readonly operation: string
  readonly method: string
  /** The real path, redacted. */
  readonly path: string
  readonly redact: Redactor
  /** The path template (`/v1/users/{userId}`), which replaces any URL a runtime's error message holds. */
  readonly template?: string
}

/** @internal */
export const describe = (
  _tag: string,
  ctx: CallContext,
  status: number | undefined,
  detail: string | undefined,
  requestId: string | undefined,
) =>
  // No tag in front: an error's `toString` and stack already start with it.
  `${ctx.operation} (${ctx.method} ${ctx.path})` +
  (status === undefined ? "" : ` answered ${status}`) +
  (detail === undefined || detail === "" ? "" : `: ${detail}`) +
  (requestId === undefined ? "" : ` [request id ${requestId}]`)

/** @internal */
export const invalidInput = (ctx: CallContext, field: string | undefined, problem: string) =>
  new QE.InvalidInput({
    message: describe("InvalidInput", ctx, undefined, ctx.redact(problem), undefined) + " (no request was sent)",
    method: ctx.method,
    path: ctx.path,
    ...(field === undefined ? {} : { field }),
  })

/** @internal */
export const formatIssue = (error: ParseResult.ParseError, redact: Redactor) => {
  try {
    const [first] = ParseResult.ArrayFormatter.formatErrorSync(error)
    // A path may hold record keys the server chose: shown as safe text, like any server text.
    const issuePath = first === undefined ? "" : snippet(redact(first.path.map(String).join(".")), 300)
    const message = first === undefined ? "does not match the schema" : snippet(redact(first.message))
    return { issuePath, message }
  } catch {
    // Effect's formatter renders the actual value recursively: a deeply nested one overflows the stack.
    return {
      issuePath: snippet(redact(firstIssuePath(error.issue)), 300),
      message: "does not match the schema (the value is too deep to show)",
    }
  }
}

/** The path of the first leaf issue, walked iteratively. */
const firstIssuePath = (root: ParseResult.ParseIssue): string => {
  const path: Array<string> = []
  let issue: ParseResult.ParseIssue | undefined = root
  for (let depth = 0; issue !== undefined && depth < 1000; depth++) {
    switch (issue._tag) {
      case "Pointer":
        path.push(...(Array.isArray(issue.path) ? issue.path : [issue.path]).map(String))
        issue = issue.issue
        break
      case "Composite":
        issue = Array.isArray(issue.issues) ? issue.issues[0] : issue.issues as ParseResult.ParseIssue
        break
      case "Refinement":
      case "Transformation":
        issue = issue.issue
        break
      default:
        issue = undefined
    }
  }
  return path.join(".")
}

/** Any absolute URL in a runtime's own error text: it would carry the query (a filter's email) and the host. */
const ABSOLUTE_URL = /\b(?:https?|wss?):\/\/[^\s"'<>()[\]{}]+/gi

/**
 * Walks an error's `cause` chain for a classifiable reason and a readable description. Some runtimes put the full
 * request URL into their messages: every absolute URL is replaced by the endpoint's path template.
 *
 * @internal
 */
export const classifyTransport = (
  cause: unknown,
  redact: Redactor,
  template = "{url}",
): { reason: QE.TransportReason; detail: string } => {
  const parts: Array<string> = []
  let reason: QE.TransportReason = "Transport"
  let current: unknown = cause
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    const e = current as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown }
    const code = typeof e.code === "string" ? e.code : ""
    const text = `${typeof e.message === "string" ? e.message : String(current)}${code ? ` (${code})` : ""}`
    if (text !== "" && !parts.includes(text)) parts.push(text)
    const hay = `${code} ${text}`
    if (reason === "Transport") {
      if (/ECONNREFUSED|refused|ENOTFOUND|EAI_AGAIN|dns error|failed to lookup/i.test(hay)) reason = "Connect"
      else if (/ECONNRESET|EPIPE|UND_ERR_SOCKET|socket hang up|reset|closed|other side closed|EOF/i.test(hay)) {
        reason = "Reset"
      } else if (/ETIMEDOUT|UND_ERR_.*TIMEOUT|timed out|timeout/i.test(hay)) reason = "Timeout"
      else if (/AbortError|aborted/i.test(hay)) reason = "Aborted"
    }
    current = e.cause
  }
  return { reason, detail: snippet(redact(parts.join(" <- ").replace(ABSOLUTE_URL, template)), 300) }
}

/** @internal */
export const transportError = (
  ctx: CallContext,
  reason: QE.TransportReason,
  detail: string,
  status?: number,
) =>
  new QE.TransportError({
    message: describe("TransportError", ctx, status, `${reason}: ${detail}`, undefined),
    method: ctx.method,
    path: ctx.path,
    reason,
    ...(status === undefined ? {} : { status }),
  })

/** @internal */
export const fromHttpClientError = (error: HttpClientError.HttpClientError, ctx: CallContext, status?: number) =>
  fromCause(error.cause ?? error, ctx, status)

/** A transport failure from any thrown value; with a status, the body could not be read. @internal */
export const fromCause = (cause: unknown, ctx: CallContext, status?: number) => {
  const { detail, reason } = classifyTransport(cause, ctx.redact, ctx.template)
  return transportError(ctx, status === undefined ? reason : reason === "Transport" ? "Body" : reason, detail, status)
}

/** @internal */
export const pickRequestId = (headers: Readonly<Record<string, string>>, redact: Redactor) => {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name]
    if (value !== undefined && value !== "") return snippet(redact(value), 100)
  }
  return undefined
}

/** The server's own words from an error body: a JSON `message`-like field, else a short text snippet. */
/** @internal */
export const serverMessageOf = (text: string, redact: Redactor): string | undefined => {
  if (text.trim() === "") return undefined
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed === "string") return snippet(redact(parsed))
    if (typeof parsed === "object" && parsed !== null) {
      const record = parsed as Record<string, unknown>
      for (const key of ["message", "error", "errorMessage", "error_description", "title", "detail"]) {
        const value = record[key]
        if (typeof value === "string" && value !== "") return snippet(redact(value))
        if (typeof value === "object" && value !== null && typeof (value as any).message === "string") {
          return snippet(redact((value as any).message))
        }
      }
    }
  } catch {
    // not JSON: fall through to a text snippet
  }
  return snippet(redact(text.slice(0, 64 * 1024)))
}

/** The class of a documented status other than 401, 429 and 5xx (which are universal, with fields of their own). */
const classOf = (status: number): (new (props: any) => QE.QuantiveError) | undefined =>
  Object.hasOwn(QE.statusClasses, status)
    ? QE.statusClasses[status as keyof typeof QE.statusClasses] as new (props: any) => QE.QuantiveError
    : undefined

/** @internal */
export const statusError = (
  status: number,
  documented: ReadonlySet<number>,
  ctx: CallContext,
  headers: Readonly<Record<string, string>>,
  bodyText: string,
  now: number,
): QE.QuantiveError => {
  const requestId = pickRequestId(headers, ctx.redact)
  const serverMessage = serverMessageOf(bodyText, ctx.redact)
  const common = {
    method: ctx.method,
    path: ctx.path,
    status,
    ...(serverMessage === undefined ? {} : { serverMessage }),
    ...(requestId === undefined ? {} : { requestId }),
  }
  if (status === 401) {
    return new QE.Unauthorized({ ...common, message: describe("Unauthorized", ctx, status, serverMessage, requestId) })
  }
  if (status === 429) {
    const retryAfter = parseRetryAfter(headers, now)
    const wait = Option.isSome(retryAfter)
      ? `retry after ${Math.ceil(Duration.toMillis(retryAfter.value) / 1000)}s`
      : ""
    return new QE.TooManyRequests({
      ...common,
      ...(Option.isSome(retryAfter) ? { retryAfter: retryAfter.value } : {}),
      message: describe("TooManyRequests", ctx, status, [serverMessage, wait].filter(Boolean).join("; "), requestId),
    })
  }
  if (status >= 500 && status <= 599) {
    const retryAfter = parseRetryAfter(headers, now)
    return new QE.ServerError({
      ...common,
      ...(Option.isSome(retryAfter) ? { retryAfter: retryAfter.value } : {}),
      message: describe("ServerError", ctx, status, serverMessage, requestId),
    })
  }
  const Class = documented.has(status) ? classOf(status) : undefined
  if (Class !== undefined) {
    const tag = (Class as unknown as { readonly _tag: string })._tag ?? Class.name
    return new Class({ ...common, message: describe(tag, ctx, status, serverMessage, requestId) })
  }
  return new QE.UnexpectedStatus({
    ...common,
    message: describe("UnexpectedStatus", ctx, status, serverMessage, requestId),
  })
}

/** @internal */
export const decodeError = (
  ctx: CallContext,
  status: number,
  requestId: string | undefined,
  problem: string,
  extra: { readonly issuePath?: string; readonly snippet?: string },
) =>
  new QE.DecodeError({
    message: describe("DecodeError", ctx, status, problem, requestId),
    method: ctx.method,
    path: ctx.path,
    status,
    ...(requestId === undefined ? {} : { requestId }),
    ...extra,
  })

/** The error with its history: attempts sent and time elapsed, and in the message when there was a retry. @internal */
export const withHistory = <E extends QE.QuantiveError | QE.CoordinatorError>(
  error: E,
  attempts: number,
  elapsedMillis: number,
): E => {
  const { _tag: _, ...fields } = error as unknown as { _tag: string } & Record<string, unknown>
  const seconds = (elapsedMillis / 1000).toFixed(1)
  const message = attempts > 1 ? `${error.message} (after ${attempts} attempts over ${seconds}s)` : error.message
  const Class = error.constructor as new (props: Record<string, unknown>) => E
  return new Class({ ...fields, message, attempts, elapsedMillis })
}

/** @internal */
export const timeoutError = (
  info: { readonly operation: string; readonly method: string; readonly path: string },
  what: string,
): QE.TransportError =>
  new QE.TransportError({
    message: `${info.operation} (${info.method} ${info.path}): Timeout: ${what}`,
    method: info.method,
    path: info.path,
    reason: "Timeout",
  })
