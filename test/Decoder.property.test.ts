/**
 * Equivalence of the compiled decoder (lib/internal/decoder.ts) and a small, obviously correct reference: the null
 * rule applied by a schema-guided copy, then `Schema.decodeUnknownEither`. For every schema exported from mod.ts
 * (found by iterating its exports, so a new model is covered without touching this file): values generated from the
 * schema itself (`effect/Arbitrary`) and encoded, and random mutations of them (wrong types, nulls, missing fields,
 * extra keys, deep nesting). Both must agree: the same value, failure exactly when the reference fails, the same first
 * issue (path and message). Tolerant mode must agree with strict mode wherever strict mode succeeds.
 */
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Either, ParseResult, Schema, SchemaAST as AST } from "effect"
import * as fc from "fast-check"
import { compile } from "../lib/internal/decoder.ts"
import * as Mod from "../mod.ts"

// ---------------------------------------------------------------------------------------------------------------
// The reference

const isRecord = (u: unknown): u is Record<PropertyKey, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** Members of a union that can accept an object or an array: the null rule follows a union only if there is one. */
const objectLike = (ast: AST.AST): boolean =>
  AST.isRefinement(ast) ? objectLike(ast.from) : !(
    AST.isLiteral(ast) || AST.isUniqueSymbol(ast) || AST.isEnums(ast) || AST.isTemplateLiteral(ast) ||
    AST.isStringKeyword(ast) || AST.isNumberKeyword(ast) || AST.isBooleanKeyword(ast) || AST.isBigIntKeyword(ast) ||
    AST.isSymbolKeyword(ast) || AST.isUndefinedKeyword(ast) || AST.isNeverKeyword(ast)
  )

/**
 * The null rule, as a copy: `null` under an optional property signature or a record entry is removed; everything else
 * is copied as it is, following the schema (never into `Unknown` values).
 */
const stripNulls = (ast: AST.AST, u: unknown): unknown => {
  switch (ast._tag) {
    case "TypeLiteral": {
      if (!isRecord(u)) return u
      const out: Record<PropertyKey, unknown> = {}
      for (const key of Reflect.ownKeys(u)) {
        const value = u[key]
        const ps = ast.propertySignatures.find((p) => p.name === key)
        const is = typeof key === "string" ? ast.indexSignatures[0] : undefined
        let copy = value
        if (ps !== undefined) {
          if (value === null && ps.isOptional) continue
          copy = stripNulls(ps.type, value)
        } else if (is !== undefined) {
          if (value === null) continue
          copy = stripNulls(is.type, value)
        }
        Object.defineProperty(out, key, { value: copy, writable: true, enumerable: true, configurable: true })
      }
      return out
    }
    case "TupleType": {
      if (!Array.isArray(u)) return u
      const [head, ...tail] = ast.rest.map((r) => r.type)
      return u.map((value, i) => {
        const type = i < ast.elements.length
          ? ast.elements[i]!.type
          : head === undefined
          ? undefined
          : i >= u.length - tail.length
          ? tail[i - (u.length - tail.length)]
          : head
        return type === undefined ? value : stripNulls(type, value)
      })
    }
    case "Union": {
      const members = ast.types.filter(objectLike)
      return members.length === 1 ? stripNulls(members[0]!, u) : u
    }
    case "Refinement":
    case "Transformation":
      return stripNulls(ast.from, u)
    case "Suspend":
      return stripNulls(ast.f(), u)
    default:
      return u
  }
}

const reference = <A, I>(schema: Schema.Schema<A, I, never>, u: unknown) =>
  Schema.decodeUnknownEither(schema)(stripNulls(schema.ast, u))

// ---------------------------------------------------------------------------------------------------------------
// Mutations

type Path = ReadonlyArray<string | number>

/** Every path into a value (objects and arrays), iteratively, capped. */
const pathsOf = (value: unknown): Array<Path> => {
  const out: Array<Path> = [[]]
  const stack: Array<[unknown, Path]> = [[value, []]]
  while (stack.length > 0 && out.length < 2000) {
    const [v, path] = stack.pop()!
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        out.push([...path, i])
        stack.push([item, [...path, i]])
      })
    } else if (isRecord(v)) {
      for (const key of Object.keys(v)) {
        out.push([...path, key])
        stack.push([v[key], [...path, key]])
      }
    }
  }
  return out
}

const deep = (depth: number, leaf: unknown): unknown => {
  let v = leaf
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v }
  return v
}

const replacements: ReadonlyArray<unknown> = [
  null,
  0,
  -1.5,
  "",
  "IDs",
  true,
  false,
  [],
  {},
  ["x", 1],
  { id: 1 },
  { nested: null },
  deep(60, "x"),
]

const extraKeys: ReadonlyArray<string> = ["extra", "id", "items", "constructor", "toString", "hasOwnProperty", "x y"]

type Mutation =
  | { readonly _tag: "Replace"; readonly at: number; readonly value: unknown }
  | { readonly _tag: "Delete"; readonly at: number }
  | { readonly _tag: "AddKey"; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly _tag: "Reverse"; readonly at: number }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ _tag: fc.constant("Replace" as const), at: fc.nat(), value: fc.constantFrom(...replacements) }),
  fc.record({ _tag: fc.constant("Delete" as const), at: fc.nat() }),
  fc.record({
    _tag: fc.constant("AddKey" as const),
    at: fc.nat(),
    key: fc.constantFrom(...extraKeys),
    value: fc.constantFrom(...replacements),
  }),
  fc.record({ _tag: fc.constant("Reverse" as const), at: fc.nat() }),
)

/** The same object with its keys in reverse order. */
const reversed = (value: unknown): unknown =>
  isRecord(value) ? Object.fromEntries(Object.entries(value).reverse()) : value

/** A deep copy (JSON values only, which is what encoded models are) with one mutation applied. */
const mutate = (value: unknown, m: Mutation): unknown => {
  const copy: unknown = structuredClone(value)
  const paths = pathsOf(copy)
  const path = paths[m.at % paths.length]!
  if (path.length === 0) {
    if (m._tag === "Replace") return m.value
    if (m._tag === "AddKey" && isRecord(copy)) copy[m.key] = m.value
    return m._tag === "Reverse" ? reversed(copy) : copy
  }
  let parent: any = copy
  for (const step of path.slice(0, -1)) parent = parent[step]
  const last = path[path.length - 1]!
  switch (m._tag) {
    case "Replace":
      parent[last] = m.value
      break
    case "Delete":
      if (Array.isArray(parent)) parent.splice(last as number, 1)
      else delete parent[last]
      break
    case "AddKey":
      if (isRecord(parent[last])) parent[last][m.key] = m.value
      else if (isRecord(parent)) parent[m.key] = m.value
      break
    case "Reverse":
      parent[last] = reversed(parent[last])
  }
  return copy
}

// ---------------------------------------------------------------------------------------------------------------
// The comparison

const firstIssue = (error: ParseResult.ParseError) => {
  const [first] = ParseResult.ArrayFormatter.formatErrorSync(error)
  return { path: first?.path, message: first?.message }
}

const agree = (schema: Schema.Schema<any, any, never>, input: unknown) => {
  const expected = reference(schema, input)
  const decoder = compile(schema)
  const actual = decoder.decode(input, "strict")
  if (Either.isRight(expected)) {
    if (Either.isLeft(actual)) assert.fail(`the decoder failed where Schema succeeds: ${actual.left.message}`)
    assert.deepStrictEqual(actual.right, expected.right)
    // tolerant mode gives the same value and reports nothing where strict mode succeeds
    const drifts: Array<unknown> = []
    const tolerant = decoder.decode(input, "tolerant", (d) => drifts.push(d))
    assert.isTrue(Either.isRight(tolerant))
    assert.deepStrictEqual(Either.getOrThrow(tolerant), expected.right)
    assert.deepStrictEqual(drifts, [])
  } else {
    if (Either.isRight(actual)) assert.fail(`the decoder succeeded where Schema fails: ${expected.left.message}`)
    assert.deepStrictEqual(firstIssue(actual.left), firstIssue(expected.left))
  }
}

/** Every export of mod.ts that is a Schema (models, pages, parameters), by name. */
const models: ReadonlyArray<readonly [string, Schema.Schema<any, any, never>]> = Object.entries(Mod)
  .filter((entry): entry is [string, Schema.Schema<any, any, never>] => Schema.isSchema(entry[1]))
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

/** Encoded values of a schema, generated from the schema itself. */
const encodedOf = (schema: Schema.Schema<any, any, never>): fc.Arbitrary<unknown> => {
  const encode = Schema.encodeSync(schema)
  return Arbitrary.make(schema).map((a) => encode(a))
}

// Generated models nest lists of lists: small sizes keep a run to seconds while still reaching every field.
fc.configureGlobal({ ...fc.readConfigureGlobal(), baseSize: "xsmall" })

describe("compiled decoder ≡ null rule + Schema.decodeUnknownEither", () => {
  it("covers the models of mod.ts", () => {
    const names = models.map(([name]) => name)
    for (const name of ["User", "UsersPage", "Account", "Badge", "Goal", "MetricsPage", "LegacyUsersPage"]) {
      assert.include(names, name)
    }
  })

  for (const [name, schema] of models) {
    it(`${name}: generated values and their mutations`, () => {
      fc.assert(fc.property(encodedOf(schema), (value) => agree(schema, value)), { numRuns: 15 })
      fc.assert(
        fc.property(encodedOf(schema), fc.array(mutation, { minLength: 1, maxLength: 3 }), (value, ms) => {
          agree(schema, ms.reduce(mutate, value))
        }),
        { numRuns: 40 },
      )
    })
  }
})
