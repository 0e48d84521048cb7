/**
 * Encoding a request body: through its schema, then checked to be JSON that says exactly what the caller passed
 * (no `BigInt`, cycle, `NaN` or `Infinity`, lone surrogate, function or symbol silently changed or dropped by
 * `JSON.stringify`), before anything is sent.
 *
 * @internal
 */
import { Either, Schema } from "effect"
import type * as QE from "../../QuantiveError.ts"
import { type CallContext, formatIssue, invalidInput } from "../errors.ts"
import { jsonProblem } from "../../../core/src/jsonValue.ts"

/** @internal */
export const encodeJsonBody = (
  schema: Schema.Schema<any, any, never>,
  value: unknown,
  ctx: CallContext,
): Either.Either<string, QE.InvalidInput> => {
  const encoded = encodeUnknown(schema)(value)
  if (Either.isLeft(encoded)) {
    const { issuePath, message } = formatIssue(encoded.left, ctx.redact)
    return Either.left(invalidInput(ctx, issuePath || "body", `body${issuePath ? `.${issuePath}` : ""}: ${message}`))
  }
  const problem = jsonProblem(encoded.right)
  if (problem !== undefined) return Either.left(invalidInput(ctx, "body", problem))
  return Either.right(JSON.stringify(encoded.right))
}

/** One encoder per schema, built on first use. */
const encoders = new WeakMap<Schema.Schema<any, any, never>, (u: unknown) => Either.Either<unknown, any>>()
const encodeUnknown = (schema: Schema.Schema<any, any, never>) => {
  let encode = encoders.get(schema)
  if (encode === undefined) {
    encode = Schema.encodeUnknownEither(schema)
    encoders.set(schema, encode)
  }
  return encode
}
