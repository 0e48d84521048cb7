/**
 * Equivalence of the compiled decoder on Effect 4 (effect4/lib/internal/decoder.ts) and a small, obviously correct
 * reference: the null rule applied by a schema-guided copy, then `Schema.decodeUnknownResult`. For every Schema of the
 * generated model modules (found by iterating the modules the API description lists and their exports, so a new model
 * is covered without touching this file): values generated from the schema itself (`effect/Arbitrary`) and encoded,
 * and seeded random mutations of them (wrong types, nulls, missing fields, extra keys, deep nesting). Both must agree,
 * through the decoder's fast path (Schema's JIT-compiled decoder) and through its walker alone:
 * the same value, failure exactly when the reference fails, the same first issue (path and message). Tolerant mode must
 * agree with strict mode wherever strict mode succeeds.
 */
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Effect, Result, Schema, SchemaAST as AST, SchemaIssue } from "effect"
import { modelModules } from "../../core/src/api/models/modules.ts"
import { compile, withoutFastPaths } from "../lib/internal/decoder.ts"

// ---------------------------------------------------------------------------------------------------------------
// The reference

const isRecord = (u: unknown): u is Record<PropertyKey, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** Members of a union that can accept an object or an array: the null rule follows a union only if there is one. */
const objectLike = (ast: AST.AST): boolean =>
  !(
    AST.isLiteral(ast) ||
    AST.isUniqueSymbol(ast) ||
    AST.isEnum(ast) ||
    AST.isTemplateLiteral(ast) ||
    AST.isString(ast) ||
    AST.isNumber(ast) ||
    AST.isBoolean(ast) ||
    AST.isBigInt(ast) ||
    AST.isSymbol(ast) ||
    AST.isNull(ast) ||
    AST.isUndefined(ast) ||
    AST.isNever(ast)
  )

/**
 * The null rule, as a copy: `null` under an optional property signature or a record entry is removed; everything else
 * is copied as it is, following the schema (never into `Unknown` values).
 */
const stripNulls = (ast: AST.AST, u: unknown): unknown => {
  if (ast.encoding !== undefined) return stripNulls(AST.toEncoded(ast), u)
  switch (ast._tag) {
    case "Objects": {
      if (!isRecord(u)) return u
      const out: Record<PropertyKey, unknown> = {}
      for (const key of Reflect.ownKeys(u)) {
        const value = u[key]
        const ps = ast.propertySignatures.find((p) => p.name === key)
        const is = typeof key === "string" ? ast.indexSignatures[0] : undefined
        let copy = value
        if (ps !== undefined) {
          if (value === null && AST.isOptional(ps.type)) continue
          copy = stripNulls(ps.type, value)
        } else if (is !== undefined) {
          if (value === null) continue
          copy = stripNulls(is.type, value)
        }
        Object.defineProperty(out, key, { value: copy, writable: true, enumerable: true, configurable: true })
      }
      return out
    }
    case "Arrays": {
      if (!Array.isArray(u)) return u
      const [head, ...tail] = ast.rest
      return u.map((value, i) => {
        const type = i < ast.elements.length
          ? ast.elements[i]!
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
    case "Suspend":
      return stripNulls(ast.thunk(), u)
    default:
      return u
  }
}

const reference = <A>(schema: Schema.Decoder<A>, u: unknown) =>
  Schema.decodeUnknownResult(schema)(stripNulls(schema.ast, u), { reportInput: true })

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

/** A small deterministic generator (mulberry32), so that a failing case can be replayed from its seed. */
const random = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <A>(next: () => number, as: ReadonlyArray<A>): A => as[Math.floor(next() * as.length)]!

const mutation = (next: () => number): Mutation => {
  const at = Math.floor(next() * 1_000_000)
  switch (Math.floor(next() * 4)) {
    case 0:
      return { _tag: "Replace", at, value: pick(next, replacements) }
    case 1:
      return { _tag: "Delete", at }
    case 2:
      return { _tag: "AddKey", at, key: pick(next, extraKeys), value: pick(next, replacements) }
    default:
      return { _tag: "Reverse", at }
  }
}

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

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

const firstIssue = (error: Schema.SchemaError) => {
  const [first] = formatter(error.issue).issues
  return { path: first?.path, message: first?.message }
}

/** Both paths of the decoder: Schema's JIT-compiled decoder where the null rule removes nothing, else the walker. */
const agree = (schema: Schema.Decoder<unknown>, input: unknown) => {
  agreeOnce(schema, input)
  withoutFastPaths(() => agreeOnce(schema, input))
}

const agreeOnce = (schema: Schema.Decoder<unknown>, input: unknown) => {
  const decoder = compile(schema)
  const expected = reference(schema, input)
  const actual = decoder.decode(input, "strict")
  if (Result.isSuccess(expected)) {
    if (Result.isFailure(actual)) assert.fail(`the decoder failed where Schema succeeds: ${actual.failure.message}`)
    assert.deepStrictEqual(actual.success, expected.success)
    // tolerant mode gives the same value and reports nothing where strict mode succeeds
    const drifts: Array<unknown> = []
    const tolerant = decoder.decode(input, "tolerant", (d) => drifts.push(d))
    if (Result.isFailure(tolerant)) assert.fail(`tolerant mode failed where strict mode succeeds`)
    assert.deepStrictEqual(tolerant.success, expected.success)
    assert.deepStrictEqual(drifts, [])
  } else {
    if (Result.isSuccess(actual)) assert.fail(`the decoder succeeded where Schema fails: ${expected.failure.message}`)
    assert.deepStrictEqual(firstIssue(actual.failure), firstIssue(expected.failure))
  }
}

/** Every Schema the generated model modules export (models, pages, parameters), by name. */
const models: ReadonlyArray<readonly [string, Schema.Codec<unknown>]> = (
  await Promise.all(
    modelModules.map(async ({ module }) =>
      Object.entries((await import(`../lib/${module}.ts`)) as Record<string, unknown>)
    ),
  )
)
  .flat()
  .filter((entry): entry is [string, Schema.Codec<unknown>] => Schema.isSchema(entry[1]))
  .filter(([name], i, all) => all.findIndex(([other]) => other === name) === i)
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

/** Encoded values of a schema, generated from the schema itself (seeded: the same values on every run). */
const encodedOf = (schema: Schema.Codec<unknown>, count: number, seed: number): ReadonlyArray<unknown> => {
  const encode = Schema.encodeSync(schema)
  return Effect.runSync(Arbitrary.sampleEffect(Arbitrary.schema(schema), { count, size: 4, seed })).map((a) =>
    encode(a)
  )
}

describe("compiled decoder ≡ null rule + Schema.decodeUnknownResult", () => {
  it("covers the models of the generated modules", () => {
    const names = models.map(([name]) => name)
    for (const name of ["User", "UsersPage", "Account", "Badge", "Goal", "MetricsPage", "LegacyUsersPage"]) {
      assert.include(names, name)
    }
  })

  models.forEach(([name, schema], index) => {
    it(`${name}: generated values and their mutations`, () => {
      const values = encodedOf(schema, 15, 1000 + index)
      for (const value of values) agree(schema, value)
      const next = random(2000 + index)
      for (let run = 0; run < 40; run++) {
        const value = values[run % values.length]
        const ms = Array.from({ length: 1 + Math.floor(next() * 3) }, () => mutation(next))
        agree(schema, ms.reduce(mutate, value))
      }
    })
  })
})
