/**
 * The request pipeline as a service: what every endpoint group is built on, and what `Quantive.request` uses to reach
 * any endpoint. `Quantive.layerClient` provides it alone, so one service's layer composes without the others:
 *
 * ```ts
 * import { FetchHttpClient } from "effect/http"
 * import { Layer } from "effect"
 * import { Accounts, Quantive } from "@effect-quantive/client"
 *
 * const accountsOnly = Accounts.layer.pipe(
 *   Layer.provide(Quantive.layerClientConfig),
 *   Layer.provide(FetchHttpClient.layer),
 * )
 * ```
 *
 * The types here describe an endpoint (method, version, path template, documented statuses) and how its response
 * becomes a value; they are what you need to build an endpoint group of your own.
 *
 * @since 0.2.0
 */
import { Context, type Effect, type Schema } from "effect"
import type { HttpMethod as PlatformHttpMethod } from "effect/http"
import type * as QE from "./QuantiveError.ts"

/**
 * A method the API uses: the platform's `HttpMethod` but `HEAD` and `OPTIONS`.
 *
 * @since 0.2.0
 * @category models
 */
export type HttpMethod = Exclude<PlatformHttpMethod.HttpMethod, "HEAD" | "OPTIONS" | "TRACE" | "QUERY">

/**
 * An API version segment: `v1`, `v2`.
 *
 * @since 0.2.0
 * @category models
 */
export type ApiVersion = `v${number}`

/**
 * A documented operation: where it lives and which statuses it documents.
 *
 * @since 0.2.0
 * @category models
 */
export interface Endpoint<S extends QE.DocumentedStatus> {
  /** `Group.method`, used in span names and error messages. */
  readonly operation: string
  readonly method: HttpMethod
  readonly api: ApiVersion
  /** The path after the version, with `{name}` placeholders: `/accounts/{id}`. */
  readonly path: string
  readonly statuses: ReadonlyArray<S>
  /** Set on deprecated endpoints: what replaces it, named in the one warning logged on the first call. */
  readonly deprecated?: string
}

/**
 * Declares an endpoint, keeping its statuses as a literal union.
 *
 * @since 0.2.0
 * @category constructors
 */
export const endpoint = <const S extends QE.DocumentedStatus>(e: Endpoint<S>): Endpoint<S> => e

/**
 * A query parameter's value; `undefined` leaves the parameter out. Any other value (an array, a `Date`, an object,
 * `null`, `NaN`) is refused with `InvalidInput` before anything is sent: join a list yourself, in the form the endpoint
 * documents.
 *
 * @since 0.2.0
 * @category models
 */
export type QueryValue = string | number | boolean | undefined

/**
 * A JSON body and the schema that encodes it.
 *
 * @since 0.2.0
 * @category models
 */
export interface Body {
  readonly schema: Schema.Codec<any, any>
  readonly value: unknown
}

/**
 * @since 0.2.0
 * @category constructors
 */
export const body = <A, I>(schema: Schema.Codec<A, I>, value: A): Body => ({ schema, value })

/**
 * What a request sends besides the endpoint: path parameters, query, body.
 *
 * @since 0.2.0
 * @category models
 */
export interface RequestInput {
  readonly params?: Readonly<Record<string, string>>
  readonly query?: Readonly<Record<string, QueryValue>>
  readonly body?: Body
}

/**
 * How a 2xx response becomes the success value: decoded JSON, nothing (`void`), text, or any JSON (`unknown`, and
 * `undefined` for an empty body).
 *
 * @since 0.2.0
 * @category models
 */
export type Success<A> =
  | { readonly _tag: "Json"; readonly schema: Schema.Codec<A, any> }
  | { readonly _tag: "Void" }
  | { readonly _tag: "Text" }
  | { readonly _tag: "Any" }

/**
 * @since 0.2.0
 * @category constructors
 */
export const json = <A, I>(schema: Schema.Codec<A, I>): Success<A> => ({ _tag: "Json", schema })

/**
 * @since 0.2.0
 * @category constructors
 */
export const empty: Success<void> = { _tag: "Void" }

/**
 * @since 0.2.0
 * @category constructors
 */
export const text: Success<string> = { _tag: "Text" }

/**
 * Any JSON, undecoded; `undefined` for an empty body.
 *
 * @since 0.2.0
 * @category constructors
 */
export const unknown: Success<unknown> = { _tag: "Any" }

/**
 * A page as a pagination stream emits it (`Users.pages`, `Quantive.paginate`): the items not emitted before, where
 * the page was read (`skip`), and the collection's size then (`totalCount`, for progress).
 *
 * @since 0.2.0
 * @category models
 */
export interface StreamPage<A> {
  readonly items: ReadonlyArray<A>
  readonly totalCount: number
  readonly skip: number
}

/**
 * How response bodies are decoded. `strict` (the default): any field off its schema is a `DecodeError`. `tolerant`:
 * an optional field off its schema is dropped (absent) and reported; a required field off its schema is still a
 * `DecodeError`.
 *
 * @since 0.2.0
 * @category models
 */
export type DecodeMode = "strict" | "tolerant"

/**
 * A drift seen in tolerant mode: an optional field dropped for being off its schema, counted for the whole process per
 * operation and field shape. The shape names the field in the schema, not one value: array positions are `[]` and
 * record keys `*` (`items[].customFields.*.value`). At most 256 shapes are reported; drifts of further new shapes are
 * counted together under one report whose operation and path are `(other fields)`.
 *
 * @since 0.2.0
 * @category models
 */
export interface DriftReport {
  readonly operation: string
  /** The field's shape: `items[].customFields.*.value`. */
  readonly path: string
  readonly count: number
  /** The first problem seen, redacted. */
  readonly message: string
}

/**
 * The rate-limit headers of a response, parsed where present (`X-RateLimit-*` or the IETF `RateLimit-*` names).
 *
 * @since 0.2.0
 * @category models
 */
export interface RateLimitInfo {
  readonly limit?: number
  readonly remaining?: number
  /** Seconds until the window resets, as the server says. */
  readonly reset?: number
}

/**
 * What a successful call's response was: `Quantive.withResponse` returns it beside the value.
 *
 * @since 0.2.0
 * @category models
 */
export interface ResponseInfo {
  readonly status: number
  readonly requestId?: string
  /**
   * The response headers, lower-cased, names and values with the token and account id redacted and control characters
   * removed. Two names that redact alike keep both values, joined with `, `.
   */
  readonly headers: Readonly<Record<string, string>>
  /** Attempts sent for this call (1 when it succeeded at once). */
  readonly attempts: number
  /** From the start of the call to the end of the response, retries included. */
  readonly elapsedMillis: number
  readonly rateLimit?: RateLimitInfo
}

/**
 * A 2xx response as `Service.send` answers it: its status, what `Quantive.withResponse` reports about it, and its body
 * (bytes, under the size cap) waiting to be decoded.
 *
 * @since 0.3.0
 * @category models
 */
export interface Response {
  readonly status: number
  /** Computed when read: the headers redacted, the rate-limit headers parsed. */
  readonly info: ResponseInfo
  /**
   * The body as the success value, in the call's decode mode. Decoding reads the bytes once: call it once. A failure
   * carries the call's history (attempts, elapsed time).
   */
  readonly decode: <A>(success: Success<A>) => Effect.Effect<A, QE.DecodeError | QE.TransportError>
}

/**
 * The pipeline: sends a request to an endpoint with auth, retries, the account's back-off, deadlines, redaction and a
 * span, and maps the response to the value or to the endpoint's typed errors.
 *
 * @since 0.2.0
 * @category models
 */
export interface Service {
  /** `send`, then the response decoded as `success`. */
  readonly execute: <A, S extends QE.DocumentedStatus>(
    endpoint: Endpoint<S>,
    success: Success<A>,
    input?: RequestInput,
  ) => Effect.Effect<A, QE.ErrorFor<S>>
  /**
   * The call up to its 2xx response, undecoded: a status outside 2xx is the endpoint's typed error. Pages of a stream
   * are sent this way and decoded as they are consumed. Given `success`, the pipeline decodes within the call where
   * that changes what is seen (in tolerant mode, where drift is an event on the call's span, and under a policy that
   * retries a `DecodeError`); `decode` then answers that value. A service without `send` (one written by hand) is
   * called through `execute`, as is one whose `execute` is not the pipeline's own (spread from it, `execute` replaced).
   *
   * @since 0.3.0
   */
  readonly send?: <S extends QE.DocumentedStatus>(
    endpoint: Endpoint<S>,
    input?: RequestInput,
    success?: Success<unknown>,
  ) => Effect.Effect<Response, QE.ErrorFor<S>>
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
 * The options of `Quantive.request`.
 *
 * @since 0.2.0
 * @category requests
 */
export interface RequestOptions<A, S extends QE.DocumentedStatus> {
  readonly method: HttpMethod
  /** The path template with its version, `{name}` placeholders filled from `params`: `/v1/metrics/{id}/checkin`. */
  readonly path: string
  /** The version when `path` has none; `v1` by default. */
  readonly version?: ApiVersion | undefined
  /** Path parameters, percent-encoded; empty, `.` and `..` are refused. */
  readonly params?: Readonly<Record<string, string>> | undefined
  readonly query?: Readonly<Record<string, QueryValue>> | undefined
  /** A JSON body, sent as given (checked to be faithful JSON), or encoded by `bodySchema`. */
  readonly body?: unknown
  readonly bodySchema?: Schema.Codec<any, any> | undefined
  /** The success value's schema; `"void"` for no body, `"text"` for a text body; any JSON (`unknown`) by default. */
  readonly success?: Schema.Codec<A, any> | "void" | "text" | undefined
  /** The statuses the endpoint documents, each mapped to its own error (`404` → `NotFound`); others are unexpected. */
  readonly statuses?: ReadonlyArray<S> | undefined
  /**
   * Names the call in spans, logs and errors; `request METHOD path` by default, the path shown with the token and
   * account id redacted (`/v1/accounts/{accountId}`).
   */
  readonly operation?: string | undefined
}

/**
 * The options of `Quantive.paginate` and `Quantive.stream`.
 *
 * @since 0.2.0
 * @category requests
 */
export interface PaginateOptions<A, S extends QE.DocumentedStatus> {
  /** The list endpoint, with its version: `/v2/goals`. */
  readonly path: string
  readonly version?: ApiVersion | undefined
  readonly params?: Readonly<Record<string, string>> | undefined
  /** Other query parameters (a filter, fields); `sort`, `skip` and `take` belong to the stream. */
  readonly query?: Readonly<Record<string, QueryValue>> | undefined
  /** The schema of one item; it must keep the id and the sort's fields. */
  readonly item: Schema.Codec<A, any>
  /** The order; `_id` is appended when absent, so the order is total. `_id` by default. */
  readonly sort?: string | undefined
  /** The item's id field; `id` by default (sent as `_id` in sorts). */
  readonly idField?: string | undefined
  /** Items per request (`take`), 2–1000; 100 by default. */
  readonly pageSize?: number | undefined
  /** Pages requested at once after the first, 1–16; 1 by default. */
  readonly concurrency?: number | undefined
  /** Never emit an id twice, even when sort keys change during the export (memory grows with the ids seen). */
  readonly distinct?: boolean | undefined
  readonly statuses?: ReadonlyArray<S> | undefined
  /** Names the stream in spans, logs and errors; `stream GET path` by default, the path redacted as `request`'s. */
  readonly operation?: string | undefined
}

const QuantiveClientTag: Context.ServiceClass<QuantiveClient, "@effect-quantive/client/QuantiveClient", Service> =
  Context.Service<QuantiveClient, Service>()("@effect-quantive/client/QuantiveClient")

/**
 * The pipeline as a service: every endpoint group depends on it; `Quantive.layer` and `Quantive.layerClient` provide
 * it.
 *
 * @since 0.2.0
 * @category tags
 */
export class QuantiveClient extends QuantiveClientTag {}
