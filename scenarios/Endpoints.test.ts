/**
 * The endpoint tables against the API reference: every documented operation of seeds 000–003 (004 is an older copy
 * of 001; an operation listed in two seeds counts once) has exactly one endpoint with its method, version, path and documented statuses, and there is no endpoint
 * the reference does not document. 46 operations in all.
 */
import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import type { QuantiveClient } from "#line"
import { endpoints as accounts } from "../core/src/api/accounts.ts"
import { endpoints as badges } from "../core/src/api/badges.ts"
import { endpoints as deprecated } from "../core/src/api/deprecated.ts"
import { endpoints as users } from "../core/src/api/users.ts"

interface Operation {
  readonly seed: string
  readonly method: string
  readonly path: string
  readonly deprecated: boolean
  readonly url: string
  readonly statuses: ReadonlyArray<readonly [number, string]>
}

const operations = JSON.parse(
  readFileSync(new URL("../test/fixtures/operations.json", import.meta.url), "utf8"),
) as Array<
  Operation
>

const all: ReadonlyArray<QuantiveClient.Endpoint<any>> = [accounts, users, badges, deprecated].flatMap((table) =>
  Object.values(table) as Array<QuantiveClient.Endpoint<any>>
)

/** `/users/{userId}/roles?ids={roleIds}` is `DELETE /users/{userId}/roles` with an `ids` query. */
const pathOf = (path: string) => path.replace(/\?.*$/, "")

describe("endpoint tables against the API reference", () => {
  // An operation listed twice (PUT /users/settings is in 001 and 003) counts once, with its fullest status list.
  const byKey = new Map<string, Operation>()
  for (const op of operations.filter((op) => !op.seed.startsWith("004"))) {
    const key = `${op.method} ${op.path} ${op.deprecated}`
    const seen = byKey.get(key)
    if (seen === undefined || op.statuses.length > seen.statuses.length) byKey.set(key, op)
  }
  const documented = [...byKey.values()]

  it("46 documented operations, 46 endpoints, one to one", () => {
    assert.strictEqual(documented.length, 46)
    assert.strictEqual(all.length, 46)
    const keys = new Set(all.map((e) => `${e.method} ${e.path} ${e.deprecated !== undefined}`))
    assert.strictEqual(keys.size, 46, "no two endpoints alike")
  })

  for (const op of documented) {
    it(`${op.seed.slice(0, 3)} ${op.method} ${op.path}`, () => {
      const matches = all.filter((e) =>
        e.method === op.method && e.path === pathOf(op.path) && (e.deprecated !== undefined) === op.deprecated
      )
      assert.strictEqual(matches.length, 1, "exactly one endpoint")
      const endpoint = matches[0]!
      assert.include(op.url, `/${endpoint.api}${pathOf(op.path)}`, "version")
      const errors = op.statuses.map(([status]) => status).filter((status) => status >= 400)
      assert.sameMembers([...endpoint.statuses], errors, "documented error statuses")
    })
  }
})
