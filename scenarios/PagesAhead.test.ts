/**
 * Pages a stream requests ahead (`concurrency > 1`) are read when they arrive but parsed and decoded only when the
 * stream reaches them (their bytes wait, not a parsed page). What a user sees must not change: the same items, the
 * same error at the same place with the same history, the policy's retries of a decode failure, and drift reported on
 * the call's own span.
 */
import { FakeQuantive, Quantive, QuantiveClient, Retry, Users } from "#line"
import { recordingTracer, socket } from "#line/support"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Schedule, Schema, Stream } from "effect"

const Thing = Schema.Struct({ id: Schema.String, n: Schema.Number, note: Schema.optional(Schema.String) })
const things = Array.from({ length: 60 }, (_, i) => ({ id: `t${String(i).padStart(2, "0")}`, n: i }))

/** Serves `things` by skip/take (already in the stream's order, `_id`), with `at(i)` deciding each item as served. */
const serveThings = (fake: FakeQuantive.FakeQuantive, at: (i: number) => unknown = (i) => things[i]) =>
  fake.route("GET", "/v2/things", ({ query }) => {
    const skip = Number(query.get("skip") ?? 0)
    const take = Number(query.get("take") ?? 100)
    const items: Array<unknown> = []
    for (let i = skip; i < Math.min(things.length, skip + take); i++) items.push(at(i))
    return { status: 200, body: { items, totalCount: things.length } }
  })

/** How an effect ended: its error, or its value. */
type Ended<A, E> = { readonly _tag: "Failure"; readonly failure: E } | { readonly _tag: "Success"; readonly success: A }

/** What the stream emitted before it ended, and how it ended. */
const run = <E, R>(stream: Stream.Stream<{ readonly id: string }, E, R>) =>
  Effect.gen(function* () {
    const seen: Array<string> = []
    const exit = yield* Effect.match(Stream.runForEach(stream, (item) => Effect.sync(() => seen.push(item.id))), {
      onFailure: (failure): Ended<void, E> => ({ _tag: "Failure", failure }),
      onSuccess: (success): Ended<void, E> => ({ _tag: "Success", success }),
    })
    return { seen, exit }
  })

const stream = (concurrency: number) =>
  Quantive.stream({ path: "/v2/things", item: Thing, sort: "_id", pageSize: 10, concurrency })

describe("pages requested ahead", () => {
  it.effect("a page off its schema fails the stream at that page, with the same error as without concurrency", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      serveThings(fake, (i) => (i === 35 ? { ...things[i], n: "thirty-five" } : things[i]))
      const one = yield* run(stream(1))
      const four = yield* run(stream(4))
      // Every item before the bad page's, in order, then the error (pages overlap by one: skip 18 holds t18..t27,
      // skip 27 holds t27..t36).
      assert.deepStrictEqual(four.seen, things.slice(0, 28).map((t) => t.id))
      assert.deepStrictEqual(four.seen, one.seen)
      assert.strictEqual(four.exit._tag, "Failure")
      assert.strictEqual(one.exit._tag, "Failure")
      if (four.exit._tag !== "Failure" || one.exit._tag !== "Failure") return
      const [a, b] = [one.exit.failure, four.exit.failure]
      assert.strictEqual(b._tag, "DecodeError")
      if (a._tag !== "DecodeError" || b._tag !== "DecodeError") return assert.fail("not a DecodeError")
      assert.strictEqual(b.issuePath, "items.8.n")
      const withoutRequestId = (message: string) => message.replace(/ \[request id [^\]]*\]$/, "")
      assert.strictEqual(withoutRequestId(b.message), withoutRequestId(a.message))
      assert.include(b.message, "items.8.n: Expected number")
      assert.strictEqual(b.attempts, 1)
      assert.strictEqual(b.status, 200)
      assert.isNumber(b.elapsedMillis)
    }).pipe(Effect.provide(socket())))

  it.effect("a policy that retries DecodeError makes the call again, with or without concurrency", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      let served = 0
      // The first time item 35 is served it is off its schema; after that it is fine.
      serveThings(fake, (i) => (i === 35 && served++ === 0 ? { ...things[i], n: "thirty-five" } : things[i]))
      const retryDecode = Retry.policy({
        maxAttempts: 2,
        schedule: Schedule.forever,
        retryable: (error) => error._tag === "DecodeError",
      })
      for (const concurrency of [1, 4]) {
        served = 0
        const before = fake.requests.filter((r) => r.query.skip === "27").length
        const { exit, seen } = yield* run(stream(concurrency).pipe(Quantive.withRetry(retryDecode)))
        assert.strictEqual(exit._tag, "Success", `concurrency ${concurrency}`)
        assert.deepStrictEqual(seen, things.map((t) => t.id), `concurrency ${concurrency}`)
        // The page at skip 27 was asked for twice: the bad answer, then the good one.
        assert.strictEqual(fake.requests.filter((r) => r.query.skip === "27").length - before, 2)
      }
      // Without that policy, the same bad page fails (DecodeError is not retried by default).
      served = 0
      const { exit } = yield* run(stream(4))
      assert.strictEqual(exit._tag === "Failure" ? exit.failure._tag : "Success", "DecodeError")
      // A page that stays bad: the policy's budget holds (2 attempts in all), whatever the concurrency.
      for (const concurrency of [1, 4]) {
        served = 1
        const before = fake.requests.filter((r) => r.query.skip === "27").length
        served = 0
        serveThings(fake, (i) => (i === 35 ? { ...things[i], n: "thirty-five" } : things[i]))
        const failed = yield* run(stream(concurrency).pipe(Quantive.withRetry(retryDecode)))
        assert.strictEqual(failed.exit._tag === "Failure" ? failed.exit.failure._tag : "Success", "DecodeError")
        if (failed.exit._tag === "Failure") assert.strictEqual(failed.exit.failure.attempts, 2)
        assert.strictEqual(fake.requests.filter((r) => r.query.skip === "27").length - before, 2)
      }
    }).pipe(Effect.provide(socket())))

  it.effect("tolerant drift in a page requested ahead is an event on that call's span", () => {
    const { layer, spans } = recordingTracer()
    return Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      serveThings(fake, (i) => (i === 44 ? { ...things[i], note: 44 } : things[i]))
      const { exit, seen } = yield* run(stream(4).pipe(Quantive.withDecode("tolerant")))
      assert.strictEqual(exit._tag, "Success")
      assert.strictEqual(seen.length, things.length)
      const calls = spans.filter((span) => span.name === "Quantive.stream GET /v2/things")
      assert.isAtLeast(calls.length, 7)
      const withDrift = calls.filter((span) => span.events.some(([name]) => name === "quantive.decode_drift"))
      assert.strictEqual(withDrift.length, 1)
      const [, attributes] = withDrift[0]!.events.find(([name]) => name === "quantive.decode_drift")!
      assert.strictEqual(attributes["quantive.field"], "items[].note")
      // The page at skip 36 holds t36..t45: item 44 is its ninth.
      assert.strictEqual(attributes["quantive.position"], "items.8.note")
    }).pipe(Effect.provide(socket()), Effect.provide(layer))
  })

  it.effect("a QuantiveClient service spread from the pipeline's own serves every stream page with its execute", () => {
    let calls = 0
    const counted = Layer.effect(
      QuantiveClient.QuantiveClient,
      Effect.map(QuantiveClient.QuantiveClient, (service) => ({
        ...service,
        execute: (endpoint, success, input) => {
          calls++
          return service.execute(endpoint, success, input)
        },
      })),
    )
    return Effect.gen(function* () {
      const users = yield* Users
      const all = yield* Stream.runCollect(users.stream({ pageSize: 10, concurrency: 4 }))
      assert.strictEqual(all.length, 60)
      // 0, 9, 18, ... 54: seven requests, every one through the user's execute.
      assert.strictEqual(calls, 7)
    }).pipe(Effect.provide(Layer.fresh(Users.layer).pipe(Layer.provide(counted), Layer.provide(socket({ users: 60 })))))
  })

  it.effect("Users.stream: the same users, in the same order, with and without concurrency", () =>
    Effect.gen(function* () {
      const users = yield* Users
      const ids = (concurrency: number) =>
        Effect.map(
          Stream.runCollect(Stream.map(users.stream({ pageSize: 25, concurrency }), (u) => u.id)),
          (collected) => Array.from(collected),
        )
      const one = yield* ids(1)
      const four = yield* ids(4)
      assert.strictEqual(one.length, 200)
      assert.deepStrictEqual(four, one)
    }).pipe(Effect.provide(socket({ users: 200 }))))
})
