/**
 * The one request pipeline every endpoint goes through: input validation, URL and body encoding, headers, redirect
 * policy, a capped body read, status mapping, response decoding, a span and a debug log line per call.
 *
 * @internal
 */
import { FetchHttpClient, HttpBody, HttpClient, HttpClientRequest } from "@effect/platform"
import type { HttpClientError, HttpClientResponse } from "@effect/platform"
import { Clock, Context, Duration, Effect, Either, Option, ParseResult, Redacted, Schema, Stream } from "effect"
import * as QE from "../QuantiveError.ts"
import type { ResolvedConfig } from "./config.ts"
import { makeRedactor, type Redactor, snippet } from "./redact.ts"
import { parseRetryAfter } from "./retryAfter.ts"

/** @internal */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/** A documented operation: where it lives and which statuses it documents. @internal */
export interface Endpoint<S extends QE.DocumentedStatus> {
  /** `Group.method`, used in span names and error messages. */
  readonly operation: string
  readonly method: HttpMethod
  readonly api: "v1" | "v2"
  /** The path after the version, with `{name}` placeholders: `/accounts/{id}`. */
  readonly path: string
  readonly statuses: ReadonlyArray<S>
}

/** @internal */
export const endpoint = <const S extends QE.DocumentedStatus>(e: Endpoint<S>): Endpoint<S> => e

/** @internal */
export type QueryValue = string | number | boolean | undefined

/** A JSON body and the schema that encodes it. @internal */
export interface Body {
  readonly schema: Schema.Schema<any, any, never>
  readonly value: unknown
}

/** @internal */
export const body = <A, I>(schema: Schema.Schema<A, I, never>, value: A): Body => ({ schema, value })

/** @internal */
export interface RequestInput {
  readonly params?: Readonly<Record<string, string>>
  readonly query?: Readonly<Record<string, QueryValue>>
  readonly body?: Body
}

/** How a 2xx response becomes the success value. @internal */
export type Success<A> =
  | { readonly _tag: "Json"; readonly schema: Schema.Schema<A, any, never> }
  | { readonly _tag: "Void" }
  | { readonly _tag: "Text" }

/** @internal */
export const json = <A, I>(schema: Schema.Schema<A, I, never>): Success<A> => ({ _tag: "Json", schema })

/** @internal */
export const empty: Success<void> = { _tag: "Void" }

/** @internal */
export const text: Success<string> = { _tag: "Text" }

/** @internal */
export interface Service {
  readonly config: ResolvedConfig
  readonly execute: <A, S extends QE.DocumentedStatus>(
    endpoint: Endpoint<S>,
    success: Success<A>,
    input?: RequestInput,
  ) => Effect.Effect<A, QE.ErrorFor<S>>
  /** Fails with `InvalidInput` for input a method checks itself, before any request. */
  readonly invalidInput: (input: {
    readonly operation: string
    readonly method: string
    readonly path: string
    readonly field: string
    readonly problem: string
  }) => Effect.Effect<never, QE.InvalidInput>
}

/**
 * The pipeline as a service: every endpoint group depends on it, `Quantive.layer` provides it.
 *
 * @internal
 */
const QuantiveClientTag: Context.TagClass<QuantiveClient, "@effect-quantive/client/QuantiveClient", Service> = Context
  .Tag("@effect-quantive/client/QuantiveClient")<QuantiveClient, Service>()

/**
 * The pipeline as a service: every endpoint group depends on it, `Quantive.layer` provides it.
 *
 * @internal
 */
export class QuantiveClient extends QuantiveClientTag {}

/** @internal */
export const USER_AGENT = "effect-quantive/0.1.0"

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-correlation-id", "x-amzn-requestid"]

interface CallContext {
  readonly operation: string
  readonly method: string
  /** The real path, redacted. */
  readonly path: string
  readonly redact: Redactor
}

const describe = (
  tag: string,
  ctx: CallContext,
  status: number | undefined,
  detail: string | undefined,
  requestId: string | undefined,
) =>
  `${tag}: ${ctx.operation} (${ctx.method} ${ctx.path})` +
  (status === undefined ? "" : ` answered ${status}`) +
  (detail === undefined || detail === "" ? "" : `: ${detail}`) +
  (requestId === undefined ? "" : ` [request id ${requestId}]`)

const invalidInput = (ctx: CallContext, field: string | undefined, problem: string) =>
  new QE.InvalidInput({
    message: describe("InvalidInput", ctx, undefined, ctx.redact(problem), undefined) + " (no request was sent)",
    method: ctx.method,
    path: ctx.path,
    ...(field === undefined ? {} : { field }),
  })

const buildPath = (endpoint: Endpoint<any>, params: Readonly<Record<string, string>>, ctx: CallContext) => {
  let failure: QE.InvalidInput | undefined
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value: unknown = params[name]
    if (typeof value !== "string" || value.trim() === "") {
      failure ??= invalidInput(ctx, name, `${name} must be a non-empty string`)
      return ""
    }
    if (value === "." || value === "..") {
      failure ??= invalidInput(ctx, name, `${name} must not be "." or ".."`)
      return ""
    }
    return encodeURIComponent(value)
  })
  return failure === undefined ? Either.right(`/${endpoint.api}${path}`) : Either.left(failure)
}

const formatIssue = (error: ParseResult.ParseError, redact: Redactor) => {
  const [first] = ParseResult.ArrayFormatter.formatErrorSync(error)
  const issuePath = first === undefined ? "" : first.path.map(String).join(".")
  const message = first === undefined ? "does not match the schema" : snippet(redact(first.message))
  return { issuePath, message }
}

/** Walks an error's `cause` chain for a classifiable reason and a readable description. */
const classifyTransport = (cause: unknown, redact: Redactor): { reason: QE.TransportReason; detail: string } => {
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
  return { reason, detail: snippet(redact(parts.join(" <- ")), 300) }
}

const transportError = (
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

const fromHttpClientError = (error: HttpClientError.HttpClientError, ctx: CallContext, status?: number) => {
  const { detail, reason } = classifyTransport(error.cause ?? error, ctx.redact)
  return transportError(ctx, status === undefined ? reason : reason === "Transport" ? "Body" : reason, detail, status)
}

const pickRequestId = (headers: Readonly<Record<string, string>>, redact: Redactor) => {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name]
    if (value !== undefined && value !== "") return snippet(redact(value), 100)
  }
  return undefined
}

/** The server's own words from an error body: a JSON `message`-like field, else a short text snippet. */
const serverMessageOf = (text: string, redact: Redactor): string | undefined => {
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
  return snippet(redact(text))
}

const STATUS_CLASSES: Record<number, new (props: any) => QE.QuantiveError> = {
  400: QE.BadRequest,
  402: QE.PaymentRequired,
  403: QE.Forbidden,
  404: QE.NotFound,
  409: QE.Conflict,
  423: QE.Locked,
}

const statusError = (
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
    return new QE.ServerError({ ...common, message: describe("ServerError", ctx, status, serverMessage, requestId) })
  }
  const Class = documented.has(status) ? STATUS_CLASSES[status] : undefined
  if (Class !== undefined) {
    const tag = (Class as unknown as { readonly _tag: string })._tag ?? Class.name
    return new Class({ ...common, message: describe(tag, ctx, status, serverMessage, requestId) })
  }
  return new QE.UnexpectedStatus({
    ...common,
    message: describe("UnexpectedStatus", ctx, status, serverMessage, requestId),
  })
}

const decodeError = (
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

/**
 * Removes `null`-valued properties from parsed JSON, in place and recursively: the API may send `null` for a field it
 * could also omit, and every optional field of our schemas means "absent". A required field sent as `null` still fails
 * to decode, naming the field. Array elements are left as they are.
 *
 * @internal
 */
export const dropNulls = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    for (const item of value) dropNulls(item)
  } else if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>
    for (const key in record) {
      const field = record[key]
      if (field === null) delete record[key]
      else if (typeof field === "object") dropNulls(field)
    }
  }
  return value
}

const textDecoder = new TextDecoder()

const concat = (chunks: ReadonlyArray<Uint8Array>, size: number) => {
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

const isRedirect = (status: number) =>
  status === 301 || status === 302 || status === 303 || status === 307 ||
  status === 308

/** @internal */
export const make = (config: ResolvedConfig, httpClient: HttpClient.HttpClient): Service => {
  const redact = makeRedactor(config)
  // Our own span replaces the platform's, whose attributes would carry the full URL and the account id header.
  const client = HttpClient.withTracerDisabledWhen(httpClient, () => true)
  const root = config.baseUrl.origin + config.baseUrl.pathname.replace(/\/+$/, "")
  const headers = {
    authorization: `Bearer ${Redacted.value(config.token)}`,
    "gtmhub-accountid": Redacted.value(config.accountId),
    accept: "application/json",
    "user-agent": USER_AGENT,
  }

  /** Reads the whole body, failing at the configured cap rather than buffering past it. */
  const readBody = (response: HttpClientResponse.HttpClientResponse, ctx: CallContext) => {
    const cap = config.maxResponseBytes
    const tooLarge = (seen: string) =>
      transportError(
        ctx,
        "ResponseTooLarge",
        `the body is ${seen} bytes, over the cap of ${cap} bytes (maxResponseBytes)`,
        response.status,
      )
    const declared = Number(response.headers["content-length"])
    if (Number.isFinite(declared) && declared > cap) return Effect.fail(tooLarge(String(declared)))
    return response.stream.pipe(
      Stream.catchAll((error) =>
        error.reason === "EmptyBody" ? Stream.empty : Stream.fail(fromHttpClientError(error, ctx, response.status))
      ),
      Stream.runFoldEffect(
        { chunks: [] as Array<Uint8Array>, size: 0 },
        (acc, chunk) => {
          acc.size += chunk.length
          if (acc.size > cap) return Effect.fail(tooLarge(`more than ${cap}`))
          acc.chunks.push(chunk)
          return Effect.succeed(acc)
        },
      ),
      Effect.map(({ chunks, size }) => textDecoder.decode(concat(chunks, size))),
    )
  }

  const withManualRedirects = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.flatMap(
      Effect.serviceOption(FetchHttpClient.RequestInit),
      (init) =>
        Effect.provideService(effect, FetchHttpClient.RequestInit, {
          ...Option.getOrElse(init, () => ({})),
          redirect: "manual",
        }),
    )

  /** Sends, following same-origin redirects only. */
  const send = (
    request: HttpClientRequest.HttpClientRequest,
    ctx: CallContext,
    hops: number,
  ): Effect.Effect<HttpClientResponse.HttpClientResponse, QE.TransportError | QE.UnexpectedStatus> =>
    client.execute(request).pipe(
      withManualRedirects,
      Effect.mapError((error) => fromHttpClientError(error, ctx)),
      Effect.flatMap((response) => {
        const location = response.headers["location"]
        if (!isRedirect(response.status) || location === undefined) return Effect.succeed(response)
        const refuse = (why: string) =>
          Effect.zipRight(
            Effect.ignore(readBody(response, ctx)),
            Effect.fail(
              new QE.UnexpectedStatus({
                message: describe("UnexpectedStatus", ctx, response.status, why, undefined),
                method: ctx.method,
                path: ctx.path,
                status: response.status,
              }),
            ),
          )
        let next: URL
        try {
          next = new URL(location, request.url)
        } catch {
          return refuse("redirect to an invalid location refused")
        }
        if (next.origin !== config.baseUrl.origin) {
          return refuse(`redirect to another origin (${next.origin}) refused: credentials stay with ${root}`)
        }
        if (hops >= config.maxRedirects) return refuse(`more than ${config.maxRedirects} redirects`)
        const redirected = response.status === 303
          ? HttpClientRequest.setMethod(HttpClientRequest.setBody(request, HttpBody.empty), "GET")
          : request
        return Effect.zipRight(
          Effect.ignore(readBody(response, ctx)),
          send(HttpClientRequest.setUrl(redirected, next.href), ctx, hops + 1),
        )
      }),
    )

  const execute = <A, S extends QE.DocumentedStatus>(
    endpoint: Endpoint<S>,
    success: Success<A>,
    input: RequestInput = {},
  ): Effect.Effect<A, QE.ErrorFor<S>> => {
    const template = `/${endpoint.api}${endpoint.path}`
    const documented: ReadonlySet<number> = new Set(endpoint.statuses)
    const effect = Effect.gen(function* () {
      const start = yield* Clock.currentTimeMillis
      const templateCtx: CallContext = {
        operation: endpoint.operation,
        method: endpoint.method,
        path: template,
        redact,
      }
      const path = yield* buildPath(endpoint, input.params ?? {}, templateCtx)
      const ctx: CallContext = { ...templateCtx, path: redact(path) }

      const url = new URL(root + path)
      for (const [key, value] of Object.entries(input.query ?? {})) {
        if (value !== undefined) url.searchParams.set(key, String(value))
      }

      let request = HttpClientRequest.make(endpoint.method)(url.href, { headers })
      if (input.body !== undefined) {
        const encoded = Schema.encodeUnknownEither(input.body.schema)(input.body.value)
        if (Either.isLeft(encoded)) {
          const { issuePath, message } = formatIssue(encoded.left, redact)
          return yield* invalidInput(ctx, issuePath || "body", `body${issuePath ? `.${issuePath}` : ""}: ${message}`)
        }
        request = HttpClientRequest.setBody(request, HttpBody.text(JSON.stringify(encoded.right), "application/json"))
      }

      const response = yield* send(request, ctx, 0)
      const status = response.status
      const requestId = pickRequestId(response.headers, redact)
      yield* Effect.annotateCurrentSpan({
        "http.response.status_code": status,
        ...(requestId === undefined ? {} : { "quantive.request_id": requestId }),
      })
      const bodyText = yield* readBody(response, ctx)
      yield* Effect.logDebug("quantive request").pipe(
        Effect.annotateLogs({ operation: endpoint.operation, method: endpoint.method, path: ctx.path, status }),
        Effect.annotateLogs("durationMs", (yield* Clock.currentTimeMillis) - start),
      )

      if (status < 200 || status > 299) {
        return yield* Effect.fail(
          statusError(status, documented, ctx, response.headers, bodyText, yield* Clock.currentTimeMillis),
        )
      }
      switch (success._tag) {
        case "Void":
          return undefined as A
        case "Text": {
          try {
            const parsed: unknown = JSON.parse(bodyText)
            if (typeof parsed === "string") return parsed as A
          } catch {
            // a plain text body
          }
          return bodyText as A
        }
        case "Json": {
          if (bodyText.trim() === "") {
            return yield* decodeError(ctx, status, requestId, "the body is empty where JSON was expected", {})
          }
          let parsed: unknown
          try {
            parsed = JSON.parse(bodyText)
          } catch {
            const start = snippet(redact(bodyText), 120)
            return yield* decodeError(ctx, status, requestId, `the body is not JSON: ${start}`, { snippet: start })
          }
          const decoded = Schema.decodeUnknownEither(success.schema)(dropNulls(parsed))
          if (Either.isLeft(decoded)) {
            const { issuePath, message } = formatIssue(decoded.left, redact)
            return yield* decodeError(ctx, status, requestId, `${issuePath || "(root)"}: ${message}`, { issuePath })
          }
          return decoded.right
        }
      }
    })
    return effect.pipe(
      Effect.withSpan(`Quantive.${endpoint.operation}`, {
        kind: "client",
        attributes: {
          "quantive.operation": endpoint.operation,
          "http.request.method": endpoint.method,
          "url.template": template,
        },
      }),
    ) as Effect.Effect<A, QE.ErrorFor<S>>
  }

  const failInvalid: Service["invalidInput"] = ({ field, method, operation, path, problem }) =>
    Effect.fail(invalidInput({ operation, method, path, redact }, field, problem))

  return { config, execute, invalidInput: failInvalid }
}
