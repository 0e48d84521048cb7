/**
 * The Effect 4 line's Schema spelling for the model renderer (scripts/models/render.ts): `Schema.Codec<X>`, optional
 * fields `Schema.optionalKey`, checks as `.check(…)`; the same modules, names and meaning as the Effect 3 line's,
 * under effect4/.
 */
import { type Dialect, modelFiles } from "./render.ts"

export const effect4: Dialect = {
  root: "effect4/",
  schemaType: (name) => `Schema.Codec<${name}>`,
  literal: (values) => values.length === 1 ? `Schema.Literal(${values[0]})` : `Schema.Literals([${values.join(", ")}])`,
  minItems: (array, min, message) => `${array}.check(Schema.isMinLength(${min}, { message: ${message} }))`,
  record: (value) => `Schema.Record(Schema.String, ${value})`,
  arrayType: (item) => `Schema.$Array<${item}>`,
  atLeastOne: (message) =>
    `.check(\n  Schema.makeFilter((patch) => Object.keys(patch).length > 0, {\n    message: ${message},\n  }),\n)`,
  optional: {
    constraint: "Schema.Constraint",
    type: "Schema.optionalKey<S>",
    words: "`Schema.optionalKey`",
  },
}

/** Every generated file of the Effect 4 package, as a repository path and its unformatted source. */
export const effect4Files = (): Array<readonly [string, string]> => modelFiles(effect4)
