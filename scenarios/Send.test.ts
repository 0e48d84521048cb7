/**
 * The pipeline's primitive, `send`: a call up to its 2xx response (status, info, the body waiting as bytes), decoding a
 * separate step; `execute` is the two composed, and `withResponse` reports what the decoded response was.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { endpoints } from "../core/src/api/accounts.ts"
import { Account, FakeQuantive, Quantive, QuantiveClient as Api } from "#line"

describe("send, then decode", () => {
  it.effect("send answers the response undecoded; decode makes the value; execute is the two", () =>
    Effect.gen(function* () {
      const client = yield* Api.QuantiveClient
      const { fake } = yield* FakeQuantive.FakeServer
      assert.isDefined(client.send)
      const response = yield* client.send!(endpoints.get, { params: { id: fake.accountId } })
      assert.strictEqual(response.status, 200)
      assert.strictEqual(response.info.status, 200)
      assert.strictEqual(response.info.attempts, 1)
      const account = yield* response.decode(Api.json(Account))
      assert.strictEqual(account.id, fake.accountId)
      const executed = yield* client.execute(endpoints.get, Api.json(Account), { params: { id: fake.accountId } })
      assert.deepStrictEqual(executed, account)
      assert.strictEqual(fake.requests.length, 2)
    }).pipe(Effect.provide(FakeQuantive.layer())))

  it.effect("a status outside 2xx is the endpoint's typed error, from send itself", () =>
    Effect.gen(function* () {
      const client = yield* Api.QuantiveClient
      const error = yield* Effect.flip(client.send!(endpoints.get, { params: { id: "missing" } }))
      assert.include(["NotFound", "Forbidden", "BadRequest"], error._tag)
      assert.notStrictEqual(error._tag, "UnexpectedStatus")
    }).pipe(Effect.provide(FakeQuantive.layer())))

  it.effect("a body off its schema fails decode with a DecodeError carrying the call's history", () =>
    Effect.gen(function* () {
      const client = yield* Api.QuantiveClient
      const { fake } = yield* FakeQuantive.FakeServer
      fake.inject({ _tag: "Raw", body: JSON.stringify({ id: 5 }) })
      const response = yield* client.send!(endpoints.get, { params: { id: fake.accountId } })
      const error = yield* Effect.flip(response.decode(Api.json(Account)))
      assert.strictEqual(error._tag, "DecodeError")
      assert.strictEqual(error.attempts, 1)
    }).pipe(Effect.provide(FakeQuantive.layer())))

  it.effect("withResponse reports the response once it is decoded, and fails when no call was made", () =>
    Effect.gen(function* () {
      const client = yield* Api.QuantiveClient
      const { fake } = yield* FakeQuantive.FakeServer
      const sent = client.send!(endpoints.get, { params: { id: fake.accountId } })
      const [, info] = yield* Quantive.withResponse(Effect.flatMap(sent, (r) => r.decode(Api.json(Account))))
      assert.strictEqual(info.status, 200)
      const none = yield* Effect.flip(Quantive.withResponse(Effect.map(sent, (r) => r.status)))
      assert.strictEqual(none._tag, "InvalidInput")
    }).pipe(Effect.provide(FakeQuantive.layer())))
})
