/**
 * The README's three retry recipes, run as written (the README must show docs/recipes.ts verbatim), against the fake
 * server on a loopback socket.
 */
import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, TestClock } from "effect"
import { readFileSync } from "node:fs"
import { batchJob, interactive, noRetries, withoutRetries } from "../docs/recipes.ts"
import { Accounts } from "../mod.ts"
import { FakeQuantive } from "../testing.ts"

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8")

const server = Layer.merge(FakeQuantive.layerSocket(), FetchHttpClient.layer)

/** Calls `get` through a recipe's layer while the test clock moves, so back-off waits pass. */
const getThrough = (recipe: typeof batchJob, moveClock = true) =>
  Effect.gen(function* () {
    const { baseUrl, fake } = yield* FakeQuantive.FakeServer
    const call = Effect.flatMap(Accounts, (accounts) => accounts.get(fake.accountId)).pipe(
      Effect.provide(recipe({ token: fake.token, accountId: fake.accountId, baseUrl })),
    )
    const fiber = yield* Effect.fork(Effect.either(call))
    for (let i = 0; moveClock && i < 2000 && fiber.unsafePoll() === null; i++) {
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 2)))
      yield* TestClock.adjust("5 seconds")
    }
    return { result: yield* fiber.await.pipe(Effect.flatten), fake }
  })

describe("retry recipes (README)", () => {
  it("the README shows docs/recipes.ts as written", () => {
    const recipes = read("../docs/recipes.ts").replace(`from "../mod.ts"`, `from "@effect-quantive/client"`)
    assert.include(read("../README.md"), recipes.trim())
  })

  it.effect("batch job: rides out 503s and a 429 with a long Retry-After", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      fake.inject({ _tag: "Status", status: 503 }, { times: 3 })
      fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": "120" } })
      const { result } = yield* getThrough(batchJob)
      assert.strictEqual(result._tag, "Right")
      assert.strictEqual(fake.requests.length, 5)
    }).pipe(Effect.provide(server)))

  it.effect("interactive: one retry, then a clear error; a long Retry-After fails at once", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      fake.inject({ _tag: "Status", status: 503 }, { times: 2 })
      const { result } = yield* getThrough(interactive)
      assert.isTrue(result._tag === "Left" && result.left._tag === "ServerError" && result.left.attempts === 2)
      fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": "30" } })
      const second = yield* getThrough(interactive, false)
      assert.isTrue(second.result._tag === "Left" && second.result.left._tag === "TooManyRequests")
      assert.strictEqual(fake.requests.length, 3)
    }).pipe(Effect.provide(server)))

  it.effect("no retries: one attempt per call, per layer or per call", () =>
    Effect.gen(function* () {
      const { baseUrl, fake } = yield* FakeQuantive.FakeServer
      fake.inject({ _tag: "Status", status: 503 })
      const { result } = yield* getThrough(noRetries, false)
      assert.isTrue(result._tag === "Left" && "attempts" in result.left && result.left.attempts === 1)
      fake.inject({ _tag: "Status", status: 503 })
      const perCall = yield* Effect.flatMap(Accounts, (accounts) => withoutRetries(accounts.get(fake.accountId))).pipe(
        Effect.provide(batchJob({ token: fake.token, accountId: fake.accountId, baseUrl })),
        Effect.flip,
      )
      assert.strictEqual("attempts" in perCall ? perCall.attempts : undefined, 1)
      assert.strictEqual(fake.requests.length, 2)
    }).pipe(Effect.provide(server)))
})
