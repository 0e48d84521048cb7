/**
 * The models' Schemas are derived from the API description in core (`core/src/api/models`). This file checks that
 * what is derived equals the Schemas the package shipped when they were written by hand: every Schema exported from a
 * model module is serialized (its whole AST: node kinds, property names and order, optionality, refinements and their
 * messages, annotations) and its digest compared with `test/fixtures/model-schemas.json`, which holds the digests of
 * the hand-written Schemas. Equal ASTs decode every input alike. A deliberate change to a model updates the digests
 * with `npx vitest run test/DecoderSchemas.test.ts -u`, and the diff names the Schemas that changed.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { Schema, SchemaAST as AST } from "effect"
import { createHash } from "node:crypto"
import * as Account from "../lib/Account.ts"
import * as Announcement from "../lib/Announcement.ts"
import * as Badge from "../lib/Badge.ts"
import * as Goal from "../lib/Goal.ts"
import * as GoalTask from "../lib/GoalTask.ts"
import * as GoalWorkflow from "../lib/GoalWorkflow.ts"
import * as LegacyUser from "../lib/LegacyUser.ts"
import * as Metric from "../lib/Metric.ts"
import * as Okr from "../lib/Okr.ts"
import * as OkrLinks from "../lib/OkrLinks.ts"
import * as Team from "../lib/Team.ts"
import * as User from "../lib/User.ts"
import * as UserProfile from "../lib/UserProfile.ts"
import * as UserSettings from "../lib/UserSettings.ts"

const modules: Record<string, Record<string, unknown>> = {
  Account,
  Announcement,
  Badge,
  Goal,
  GoalTask,
  GoalWorkflow,
  LegacyUser,
  Metric,
  Okr,
  OkrLinks,
  Team,
  User,
  UserProfile,
  UserSettings,
}

const text = (u: unknown): unknown =>
  typeof u === "function" || typeof u === "symbol" ? String(u).replace(/\s+/g, " ") : u === undefined ? "undefined" : u

/** A message annotation by the text it gives (the messages of the models name the problem, not the input). */
const message = (u: unknown): unknown => {
  if (typeof u !== "function") return text(u)
  try {
    const m: unknown = u()
    return typeof m === "string" ? m : text(u)
  } catch {
    return text(u)
  }
}

const annotations = (a: AST.Annotations): Record<string, unknown> =>
  Object.fromEntries(
    Reflect.ownKeys(a).map((key) => [String(key), key === AST.MessageAnnotationId ? message(a[key]) : text(a[key])]),
  )

/** The AST as plain data; a suspended schema that refers to one being serialized is named by its depth. */
const serialize = (ast: AST.AST, stack: ReadonlyArray<AST.AST> = []): unknown => {
  const next = [...stack, ast]
  const base = { _tag: ast._tag, annotations: annotations(ast.annotations) }
  switch (ast._tag) {
    case "TypeLiteral":
      return {
        ...base,
        propertySignatures: ast.propertySignatures.map((p) => ({
          name: String(p.name),
          isOptional: p.isOptional,
          isReadonly: p.isReadonly,
          annotations: annotations(p.annotations),
          type: serialize(p.type, next),
        })),
        indexSignatures: ast.indexSignatures.map((s) => ({
          parameter: serialize(s.parameter, next),
          isReadonly: s.isReadonly,
          type: serialize(s.type, next),
        })),
      }
    case "TupleType":
      return {
        ...base,
        isReadonly: ast.isReadonly,
        elements: ast.elements.map((e) => ({ isOptional: e.isOptional, type: serialize(e.type, next) })),
        rest: ast.rest.map((r) => serialize(r.type, next)),
      }
    case "Refinement":
      return { ...base, filter: text(ast.filter), from: serialize(ast.from, next) }
    case "Transformation":
      return { ...base, from: serialize(ast.from, next), to: serialize(ast.to, next) }
    case "Union":
      return { ...base, types: ast.types.map((t) => serialize(t, next)) }
    case "Literal":
      return { ...base, literal: ast.literal }
    case "Suspend": {
      const target = ast.f()
      const depth = stack.indexOf(target)
      return depth >= 0 ? { ...base, ref: depth } : { ...base, target: serialize(target, next) }
    }
    default:
      return base
  }
}

/** Every Schema exported by the model modules, by `Module.name`: the SHA-256 of its serialized AST. */
export const modelSchemas = (): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [module, exports] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(exports).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (Schema.isSchema(value)) {
        out[`${module}.${name}`] = createHash("sha256").update(JSON.stringify(serialize(value.ast))).digest("hex")
      }
    }
  }
  return out
}

describe("the models derived from the API description", () => {
  it("export the same Schemas, node for node, as the hand-written models did", async () => {
    const actual = modelSchemas()
    assert.isAbove(Object.keys(actual).length, 100)
    await expect(JSON.stringify(actual, null, 1) + "\n").toMatchFileSnapshot("./fixtures/model-schemas.json")
  })

  it("serialize a changed Schema differently (the comparison can fail)", () => {
    const optionalName = Schema.Struct({ id: Schema.String, name: Schema.optionalWith(Schema.String, { exact: true }) })
    const requiredName = Schema.Struct({ id: Schema.String, name: Schema.String })
    assert.notDeepEqual(serialize(optionalName.ast), serialize(requiredName.ast))
    const patch = (message: string) =>
      Schema.Struct({ a: Schema.String }).pipe(
        Schema.filter((p) => Object.keys(p).length > 0, { message: () => message }),
      )
    assert.notDeepEqual(serialize(patch("one").ast), serialize(patch("two").ast))
  })
})
