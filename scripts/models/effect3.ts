/**
 * The Effect 3 line's Schema spelling for the model renderer (scripts/models/render.ts): `Schema.Schema<X>`, optional
 * fields `Schema.optionalWith(…, { exact: true })`, checks as `pipe` filters.
 */
import { type Dialect, modelFiles } from "./render.ts"

export const effect3: Dialect = {
  root: "",
  schemaType: (name) => `Schema.Schema<${name}>`,
  literal: (values) => `Schema.Literal(${values.join(", ")})`,
  minItems: (array, min, message) => `${array}.pipe(Schema.minItems(${min}, { message: () => ${message} }))`,
  record: (value) => `Schema.Record({ key: Schema.String, value: ${value} })`,
  arrayType: (item) => `Schema.Array$<${item}>`,
  atLeastOne: (message) =>
    `.pipe(\n  Schema.filter((patch) => Object.keys(patch).length > 0, {\n    message: () => ${message},\n  }),\n)`,
  optional: {
    constraint: "Schema.Schema.All",
    type: "Schema.optionalWith<S, { exact: true }>",
    words: "exact",
  },
}

/** Every generated file of the Effect 3 package, as a repository path and its unformatted source. */
export const effect3Files = (): Array<readonly [string, string]> => modelFiles(effect3)
