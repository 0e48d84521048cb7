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
import { Schema } from "effect"

type CommonFields = {
  readonly message: typeof Schema.String
  readonly method: typeof Schema.String
  readonly path: typeof Schema.String
  readonly serverMessage: Schema.optional<typeof Schema.String>
  readonly requestId: Schema.optional<typeof Schema.String>
  readonly attempts: Schema.optional<typeof Schema.Number>
  readonly elapsedMillis: Schema.optional<typeof Schema.Number>
}

const Common: CommonFields = {
  message: Schema.String,
  method: Schema.String,
  path: Schema.String,
  serverMessage: Schema.optional(Schema.String),
  requestId: Schema.optional(Schema.String),
  attempts: Schema.optional(Schema.Number),
  elapsedMillis: Schema.optional(Schema.Number),
}

type StatusFields = CommonFields & {
  readonly status: typeof Schema.Number
}

const WithStatus: StatusFields = { ...Common, status: Schema.Number }

/** An explicitly typed error base (explicit for JSR's fast type check and `isolatedDeclarations`). */
type Base<Self, Tag extends string, Fields extends Schema.Struct.Fields> = Schema.TaggedErrorClass<
  Self,
  Tag,
  { readonly _tag: Schema.tag<Tag> } & Fields
>

const BadRequestBase: Base<BadRequest, "BadRequest", StatusFields> = Schema.TaggedError<BadRequest>(
  "@effect-quantive/client/BadRequest",
)("BadRequest", WithStatus)

/**
 * 400: the server rejected the request as malformed.
 *
 * @since 0.1.0
 * @category errors
 */
export class BadRequest extends BadRequestBase {}

const UnauthorizedBase: Base<Unauthorized, "Unauthorized", StatusFields> = Schema.TaggedError<Unauthorized>(
  "@effect-quantive/client/Unauthorized",
)("Unauthorized", WithStatus)

/**
 * 401: the token is missing, wrong or revoked.
 *
 * @since 0.1.0
 * @category errors
 */
export class Unauthorized extends UnauthorizedBase {}

const PaymentRequiredBase: Base<PaymentRequired, "PaymentRequired", StatusFields> = Schema.TaggedError<PaymentRequired>(
  "@effect-quantive/client/PaymentRequired",
)("PaymentRequired", WithStatus)

/**
 * 402: the account's subscription does not cover the request.
 *
 * @since 0.1.0
 * @category errors
 */
export class PaymentRequired extends PaymentRequiredBase {}

const ForbiddenBase: Base<Forbidden, "Forbidden", StatusFields> = Schema.TaggedError<Forbidden>(
  "@effect-quantive/client/Forbidden",
)("Forbidden", WithStatus)

/**
 * 403: the token's user may not do this.
 *
 * @since 0.1.0
 * @category errors
 */
export class Forbidden extends ForbiddenBase {}

const NotFoundBase: Base<NotFound, "NotFound", StatusFields> = Schema.TaggedError<NotFound>(
  "@effect-quantive/client/NotFound",
)("NotFound", WithStatus)

/**
 * 404: the resource does not exist.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotFound extends NotFoundBase {}

const ConflictBase: Base<Conflict, "Conflict", StatusFields> = Schema.TaggedError<Conflict>(
  "@effect-quantive/client/Conflict",
)("Conflict", WithStatus)

/**
 * 409: the request conflicts with the current state (a taken domain, an existing user).
 *
 * @since 0.1.0
 * @category errors
 */
export class Conflict extends ConflictBase {}

const LockedBase: Base<Locked, "Locked", StatusFields> = Schema.TaggedError<Locked>(
  "@effect-quantive/client/Locked",
)("Locked", WithStatus)

/**
 * 423: the resource is locked (a locked goal).
 *
 * @since 0.1.0
 * @category errors
 */
export class Locked extends LockedBase {}

const TooManyRequestsBase: Base<
  TooManyRequests,
  "TooManyRequests",
  StatusFields & { readonly retryAfter: Schema.optional<typeof Schema.DurationFromSelf> }
> = Schema.TaggedError<TooManyRequests>(
  "@effect-quantive/client/TooManyRequests",
)("TooManyRequests", { ...WithStatus, retryAfter: Schema.optional(Schema.DurationFromSelf) })

/**
 * 429: too many requests. `retryAfter` holds the parsed `Retry-After` (seconds, HTTP date or `retry-after-ms`)
 * when the response had one.
 *
 * @since 0.1.0
 * @category errors
 */
export class TooManyRequests extends TooManyRequestsBase {}

const ServerErrorBase: Base<
  ServerError,
  "ServerError",
  StatusFields & { readonly retryAfter: Schema.optional<typeof Schema.DurationFromSelf> }
> = Schema.TaggedError<ServerError>(
  "@effect-quantive/client/ServerError",
)("ServerError", { ...WithStatus, retryAfter: Schema.optional(Schema.DurationFromSelf) })

/**
 * 5xx: the server failed. `status` tells which; `retryAfter` holds a 503's `Retry-After` when it had one.
 *
 * @since 0.1.0
 * @category errors
 */
export class ServerError extends ServerErrorBase {}

const UnexpectedStatusBase: Base<UnexpectedStatus, "UnexpectedStatus", StatusFields> = Schema.TaggedError<
  UnexpectedStatus
>(
  "@effect-quantive/client/UnexpectedStatus",
)("UnexpectedStatus", WithStatus)

/**
 * A status the operation does not document and that no universal mapping covers, or a redirect that was refused
 * (to another origin, or too many hops).
 *
 * @since 0.1.0
 * @category errors
 */
export class UnexpectedStatus extends UnexpectedStatusBase {}

/**
 * Why a request got no usable response.
 *
 * @since 0.1.0
 * @category models
 */
export const TransportReason: Schema.Literal<
  ["Connect", "Reset", "Timeout", "Aborted", "Body", "ResponseTooLarge", "Transport"]
> = Schema.Literal(
  "Connect",
  "Reset",
  "Timeout",
  "Aborted",
  "Body",
  "ResponseTooLarge",
  "Transport",
)

/**
 * @since 0.1.0
 * @category models
 */
export type TransportReason = typeof TransportReason.Type

const TransportErrorBase: Base<
  TransportError,
  "TransportError",
  CommonFields & { readonly status: Schema.optional<typeof Schema.Number>; readonly reason: typeof TransportReason }
> = Schema.TaggedError<TransportError>(
  "@effect-quantive/client/TransportError",
)("TransportError", { ...Common, status: Schema.optional(Schema.Number), reason: TransportReason })

/**
 * No usable response: DNS failure, connection refused or reset, a body cut short, a timeout, an abort, or a body
 * larger than the configured cap. `reason` classifies it; `message` keeps the underlying cause's description
 * (redacted).
 *
 * @since 0.1.0
 * @category errors
 */
export class TransportError extends TransportErrorBase {}

const DecodeErrorBase: Base<
  DecodeError,
  "DecodeError",
  StatusFields & {
    readonly issuePath: Schema.optional<typeof Schema.String>
    readonly snippet: Schema.optional<typeof Schema.String>
  }
> = Schema.TaggedError<DecodeError>(
  "@effect-quantive/client/DecodeError",
)("DecodeError", {
  ...WithStatus,
  issuePath: Schema.optional(Schema.String),
  snippet: Schema.optional(Schema.String),
})

/**
 * A 2xx body that is not JSON or does not match the operation's schema. `issuePath` names the field that failed;
 * `snippet` is a short redacted start of the body when it was not JSON.
 *
 * @since 0.1.0
 * @category errors
 */
export class DecodeError extends DecodeErrorBase {}

const InvalidInputBase: Base<
  InvalidInput,
  "InvalidInput",
  CommonFields & { readonly field: Schema.optional<typeof Schema.String> }
> = Schema.TaggedError<InvalidInput>(
  "@effect-quantive/client/InvalidInput",
)("InvalidInput", { ...Common, field: Schema.optional(Schema.String) })

/**
 * Input rejected before any request was sent: an empty or dot-segment id, a body that does not match its schema,
 * an empty list where one item at least is needed.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidInput extends InvalidInputBase {}

/**
 * Why a paginated stream gave up.
 *
 * @since 0.1.0
 * @category models
 */
export const PaginationReason: Schema.Literal<["InconsistentPage", "OrderMismatch", "NoProgress"]> = Schema.Literal(
  "InconsistentPage",
  "OrderMismatch",
  "NoProgress",
)

/**
 * @since 0.1.0
 * @category models
 */
export type PaginationReason = typeof PaginationReason.Type

const PaginationErrorBase: Base<
  PaginationError,
  "PaginationError",
  CommonFields & { readonly reason: typeof PaginationReason; readonly skip: typeof Schema.Number }
> = Schema.TaggedError<PaginationError>(
  "@effect-quantive/client/PaginationError",
)("PaginationError", { ...Common, reason: PaginationReason, skip: Schema.Number })

/**
 * A `pages`/`stream` whose server misbehaved, instead of a hang or silent loss: a page inconsistent with its own
 * `totalCount` (`InconsistentPage`), items out of the order the stream sorts by (`OrderMismatch`), or pages that stop
 * advancing, as when the server ignores `skip` (`NoProgress`). `skip` is the offset of the page that showed it.
 *
 * @since 0.1.0
 * @category errors
 */
export class PaginationError extends PaginationErrorBase {}

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

type CoordinatorErrorFields = Pick<CommonFields, "message" | "method" | "path" | "attempts" | "elapsedMillis">

const CoordinatorErrorBase: Schema.TaggedErrorClass<
  CoordinatorError,
  "CoordinatorError",
  { readonly _tag: Schema.tag<"CoordinatorError"> } & CoordinatorErrorFields
> = Schema.TaggedError<CoordinatorError>("@effect-quantive/client/CoordinatorError")("CoordinatorError", {
  message: Common.message,
  method: Common.method,
  path: Common.path,
  attempts: Common.attempts,
  elapsedMillis: Common.elapsedMillis,
})

/**
 * The account's shared store (Redis) could not be reached, and the coordinator was built with
 * `onStoreFailure: "fail"`: the call was not sent. `attempts` counts the attempts sent before it (0 when none).
 * Never carries the account id, the token, a Redis address or a key.
 *
 * @since 0.2.0
 * @category errors
 */
export class CoordinatorError extends CoordinatorErrorBase {}

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
