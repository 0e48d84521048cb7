/**
 * The pipeline over `NodeHttpClient.layerUndici` (Node): its body read (a Node `Readable`, read in one loop under the
 * cap), its deadline (the attempt's scope aborts undici's request), and a full export.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Accounts, Quantive, Retry } from "../mod.ts"
import { FakeQuantive } from "../testing.ts"
import { transportBasics } from "./support.ts"

const isDeno = typeof (globalThis as { Deno?: unknown }).Deno === "object"

const overUndici = (client: Partial<Quantive.Options> = {}, options: FakeQuantive.Options = {}) =>
  Layer.unwrapEffect(
    Effect.map(FakeQuantive.FakeServer, ({ baseUrl, fake }) =>
      Quantive.layer({ token: fake.token, accountId: fake.accountId, baseUrl, retry: Retry.none, ...client }).pipe(
        Layer.orDie,
      )),
  ).pipe(Layer.provideMerge(FakeQuantive.layerSocket(options)), Layer.provide(NodeHttpClient.layerUndici))

describe.skipIf(isDeno)("over NodeHttpClient.layerUndici", () => {
  it.live("a full export, a call, and the cap on a body with no content-length", () =>
    transportBasics.pipe(Effect.provide(overUndici({ maxResponseBytes: 1024 * 1024 }, { users: 45 }))))

  it.live("the attempt timeout aborts a body that drips", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      fake.inject({ _tag: "DripBody", chunkBytes: 16, intervalMillis: 40 })
      const error = yield* Effect.flip(Effect.flatMap(Accounts, (a) => a.get(fake.accountId)))
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual((error as { reason?: string }).reason, "Timeout")
    }).pipe(Effect.provide(overUndici({ attemptTimeout: "300 millis" }))))
})
