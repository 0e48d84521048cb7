/**
 * The response stage's first step: a status outside 2xx becomes the endpoint's typed error (its documented statuses
 * by class, the universal ones, `UnexpectedStatus` for the rest), its message from the body's text.
 *
 * @internal
 */
import { Effect } from "effect"
import type * as QE from "../../QuantiveError.ts"
import { type CallContext, statusError } from "../errors.ts"
import { readRetryAfter } from "../resilience/retryAfter.ts"
import { textOf } from "../transport/body.ts"
import type { Exchange } from "../transport/exchange.ts"

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

/** Whether the exchange succeeded (2xx). @internal */
export const isSuccess = (status: number): boolean => status >= 200 && status <= 299

/**
 * The typed error of an exchange whose status is not 2xx (`now`: the time its `Retry-After` dates count from).
 *
 * @internal
 */
export const failure = (
  exchange: Exchange,
  documented: ReadonlySet<number>,
  ctx: CallContext,
  now: number,
): Effect.Effect<never, QE.QuantiveError> => {
  const { body, headers, status } = exchange
  const logged = status === 429 || status >= 500 ? ignoredRetryAfter(headers, now, ctx.operation) : Effect.void
  return Effect.zipRight(
    logged,
    Effect.flatMap(
      textOf(body, ctx, status),
      (text) => Effect.fail(statusError(status, documented, ctx, headers, text, now)),
    ),
  )
}
