import { Schema } from "effect"

/** An optional field that, when present, holds exactly `S` (no `undefined`). @internal */
export const optional = <S extends Schema.Constraint>(schema: S): Schema.optionalKey<S> => Schema.optionalKey(schema)

/** A non-empty string after trimming, with a message that names the problem. @internal */
export const NonEmpty: Schema.String = Schema.String.check(
  Schema.makeFilter((s: string) => s.trim() !== "", { message: "must be a non-empty string" }),
)
