/**
 * The API description in core, on its own terms: every operation's path parameters are the placeholders of its path,
 * in order, and no parameter is listed twice; every model reference names a described model; every model and alias
 * has one name; a field record belongs to a model whose fields it can hold.
 */
import { assert, describe, it } from "@effect/vitest"
import { endpoints as accounts } from "../core/src/api/accounts.ts"
import { endpoints as badges } from "../core/src/api/badges.ts"
import { endpoints as deprecated } from "../core/src/api/deprecated.ts"
import type { Kind } from "../core/src/api/models/model.ts"
import { modelModules } from "../core/src/api/models/modules.ts"
import type { Operation } from "../core/src/api/operation.ts"
import { endpoints as users } from "../core/src/api/users.ts"

const operations: ReadonlyArray<Operation> = [accounts, users, badges, deprecated].flatMap((table) =>
  Object.values(table) as Array<Operation>
)

const placeholders = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)

describe("the operations' parameters", () => {
  it("list the path's placeholders as path parameters, in order, and each name once", () => {
    assert.strictEqual(operations.length, 46)
    for (const op of operations) {
      const params = op.params ?? []
      assert.deepStrictEqual(
        params.filter((p) => p.in === "path").map((p) => p.name),
        placeholders(op.path),
        op.operation,
      )
      assert.isTrue(params.every((p) => p.in !== "path" || p.required), `${op.operation}: a path parameter is required`)
      assert.strictEqual(new Set(params.map((p) => p.name)).size, params.length, op.operation)
      const firstQuery = params.findIndex((p) => p.in === "query")
      assert.isTrue(firstQuery < 0 || params.slice(firstQuery).every((p) => p.in === "query"), op.operation)
    }
  })

  it("name the query parameters the reference documents", () => {
    const query = (name: string) =>
      (operations.find((op) => op.operation === name)?.params ?? []).filter((p) => p.in === "query").map((p) => p.name)
    assert.deepStrictEqual(query("Users.list"), ["fields", "limit", "formatting", "filter", "sort", "skip", "take"])
    assert.deepStrictEqual(query("LegacyUsers.list"), ["filter", "skip", "take", "includeShadowedRoles"])
    assert.deepStrictEqual(query("LegacyUsers.create"), ["skipEmail"])
    assert.deepStrictEqual(query("Users.create"), [])
  })
})

describe("the model descriptions", () => {
  const declarations = modelModules.flatMap((m) => m.declarations)
  const names = new Set(declarations.map((d) => d.name))

  const refs = (kind: Kind): Array<string> => {
    switch (kind._tag) {
      case "Ref":
        return [kind.name]
      case "Array":
        return refs(kind.item)
      case "Record":
        return refs(kind.value)
      case "Struct":
        return Object.values(kind.fields).flatMap((f) => refs(f.kind))
      default:
        return []
    }
  }

  it("give every model and alias one name, and every reference a described model", () => {
    assert.strictEqual(names.size, declarations.length)
    for (const d of declarations) {
      const targets = d._tag === "Alias" ? [d.of, ...(d.typeArguments ?? [])] : [
        ...Object.values(d.fields).flatMap((f) => refs(f.kind)),
        ...(d.typeParameter ? [d.typeParameter.default] : []),
      ]
      for (const target of targets) assert.isTrue(names.has(target), `${d.name} refers to ${target}`)
    }
  })

  it("state the user's fields once, with `id` the only required one", () => {
    const user = declarations.find((d) => d.name === "User")
    assert.strictEqual(user?._tag, "Model")
    if (user?._tag !== "Model") return
    assert.strictEqual(user.fieldRecord, "userFields")
    assert.deepStrictEqual(Object.entries(user.fields).filter(([, f]) => !f.optional).map(([name]) => name), ["id"])
  })
})
