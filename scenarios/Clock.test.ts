/**
 * Every wait and deadline of a call is on the fiber's clock: under `it.effect` (the TestClock), a Retry-After wait and
 * a stalled attempt complete when the test moves the clock, without waiting in real time.
 */
import { Accounts, FakeQuantive, Quantive, Retry } from "#line"
import { FetchHttpClient, fork, TestClock } from "#line/effect"
import { isDone } from "#line/resilience"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer } from "effect"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

/** Lets real I/O make progress while the TestClock stands still. */
const settle = (millis = 10) => Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, millis)))

/** Waits (in real time, bounded) until `predicate` holds. */
const until = (predicate: () => boolean, what: string) =>
  Effect.gen(function* () {
    for (let i = 0; i < 1000 && !predicate(); i++) yield* settle(5)
    assert.isTrue(predicate(), what)
  })

/** A loopback server that never answers: its address, the requests it read, and the ones closed on it. */
interface StallingServer {
  readonly baseUrl: string
  readonly seen: () => number
  readonly closed: () => number
  close(): void
}

/** A loopback server that reads each request and never answers it; it counts requests and the ones closed on it. */
const stallingServer = Effect.acquireRelease(
  Effect.promise(() =>
    new Promise<StallingServer>((resolve) => {
      let seen = 0
      let closed = 0
      const server = createServer((req) => {
        seen++
        req.socket.on("close", () => closed++)
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resolve({
          baseUrl: `http://127.0.0.1:${port}`,
          seen: () => seen,
          closed: () => closed,
          close: () => {
            server.closeAllConnections()
            server.close()
          },
        })
      })
    })
  ),
  (server) => Effect.sync(() => server.close()),
)

describe("waits on the fiber's clock", () => {
  it.effect("a Retry-After wait ends when the TestClock passes it", () =>
    Effect.gen(function* () {
      const accounts = yield* Accounts
      const { fake } = yield* FakeQuantive.FakeServer
      fake.inject({ _tag: "Status", status: 503, headers: { "retry-after": "30" } })
      const call = yield* fork(accounts.get(fake.accountId))
      yield* until(() => fake.requests.length === 1, "the first attempt is sent")
      yield* settle(30)
      assert.isFalse(yield* isDone(call), "the call waits for the Retry-After")
      assert.strictEqual(fake.requests.length, 1, "no second attempt before the wait ends")
      yield* TestClock.adjust("29 seconds")
      yield* settle(30)
      assert.strictEqual(fake.requests.length, 1, "still waiting one second before the end")
      yield* TestClock.adjust("1 second")
      const account = yield* Fiber.join(call)
      assert.strictEqual(account.id, fake.accountId)
      assert.strictEqual(fake.requests.length, 2)
    }).pipe(Effect.provide(FakeQuantive.layer({ client: { retry: Retry.defaultPolicy } }))))

  it.effect("a stalled attempt is cut at its deadline when the TestClock passes it, and its request aborted", () =>
    Effect.scoped(Effect.gen(function* () {
      const server = yield* stallingServer
      const live = Quantive.layer({
        token: "test-token-abcdefghijklmnop",
        accountId: "account-clock-1",
        baseUrl: server.baseUrl,
        retry: Retry.none,
        attemptTimeout: "5 seconds",
      }).pipe(Layer.provide(FetchHttpClient.layer))
      const call = yield* fork(Effect.flatMap(Accounts, (a) => a.get("x")).pipe(Effect.provide(live)))
      yield* until(() => server.seen() === 1, "the request reaches the server")
      yield* settle(30)
      assert.isFalse(yield* isDone(call), "the attempt is still in flight")
      yield* TestClock.adjust("4999 millis")
      yield* settle(30)
      assert.isFalse(yield* isDone(call), "not cut before its deadline")
      yield* TestClock.adjust("1 millis")
      const error = yield* Effect.flip(Fiber.join(call))
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual((error as { reason?: string }).reason, "Timeout")
      assert.include(error.message, "attemptTimeout")
      yield* until(() => server.closed() === 1, "the request is aborted")
    })))
})
