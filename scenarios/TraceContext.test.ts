/**
 * Trace context: a call made inside a span sends it as W3C `traceparent`, as the platform's `HttpClient` does, so the
 * server's traces join the caller's; the layer option `tracerPropagation: false` and the platform's
 * `HttpClient.currentTracerPropagation` (Effect 4: `HttpClient.TracerPropagationEnabled`) turn it off.
 */
import { Accounts, FakeQuantive } from "#line"
import { tracerPropagationName, withTracerPropagation } from "#line/requests"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/

const lastHeaders = Effect.map(FakeQuantive.FakeServer, ({ fake }) => fake.requests.at(-1)!.headers)

describe("trace context", () => {
  it.effect("a call inside Effect.withSpan sends traceparent of that trace, its parent the call's span", () =>
    Effect.gen(function* () {
      const accounts = yield* Accounts
      const { fake } = yield* FakeQuantive.FakeServer
      const traceId = yield* Effect.gen(function* () {
        yield* accounts.get(fake.accountId)
        return (yield* Effect.currentSpan).traceId
      }).pipe(Effect.withSpan("outer"))
      const headers = yield* lastHeaders
      const match = TRACEPARENT.exec(headers["traceparent"] ?? "")
      assert.isNotNull(match, `traceparent sent: ${headers["traceparent"]}`)
      assert.strictEqual(match![1], traceId)
    }).pipe(Effect.provide(FakeQuantive.layer())))

  it.effect("tracerPropagation: false sends none", () =>
    Effect.gen(function* () {
      const accounts = yield* Accounts
      const { fake } = yield* FakeQuantive.FakeServer
      yield* accounts.get(fake.accountId).pipe(Effect.withSpan("outer"))
      assert.isUndefined((yield* lastHeaders)["traceparent"])
    }).pipe(Effect.provide(FakeQuantive.layer({ client: { tracerPropagation: false } }))))

  it.effect(`${tracerPropagationName} set to false sends none for the calls it covers`, () =>
    Effect.gen(function* () {
      const accounts = yield* Accounts
      const { fake } = yield* FakeQuantive.FakeServer
      yield* accounts.get(fake.accountId).pipe(
        Effect.withSpan("outer"),
        withTracerPropagation(false),
      )
      assert.isUndefined((yield* lastHeaders)["traceparent"])
      yield* accounts.get(fake.accountId).pipe(Effect.withSpan("outer"))
      assert.match((yield* lastHeaders)["traceparent"] ?? "", TRACEPARENT)
    }).pipe(Effect.provide(FakeQuantive.layer())))
})
