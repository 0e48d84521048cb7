/**
 * A lean `HttpClient` over the runtime's `fetch`: what `FetchHttpClient.layer` does for a request, without a client
 * span per request, and with responses that read their bodies without a fiber per read. Provide `QuantiveFetch.layer`
 * where a program provides `FetchHttpClient.layer`, as in
 * `Quantive.layer(options).pipe(Layer.provide(QuantiveFetch.layer))`.
 *
 * It is the platform's `HttpClient.make` over `fetch`, as `FetchHttpClient` is, and keeps what that gives:
 * - the `fetch` and the `RequestInit` of `FetchHttpClient.Fetch` and `FetchHttpClient.RequestInit`, read from the
 *   request's context and then the layer's (so `redirect: "manual"` set by a caller holds), merged headers, no
 *   `content-length` header of its own, request bodies of every kind (a stream body is sent with `duplex: "half"`);
 * - interruption aborts the request, while waiting for the response and while reading its body; so does closing the
 *   scope of `HttpClient.withScope`; a response dropped unread is aborted when it is garbage collected;
 * - the same errors: `RequestError` (`InvalidUrl`, `Transport`), `ResponseError` (`Decode`, `EmptyBody`);
 * - W3C trace propagation: inside a span, the request carries `traceparent` (and `b3`) of that span, unless tracing
 *   or propagation is turned off for it (`HttpClient.withTracerPropagation(false)`,
 *   `HttpClient.withTracerDisabledWhen`).
 *
 * What it leaves out is the `http.client` span that `FetchHttpClient` opens for every request (with an attribute per
 * header, redacted); the trace headers name the caller's span instead. Choose it for many small calls where the
 * calling operation's span is trace enough; keep `FetchHttpClient.layer` where a span per HTTP request is wanted in
 * the traces.
 *
 * @since 0.1.0
 */
import {
  Cookies,
  FetchHttpClient,
  Headers,
  HttpClient,
  HttpClientError,
  type HttpClientRequest,
  HttpClientResponse,
  HttpIncomingMessage,
  HttpTraceContext,
  UrlParams,
} from "@effect/platform"
import { Context, Effect, FiberRef, Inspectable, Layer, Option, Stream, Tracer } from "effect"
import { globalValue } from "effect/GlobalValue"

/** What the client sends with when the request's context provides nothing. */
interface Defaults {
  readonly fetch: typeof globalThis.fetch | undefined
  readonly init: RequestInit | undefined
}

/** A body read of a web `Response`, answered again to a later read of the same kind. */
const bodyRead = <A>(
  response: WebResponse,
  key: "text" | "arrayBuffer" | "formData",
  read: (source: Response) => Promise<A>,
): Effect.Effect<A, HttpClientError.ResponseError> =>
  Effect.async<A, HttpClientError.ResponseError>((resume) => {
    let pending = response.reads.get(key) as Promise<A> | undefined
    if (pending === undefined) {
      pending = read(response.source)
      response.reads.set(key, pending)
    }
    pending.then(
      (value) => resume(Effect.succeed(value)),
      (cause: unknown) =>
        resume(
          Effect.fail(
            new HttpClientError.ResponseError({ request: response.request, response, reason: "Decode", cause }),
          ),
        ),
    )
  })

const decodeError = (response: WebResponse, cause: unknown) =>
  new HttpClientError.ResponseError({ request: response.request, response, reason: "Decode", cause })

/**
 * A response over a web `Response`, as `HttpClientResponse.fromWeb` makes, with its headers computed once and its
 * body reads run without a fiber of their own. Aborting on interruption is left to `HttpClient.make`'s wrapper.
 */
class WebResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  /** The first read of each kind. */
  readonly reads = new Map<string, Promise<unknown>>()
  private cachedHeaders: Headers.Headers | undefined
  private cachedCookies: Cookies.Cookies | undefined

  constructor(readonly request: HttpClientRequest.HttpClientRequest, readonly source: Response) {
    super()
  }

  get status(): number {
    return this.source.status
  }

  get headers(): Headers.Headers {
    return (this.cachedHeaders ??= Headers.fromInput(this.source.headers as unknown as Headers.Input))
  }

  get cookies(): Cookies.Cookies {
    return (this.cachedCookies ??= Cookies.fromSetCookie(this.source.headers.getSetCookie()))
  }

  get remoteAddress(): Option.Option<string> {
    return Option.none()
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return bodyRead(this, "text", (source) => source.text())
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) => {
      try {
        return Effect.succeed(text === "" ? null : JSON.parse(text) as unknown)
      } catch (cause) {
        return Effect.fail(decodeError(this, cause))
      }
    })
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return bodyRead(this, "arrayBuffer", (source) => source.arrayBuffer())
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return bodyRead(this, "formData", (source) => source.formData())
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) => {
      try {
        return Effect.succeed(UrlParams.fromInput(new URLSearchParams(text)))
      } catch (cause) {
        return Effect.fail(decodeError(this, cause))
      }
    })
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    const body = this.source.body
    if (body === null) {
      return Stream.fail(
        new HttpClientError.ResponseError({
          request: this.request,
          response: this,
          reason: "EmptyBody",
          description: "can not create stream from empty body",
        }),
      )
    }
    return Stream.fromReadableStream(() => body, (cause) => decodeError(this, cause))
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status,
    })
  }
}

/** The request's body as `fetch` takes it (a stream body becomes a `ReadableStream`). */
const bodyOf = (
  request: HttpClientRequest.HttpClientRequest,
): Effect.Effect<BodyInit | undefined> | BodyInit | undefined => {
  const body = request.body
  switch (body._tag) {
    case "Raw":
      return body.body as BodyInit
    case "Uint8Array":
      return body.body as unknown as BodyInit
    case "FormData":
      return body.formData
    case "Stream":
      return Stream.toReadableStreamEffect(body.stream)
    case "Empty":
      return undefined
  }
}

/** The trace headers to send with the request being executed (set for the time of its `execute`). */
const currentTraceHeaders = globalValue(
  "@effect-quantive/client/QuantiveFetch/currentTraceHeaders",
  () => FiberRef.unsafeMake<Headers.Headers | undefined>(undefined),
)

/** Sends with `fetch`; the platform's `HttpClient.make` around it aborts on interruption and on `withScope`. */
const fetchWith = (defaults: Defaults): HttpClient.HttpClient =>
  HttpClient.make((request, url, signal, fiber) => {
    const context = fiber.getFiberRef(FiberRef.currentContext)
    const fetch = Option.getOrUndefined(Context.getOption(context, FetchHttpClient.Fetch)) ?? defaults.fetch ??
      globalThis.fetch
    const init = Option.getOrUndefined(Context.getOption(context, FetchHttpClient.RequestInit)) ?? defaults.init ??
      {}
    let headers = init.headers === undefined
      ? request.headers
      : Headers.merge(Headers.fromInput(init.headers as Headers.Input), request.headers)
    if (headers["content-length"] !== undefined) headers = Headers.remove(headers, "content-length")
    const trace = fiber.getFiberRef(currentTraceHeaders)
    if (trace !== undefined) headers = Headers.merge(headers, trace)
    const send = (body: BodyInit | undefined) =>
      Effect.map(
        Effect.tryPromise({
          try: () =>
            fetch(url, {
              ...init,
              method: request.method,
              headers,
              body,
              duplex: request.body._tag === "Stream" ? "half" : undefined,
              signal,
            } as RequestInit),
          catch: (cause) => new HttpClientError.RequestError({ request, reason: "Transport", cause }),
        }),
        (response) => new WebResponse(request, response),
      )
    const body = bodyOf(request)
    return Effect.isEffect(body) ? Effect.flatMap(body, send) : send(body)
  })

/**
 * The lean client: the request goes to `fetchWith` with the tracer off for its `execute` (no span), carrying the
 * trace headers of the current span when tracing and propagation are on for it.
 */
const makeWithDefaults = (defaults: Defaults): HttpClient.HttpClient => {
  const inner = fetchWith(defaults)
  return HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
    (effect) =>
      Effect.flatMap(
        effect,
        (request) =>
          Effect.withFiberRuntime<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((fiber) => {
            const parent = Context.getOption(fiber.getFiberRef(FiberRef.currentContext), Tracer.ParentSpan)
            const propagate = parent._tag === "Some" && parent.value._tag === "Span" &&
              fiber.getFiberRef(FiberRef.currentTracerEnabled) &&
              fiber.getFiberRef(HttpClient.currentTracerPropagation) &&
              !fiber.getFiberRef(HttpClient.currentTracerDisabledWhen)(request)
            const quiet = Effect.locally(inner.execute(request), FiberRef.currentTracerEnabled, false)
            return propagate
              ? Effect.locally(quiet, currentTraceHeaders, HttpTraceContext.toHeaders(parent.value as Tracer.Span))
              : quiet
          }),
      ),
    Effect.succeed as HttpClient.HttpClient.Preprocess<never, never>,
  )
}

/**
 * A lean `HttpClient` over `fetch`: the global one, or the one of `FetchHttpClient.Fetch` in the request's context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (): HttpClient.HttpClient => makeWithDefaults({ fetch: undefined, init: undefined })

/**
 * The lean client as a layer, in place of `FetchHttpClient.layer`. A `FetchHttpClient.Fetch` or
 * `FetchHttpClient.RequestInit` provided to the layer applies to every request (the request's own context wins).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.effect(
  HttpClient.HttpClient,
  Effect.map(Effect.context<never>(), (context) =>
    makeWithDefaults({
      fetch: Option.getOrUndefined(Context.getOption(context, FetchHttpClient.Fetch)),
      init: Option.getOrUndefined(Context.getOption(context, FetchHttpClient.RequestInit)),
    })),
)
