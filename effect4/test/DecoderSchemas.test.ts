/**
 * The Effect 4 models' Schemas are derived from the API description in core (`core/src/api/models`), as the Effect 3
 * ones are. This file checks, for every Schema a generated model module exports:
 *
 * - that its AST says what the description says, node for node: the fields in order, each optional exactly when the
 *   description says so (and then a `Schema.optionalKey`, so that present means the type), each of the described kind,
 *   with the described checks and their messages; an alias is the very Schema it names. The Effect 3 models are derived
 *   from the same description (and pinned by test/DecoderSchemas.test.ts), so both lines' models mean the same.
 * - that its whole AST (node kinds, property names and order, optionality, checks and their annotations, encodings)
 *   is unchanged: its digest is compared with `effect4/test/fixtures/model-schemas.json`. A deliberate change to a model
 *   updates the digests with `vitest run effect4/test/DecoderSchemas.test.ts -u`, and the diff names the Schemas that
 *   changed.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { Schema, SchemaAST as AST } from "effect"
import { createHash } from "node:crypto"
import type { Alias, Field, Fields, Kind, Model } from "../../core/src/api/models/model.ts"
import { modelModules } from "../../core/src/api/models/modules.ts"

const modules: ReadonlyArray<readonly [string, Record<string, unknown>]> = await Promise.all(
  modelModules.map(async ({ module }) => [module, (await import(`../lib/${module}.ts`)) as Record<string, unknown>]),
)

// ---------------------------------------------------------------------------------------------------------------
// The AST as plain data

/** An annotation's value as data; a function by its kind only (its source is Effect's, and changes with its version). */
const text = (u: unknown): unknown =>
  typeof u === "function" ? "function" : typeof u === "symbol" ? String(u) : u === undefined ? "undefined" : u

const annotations = (a: object | undefined): Record<string, unknown> | undefined =>
  a === undefined
    ? undefined
    : Object.fromEntries(Reflect.ownKeys(a).map((key) => [String(key), text((a as Record<PropertyKey, unknown>)[key])]))

/**
 * A check by what it is and what it says: its message, what it expects, and which of Effect's checks it is (the other
 * annotations Effect attaches to its own checks, for JSON Schema or arbitraries, may change with its version).
 */
const checks = (cs: AST.Checks | undefined): unknown =>
  cs?.map((c) => {
    const { expected, message, representation } = c.annotations ?? {}
    const said = { expected, message, id: (representation as { readonly id?: unknown } | undefined)?.id }
    return c._tag === "Filter"
      ? { _tag: c._tag, aborted: c.aborted, ...said }
      : { _tag: c._tag, ...said, checks: checks(c.checks) }
  })

/** The AST as plain data; a suspended schema that refers to one being serialized is named by its depth. */
const serialize = (ast: AST.AST, stack: ReadonlyArray<AST.AST> = []): unknown => {
  const next = [...stack, ast]
  const base = {
    _tag: ast._tag,
    annotations: annotations(ast.annotations),
    checks: checks(ast.checks),
    encoded: ast.encoding === undefined ? undefined : serialize(AST.toEncoded(ast), next),
    optional: ast.context?.isOptional,
    mutable: ast.context?.isMutable,
  }
  switch (ast._tag) {
    case "Objects":
      return {
        ...base,
        propertySignatures: ast.propertySignatures.map((p) => ({
          name: String(p.name),
          type: serialize(p.type, next),
        })),
        indexSignatures: ast.indexSignatures.map((s) => ({
          parameter: serialize(s.parameter, next),
          type: serialize(s.type, next),
        })),
      }
    case "Arrays":
      return {
        ...base,
        isMutable: ast.isMutable,
        elements: ast.elements.map((e) => serialize(e, next)),
        rest: ast.rest.map((r) => serialize(r, next)),
      }
    case "Union":
      return { ...base, mode: ast.options?.mode, types: ast.types.map((t) => serialize(t, next)) }
    case "Literal":
      return { ...base, literal: ast.literal }
    case "Suspend": {
      const target = ast.thunk()
      const depth = stack.indexOf(target)
      return depth >= 0 ? { ...base, ref: depth } : { ...base, target: serialize(target, next) }
    }
    default:
      return base
  }
}

const schemasOf = (exports: Record<string, unknown>) =>
  Object.entries(exports)
    .filter((entry): entry is [string, Schema.Top] => Schema.isSchema(entry[1]))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

/** Every Schema exported by the model modules, by `Module.name`: the SHA-256 of its serialized AST. */
const modelSchemas = (): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [module, exports] of modules) {
    for (const [name, schema] of schemasOf(exports)) {
      out[`${module}.${name}`] = createHash("sha256")
        .update(JSON.stringify(serialize(schema.ast)))
        .digest("hex")
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// The AST against the description

const declarations = new Map<string, Model | Alias>(
  modelModules.flatMap((m) => m.declarations.map((d) => [d.name, d] as const)),
)

const messagesOf = (ast: AST.AST): Array<unknown> =>
  (ast.checks ?? []).map((c) => c.annotations?.message ?? c.annotations?.expected)

/** Fails, naming where, unless `ast` is a node of `kind` (`model`: the model whose type parameter a kind may name). */
const assertKind = (kind: Kind, ast: AST.AST, where: string, model: Model, seen: ReadonlySet<string>): void => {
  const is = (tag: AST.AST["_tag"]) => assert.strictEqual(ast._tag, tag, `${where}: a ${kind._tag} is ${tag}`)
  const noChecks = () => assert.isUndefined(ast.checks, `${where}: no checks`)
  assert.isUndefined(ast.encoding, `${where}: no transformation`)
  switch (kind._tag) {
    case "String":
    case "Number":
    case "Boolean":
    case "Unknown":
      is(kind._tag)
      return noChecks()
    case "NonEmptyString":
      is("String")
      return assert.deepStrictEqual(messagesOf(ast), ["must be a non-empty string"], where)
    case "FiniteNumber":
      is("Number")
      return assert.deepStrictEqual(messagesOf(ast), ["a finite number"], where)
    case "Literal":
      if (kind.values.length === 1) {
        is("Literal")
        return assert.strictEqual((ast as AST.Literal).literal, kind.values[0], where)
      }
      is("Union")
      return assert.deepStrictEqual(
        (ast as AST.Union).types.map((t) => (t as AST.Literal).literal),
        [...kind.values],
        where,
      )
    case "Array": {
      is("Arrays")
      const arrays = ast as AST.Arrays
      assert.strictEqual(arrays.elements.length, 0, where)
      assert.strictEqual(arrays.rest.length, 1, where)
      if (kind.minItems === undefined) noChecks()
      else assert.deepStrictEqual(messagesOf(ast), [kind.minItems.message], where)
      return assertKind(kind.item, arrays.rest[0]!, `${where}[]`, model, seen)
    }
    case "Record": {
      is("Objects")
      noChecks()
      const objects = ast as AST.Objects
      assert.strictEqual(objects.propertySignatures.length, 0, where)
      assert.strictEqual(objects.indexSignatures.length, 1, where)
      assert.strictEqual(objects.indexSignatures[0]!.parameter._tag, "String", where)
      return assertKind(kind.value, objects.indexSignatures[0]!.type, `${where}.*`, model, seen)
    }
    case "Struct":
      is("Objects")
      noChecks()
      return assertFields(kind.fields, ast as AST.Objects, where, model, seen)
    case "Ref":
    case "TypeParameter": {
      const name = kind._tag === "Ref" ? kind.name : model.typeParameter!.default
      if (kind._tag === "Ref" && kind.recursive === true) {
        is("Suspend")
        if (seen.has(name)) return
        return assertModel(name, (ast as AST.Suspend).thunk(), where, seen)
      }
      return assertModel(name, ast, where, seen)
    }
  }
}

const assertFields = (fields: Fields, ast: AST.Objects, where: string, model: Model, seen: ReadonlySet<string>) => {
  assert.deepStrictEqual(
    ast.propertySignatures.map((p) => p.name),
    Object.keys(fields),
    `${where}: the fields`,
  )
  assert.deepStrictEqual(ast.indexSignatures, [], where)
  for (const p of ast.propertySignatures) {
    const field: Field = fields[p.name as string]!
    const at = `${where}.${String(p.name)}`
    assert.strictEqual(AST.isOptional(p.type), field.optional, `${at}: optional`)
    if (field.nullable === true) {
      assert.strictEqual(p.type._tag, "Union", at)
      const [value, nul] = (p.type as AST.Union).types
      assert.strictEqual(nul?._tag, "Null", at)
      assertKind(field.kind, value!, at, model, seen)
    } else assertKind(field.kind, p.type, at, model, seen)
  }
}

const assertModel = (name: string, ast: AST.AST, where: string, seen: ReadonlySet<string>): void => {
  const declaration = declarations.get(name)
  assert.isDefined(declaration, `${where}: ${name} is described`)
  if (declaration!._tag === "Alias") return assertModel(declaration!.of, ast, where, seen)
  const model = declaration!
  assert.strictEqual(ast._tag, "Objects", `${where}: ${name} is a struct`)
  assert.deepStrictEqual(
    messagesOf(ast),
    model.atLeastOneField === undefined ? [] : [model.atLeastOneField],
    `${where}: ${name}'s checks`,
  )
  assertFields(model.fields, ast as AST.Objects, `${where}(${name})`, model, new Set([...seen, name]))
}

describe("the Effect 4 models derived from the API description", () => {
  it("say what the description says, field for field", () => {
    let count = 0
    for (const { module, declarations: described } of modelModules) {
      const exports = new Map(schemasOf(modules.find(([m]) => m === module)![1]))
      for (const declaration of described) {
        const schema = exports.get(declaration.name)
        if (declaration._tag === "Model" && declaration.nestedOnly === true) {
          assert.isUndefined(schema, `${module}.${declaration.name} is not exported`)
          continue
        }
        assert.isDefined(schema, `${module} exports ${declaration.name}`)
        if (declaration._tag === "Alias") {
          const target = [...modules].flatMap(([, e]) => schemasOf(e)).find(([n]) => n === declaration.of)
          assert.strictEqual(schema, target?.[1], `${declaration.name} is ${declaration.of}`)
        } else assertModel(declaration.name, schema!.ast, `${module}.${declaration.name}`, new Set())
        count++
      }
    }
    assert.isAbove(count, 90)
  })

  it("export the same Schemas, node for node, as when the digests were pinned", async () => {
    const actual = modelSchemas()
    assert.isAbove(Object.keys(actual).length, 100)
    await expect(JSON.stringify(actual, null, 1) + "\n").toMatchFileSnapshot("./fixtures/model-schemas.json")
  })

  it("tell a changed Schema from the original (the comparisons can fail)", () => {
    const optionalName = Schema.Struct({ id: Schema.String, name: Schema.optionalKey(Schema.String) })
    const requiredName = Schema.Struct({ id: Schema.String, name: Schema.String })
    assert.notDeepEqual(serialize(optionalName.ast), serialize(requiredName.ast))
    const patch = (message: string) =>
      Schema.Struct({ a: Schema.String }).check(Schema.makeFilter((p) => Object.keys(p).length > 0, { message }))
    assert.notDeepEqual(serialize(patch("one").ast), serialize(patch("two").ast))
    const model: Model = {
      _tag: "Model",
      name: "Probe",
      description: "",
      since: "0.0.0",
      fields: { id: { kind: { _tag: "String" }, optional: false } },
    }
    declarations.set("Probe", model)
    try {
      assert.throws(() => assertModel("Probe", optionalName.ast, "Probe", new Set()))
      assert.throws(() =>
        assertModel("Probe", Schema.Struct({ id: Schema.optionalKey(Schema.String) }).ast, "Probe", new Set())
      )
      assert.throws(() => assertModel("Probe", Schema.Struct({ id: Schema.Number }).ast, "Probe", new Set()))
      assertModel("Probe", Schema.Struct({ id: Schema.String }).ast, "Probe", new Set())
    } finally {
      declarations.delete("Probe")
    }
  })
})
