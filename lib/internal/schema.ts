import { Schema } from "effect"

/** An optional field that, when present, holds exactly `S` (no `undefined`). @internal */
export const optional = <S extends Schema.Schema.All>(schema: S): Schema.optionalWith<S, { exact: true }> =>
  Schema.optionalWith(schema, { exact: true })

/** A non-empty string after trimming, with a message that names the problem. @internal */
export const NonEmpty = Schema.String.pipe(
  Schema.filter((s) => s.trim() !== "", { message: () => "must be a non-empty string" }),
)
