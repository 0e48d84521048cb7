/**
 * The model modules of one Effect line, rendered from the API description in core/src/api/models: per model an
 * interface with its JSDoc (a line per described field) and a Schema (`Schema.Struct` of the fields, optional ones
 * present-means-the-type, the checks the description states), per module its imports and re-exports, and the user's
 * field record for projections. What differs between the lines is their Schema API's spelling, a `Dialect`
 * (scripts/models/effect3.ts, scripts/models/effect4.ts). The sources are unformatted: scripts/generate-models.ts
 * formats and writes them.
 */
import type { Alias, Field, Fields, Kind, Model, ModelModule } from "../../core/src/api/models/model.ts"
import { modelModules } from "../../core/src/api/models/modules.ts"

const width = 120

type Declaration = Model | Alias

const fail = (message: string): never => {
  throw new Error(`generate-models: ${message}`)
}

// ---------------------------------------------------------------------------------------------------------------
// Where each model lives

const homes = new Map<string, { readonly module: ModelModule; readonly declaration: Declaration }>()
for (const module of modelModules) {
  for (const declaration of module.declarations) {
    if (homes.has(declaration.name)) fail(`${declaration.name} is declared twice`)
    homes.set(declaration.name, { module, declaration })
  }
}

const home = (name: string) => homes.get(name) ?? fail(`${name} is not described`)

const sourceOf = (module: ModelModule): string =>
  `core/src/api/models/${module.module[0]!.toLowerCase()}${module.module.slice(1)}.ts`

// ---------------------------------------------------------------------------------------------------------------
// JSDoc

const wrap = (text: string, prefix: string): Array<string> => {
  const lines: Array<string> = []
  text.split("\n\n").forEach((paragraph, i) => {
    if (i > 0) lines.push(prefix.trimEnd())
    let line = ""
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      if (line !== "" && prefix.length + line.length + 1 + word.length > width) {
        lines.push(prefix + line)
        line = word
      } else {
        line = line === "" ? word : `${line} ${word}`
      }
    }
    if (line !== "") lines.push(prefix + line)
  })
  return lines
}

const jsdoc = (indent: string, text: string, tags: ReadonlyArray<string>): string => {
  const prefix = `${indent} * `
  const body = text.trim() === "" ? [] : [...wrap(text, prefix), `${indent} *`]
  return [`${indent}/**`, ...body, ...tags.map((tag) => `${prefix}${tag}`), `${indent} */`].join("\n") + "\n"
}

const fieldDoc = (indent: string, description: string | undefined): string => {
  if (description === undefined || description.trim() === "") return ""
  const single = `${indent}/** ${description.trim()} */`
  if (!description.includes("\n\n") && single.length <= width) return single + "\n"
  return [`${indent}/**`, ...wrap(description, `${indent} * `), `${indent} */`].join("\n") + "\n"
}

// ---------------------------------------------------------------------------------------------------------------
// Types and Schemas of a kind

interface Uses {
  readonly values: Set<string>
  readonly types: Set<string>
  readonly helpers: Set<string>
}

const newUses = (): Uses => ({ values: new Set(), types: new Set(), helpers: new Set() })

const key = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name))

const typeOf = (kind: Kind, model: Model | undefined, uses: Uses): string => {
  switch (kind._tag) {
    case "String":
    case "NonEmptyString":
      return "string"
    case "Number":
    case "FiniteNumber":
      return "number"
    case "Boolean":
      return "boolean"
    case "Unknown":
      return "unknown"
    case "Literal":
      return kind.values.map((v) => JSON.stringify(v)).join(" | ")
    case "Array":
      return `ReadonlyArray<${typeOf(kind.item, model, uses)}>`
    case "Record":
      return `{ readonly [key: string]: ${typeOf(kind.value, model, uses)} }`
    case "Ref":
      uses.types.add(kind.name)
      return kind.name
    case "Struct":
      return documented(kind.fields)
        ? `{\n${typeFields(kind.fields, model, uses, "")}}`
        : `{ ${
          Object.entries(kind.fields).map(([name, field]) =>
            `readonly ${key(name)}${field.optional ? "?" : ""}: ${nullable(field, typeOf(field.kind, model, uses))}`
          ).join("; ")
        } }`
    case "TypeParameter":
      return model?.typeParameter?.name ?? fail(`${model?.name} has no type parameter`)
  }
}

const documented = (fields: Fields): boolean =>
  Object.values(fields).some((f) => f.description !== undefined && f.description.trim() !== "")

const nullable = (field: Field, type: string): string => (field.nullable === true ? `${type} | null` : type)

const typeFields = (fields: Fields, model: Model | undefined, uses: Uses, indent: string): string =>
  Object.entries(fields).map(([name, field]) => {
    const type = typeOf(field.kind, model, uses)
    return fieldDoc(`${indent}  `, field.description) +
      `${indent}  readonly ${key(name)}${field.optional ? "?" : ""}: ${nullable(field, type)}\n`
  }).join("")

const schemaOf = (kind: Kind, model: Model | undefined, uses: Uses): string => {
  switch (kind._tag) {
    case "String":
      return "Schema.String"
    case "NonEmptyString":
      uses.helpers.add("NonEmpty")
      return "NonEmpty"
    case "Number":
      return "Schema.Number"
    case "FiniteNumber":
      return "Schema.Finite"
    case "Boolean":
      return "Schema.Boolean"
    case "Unknown":
      return "Schema.Unknown"
    case "Literal":
      return dialect.literal(kind.values.map((v) => JSON.stringify(v)))
    case "Array": {
      const array = `Schema.Array(${schemaOf(kind.item, model, uses)})`
      return kind.minItems === undefined
        ? array
        : dialect.minItems(array, kind.minItems.minItems, JSON.stringify(kind.minItems.message))
    }
    case "Record":
      return dialect.record(schemaOf(kind.value, model, uses))
    case "Ref":
      uses.values.add(kind.name)
      return kind.recursive === true
        ? `Schema.suspend((): ${dialect.schemaType(kind.name)} => ${kind.name})`
        : kind.name
    case "Struct":
      return `Schema.Struct({ ${
        Object.entries(kind.fields).map(([name, field]) => `${key(name)}: ${fieldSchema(field, model, uses)}`).join(
          ", ",
        )
      } })`
    case "TypeParameter": {
      const name = model?.typeParameter?.default ?? fail(`${model?.name} has no type parameter`)
      uses.values.add(name)
      return name
    }
  }
}

const fieldSchema = (field: Field, model: Model | undefined, uses: Uses): string => {
  const schema = schemaOf(field.kind, model, uses)
  const value = field.nullable === true ? `Schema.NullOr(${schema})` : schema
  if (!field.optional) return value
  uses.helpers.add("optional")
  return `optional(${value})`
}

const schemaFields = (fields: Fields, model: Model | undefined, uses: Uses): string =>
  Object.entries(fields).map(([name, field]) => `  ${key(name)}: ${fieldSchema(field, model, uses)},\n`).join("")

/** The type of a field's Schema, written out for the field record. */
const fieldSchemaType = (field: Field, uses: Uses): string => {
  const of = (kind: Kind): string => {
    switch (kind._tag) {
      case "String":
        return "typeof Schema.String"
      case "Number":
        return "typeof Schema.Number"
      case "Boolean":
        return "typeof Schema.Boolean"
      case "Unknown":
        return "typeof Schema.Unknown"
      case "NonEmptyString":
        uses.helpers.add("NonEmpty")
        return "typeof NonEmpty"
      case "Array":
        if (kind.minItems !== undefined) return fail("a field record holds no array with a minimum length")
        return dialect.arrayType(of(kind.item))
      case "Ref":
        uses.values.add(kind.name)
        return dialect.schemaType(kind.name)
      default:
        return fail(`a field record holds no ${kind._tag} field`)
    }
  }
  if (field.nullable === true) return fail("a field record holds no nullable field")
  return field.optional ? `Optional<${of(field.kind)}>` : of(field.kind)
}

// ---------------------------------------------------------------------------------------------------------------
// Modules

const header = (source: string): string =>
  `// Generated by scripts/generate-models.ts from ${source}: edit that file, not this one.\n`

const modelSource = (model: Model, uses: Uses, position: ReadonlyMap<string, number>, index: number): string => {
  const parameter = model.typeParameter === undefined
    ? ""
    : `<${model.typeParameter.name} = ${model.typeParameter.default}>`
  if (model.typeParameter !== undefined) uses.types.add(model.typeParameter.default)
  const typeUses = newUses()
  const fields = typeFields(model.fields, model, typeUses, "")
  typeUses.types.forEach((t) => uses.types.add(t))
  let out = jsdoc("", model.description, [`@since ${model.since}`, "@category models"]) +
    `export interface ${model.name}${parameter} {\n${fields}}\n\n`
  const schemaUses = newUses()
  let schema = model.fieldRecord === undefined
    ? `Schema.Struct({\n${schemaFields(model.fields, model, schemaUses)}})`
    : `Schema.Struct(${model.fieldRecord})`
  if (model.fieldRecord !== undefined) schemaUses.helpers.add(`fieldRecord:${model.fieldRecord}`)
  if (model.atLeastOneField !== undefined) {
    schema += dialect.atLeastOne(JSON.stringify(model.atLeastOneField))
  }
  for (const name of schemaUses.values) {
    const at = position.get(name)
    if (at !== undefined && at >= index && !isRecursive(model, name)) {
      fail(`${model.name} uses ${name} before it is declared: move ${name} up`)
    }
    uses.values.add(name)
  }
  schemaUses.helpers.forEach((h) => uses.helpers.add(h))
  out += model.nestedOnly === true
    ? `const ${model.name}: ${dialect.schemaType(model.name)} = ${schema}\n\n`
    : jsdoc("", "", [`@since ${model.since}`, "@category schemas"]) +
      `export const ${model.name}: ${dialect.schemaType(model.name)} = ${schema}\n\n`
  return out
}

const isRecursive = (model: Model, name: string): boolean => {
  const visit = (kind: Kind): boolean => {
    switch (kind._tag) {
      case "Ref":
        return kind.name === name && kind.recursive === true
      case "Array":
        return visit(kind.item)
      case "Record":
        return visit(kind.value)
      case "Struct":
        return Object.values(kind.fields).some((f) => visit(f.kind))
      default:
        return false
    }
  }
  return Object.values(model.fields).some((f) => visit(f.kind))
}

const aliasSource = (alias: Alias, uses: Uses): string => {
  const target = home(alias.of).declaration
  if (target._tag !== "Model" || target.nestedOnly === true) {
    fail(`${alias.name} names ${alias.of}, which has no Schema`)
  }
  uses.types.add(alias.of)
  uses.values.add(alias.of)
  for (const t of alias.typeArguments ?? []) uses.types.add(t)
  const args = alias.typeArguments === undefined ? "" : `<${alias.typeArguments.join(", ")}>`
  return jsdoc("", alias.description, [`@since ${alias.since}`, "@category models"]) +
    `export type ${alias.name} = ${alias.of}${args}\n\n` +
    jsdoc("", "", [`@since ${alias.since}`, "@category schemas"]) +
    `export const ${alias.name}: ${dialect.schemaType(alias.name)} = ${alias.of}\n\n`
}

/** The import lines for the models of other modules: a value import for a Schema, a type import for a type. */
const modelImports = (from: string, uses: Uses, relative: string, local: ReadonlySet<string>): Array<string> => {
  const byModule = new Map<string, Map<string, boolean>>()
  const add = (name: string, value: boolean) => {
    if (local.has(name)) return
    const { module, declaration } = home(name)
    if (value && declaration._tag === "Model" && declaration.nestedOnly === true) {
      fail(`${from} uses the Schema of ${name}, which ${module.module} does not export`)
    }
    const names = byModule.get(module.module) ?? new Map<string, boolean>()
    names.set(name, (names.get(name) ?? false) || value)
    byModule.set(module.module, names)
  }
  uses.values.forEach((name) => add(name, true))
  uses.types.forEach((name) => add(name, false))
  return [...byModule.keys()].sort().map((module) => {
    const names = [...byModule.get(module)!.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const allTypes = names.every(([, value]) => !value)
    const list = names.map(([name, value]) => (allTypes || value ? name : `type ${name}`)).join(", ")
    return `import ${allTypes ? "type " : ""}{ ${list} } from "${relative}${module}.ts"`
  })
}

/** The import lines of a model module: `Schema`, the Schema helpers, the field record, the models of other modules. */
const imports = (module: ModelModule, uses: Uses, local: ReadonlySet<string>): string => {
  const usesSchemaValue = module.declarations.some((d) => d._tag === "Model")
  const lines = [usesSchemaValue ? `import { Schema } from "effect"` : `import type { Schema } from "effect"`]
  const helpers = [...uses.helpers].filter((h) => !h.startsWith("fieldRecord:")).sort()
  if (helpers.length > 0) lines.push(`import { ${helpers.join(", ")} } from "./internal/schema.ts"`)
  for (const h of uses.helpers) {
    if (h.startsWith("fieldRecord:")) {
      const name = h.slice("fieldRecord:".length)
      lines.push(`import { ${name} } from "./internal/${name}.ts"`)
    }
  }
  lines.push(...modelImports(module.module, uses, "./", local))
  return lines.join("\n") + "\n"
}

const moduleSource = (module: ModelModule): string => {
  const uses = newUses()
  const local = new Set(module.declarations.map((d) => d.name))
  const position = new Map(module.declarations.map((d, i) => [d.name, i] as const))
  const body = module.declarations.map((d, i) =>
    d._tag === "Model" ? modelSource(d, uses, position, i) : aliasSource(d, uses)
  ).join("")
  const reexports = (module.reexports ?? []).map((r) =>
    `export { ${[...r.names].sort().join(", ")} } from "./${r.module}.ts"\n`
  ).join("")
  return header(sourceOf(module)) +
    jsdoc("", module.description, [`@since ${module.since}`]) +
    imports(module, uses, local) +
    (reexports === "" ? "" : `\n${reexports}`) +
    "\n" + body
}

const fieldRecordSource = (module: ModelModule, model: Model, name: string): string => {
  const uses = newUses()
  const typeName = `${name[0]!.toUpperCase()}${name.slice(1)}`
  const types = Object.entries(model.fields).map(([field, f]) =>
    `  readonly ${key(field)}: ${fieldSchemaType(f, uses)}\n`
  )
    .join("")
  const values = schemaFields(model.fields, model, uses)
  uses.helpers.add("optional")
  const helpers = [...uses.helpers].sort()
  return header(sourceOf(module)) +
    `import { Schema } from "effect"\n` +
    modelImports(name, uses, "../", new Set()).join("\n") + "\n" +
    `import { ${helpers.join(", ")} } from "./schema.ts"\n\n` +
    `type Optional<S extends ${dialect.optional.constraint}> = ${dialect.optional.type}\n\n` +
    jsdoc(
      "",
      `The type of \`${name}\`, written out so that the exported constant carries an explicit annotation (JSR's fast ` +
        "type check) and a field projection keeps each field's precise schema. A type alias, not an interface, so " +
        "that it fits `Schema.Struct.Fields` (an index signature).",
      ["@internal"],
    ) +
    `export type ${typeName} = {\n${types}}\n\n` +
    jsdoc(
      "",
      `The \`Schema.Struct\` field record of ${
        model.name.toLowerCase() === "user" ? "a user" : `\`${model.name}\``
      }: ` +
        `one entry per top-level field, each required or optional (${dialect.optional.words}: present means the type) ` +
        "as the API " +
        `description says. \`${model.name}\` is \`Schema.Struct(${name})\`; a field projection picks from it.`,
      ["@internal"],
    ) +
    `export const ${name}: ${typeName} = {\n${values}}\n`
}

// ---------------------------------------------------------------------------------------------------------------
// The files

/** What differs between the lines' Schema APIs, as the source text each renders. */
export interface Dialect {
  /** Where the line's package lives in the repository: "" or "effect4/". */
  readonly root: string
  /** The annotation of a Schema of `name`. */
  readonly schemaType: (name: string) => string
  /** A literal of the JSON-quoted values. */
  readonly literal: (values: ReadonlyArray<string>) => string
  /** `array` with at least `min` items, failing with the JSON-quoted message. */
  readonly minItems: (array: string, min: number, message: string) => string
  /** A record of string keys to `value`. */
  readonly record: (value: string) => string
  /** The type of an array schema of `item`. */
  readonly arrayType: (item: string) => string
  /** Appended to a patch body's struct: at least one field, failing with the JSON-quoted message. */
  readonly atLeastOne: (message: string) => string
  /** The optional field's type helper: its constraint, its type, and how the JSDoc names it. */
  readonly optional: { readonly constraint: string; readonly type: string; readonly words: string }
}

let dialect: Dialect

/** Every generated file of one line, as a repository path and its unformatted source. */
export const modelFiles = (line: Dialect): Array<readonly [string, string]> => {
  dialect = line
  const outputs: Array<readonly [string, string]> = []
  for (const module of modelModules) {
    outputs.push([`${line.root}lib/${module.module}.ts`, moduleSource(module)])
    for (const declaration of module.declarations) {
      if (declaration._tag === "Model" && declaration.fieldRecord !== undefined) {
        outputs.push([
          `${line.root}lib/internal/${declaration.fieldRecord}.ts`,
          fieldRecordSource(module, declaration, declaration.fieldRecord),
        ])
      }
    }
  }
  return outputs
}
