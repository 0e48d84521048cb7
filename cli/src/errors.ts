/**
 * What the CLI tells a person when something fails: one line saying what failed and what to do, the request id when
 * there is one, and an exit code per class of failure. No stack trace for an expected error.
 *
 * @since 0.2.0
 */
import { ValidationError } from "@effect/cli"
import { QuantiveError } from "@effect-quantive/client"
import { Cause, Duration, Option } from "effect"
import { CliFailure, ExitCode } from "./failure.ts"

const seconds = (millis: number) => `${(millis / 1000).toFixed(1)}s`

const where = (error: QuantiveError.QuantiveError) => `${error.method} ${error.path}`

const history = (error: QuantiveError.QuantiveError) =>
  error.attempts !== undefined && error.attempts > 1
    ? ` (after ${error.attempts} attempts over ${seconds(error.elapsedMillis ?? 0)})`
    : ""

const requestId = (error: QuantiveError.QuantiveError) =>
  !("requestId" in error) || error.requestId === undefined ? "" : ` [request id ${error.requestId}]`

const server = (error: QuantiveError.QuantiveError) =>
  !("serverMessage" in error) || error.serverMessage === undefined ? "" : `: ${error.serverMessage}`

/**
 * The one line and the exit code for an error of the library.
 *
 * @since 0.2.0
 * @category rendering
 */
export const describeApiError = (
  error: QuantiveError.QuantiveError,
): { readonly line: string; readonly code: number } => {
  const tail = `${history(error)}${requestId(error)}`
  switch (error._tag) {
    case "Unauthorized":
      return {
        code: ExitCode.auth,
        line: `${where(error)} answered 401 Unauthorized: check the API token (QUANTIVE_TOKEN or --token-file); ` +
          `tokens are issued in Settings → API tokens and stop working when revoked${tail}`,
      }
    case "Forbidden":
      return {
        code: ExitCode.auth,
        line: `${where(error)} answered 403 Forbidden${server(error)}: the token's user lacks the permission for ` +
          `this, or the account id is not the token's account; ask an account admin${tail}`,
      }
    case "TooManyRequests": {
      // "retried" only when it did; the wait is the server's own `Retry-After`, quoted as such.
      const retried = error.attempts !== undefined && error.attempts > 1
      const wait = error.retryAfter === undefined
        ? ""
        : `; the server asks to wait ${Duration.format(error.retryAfter)}`
      return {
        code: ExitCode.rateLimit,
        line: `${where(error)} was rate limited (429)` +
          (retried ? `: retried, then gave up${history(error)}` : ", not retried") +
          `${wait}; try again later, or lower --concurrency${requestId(error)}`,
      }
    }
    case "NotFound":
      return {
        code: ExitCode.api,
        line: `${where(error)} answered 404 Not Found${server(error)}: check the id${tail}`,
      }
    case "BadRequest":
      return {
        code: ExitCode.api,
        line: `${where(error)} answered 400 Bad Request${server(error)}: check the filter, sort or fields${tail}`,
      }
    case "PaymentRequired":
      return {
        code: ExitCode.api,
        line: `${where(error)} answered 402 Payment Required${server(error)}: the account's subscription does not ` +
          `cover this${tail}`,
      }
    case "Conflict":
    case "Locked":
      return { code: ExitCode.api, line: `${where(error)} answered ${error.status}${server(error)}${tail}` }
    case "ServerError":
      return {
        code: ExitCode.api,
        line: `${where(error)} answered ${error.status}, a server error${server(error)}; try again later${tail}`,
      }
    case "UnexpectedStatus":
      return {
        code: ExitCode.api,
        line: `${where(error)} answered ${error.status}, which it does not document${server(error)}${tail}`,
      }
    case "TransportError":
      return {
        code: ExitCode.api,
        line: `${where(error)} got no usable answer (${error.reason}): check the network and the base URL or ` +
          `region${tail}`,
      }
    case "DecodeError":
      return {
        code: ExitCode.api,
        line: `${where(error)} answered something unexpected` +
          `${error.issuePath === undefined ? "" : ` at ${error.issuePath}`}${tail}`,
      }
    case "InvalidInput":
      return {
        code: ExitCode.usage,
        line: `invalid input${error.field === undefined ? "" : ` (${error.field})`}: ${
          error.message.replace(/^.*?: /, "")
        }; nothing was sent`,
      }
    case "PaginationError":
      return {
        code: ExitCode.api,
        line: `the server broke paging (${error.reason} at ${error.skip}) on ${where(error)}; try again${tail}`,
      }
    case "CoordinatorError":
      return {
        code: ExitCode.api,
        line: `${where(error)} was not sent: the account's shared rate budget (Redis) is unavailable; try again${tail}`,
      }
  }
}

/**
 * Renders any failure of a command: its line on stderr (prefixed `quantive: `) and its exit code.
 * `ValidationError`s were already printed by `@effect/cli` with the help of the command.
 *
 * @since 0.2.0
 * @category rendering
 */
export const describe = (cause: Cause.Cause<unknown>): { readonly line: string | undefined; readonly code: number } => {
  if (Cause.isInterruptedOnly(cause)) return { line: undefined, code: ExitCode.interrupted }
  const failure = Cause.failureOption(cause)
  if (Option.isSome(failure)) {
    const error = failure.value
    if (ValidationError.isValidationError(error)) return { line: undefined, code: ExitCode.usage }
    if (error instanceof CliFailure) {
      // The reader of stdout went away (`quantive users export | head`): stop quietly, like other tools.
      if (error.kind === "closed") return { line: undefined, code: ExitCode.ok }
      return {
        line: error.kind === "partial" || error.kind === "shown" ? undefined : error.message,
        code: error.kind === "usage" || error.kind === "shown"
          ? ExitCode.usage
          : error.kind === "config"
          ? ExitCode.config
          : error.kind === "partial"
          ? ExitCode.partial
          : ExitCode.api,
      }
    }
    if (QuantiveError.isQuantiveError(error)) return describeApiError(error)
  }
  const squashed = Cause.squash(cause)
  const message = squashed instanceof Error ? squashed.message : String(squashed)
  return { line: `unexpected failure: ${message} (set QUANTIVE_DEBUG=1 for details)`, code: ExitCode.api }
}
