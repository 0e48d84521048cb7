/**
 * The error classes: `isQuantiveError` tells this library's errors by their mark, whatever their class, and nothing
 * else; the status table maps each documented status to its class.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { Accounts, FakeQuantive, QuantiveError } from "#line"

describe("QuantiveError", () => {
  it("isQuantiveError: every class's instance, and nothing else", () => {
    for (const [tag, Class] of Object.entries(QuantiveError.classes)) {
      const error = new (Class as unknown as new (props: Record<string, unknown>) => unknown)({
        message: "m",
        method: "GET",
        path: "/v1/x",
        status: 500,
        reason: tag === "PaginationError" ? "NoProgress" : "Transport",
        skip: 0,
      })
      assert.isTrue(QuantiveError.isQuantiveError(error), tag)
    }
    for (const other of [new Error("x"), { _tag: "NotFound", message: "m" }, null, undefined, "NotFound", 404]) {
      assert.isFalse(QuantiveError.isQuantiveError(other), String(other))
    }
  })

  it("the status table names each documented status's class", () => {
    for (const [status, Class] of Object.entries(QuantiveError.statusClasses)) {
      assert.strictEqual(Object.values(QuantiveError.classes).includes(Class as never), true, status)
    }
    assert.strictEqual(QuantiveError.statusClasses[404], QuantiveError.NotFound)
  })

  it.effect("a failed call's error is one", () =>
    Effect.gen(function* () {
      const accounts = yield* Accounts
      const error = yield* Effect.flip(accounts.get("missing"))
      assert.isTrue(QuantiveError.isQuantiveError(error))
    }).pipe(Effect.provide(FakeQuantive.layer())))
})
