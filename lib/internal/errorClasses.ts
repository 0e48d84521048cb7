/**
 * The error classes of the Quantive operations, one `Schema.TaggedError` per documented status and per failure
 * that is not a status (see the `QuantiveError` module, which exports them).
 *
 * @internal
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
