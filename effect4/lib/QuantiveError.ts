/**
 * The typed errors of every Quantive operation.
 *
 * Each documented HTTP status has its own `Schema.TaggedError`, usable with `Effect.catchTag`. Three more
 * describe failures that are not statuses (`TransportError`, `DecodeError`, `UnexpectedStatus`) and one describes
 * input rejected before any request was sent (`InvalidInput`).
 *
 * Every error carries the HTTP method, the URL path (with the account id replaced by `{accountId}`), the status where
 * there is one, the server's message where the body had one, the request id where the response had one, and, once
 * the retry policy has given up, `attempts` (how many were made) and `elapsedMillis` (from the first to the end). None of
 * them ever holds the bearer token or the account id: the pipeline redacts both before an error is built.
 *
 * @since 0.1.0
 */
import {
  BadRequest,
  Conflict,
  CoordinatorError,
  DecodeError,
  Forbidden,
  InvalidInput,
  Locked,
  NotFound,
  PaginationError,
  PaginationReason,
  PaymentRequired,
  ServerError,
  TooManyRequests,
  TransportError,
  TransportReason,
  Unauthorized,
  UnexpectedStatus,
} from "./internal/errorClasses.ts"

/**
 * 400: the server rejected the request as malformed.
 *
 * @since 0.1.0
 * @category errors
 */
export { BadRequest }

/**
 * 401: the token is missing, wrong or revoked.
 *
 * @since 0.1.0
 * @category errors
 */
export { Unauthorized }

/**
 * 402: the account's subscription does not cover the request.
 *
 * @since 0.1.0
 * @category errors
 */
export { PaymentRequired }

/**
 * 403: the token's user may not do this.
 *
 * @since 0.1.0
 * @category errors
 */
export { Forbidden }

/**
 * 404: the resource does not exist.
 *
 * @since 0.1.0
 * @category errors
 */
export { NotFound }

/**
 * 409: the request conflicts with the current state (a taken domain, an existing user).
 *
 * @since 0.1.0
 * @category errors
 */
export { Conflict }

/**
 * 423: the resource is locked (a locked goal).
 *
 * @since 0.1.0
 * @category errors
 */
export { Locked }

/**
 * 429: too many requests. `retryAfter` holds the parsed `Retry-After` (seconds, HTTP date or `retry-after-ms`)
 * when the response had one.
 *
 * @since 0.1.0
 * @category errors
 */
export { TooManyRequests }

/**
 * 5xx: the server failed. `status` tells which; `retryAfter` holds a 503's `Retry-After` when it had one.
 *
 * @since 0.1.0
 * @category errors
 */
export { ServerError }

/**
 * A status the operation does not document and that no universal mapping covers, or a redirect that was refused
 * (to another origin, or too many hops).
 *
 * @since 0.1.0
 * @category errors
 */
export { UnexpectedStatus }

/**
 * Why a request got no usable response.
 *
 * @since 0.1.0
 * @category models
 */
export { TransportReason }

/**
 * No usable response: DNS failure, connection refused or reset, a body cut short, a timeout, an abort, or a body
 * larger than the configured cap. `reason` classifies it; `message` keeps the underlying cause's description
 * (redacted).
 *
 * @since 0.1.0
 * @category errors
 */
export { TransportError }

/**
 * A 2xx body that is not JSON or does not match the operation's schema. `issuePath` names the field that failed;
 * `snippet` is a short redacted start of the body when it was not JSON.
 *
 * @since 0.1.0
 * @category errors
 */
export { DecodeError }

/**
 * Input rejected before any request was sent: an empty or dot-segment id, a body that does not match its schema,
 * an empty list where one item at least is needed.
 *
 * @since 0.1.0
 * @category errors
 */
export { InvalidInput }

/**
 * Why a paginated stream gave up.
 *
 * @since 0.1.0
 * @category models
 */
export { PaginationReason }

/**
 * A `pages`/`stream` whose server misbehaved, instead of a hang or silent loss: a page inconsistent with its own
 * `totalCount` (`InconsistentPage`), items out of the order the stream sorts by (`OrderMismatch`), or pages that stop
 * advancing, as when the server ignores `skip` (`NoProgress`). `skip` is the offset of the page that showed it.
 *
 * @since 0.1.0
 * @category errors
 */
export { PaginationError }

/**
 * The account's shared store (Redis) could not be reached, and the coordinator was built with
 * `onStoreFailure: "fail"`: the call was not sent. `attempts` counts the attempts sent before it (0 when none).
 * Never carries the account id, the token, a Redis address or a key.
 *
 * @since 0.2.0
 * @category errors
 */
export { CoordinatorError }

/**
 * The error class of each documented status: the one table the status types (`StatusErrors`), the pipeline's mapping
 * of a response's status and the statuses `Quantive.request` accepts are derived from.
 *
 * @since 0.3.0
 * @category constructors
 */
export const statusClasses: {
  readonly 400: typeof BadRequest
  readonly 401: typeof Unauthorized
  readonly 402: typeof PaymentRequired
  readonly 403: typeof Forbidden
  readonly 404: typeof NotFound
  readonly 409: typeof Conflict
  readonly 423: typeof Locked
  readonly 429: typeof TooManyRequests
  readonly 500: typeof ServerError
} = {
  400: BadRequest,
  401: Unauthorized,
  402: PaymentRequired,
  403: Forbidden,
  404: NotFound,
  409: Conflict,
  423: Locked,
  429: TooManyRequests,
  500: ServerError,
}

/**
 * The error class of each documented status.
 *
 * @since 0.1.0
 * @category type-level
 */
export type StatusErrors = { readonly [S in keyof typeof statusClasses]: InstanceType<(typeof statusClasses)[S]> }

/**
 * A status an operation can document.
 *
 * @since 0.1.0
 * @category type-level
 */
export type DocumentedStatus = keyof StatusErrors

/**
 * The errors any request can meet, whatever its endpoint documents.
 *
 * @since 0.1.0
 * @category type-level
 */
export type Universal =
  | Unauthorized
  | TooManyRequests
  | ServerError
  | TransportError
  | DecodeError
  | UnexpectedStatus
  | InvalidInput
  | CoordinatorError

/**
 * The error type of an operation documenting the statuses `S`: their errors plus the universal ones.
 *
 * @since 0.1.0
 * @category type-level
 */
export type ErrorFor<S extends DocumentedStatus> = StatusErrors[S] | Universal

/**
 * The error type of an endpoint, from the statuses it documents: `ErrorOf<typeof endpoint>` is
 * `ErrorFor<404 | 500>` for an endpoint documenting 404 and 500.
 *
 * @since 0.3.0
 * @category type-level
 */
export type ErrorOf<E extends { readonly statuses: ReadonlyArray<DocumentedStatus> }> = ErrorFor<
  E["statuses"][number]
>

/**
 * Any error this library fails with.
 *
 * @since 0.1.0
 * @category type-level
 */
export type QuantiveError = ErrorFor<DocumentedStatus> | PaginationError

/**
 * Every error class, by tag.
 *
 * @since 0.1.0
 * @category constructors
 */
export const classes: {
  readonly BadRequest: typeof BadRequest
  readonly Unauthorized: typeof Unauthorized
  readonly PaymentRequired: typeof PaymentRequired
  readonly Forbidden: typeof Forbidden
  readonly NotFound: typeof NotFound
  readonly Conflict: typeof Conflict
  readonly Locked: typeof Locked
  readonly TooManyRequests: typeof TooManyRequests
  readonly ServerError: typeof ServerError
  readonly UnexpectedStatus: typeof UnexpectedStatus
  readonly TransportError: typeof TransportError
  readonly DecodeError: typeof DecodeError
  readonly InvalidInput: typeof InvalidInput
  readonly PaginationError: typeof PaginationError
  readonly CoordinatorError: typeof CoordinatorError
} = {
  BadRequest,
  Unauthorized,
  PaymentRequired,
  Forbidden,
  NotFound,
  Conflict,
  Locked,
  TooManyRequests,
  ServerError,
  UnexpectedStatus,
  TransportError,
  DecodeError,
  InvalidInput,
  PaginationError,
  CoordinatorError,
}

/**
 * The mark every error of this library carries (on its class's prototype).
 *
 * @since 0.3.0
 * @category symbols
 */
export const TypeId: unique symbol = Symbol.for("@effect-quantive/client/QuantiveError")

/**
 * @since 0.3.0
 * @category symbols
 */
export type TypeId = typeof TypeId

for (const Class of Object.values(classes)) {
  Object.defineProperty(Class.prototype, TypeId, { value: TypeId })
}

/**
 * True for any error of this library, also one from another copy of it (the mark is a global symbol).
 *
 * @since 0.1.0
 * @category guards
 */
export const isQuantiveError = (u: unknown): u is QuantiveError =>
  typeof u === "object" && u !== null && (u as { readonly [TypeId]?: unknown })[TypeId] === TypeId
