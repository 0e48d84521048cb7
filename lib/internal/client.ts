/**
 * The one request pipeline every endpoint goes through: input validation, URL and body encoding, headers, redirect
 * policy, a capped body read, status mapping, response decoding, a span and a debug log line per call.
 *
 * @internal
 */
import { FetchHttpClient, HttpBody, HttpClient, HttpClientRequest } from "@effect/platform"
import type { HttpClientResponse } from "@effect/platform"
import { Clock, Context, Effect, Either, Option, Redacted, Schema, Stream } from "effect"
import * as QE from "../QuantiveError.ts"
import type { ResolvedConfig } from "./config.ts"
import {
  type CallContext,
  decodeError,
  describe,
  formatIssue,
  fromHttpClientError,
  invalidInput,
  pickRequestId,
  statusError,
  transportError,
} from "./errors.ts"
import { makeRedactor, snippet } from "./redact.ts"
import * as Resilience from "./resilience.ts"

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
  /** Set on deprecated endpoints: what replaces it, named in the one warning logged on the first call. */
  readonly deprecated?: string
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

/** Operations already warned about in this process: deprecated endpoints, and `Deprecation`/`Sunset` headers. */
const warned = new Set<string>()

/** Forgets which deprecation warnings were logged (for tests). @internal */
export const resetDeprecationWarnings = (): void => warned.clear()

const warnOnce = (key: string, message: string, annotations: Record<string, string>) =>
  Effect.suspend(() => {
    if (warned.has(key)) return Effect.void
    warned.add(key)
    return Effect.logWarning(message).pipe(Effect.annotateLogs(annotations))
  })

/** @internal */
export const USER_AGENT = "effect-quantive/0.1.0"

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
  /** One back-off (and pacing) per client, that is per account. */
  const gate = Resilience.makeGate()
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

  /** Turns a 2xx body into the success value. */
  const decodeSuccess = <A>(
    success: Success<A>,
    status: number,
    bodyText: string,
    ctx: CallContext,
    requestId: string | undefined,
  ): Effect.Effect<A, QE.DecodeError> => {
    switch (success._tag) {
      case "Void":
        return Effect.succeed(undefined as A)
      case "Text": {
        try {
          const parsed: unknown = JSON.parse(bodyText)
          if (typeof parsed === "string") return Effect.succeed(parsed as A)
        } catch {
          // a plain text body
        }
        return Effect.succeed(bodyText as A)
      }
      case "Json": {
        if (bodyText.trim() === "") {
          return Effect.fail(decodeError(ctx, status, requestId, "the body is empty where JSON was expected", {}))
        }
        let parsed: unknown
        try {
          parsed = JSON.parse(bodyText)
        } catch {
          const start = snippet(redact(bodyText), 120)
          return Effect.fail(
            decodeError(ctx, status, requestId, `the body is not JSON: ${start}`, { snippet: start }),
          )
        }
        const decoded = Schema.decodeUnknownEither(success.schema)(dropNulls(parsed))
        if (Either.isLeft(decoded)) {
          const { issuePath, message } = formatIssue(decoded.left, redact)
          return Effect.fail(
            decodeError(ctx, status, requestId, `${issuePath || "(root)"}: ${message}`, { issuePath }),
          )
        }
        return Effect.succeed(decoded.right)
      }
    }
  }

  /** One complete attempt: send, read the whole body, map the status, decode. */
  const attemptOnce = <A>(
    endpoint: Endpoint<any>,
    request: HttpClientRequest.HttpClientRequest,
    ctx: CallContext,
    success: Success<A>,
    documented: ReadonlySet<number>,
  ): Effect.Effect<A, QE.QuantiveError> =>
    Effect.gen(function* () {
      const start = yield* Clock.currentTimeMillis
      const response = yield* send(request, ctx, 0)
      const status = response.status
      const requestId = pickRequestId(response.headers, redact)
      yield* Effect.annotateCurrentSpan({
        "http.response.status_code": status,
        ...(requestId === undefined ? {} : { "quantive.request_id": requestId }),
      })
      const deprecation = response.headers["deprecation"]
      const sunset = response.headers["sunset"]
      if (deprecation !== undefined || sunset !== undefined) {
        const said = [
          deprecation === undefined ? undefined : `Deprecation: ${snippet(redact(deprecation), 100)}`,
          sunset === undefined ? undefined : `Sunset: ${snippet(redact(sunset), 100)}`,
        ].filter((part) => part !== undefined).join(", ")
        yield* warnOnce(
          `header:${endpoint.operation}`,
          `the server marks ${endpoint.operation} (${endpoint.method} /${endpoint.api}${endpoint.path}) as deprecated: ${said}`,
          { operation: endpoint.operation },
        )
      }
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
      return yield* decodeSuccess(success, status, bodyText, ctx, requestId)
    })

  const execute = <A, S extends QE.DocumentedStatus>(
    endpoint: Endpoint<S>,
    success: Success<A>,
    input: RequestInput = {},
  ): Effect.Effect<A, QE.ErrorFor<S>> => {
    const template = `/${endpoint.api}${endpoint.path}`
    const documented: ReadonlySet<number> = new Set(endpoint.statuses)
    const effect = Effect.gen(function* () {
      const templateCtx: CallContext = {
        operation: endpoint.operation,
        method: endpoint.method,
        path: template,
        redact,
      }
      if (endpoint.deprecated !== undefined) {
        yield* warnOnce(
          `call:${endpoint.operation}`,
          `${endpoint.operation} is deprecated (${endpoint.method} ${template}): ${endpoint.deprecated}`,
          { operation: endpoint.operation, replacement: endpoint.deprecated },
        )
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
      return yield* Resilience.run(
        attemptOnce(endpoint, request, ctx, success, documented),
        { operation: endpoint.operation, method: endpoint.method, path: ctx.path },
        config.resilience,
        gate,
      )
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
