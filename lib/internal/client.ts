/**
 * The one request pipeline every endpoint goes through: input validation, URL and body encoding, headers, redirect
 * policy, a capped body read, status mapping, response decoding, a span per call and a debug log line per attempt.
 *
 * @internal
 */
import { HttpBody, HttpClient, HttpClientRequest } from "@effect/platform"
import { Clock, Context, Duration, Effect, Either, Exit, FiberRef, LogLevel, Option, Redacted, Scope } from "effect"
import type { Schema } from "effect"
import type * as QE from "../QuantiveError.ts"
import { isRetryable } from "../Retry.ts"
import type * as Retry from "../Retry.ts"
import {
  type Endpoint,
  QuantiveClient,
  type RateLimitInfo,
  type RequestInput,
  type ResponseInfo,
  type Service,
  type Success,
} from "../QuantiveClient.ts"
import { type Body, readBytes, textOf } from "./body.ts"
import { CallDecode, CallResponse, CallRetry, type DecodeMode } from "./callSettings.ts"
import type { ResolvedConfig } from "./config.ts"
import { decodeJson } from "./decodeResponse.ts"
import { encodeJsonBody } from "./encodeBody.ts"
import { loneSurrogateIndex } from "../../core/src/jsonValue.ts"
import { type CallContext, decodeError, invalidInput, pickRequestId, statusError } from "./errors.ts"
import { makeRedactor, type Redactor, snippet } from "./redact.ts"
import { readRetryAfter } from "./retryAfter.ts"
import { send } from "./redirects.ts"
import * as Resilience from "./resilience.ts"

export * from "../QuantiveClient.ts"
export { QuantiveClient }

/** Operations already warned about in this process: deprecated endpoints, and `Deprecation`/`Sunset` headers. */
const warned = new Set<string>()

/** Forgets which deprecation warnings were logged (for tests). @internal */
export const resetDeprecationWarnings = (): void => warned.clear()

/** @internal */
export const warnOnce = (key: string, message: string, annotations: Record<string, string>): Effect.Effect<void> =>
  Effect.suspend(() => {
    if (warned.has(key)) return Effect.void
    warned.add(key)
    return Effect.logWarning(message).pipe(Effect.annotateLogs(annotations))
  })

/** @internal */
export const USER_AGENT = "effect-quantive/0.2.0"

/** A `.` or `..` path segment, also percent-encoded (`%2e`, `.%2E`, …), which a URL parser resolves. */
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?=$|\/)/i

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
    if (loneSurrogateIndex(value) >= 0) {
      failure ??= invalidInput(ctx, name, `${name} holds a lone surrogate, which cannot be sent in a URL`)
      return ""
    }
    return encodeURIComponent(value)
  })
  if (failure === undefined && DOT_SEGMENT.test(path)) {
    // The path as sent (a template of `Quantive.request`, spliced with its params, e.g. `%2{x}` with x = "e"): a URL
    // parser would resolve the segment and take the request, with its token, out of the API root.
    failure = invalidInput(ctx, "path", `the path holds a "." or ".." segment, which would leave the API root`)
  }
  return failure === undefined ? Either.right(`/${endpoint.api}${path}`) : Either.left(failure)
}

/**
 * Checks the query parameters and serializes them (`?a=1&b=2`, or nothing); a value that cannot be sent as given is
 * refused. Serialized once, as `URLSearchParams` does: setting them one by one on a `URL` re-parses it every time.
 */
const queryOf = (query: RequestInput["query"], ctx: CallContext): Either.Either<string, QE.InvalidInput> => {
  if (query === undefined) return Either.right("")
  const problem = queryProblem(query)
  if (problem !== undefined) return Either.left(invalidInput(ctx, ctx.redact(problem.field), problem.problem))
  const params = new URLSearchParams()
  for (const key of Object.keys(query)) {
    const value = query[key]
    if (value !== undefined) params.append(key, String(value))
  }
  const serialized = params.toString()
  return Either.right(serialized === "" ? "" : `?${serialized}`)
}

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

/** A `Retry-After` the server sent but RFC 9110 does not allow is ignored (the policy's back-off applies): say so. */
const ignoredRetryAfter = (headers: Readonly<Record<string, string>>, now: number, operation: string) => {
  const { ignored } = readRetryAfter(headers, now)
  if (ignored.length === 0) return Effect.void
  return Effect.forEach(
    ignored,
    ({ header, reason }) =>
      Effect.logDebug(`quantive: ${header} ignored (${reason}); the retry policy's back-off applies`).pipe(
        Effect.annotateLogs({ operation, header }),
      ),
    { discard: true },
  )
}

/** What an endpoint costs to prepare once: its template, documented statuses and span options. */
interface Prepared {
  /** The operation as every span, log line, metric and error names it: the token and account id redacted. */
  readonly operation: string
  /** The path template as shown (redacted like the operation): the real one is `endpoint.path`. */
  readonly template: string
  readonly documented: ReadonlySet<number>
  readonly spanName: string
  readonly spanOptions: { readonly kind: "client"; readonly attributes: Record<string, string> }
}

const prepareWith = (endpoint: Endpoint<any>, redact: Redactor): Prepared => {
  const template = redact(`/${endpoint.api}${endpoint.path}`)
  const operation = redact(String(endpoint.operation))
  return {
    operation,
    template,
    documented: new Set(endpoint.statuses),
    spanName: `Quantive.${operation}`,
    spanOptions: {
      kind: "client",
      attributes: {
        "quantive.operation": operation,
        "http.request.method": endpoint.method,
        "url.template": template,
      },
    },
  }
}

/**
 * The value a query parameter may hold: a string, a finite number or a boolean (`undefined` leaves it out). An array,
 * a `Date`, an object, `null`, a `BigInt` or a symbol is refused rather than turned into text by `String()`: the API's
 * list conventions differ per parameter (`ids=a,b` or repeated keys), and a value joined by the client could split
 * (`["a,b","c"]` would reach the server as three ids).
 */
const queryValueProblem = (key: string, value: unknown): string | undefined => {
  if (typeof value === "string" || typeof value === "boolean") return undefined
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${key} must be a finite number`
  return `${key} must be a string, a finite number or a boolean, not ${kindOf(value)} (join a list yourself, in the ` +
    `form the endpoint documents)`
}

/**
 * What a value is, for a message: its kind, never its content (which may be anything, a secret included).
 *
 * @internal
 */
export const kindOf = (value: unknown): string => {
  if (value === null) return "null"
  if (Array.isArray(value)) return "an array"
  if (value instanceof Date) return "a Date"
  switch (typeof value) {
    case "object":
      return "an object"
    case "undefined":
      return "undefined"
    case "bigint":
      return "a BigInt"
    case "number":
      return Number.isNaN(value) ? "NaN" : "a number"
    default:
      return `a ${typeof value}`
  }
}

/** An object a caller wrote as `{ … }` (or made with `Object.create(null)`): not an array, a `Date`, a `Map`. */
const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> => {
  if (typeof value !== "object" || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * Why a query cannot be sent, or undefined: the query must be a plain object, and each value one of
 * `queryValueProblem`'s (a lone surrogate in a key or value cannot be encoded either).
 *
 * @internal
 */
export const queryProblem = (query: unknown): { readonly field: string; readonly problem: string } | undefined => {
  if (query === undefined) return undefined
  if (!isPlainObject(query)) return { field: "query", problem: `query must be an object, not ${kindOf(query)}` }
  for (const key of Object.keys(query)) {
    const value = query[key]
    if (value === undefined) continue
    const problem = queryValueProblem(key, value)
    if (problem !== undefined) return { field: key, problem }
    if (loneSurrogateIndex(String(value)) >= 0 || loneSurrogateIndex(key) >= 0) {
      return { field: key, problem: `${key} holds a lone surrogate, which cannot be sent in a URL` }
    }
  }
  return undefined
}

/**
 * The check of one option, given its value (an option left out, `undefined`, is never checked): the problem, worded
 * to follow the option's name (`must be a string`), or undefined.
 *
 * @internal
 */
export type OptionCheck = (value: unknown) => string | undefined

/**
 * The checks options are made of.
 *
 * @internal
 */
export const checks = {
  string: ((value) => typeof value === "string" ? undefined : `must be a string, not ${kindOf(value)}`) as OptionCheck,
  nonEmptyString:
    ((value) =>
      typeof value === "string" && value.trim() !== ""
        ? undefined
        : `must be a non-empty string, not ${
          typeof value === "string" ? "an empty one" : kindOf(value)
        }`) as OptionCheck,
  boolean:
    ((value) => typeof value === "boolean" ? undefined : `must be a boolean, not ${kindOf(value)}`) as OptionCheck,
  number: ((value) => typeof value === "number" ? undefined : `must be a number, not ${kindOf(value)}`) as OptionCheck,
  object: ((value) => isPlainObject(value) ? undefined : `must be an object, not ${kindOf(value)}`) as OptionCheck,
  array: ((value) => Array.isArray(value) ? undefined : `must be an array, not ${kindOf(value)}`) as OptionCheck,
  /** One of the given strings. */
  oneOf: (...allowed: ReadonlyArray<string>): OptionCheck => (value) =>
    typeof value === "string" && allowed.includes(value)
      ? undefined
      : `must be ${allowed.map((a) => JSON.stringify(a)).join(" or ")}${
        typeof value === "string" ? "" : `, not ${kindOf(value)}`
      }`,
}

/**
 * Why an options argument cannot be used, or undefined: `undefined` stands for no options; anything else must be an
 * object (not `null`, an array or a string) whose options each pass their check. The field named is the option's
 * (or the argument's, when it is not an object).
 *
 * @internal
 */
export const optionsProblem = (
  options: unknown,
  optionChecks: Readonly<Record<string, OptionCheck>>,
  argument = "options",
): { readonly field: string; readonly problem: string } | undefined => {
  if (options === undefined) return undefined
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    return { field: argument, problem: `${argument} must be an object (or left out), not ${kindOf(options)}` }
  }
  for (const name of Object.keys(optionChecks)) {
    const value = (options as Record<string, unknown>)[name]
    if (value === undefined) continue
    const problem = optionChecks[name]!(value)
    if (problem !== undefined) return { field: name, problem: `${name} ${problem}` }
  }
  return undefined
}

/**
 * Runs `f` with the options when they pass `optionChecks` (`undefined` becomes `{}`); otherwise fails with the
 * endpoint's `InvalidInput` naming the option, before anything is sent.
 *
 * @internal
 */
export const withOptions = <O extends object, A, E>(
  client: Service,
  endpoint: Endpoint<any>,
  options: O | undefined,
  optionChecks: Readonly<Record<string, OptionCheck>>,
  f: (options: O) => Effect.Effect<A, E>,
  argument = "options",
): Effect.Effect<A, E | QE.InvalidInput> => {
  const problem = optionsProblem(options, optionChecks, argument)
  if (problem === undefined) return f(options ?? ({} as O))
  return client.invalidInput({
    operation: endpoint.operation,
    method: endpoint.method,
    path: `/${endpoint.api}${endpoint.path}`,
    field: problem.field,
    problem: problem.problem,
  })
}

/** The key of the pipeline's redactor on its service (kept by a service spread from it). @internal */
export const RedactKey: unique symbol = Symbol.for("@effect-quantive/client/redact")

/**
 * The redactor of a pipeline's service, or undefined for a service not built by the pipeline (nor spread from one).
 *
 * @internal
 */
export const redactorOf = (service: Service): Redactor | undefined =>
  (service as Partial<Record<typeof RedactKey, Redactor>>)[RedactKey]

/**
 * A 2xx JSON body decoded (to text, parsed, decoded) later, when the effect the call succeeds with runs: every page of
 * a stream. Measured (docs/DECISIONS.md):
 * - a page requested ahead and parsed at once waits as objects, which survive young-generation collections and are
 *   copied and promoted (427 MB promoted over four 10k-user exports at concurrency 4, against 58 MB for a raw loop);
 *   its text waiting instead raised peak RSS; its bytes waiting cost neither;
 * - on Deno, parsing inside the call's span made the parsed pages survive scavenges (GC pauses 1.2 s against 0.15 s
 *   over seven 10k-user exports at concurrency 1): the page is decoded after the call's own effect has completed.
 */
interface Later<A> {
  readonly _tag: "Later"
  readonly schema: Schema.Schema<A, any, never>
}

/** The key of `executeLater` on the pipeline's own service (not part of the public `Service`). @internal */
export const ExecuteLater: unique symbol = Symbol.for("@effect-quantive/client/executeLater")

/** @internal */
export type ExecuteLaterFn = <A, S extends QE.DocumentedStatus>(
  endpoint: Endpoint<S>,
  schema: Schema.Schema<A, any, never>,
  input?: RequestInput,
) => Effect.Effect<Effect.Effect<A, QE.ErrorFor<S>>, QE.ErrorFor<S>>

/**
 * A call whose JSON body is parsed and decoded when the inner effect runs. The request, its retries and its deadline
 * are the outer effect. In tolerant mode, or under a retry policy that retries a `DecodeError`, the body is decoded in
 * the call as usual (the inner effect just succeeds). A `Service` that is not the pipeline's own (a user's, or one
 * spread from it) decodes at once.
 *
 * @internal
 */
export const executeLater = <A, S extends QE.DocumentedStatus>(
  service: Service,
  endpoint: Endpoint<S>,
  schema: Schema.Schema<A, any, never>,
  input?: RequestInput,
): Effect.Effect<Effect.Effect<A, QE.ErrorFor<S>>, QE.ErrorFor<S>> => {
  const later = (service as Partial<Record<typeof ExecuteLater, ExecuteLaterFn>>)[ExecuteLater]
  return later !== undefined
    ? later(endpoint, schema, input)
    : Effect.map(service.execute(endpoint, { _tag: "Json", schema }, input), Effect.succeed)
}

/** Options of the pipeline that are not part of the validated configuration. @internal */
export interface MakeOptions {
  readonly decode?: DecodeMode | undefined
  readonly gate?: Resilience.Gate | undefined
}

/** @internal */
export const make = (config: ResolvedConfig, httpClient: HttpClient.HttpClient, options: MakeOptions = {}): Service => {
  const redact = makeRedactor(config)
  /** Each endpoint prepared once per client (the redaction is this configuration's). */
  const preparedEndpoints = new WeakMap<Endpoint<any>, Prepared>()
  const prepare = (endpoint: Endpoint<any>): Prepared => {
    let entry = preparedEndpoints.get(endpoint)
    if (entry === undefined) {
      entry = prepareWith(endpoint, redact)
      preparedEndpoints.set(endpoint, entry)
    }
    return entry
  }
  const defaultDecode: DecodeMode = options.decode ?? "strict"
  /** One back-off (and pacing) per client, that is per account. */
  const gate = options.gate ?? Resilience.makeGate()
  // Our own span replaces the platform's, whose attributes would carry the full URL and the account id header.
  const client = HttpClient.withTracerDisabledWhen(httpClient, () => true)
  const root = config.baseUrl.origin + config.baseUrl.pathname.replace(/\/+$/, "")
  const headers = {
    authorization: `Bearer ${Redacted.value(config.token)}`,
    "gtmhub-accountid": Redacted.value(config.accountId),
    accept: "application/json",
    "user-agent": USER_AGENT,
  }

  const deprecationHeaders = (ctx: CallContext, responseHeaders: Readonly<Record<string, string>>) => {
    const deprecation = responseHeaders["deprecation"]
    const sunset = responseHeaders["sunset"]
    if (deprecation === undefined && sunset === undefined) return Effect.void
    const said = [
      deprecation === undefined ? undefined : `Deprecation: ${snippet(redact(deprecation), 100)}`,
      sunset === undefined ? undefined : `Sunset: ${snippet(redact(sunset), 100)}`,
    ].filter((part) => part !== undefined).join(", ")
    return warnOnce(
      `header:${ctx.operation}`,
      `the server marks ${ctx.operation} (${ctx.method} ${ctx.template}) as deprecated: ${said}`,
      { operation: ctx.operation },
    )
  }

  /** Turns a 2xx body into the success value. */
  const decodeSuccess = <A>(
    success: Success<A> | Later<any>,
    status: number,
    body: Body,
    ctx: CallContext,
    requestId: string | undefined,
    mode: DecodeMode,
  ): Effect.Effect<A, QE.DecodeError | QE.TransportError> => {
    if (success._tag === "Later") {
      // The bytes wait (outside the JS heap), not the text nor the parsed page: decoded when the stream reaches them.
      return Effect.map(Effect.option(Effect.currentSpan), (span) =>
        Effect.flatMap(
          textOf(body, ctx, status),
          (bodyText) => decodeJson(success.schema, status, bodyText, ctx, requestId, mode, Option.getOrUndefined(span)),
        ) as A)
    }
    if (success._tag === "Void") return Effect.succeed(undefined as A)
    return Effect.flatMap(
      textOf(body, ctx, status),
      (bodyText) => decodeText(success, status, bodyText, ctx, requestId, mode),
    )
  }

  /** A body with text (a `Void` success reads none: see `decodeSuccess`). */
  const decodeText = <A>(
    success: Exclude<Success<A>, { readonly _tag: "Void" }>,
    status: number,
    bodyText: string,
    ctx: CallContext,
    requestId: string | undefined,
    mode: DecodeMode,
  ): Effect.Effect<A, QE.DecodeError> => {
    switch (success._tag) {
      case "Text": {
        try {
          const parsed: unknown = JSON.parse(bodyText)
          if (typeof parsed === "string") return Effect.succeed(parsed as A)
        } catch {
          // a plain text body
        }
        return Effect.succeed(bodyText as A)
      }
      case "Any":
        if (bodyText.trim() === "") return Effect.succeed(undefined as A)
        return decodeJson(undefined, status, bodyText, ctx, requestId, mode)
      case "Json":
        return decodeJson(success.schema, status, bodyText, ctx, requestId, mode)
    }
  }

  /** One complete attempt: send, read the whole body, map the status, decode. */
  const attemptOnce = <A>(
    endpoint: Endpoint<any>,
    request: HttpClientRequest.HttpClientRequest,
    ctx: CallContext,
    success: Success<A> | Later<any>,
    documented: ReadonlySet<number>,
    call: CallState,
  ): Effect.Effect<A, QE.QuantiveError> =>
    Effect.gen(function* () {
      call.attempts += 1
      const start = yield* Clock.currentTimeMillis
      const response = yield* send(call.client, request, ctx, config, 0)
      const status = response.status
      const responseHeaders = response.headers
      const requestId = pickRequestId(responseHeaders, redact)
      yield* Effect.annotateCurrentSpan(
        requestId === undefined
          ? { "http.response.status_code": status }
          : { "http.response.status_code": status, "quantive.request_id": requestId },
      )
      yield* deprecationHeaders(ctx, responseHeaders)
      const body = yield* readBytes(response, responseHeaders, ctx, config.maxResponseBytes)
      const end = yield* Clock.currentTimeMillis
      if (LogLevel.lessThanEqual(yield* FiberRef.get(FiberRef.currentMinimumLogLevel), LogLevel.Debug)) {
        yield* Effect.logDebug("quantive request").pipe(
          Effect.annotateLogs({
            operation: ctx.operation,
            method: endpoint.method,
            path: ctx.path,
            status,
            attempt: call.attempts,
            durationMs: end - start,
          }),
        )
      }
      if (status < 200 || status > 299) {
        if (status === 429 || status >= 500) yield* ignoredRetryAfter(responseHeaders, end, ctx.operation)
        const bodyText = yield* textOf(body, ctx, status)
        return yield* Effect.fail(statusError(status, documented, ctx, responseHeaders, bodyText, end))
      }
      const value = yield* decodeSuccess(success, status, body, ctx, requestId, call.mode)
      const info = call.sink === undefined
        ? undefined
        : responseInfo(status, requestId, responseHeaders, call.attempts, end - call.started)
      if (success._tag !== "Later") {
        if (info !== undefined) call.sink!.current = info
        return value
      }
      const later = value as Effect.Effect<unknown, QE.DecodeError | QE.TransportError>
      // Decoded here, inside the attempt, when later would change what the user sees: in tolerant mode (drift is an
      // event on the call's span, which has ended by then) and under a policy that retries a `DecodeError` (asked with
      // one of this call's; the retry then has the policy's schedule and attempt budget).
      const policy = (yield* FiberRef.get(Resilience.currentRetryPolicy)) ?? config.resilience.retry
      if (call.mode === "tolerant" || decodeMayRetry(policy, ctx, status, requestId, endpoint.method)) {
        const decoded = yield* later
        if (info !== undefined) call.sink!.current = info
        return Effect.succeed(decoded) as A
      }
      return laterWithHistory(later, call.sink, info, call.attempts, end - call.started) as A
    })

  /**
   * Whether the policy would retry this call's `DecodeError`. One attempt, or the default predicate (which never
   * retries one), answers without building the probe error: an error costs 5–40 µs (its stack), and this is asked
   * for every page of a stream.
   */
  const decodeMayRetry = (
    policy: Retry.Policy,
    ctx: CallContext,
    status: number,
    requestId: string | undefined,
    method: Retry.Method,
  ) =>
    policy.maxAttempts > 1 && policy.retryable !== isRetryable &&
    policy.retryable(decodeError(ctx, status, requestId, "the body does not match the schema", {}), method)

  /**
   * A later decode: its failure gets the call's history as the resilience loop gives it to an error at once (attempts,
   * and the time up to the response, not up to the decode); `withResponse` sees the response once it has decoded.
   */
  const laterWithHistory = (
    later: Effect.Effect<unknown, QE.DecodeError | QE.TransportError>,
    sink: CallState["sink"],
    info: ResponseInfo | undefined,
    attempts: number,
    elapsedMillis: number,
  ) =>
    Effect.matchEffect(later, {
      onFailure: (error) => Effect.fail(Resilience.withHistory(error, attempts, elapsedMillis)),
      onSuccess: (decoded) => {
        if (sink !== undefined && info !== undefined) sink.current = info
        return Effect.succeed(decoded)
      },
    })

  // The attempt timeout is applied here, without a fiber per attempt (see `withDeadline`); the overall timeout and
  // the retries stay with the resilience loop.
  const attemptTimeout = config.resilience.attemptTimeout
  const resilience: Resilience.ResilienceConfig = { ...config.resilience, attemptTimeout: undefined }
  const scopedClient = HttpClient.withScope(client)

  /**
   * The per-attempt deadline, body included. Racing the attempt against a sleep would fork a fiber per attempt, and
   * a page decoded in a child fiber outlives the young generation (a full GC every few pages); instead the attempt
   * runs in the call's fiber with a client bound to a scope of its own, and a timer closes that scope, which aborts
   * the request and its body read. A timer that fires turns the attempt's failure into `TransportError` "Timeout".
   */
  const withDeadline = <A>(
    attempt: Effect.Effect<A, QE.QuantiveError>,
    call: CallState,
    info: Resilience.CallInfo,
  ): Effect.Effect<A, QE.QuantiveError> => {
    if (attemptTimeout === undefined) return attempt
    const millis = Duration.toMillis(attemptTimeout)
    return Effect.flatMap(Scope.make(), (scope) =>
      Effect.suspend(() => {
        let expired = false
        const timer = setTimeout(() => {
          expired = true
          Effect.runFork(Scope.close(scope, Exit.void))
        }, millis)
        const timeout = () =>
          Resilience.timeoutError(
            info,
            `no complete response within ${Duration.format(attemptTimeout)} (attemptTimeout, body included)`,
          )
        // The scoped client needs the `Scope` provided below (its type cannot say that it is provided here).
        call.client = scopedClient as unknown as HttpClient.HttpClient
        return attempt.pipe(
          Effect.provideService(Scope.Scope, scope),
          Effect.catchAll((error) => Effect.fail(expired ? timeout() : error)),
          Effect.onExit((exit) => {
            clearTimeout(timer)
            // On success the request is complete; otherwise close the scope, aborting what may still be in flight.
            return Exit.isSuccess(exit) ? Effect.void : Scope.close(scope, Exit.void)
          }),
        )
      }))
  }

  const responseInfo = (
    status: number,
    requestId: string | undefined,
    responseHeaders: Readonly<Record<string, string>>,
    attempts: number,
    elapsedMillis: number,
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

  const execute = <A, S extends QE.DocumentedStatus>(
    endpoint: Endpoint<S>,
    success: Success<A> | Later<any>,
    input: RequestInput = {},
  ): Effect.Effect<A, QE.ErrorFor<S>> => {
    const { documented, operation, spanName, spanOptions, template } = prepare(endpoint)
    const effect = Effect.contextWithEffect((context: Context.Context<never>) => {
      const templateCtx: CallContext = {
        operation,
        method: endpoint.method,
        path: template,
        redact,
        template,
      }
      const path = buildPath(endpoint, input.params ?? {}, templateCtx)
      if (Either.isLeft(path)) return Effect.fail(path.left)
      const ctx: CallContext = { ...templateCtx, path: redact(path.right) }

      const query = queryOf(input.query, ctx)
      if (Either.isLeft(query)) return Effect.fail(query.left)

      // `root` is a parsed URL's origin and path, and the path's segments are encoded: nothing here for a URL parser
      // to normalize, so the string is sent as it is (the platform parses it once).
      let request = HttpClientRequest.make(endpoint.method)(root + path.right + query.right, { headers })
      if (input.body !== undefined) {
        const encoded = encodeJsonBody(input.body.schema, input.body.value, ctx)
        if (Either.isLeft(encoded)) return Effect.fail(encoded.left)
        request = HttpClientRequest.setBody(request, HttpBody.text(encoded.right, "application/json"))
      }
      const retry = Context.getOption(context, CallRetry)
      const decode = Context.getOption(context, CallDecode)
      const sink = Context.getOption(context, CallResponse)
      return Effect.flatMap(Clock.currentTimeMillis, (started) => {
        const call: CallState = {
          attempts: 0,
          client,
          started,
          mode: decode._tag === "Some" ? decode.value : defaultDecode,
          sink: sink._tag === "Some" ? sink.value : undefined,
        }
        const info = { operation, method: endpoint.method, path: ctx.path }
        const run = Resilience.run(
          withDeadline(attemptOnce(endpoint, request, ctx, success, documented, call), call, info),
          info,
          resilience,
          gate,
        )
        const withPolicy = retry._tag === "Some" ? Effect.locally(run, Resilience.currentRetryPolicy, retry.value) : run
        return endpoint.deprecated === undefined ? withPolicy : Effect.zipRight(
          warnOnce(
            `call:${operation}`,
            `${operation} is deprecated (${endpoint.method} ${template}): ${endpoint.deprecated}`,
            { operation, replacement: endpoint.deprecated },
          ),
          withPolicy,
        )
      })
    })
    return Effect.withSpan(effect, spanName, spanOptions) as Effect.Effect<A, QE.ErrorFor<S>>
  }

  const failInvalid: Service["invalidInput"] = ({ field, method, operation, path, problem }) =>
    Effect.fail(
      invalidInput(
        { operation: redact(String(operation)), method: redact(String(method)), path: redact(String(path)), redact },
        redact(String(field)),
        problem,
      ),
    )

  const later: ExecuteLaterFn = (endpoint, schema, input) =>
    execute(endpoint, { _tag: "Later", schema }, input) as unknown as Effect.Effect<Effect.Effect<any, any>, any>

  const service = { execute: execute as Service["execute"], invalidInput: failInvalid, [RedactKey]: redact }
  // Not enumerable: a user's service made by spreading this one (`{ ...service, execute: logged }`) does not carry it,
  // so its own `execute` serves every call, stream pages included.
  Object.defineProperty(service, ExecuteLater, { value: later, enumerable: false })
  return service
}

/** The state of one call across its attempts. */
interface CallState {
  attempts: number
  /** The client of the attempt in flight: bound to its scope, so that its deadline can abort it. */
  client: HttpClient.HttpClient
  readonly started: number
  readonly mode: DecodeMode
  readonly sink: { current: ResponseInfo | undefined } | undefined
}
