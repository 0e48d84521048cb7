import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"

describe("the Effect 4 toolchain", () => {
  it.effect("runs an Effect 4 program under @effect/vitest 4", () =>
    Effect.gen(function* () {
      const value = yield* Effect.succeed(21).pipe(Effect.map((n) => n * 2))
      assert.strictEqual(value, 42)
    }))
})
