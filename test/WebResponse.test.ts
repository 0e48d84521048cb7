/**
 * The web `Response` behind a `FetchHttpClient` response (`lib/internal/transport/webResponse.ts`): which fetch makes
 * each request (the caller's, the one given to the client's layer, the global one), when the `Response` is kept, and
 * the size cap on a body read from it.
 */
import { FetchHttpClient, HttpClient, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { makeKeeper } from "../lib/internal/transport/webResponse.ts"
import { Accounts, Quantive, Retry } from "../mod.ts"

const ACCOUNT = JSON.stringify({ id: "a1", name: "Tailspin Toys" })

/** A fetch answering the account from memory, keeping every `Response` it made and every `redirect` it was given. */
const memoryFetch = () => {
  const made: Array<Response> = []
  const redirects: Array<string | undefined> = []
  const fetch: typeof globalThis.fetch = (_input, init) => {
    redirects.push(init?.redirect)
    const response = new Response(ACCOUNT, {
      status: 200,
      headers: { "content-type": "application/json", "content-length": String(ACCOUNT.length) },
    })
    made.push(response)
    return Promise.resolve(response)
  }
  return { fetch, made, redirects }
}

const request = HttpClientRequest.get("http://127.0.0.1:9/v1/accounts/a1")

/** `times` requests through one keeper over `client`, answering the kept `Response` of each (or undefined). */
const keptOf = (client: HttpClient.HttpClient, times: number) =>
  Effect.gen(function* () {
    const keep = makeKeeper()
    const kept: Array<Response | undefined> = []
    for (let i = 0; i < times; i++) {
      const sent = yield* keep(client.execute(request))
      kept.push(sent.web)
      yield* sent.response.text
    }
    return kept
  })

describe("the web Response behind FetchHttpClient", () => {
  it.effect("a fetch given to FetchHttpClient.layer makes every request; its Responses are kept once it is found", () =>
    Effect.gen(function* () {
      const { fetch, made, redirects } = memoryFetch()
      const client = yield* HttpClient.HttpClient.pipe(
        Effect.provide(FetchHttpClient.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, fetch)))),
      )
      const kept = yield* keptOf(client, 3)
      assert.strictEqual(made.length, 3)
      // The first request finds the layer's fetch; the next ones go through a fetch that keeps what it answers.
      assert.isUndefined(kept[0])
      assert.strictEqual(kept[1], made[1])
      assert.strictEqual(kept[2], made[2])
      assert.deepStrictEqual(redirects, ["manual", "manual", "manual"])
    }))

  it.effect("a fetch in the caller's context makes the request, and its Response is kept at once", () =>
    Effect.gen(function* () {
      const layered = memoryFetch()
      const own = memoryFetch()
      const client = yield* HttpClient.HttpClient.pipe(
        Effect.provide(FetchHttpClient.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, layered.fetch)))),
      )
      const kept = yield* keptOf(client, 2).pipe(Effect.provideService(FetchHttpClient.Fetch, own.fetch))
      assert.strictEqual(layered.made.length, 0)
      assert.strictEqual(own.made.length, 2)
      assert.strictEqual(kept[0], own.made[0])
      assert.strictEqual(kept[1], own.made[1])
    }))

  it.effect("a RequestInit of the caller's context is kept, with redirect manual", () =>
    Effect.gen(function* () {
      const inits: Array<RequestInit | undefined> = []
      const { fetch } = memoryFetch()
      const spying: typeof globalThis.fetch = (input, init) => {
        inits.push(init)
        return fetch(input, init)
      }
      const client = yield* HttpClient.HttpClient.pipe(
        Effect.provide(FetchHttpClient.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, spying)))),
      )
      yield* keptOf(client, 2).pipe(Effect.provideService(FetchHttpClient.RequestInit, { keepalive: true }))
      assert.strictEqual(inits.length, 2)
      for (const init of inits) {
        assert.strictEqual(init?.keepalive, true)
        assert.strictEqual(init?.redirect, "manual")
      }
    }))

  it.effect("an HttpClient that is not FetchHttpClient: nothing is kept", () =>
    Effect.gen(function* () {
      const client = HttpClient.make((req) =>
        Effect.succeed(HttpClientResponse.fromWeb(req, new Response(ACCOUNT, { status: 200 })))
      )
      const kept = yield* keptOf(client, 3)
      assert.deepStrictEqual(kept, [undefined, undefined, undefined])
    }))

  it.live("the size cap holds on a body read from a kept Response: a lying length stops at the cap", () =>
    Effect.gen(function* () {
      let pulled = 0
      const chunk = new Uint8Array(64 * 1024).fill(0x20)
      const lying: typeof fetch = () =>
        Promise.resolve(
          new Response(
            new ReadableStream<Uint8Array>({
              pull(controller) {
                if (pulled >= 32 * 1024 * 1024) return controller.close()
                pulled += chunk.length
                controller.enqueue(chunk)
              },
            }),
            { status: 200, headers: { "content-type": "application/json", "content-length": String(200 * 1024) } },
          ),
        )
      const live = Quantive.layer({
        token: "t0k3n-for-the-web-response-test",
        accountId: "acc-web-response",
        baseUrl: "http://127.0.0.1:9",
        retry: Retry.none,
        maxResponseBytes: 256 * 1024,
      }).pipe(Layer.provide(FetchHttpClient.layer), Layer.provide(Layer.succeed(FetchHttpClient.Fetch, lying)))
      const accounts = yield* Accounts.pipe(Effect.provide(live))
      // The first call finds the layer's fetch (and reads through the platform's stream); the next read the kept one.
      for (let call = 0; call < 3; call++) {
        pulled = 0
        const error = yield* Effect.flip(accounts.get("x"))
        assert.strictEqual((error as { reason?: string }).reason, "ResponseTooLarge", `call ${call}`)
        assert.isAtMost(pulled, 256 * 1024 + 4 * chunk.length, `call ${call}`)
      }
    }))
})
