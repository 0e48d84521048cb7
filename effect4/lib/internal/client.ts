/**
 * The pipeline every endpoint goes through, composed of its stages: the request builder (`request/`), the transport
 * (`transport/`: credentials, trace propagation, redirects, size cap, per-attempt deadline), the resilience loop
 * (`resilience/`: the account's gate, retries, the overall deadline) and the response stage (`response/`: status to
 * typed error, then decoding). One primitive, `send`, answers a call's 2xx response undecoded; `execute` is `send`
 * then `decode`, in the call's span.
 *
 * @internal
 */
import type { HttpClient } from "effect/http"
import { Clock, Context, Effect, LogLevel, type Schema, type Tracer } from "effect"
import { isRetryable } from "../Retry.ts"
import type * as Retry from "../Retry.ts"
import {
  type Endpoint,
  json,
  type RequestInput,
  type Response,
  type ResponseInfo,
  type Service,
  type Success,
} from "../QuantiveClient.ts"
import type * as QE from "../QuantiveError.ts"
import {
  CallDecode,
  CallRetry,
  CurrentResponse,
  type DecodeMode,
  decodeProblem,
  policyProblem,
} from "./callSettings.ts"
import type { ResolvedConfig } from "./config.ts"
import { type CallContext, decodeError, invalidInput, pickRequestId, withHistory } from "./errors.ts"
import { makeRedactor, type Redactor, snippet } from "./redact.ts"
import * as Request from "./request/build.ts"
import * as Resilience from "./resilience/run.ts"
import { decodeBody, DriftLog } from "./response/decode.ts"
import { responseInfo } from "./response/info.ts"
import * as Status from "./response/status.ts"
import * as Transport from "./transport/exchange.ts"

export { checks, kindOf, type OptionCheck, optionsProblem, queryProblem, withOptions } from "./request/options.ts"
export { USER_AGENT } from "./transport/exchange.ts"

/** The key of the pipeline's redactor on its service (kept by a service spread from it). @internal */
export const RedactKey: unique symbol = Symbol.for("@effect-quantive/client/redact")

/** The key of the pipeline's drift log on its service (kept by a service spread from it). @internal */
export const DriftKey: unique symbol = Symbol.for("@effect-quantive/client/drifts")

/**
 * The drift log of a pipeline's service, or undefined for a service not built by the pipeline (nor spread from one).
 *
 * @internal
 */
export const driftLogOf = (service: Service): DriftLog | undefined =>
  (service as Partial<Record<typeof DriftKey, DriftLog>>)[DriftKey]

/**
 * The redactor of a pipeline's service, or undefined for a service not built by the pipeline (nor spread from one).
 *
 * @internal
 */
export const redactorOf = (service: Service): Redactor | undefined =>
  (service as Partial<Record<typeof RedactKey, Redactor>>)[RedactKey]

/** Each pipeline's `execute`, and the `send` it is made of. */
const composedOf = new WeakMap<Service["execute"], NonNullable<Service["send"]>>()

/**
 * One page of a stream: the request is the outer effect, decoding the inner one, run when the stream reaches the page.
 * A page requested ahead so waits as bytes, not as objects (which survive young-generation collections), and is
 * parsed outside the call's span. A service whose `execute` is not its own `send` then `decode` (written by hand, or
 * spread from the pipeline's with `execute` replaced) is called through `execute`.
 *
 * @internal
 */
export const sendPage = <A, S extends QE.DocumentedStatus>(
  service: Service,
  endpoint: Endpoint<S>,
  schema: Schema.Codec<A, any>,
  input?: RequestInput,
): Effect.Effect<Effect.Effect<A, QE.ErrorFor<S>>, QE.ErrorFor<S>> => {
  const success = json(schema)
  const send = service.send
  return send !== undefined && composedOf.get(service.execute) === send
    ? Effect.map(send(endpoint, input, success as Success<unknown>), (response) => response.decode(success))
    : Effect.map(service.execute(endpoint, success, input), Effect.succeed)
}

/** Records a call's response in the slot of the enclosing `Quantive.withResponse`, if any. */
const recordResponse = (info: () => ResponseInfo) =>
  Effect.map(CurrentResponse, (slot) => {
    if (slot !== undefined) slot.current = info
  })

/** Options of the pipeline that are not part of the validated configuration. @internal */
export interface MakeOptions {
  readonly decode?: DecodeMode | undefined
  readonly gate?: Resilience.Gate | undefined
  /** Send `traceparent` for the call's span (default true). */
  readonly tracerPropagation?: boolean | undefined
}

/** @internal */
export const make = (config: ResolvedConfig, httpClient: HttpClient.HttpClient, options: MakeOptions = {}): Service => {
  const redact = makeRedactor(config)
  const drifts = new DriftLog()
  /** Each endpoint prepared once per client (the redaction is this configuration's). */
  const preparedEndpoints = new WeakMap<Endpoint<any>, Request.Prepared>()
  const prepare = (endpoint: Endpoint<any>): Request.Prepared => {
    let entry = preparedEndpoints.get(endpoint)
    if (entry === undefined) {
      entry = Request.prepare(endpoint, redact)
      preparedEndpoints.set(endpoint, entry)
    }
    return entry
  }
  const defaultDecode: DecodeMode = options.decode ?? "strict"
  /** One back-off (and pacing) per client, that is per account. */
  const gate = options.gate ?? Resilience.makeGate()
  const transport = Transport.make(config, httpClient, { tracerPropagation: options.tracerPropagation ?? true })
  const root = config.baseUrl.origin + config.baseUrl.pathname.replace(/\/+$/, "")
  const resilience = config.resilience

  /** Deprecations already warned about by this client: deprecated endpoints, `Deprecation`/`Sunset` headers. */
  const warned = new Set<string>()
  const warnOnce = (key: string, message: string, annotations: Record<string, string>): Effect.Effect<void> =>
    Effect.suspend(() => {
      if (warned.has(key)) return Effect.void
      warned.add(key)
      return Effect.logWarning(message).pipe(Effect.annotateLogs(annotations))
    })

  const deprecationHeaders = (ctx: CallContext, template: string, headers: Readonly<Record<string, string>>) => {
    const deprecation = headers["deprecation"]
    const sunset = headers["sunset"]
    if (deprecation === undefined && sunset === undefined) return Effect.void
    const said = [
      deprecation === undefined ? undefined : `Deprecation: ${snippet(redact(deprecation), 100)}`,
      sunset === undefined ? undefined : `Sunset: ${snippet(redact(sunset), 100)}`,
    ].filter((part) => part !== undefined).join(", ")
    return warnOnce(
      `header:${ctx.operation}`,
      `the server marks ${ctx.operation} (${ctx.method} ${template}) as deprecated: ${said}`,
      { operation: ctx.operation },
    )
  }

  /**
   * Whether the policy would retry this call's `DecodeError`. One attempt, or the default predicate (which never
   * retries one), answers without building the probe error: an error's stack is costly, and this is asked for every
   * page of a stream.
   */
  const decodeMayRetry = (policy: Retry.Policy, ctx: CallContext, status: number, requestId: string | undefined) =>
    policy.maxAttempts > 1 && policy.retryable !== isRetryable &&
    policy.retryable(decodeError(ctx, status, requestId, "the body does not match the schema", {}), ctx.method as any)

  /**
   * A call: the request built, then attempts (exchange, status, and decoding when `within` asks for it) under the
   * resilience loop, then `then` with the response, all in the call's span.
   */
  const call = <X, S extends QE.DocumentedStatus>(
    endpoint: Endpoint<S>,
    input: RequestInput,
    success: Success<unknown> | undefined,
    then: (response: Response) => Effect.Effect<X, QE.DecodeError | QE.TransportError>,
  ): Effect.Effect<X, QE.ErrorFor<S>> => {
    const prepared = prepare(endpoint)
    const { documented, operation, spanName, spanOptions, template } = prepared
    const sent = (span: Tracer.Span) =>
      Effect.contextWith((context: Context.Context<never>) => {
        const built = Request.build(prepared, input, root, transport.headers, redact)
        if (built._tag === "Failure") return Effect.fail(built.failure)
        const { ctx, request } = built.success
        const retry = Context.getOption(context, CallRetry)
        const decode = Context.getOption(context, CallDecode)
        const policy = retry._tag === "Some" ? retry.value : resilience.retry
        const mode = decode._tag === "Some" ? decode.value : defaultDecode
        if (retry._tag === "Some" || decode._tag === "Some") {
          const setting = retry._tag === "Some" ? policyProblem(policy) : undefined
          if (setting !== undefined) return Effect.fail(invalidInput(ctx, "retry", setting))
          const modeProblem = decode._tag === "Some" ? decodeProblem(mode) : undefined
          if (modeProblem !== undefined) return Effect.fail(invalidInput(ctx, "decode", modeProblem))
        }
        return Effect.flatMap(Clock.currentTimeMillis, (started) => {
          let attempts = 0
          const attempt = Effect.flatMap(Clock.currentTimeMillis, (start) => {
            attempts += 1
            return Effect.flatMap(transport.exchange(request, ctx), (exchange) =>
              Effect.gen(function* () {
                const { headers, status } = exchange
                const requestId = pickRequestId(headers, redact)
                yield* Effect.annotateCurrentSpan(
                  requestId === undefined
                    ? { "http.response.status_code": status }
                    : { "http.response.status_code": status, "quantive.request_id": requestId },
                )
                yield* deprecationHeaders(ctx, template, headers)
                const end = yield* Clock.currentTimeMillis
                if (yield* LogLevel.isEnabled("Debug")) {
                  yield* Effect.logDebug("quantive request").pipe(
                    Effect.annotateLogs({
                      operation,
                      method: endpoint.method,
                      path: ctx.path,
                      status,
                      attempt: attempts,
                      durationMs: end - start,
                    }),
                  )
                }
                if (!Status.isSuccess(status)) return yield* Status.failure(exchange, documented, ctx, end)
                const elapsed = end - started
                const info = () => responseInfo(status, requestId, headers, attempts, elapsed, redact)
                const decodeLater = <A>(success: Success<A>) =>
                  Effect.mapError(
                    decodeBody(success, status, exchange.body, ctx, requestId, mode, drifts, span),
                    (error) => withHistory(error, attempts, elapsed),
                  )
                // Decoded within the attempt where later would change what is seen: in tolerant mode (drift is an
                // event on the call's span) and under a policy that retries a `DecodeError` (with its schedule and
                // attempt budget).
                const early = success !== undefined && success._tag !== "Void" &&
                    (mode === "tolerant" || decodeMayRetry(policy, ctx, status, requestId))
                  ? { value: yield* decodeBody(success, status, exchange.body, ctx, requestId, mode, drifts, span) }
                  : undefined
                const response: Response = {
                  status,
                  get info() {
                    return info()
                  },
                  decode: (success) =>
                    Effect.tap(
                      early === undefined ? decodeLater(success) : Effect.succeed(early.value as any),
                      () => recordResponse(info),
                    ),
                }
                return response
              }))
          })
          const info = { operation, method: endpoint.method, path: ctx.path }
          return Effect.flatMap(Resilience.run(attempt, info, resilience, gate, policy), then)
        })
      })
    const withWarning = endpoint.deprecated === undefined ? sent : (span: Tracer.Span) =>
      Effect.andThen(
        warnOnce(
          `call:${operation}`,
          `${operation} is deprecated (${endpoint.method} ${template}): ${endpoint.deprecated}`,
          { operation, replacement: endpoint.deprecated! },
        ),
        sent(span),
      )
    return Effect.useSpan(
      spanName,
      spanOptions,
      (span) => Effect.withParentSpan(withWarning(span), span, { captureStackTrace: false }),
    ) as Effect.Effect<X, QE.ErrorFor<S>>
  }

  const send: NonNullable<Service["send"]> = (endpoint, input = {}, success) =>
    call(endpoint, input, success, Effect.succeed)

  const execute: Service["execute"] = (endpoint, success, input = {}) =>
    call(endpoint, input, success as Success<unknown>, (response) => response.decode(success))

  composedOf.set(execute, send)

  const failInvalid: Service["invalidInput"] = ({ field, method, operation, path, problem }) =>
    Effect.fail(
      invalidInput(
        { operation: redact(String(operation)), method: redact(String(method)), path: redact(String(path)), redact },
        redact(String(field)),
        problem,
      ),
    )

  const service: Service & { readonly [RedactKey]: Redactor; readonly [DriftKey]: DriftLog } = {
    execute,
    send,
    invalidInput: failInvalid,
    [RedactKey]: redact,
    [DriftKey]: drifts,
  }
  return service
}
