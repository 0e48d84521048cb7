/**
 * Encoding a request body: through its schema, then checked to be JSON that says exactly what the caller passed
 * (no `BigInt`, cycle, `NaN` or `Infinity`, lone surrogate, function or symbol silently changed or dropped by
 * `JSON.stringify`), before anything is sent.
 *
 * @internal
 */
import { Result, Schema } from "effect"
import type * as QE from "../../QuantiveError.ts"
import { type CallContext, formatIssue, invalidInput } from "../errors.ts"
import { jsonProblem } from "../../../../core/src/jsonValue.ts"

/** @internal */
export const encodeJsonBody = (
  schema: Schema.Codec<any, any>,
  value: unknown,
  ctx: CallContext,
): Result.Result<string, QE.InvalidInput> => {
  const encoded = encodeUnknown(schema)(value)
  if (Result.isFailure(encoded)) {
    const { issuePath, message } = formatIssue(encoded.failure, ctx.redact)
    return Result.fail(invalidInput(ctx, issuePath || "body", `body${issuePath ? `.${issuePath}` : ""}: ${message}`))
  }
  const problem = jsonProblem(encoded.success)
  if (problem !== undefined) return Result.fail(invalidInput(ctx, "body", problem))
  return Result.succeed(JSON.stringify(encoded.success))
}

/** One encoder per schema, built on first use. */
const encoders = new WeakMap<Schema.Codec<any, any>, (u: unknown) => Result.Result<unknown, Schema.SchemaError>>()
const encodeUnknown = (schema: Schema.Codec<any, any>) => {
  const known = encoders.get(schema)
  if (known !== undefined) return known
  const encode: (u: unknown) => Result.Result<unknown, Schema.SchemaError> = Schema.encodeUnknownResult(schema)
  encoders.set(schema, encode)
  return encode
}
