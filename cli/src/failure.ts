/**
 * The failures the CLI itself detects, and the exit code of each class of failure.
 *
 * @since 0.4.0
 */
import { Schema } from "effect"

/**
 * The exit codes, one per class of failure.
 *
 * @since 0.2.0
 * @category constants
 */
export const ExitCode = {
  /** Everything worked. */
  ok: 0,
  /** An API or network error (400, 402, 404, 409, 5xx, a connection that failed, an unexpected answer). */
  api: 1,
  /** Bad flags or arguments, or input the library rejected before sending anything. */
  usage: 2,
  /** The connection settings: no token, no account id, an unreadable token file, a malformed URL or region. */
  config: 3,
  /** 401 (the token is wrong or revoked) or 403 (the token's user lacks the permission, or another account). */
  auth: 4,
  /** 429: the server kept refusing (after the retries the policy allows). */
  rateLimit: 5,
  /**
   * A bulk command ran, but some ids failed, did not resolve, are unknown (sent, the answer lost) or were not
   * attempted (each is listed or counted in the summary).
   */
  partial: 6,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const

/**
 * The exit-code table as printed in `quantive --help`.
 *
 * @since 0.2.0
 * @category constants
 */
export const exitCodeTable = [
  "0    success",
  "1    API or network error (400, 402, 404, 409, 5xx, connection, unexpected answer)",
  "2    usage: bad flags or arguments, input rejected before any request",
  "3    configuration: no token or account id, unreadable --token-file, bad URL, unknown --region",
  "4    authentication (401: check the token) or permission (403: the token's user lacks it)",
  "5    rate limited (429), after the retries the policy allows",
  "6    partial: some bulk entries failed, did not resolve, are unknown or were not attempted",
  "130  interrupted",
].join("\n")

/**
 * A failure the CLI itself detected (configuration, usage, partial bulk results), with its class. `shown` is a usage
 * error whose explanation was already printed.
 *
 * @since 0.2.0
 * @category errors
 */
export class CliFailure extends Schema.TaggedError<CliFailure>("@effect-quantive/cli/CliFailure")("CliFailure", {
  kind: Schema.Literal("usage", "config", "api", "partial", "closed", "shown"),
  message: Schema.String,
}) {}
