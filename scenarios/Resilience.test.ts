/**
 * The account's gate and the retry loop under hostile waits: the shared pause has a cap, `attempts`
 * counts attempts sent, a wait the call's timeout cannot cover fails at once, and each wait is counted once in spans.
 * Everything runs on the TestClock, through the public API, against the in-process fake.
 */
import { Accounts, FakeQuantive, Quantive, Retry } from "#line"
import { fork, TestClock } from "#line/effect"
import { isDone } from "#line/resilience"
import { recordingTracer } from "#line/support"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Layer, Schedule } from "effect"

/** Lets the fake's promises make progress while the TestClock stands still. */
const settle = (millis = 15) => Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, millis)))

/** Waits (in real time, bounded) until `predicate` holds. */
const until = (predicate: () => boolean, what: string) =>
  Effect.gen(function* () {
    for (let i = 0; i < 2000 && !predicate(); i++) yield* settle(5)
    assert.isTrue(predicate(), what)
  })

const fakeLayer = (client: FakeQuantive.ClientOptions = {}) => FakeQuantive.layer({ client })
const setup = Effect.all({ accounts: Accounts, server: FakeQuantive.FakeServer })

/** Retries with no schedule delay: only Retry-After waits. */
const immediate = Retry.policy({ maxAttempts: 4, schedule: Schedule.forever })

describe("the account's pause has a cap", () => {
  for (
    const [name, header] of [
      ["an hour", "3600"],
      ["the year 9999", "Fri, 31 Dec 9999 23:59:59 GMT"],
    ] as const
  ) {
    it.effect(`Retry-After of ${name}: that call fails at once, the account resumes after maxRetryAfter`, () =>
      Effect.gen(function* () {
        const { accounts, server: { fake } } = yield* setup
        fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": header } })
        const error = yield* Effect.flip(accounts.get(fake.accountId))
        assert.strictEqual(error._tag, "TooManyRequests")
        assert.strictEqual(error.attempts, 1)
        assert.strictEqual(fake.requests.length, 1)

        // Another call now waits out the capped pause (60 s, the policy's maxRetryAfter) and is then sent.
        const next = yield* fork(accounts.get(fake.accountId))
        yield* settle(30)
        yield* TestClock.adjust("59999 millis")
        yield* settle(30)
        assert.strictEqual(fake.requests.length, 1, "nothing sent during the capped pause")
        yield* TestClock.adjust("1 millis")
        yield* until(() => fake.requests.length === 2, "sent when the capped pause ends")
        assert.strictEqual((yield* Fiber.join(next)).id, fake.accountId)
      }).pipe(Effect.provide(fakeLayer({ retry: Retry.defaultPolicy }))))
  }

  it.effect("the cap is the maxRetryAfter of the policy that saw the 429", () =>
    Effect.gen(function* () {
      const { accounts, server: { fake } } = yield* setup
      fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": "86400" } })
      yield* Effect.flip(accounts.get(fake.accountId))
      yield* TestClock.adjust("5 seconds")
      // The pause (5 s) is over: a call with no retries at all is sent.
      const account = yield* accounts.get(fake.accountId).pipe(Quantive.withRetry(Retry.none))
      assert.strictEqual(account.id, fake.accountId)
      assert.strictEqual(fake.requests.length, 2)
    }).pipe(Effect.provide(fakeLayer({ retry: Retry.policy({ maxRetryAfter: "5 seconds" }) }))))
})

describe("attempts counts attempts sent", () => {
  it.effect("a call refused at the gate before sending reports 0 attempts", () =>
    Effect.gen(function* () {
      const { accounts, server: { fake } } = yield* setup
      fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": "30" } })
      const first = yield* fork(accounts.get(fake.accountId))
      yield* until(() => fake.requests.length === 1, "the 429")
      yield* settle(20)
      const error = yield* Effect.flip(accounts.get(fake.accountId).pipe(Quantive.withRetry(Retry.none)))
      assert.strictEqual(error._tag, "TooManyRequests")
      assert.include(error.message, "not sent")
      assert.strictEqual(error.attempts, 0)
      assert.notInclude(error.message, "attempts")
      assert.strictEqual(fake.requests.length, 1)
      yield* TestClock.adjust("30 seconds")
      assert.strictEqual((yield* Fiber.join(first)).id, fake.accountId)
    }).pipe(Effect.provide(fakeLayer({ retry: immediate }))))

  it.effect("a retried call counts the attempts it sent, not the pass refused after them", () =>
    Effect.gen(function* () {
      const { accounts, server: { fake } } = yield* setup
      // The first attempt gets a 503 and retries after 1 s; meanwhile another call's 429 pauses the account for 50 s,
      // past this call's maxRetryAfter (30 s): its second pass of the gate is refused, after one attempt sent.
      fake.inject({ _tag: "Status", status: 503, headers: { "retry-after": "1" } })
      const call = yield* fork(accounts.get(fake.accountId))
      yield* until(() => fake.requests.length === 1, "the 503")
      yield* settle(20)
      fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": "50" } })
      const other = yield* fork(Effect.flip(accounts.get(fake.accountId).pipe(Quantive.withRetry(Retry.none))))
      yield* until(() => fake.requests.length === 2, "the 429")
      yield* settle(20)
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(call).pipe(Effect.flip)
      assert.strictEqual(error._tag, "TooManyRequests")
      assert.include(error.message, "not sent")
      assert.strictEqual(error.attempts, 1)
      assert.strictEqual(fake.requests.length, 2)
      assert.strictEqual((yield* Fiber.join(other))._tag, "TooManyRequests")
    }).pipe(
      Effect.provide(
        fakeLayer({ retry: Retry.policy({ maxAttempts: 4, schedule: Schedule.forever, maxRetryAfter: "30 seconds" }) }),
      ),
    ))
})

describe("a wait the call's timeout cannot cover fails at once", () => {
  it.effect("Retry-After past the remaining time: TooManyRequests at once, not a timeout later", () =>
    Effect.gen(function* () {
      const { accounts, server: { fake } } = yield* setup
      fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": "10" } })
      const call = yield* fork(Effect.flip(accounts.get(fake.accountId)))
      yield* until(() => fake.requests.length === 1, "the 429")
      yield* settle(30)
      assert.isTrue(yield* isDone(call), "failed before any time passed")
      const error = yield* Fiber.join(call)
      assert.strictEqual(error._tag, "TooManyRequests")
      assert.strictEqual(error.attempts, 1)
    }).pipe(Effect.provide(fakeLayer({ retry: immediate, timeout: "5 seconds" }))))

  it.effect("a pause past the remaining time: TooManyRequests at once, not sent", () =>
    Effect.gen(function* () {
      const { accounts, server: { fake } } = yield* setup
      fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": "10" } })
      const first = yield* fork(Effect.flip(accounts.get(fake.accountId)))
      yield* until(() => fake.requests.length === 1, "the 429")
      yield* settle(20)
      const call = yield* fork(Effect.flip(accounts.get(fake.accountId)))
      yield* settle(30)
      assert.isTrue(yield* isDone(call), "failed before any time passed")
      const error = yield* Fiber.join(call)
      assert.strictEqual(error._tag, "TooManyRequests")
      assert.include(error.message, "timeout")
      assert.strictEqual(error.attempts, 0)
      assert.strictEqual(fake.requests.length, 1)
      yield* Fiber.join(first)
    }).pipe(Effect.provide(fakeLayer({ retry: immediate, timeout: "5 seconds" }))))

  it.effect("a wait the timeout covers is waited", () =>
    Effect.gen(function* () {
      const { accounts, server: { fake } } = yield* setup
      fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": "2" } })
      const call = yield* fork(accounts.get(fake.accountId))
      yield* until(() => fake.requests.length === 1, "the 429")
      yield* settle(20)
      yield* TestClock.adjust("2 seconds")
      assert.strictEqual((yield* Fiber.join(call)).id, fake.accountId)
      assert.strictEqual(fake.requests.length, 2)
    }).pipe(Effect.provide(fakeLayer({ retry: immediate, timeout: "5 seconds" }))))
})

describe("each wait is counted once in span attributes", () => {
  const attributesOf = (spans: ReturnType<typeof recordingTracer>["spans"]) => {
    const span = spans.find((s) => s.name === "Quantive.Accounts.get")
    assert.isDefined(span)
    return {
      attempts: span!.attributes.get("quantive.attempts"),
      retry: span!.attributes.get("quantive.retry_wait_ms"),
      throttle: span!.attributes.get("quantive.throttle_wait_ms"),
    }
  }

  it.effect("a 429's wait is the account's back-off: throttle_wait_ms only", () => {
    const tracer = recordingTracer()
    return Effect.gen(function* () {
      const { accounts, server: { fake } } = yield* setup
      fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": "2" } })
      const call = yield* fork(accounts.get(fake.accountId))
      yield* until(() => fake.requests.length === 1, "the 429")
      yield* settle(20)
      yield* TestClock.adjust("2 seconds")
      yield* Fiber.join(call)
      assert.deepStrictEqual(attributesOf(tracer.spans), { attempts: 2, retry: 0, throttle: 2000 })
    }).pipe(Effect.provide(Layer.merge(fakeLayer({ retry: immediate }), tracer.layer)))
  })

  it.effect("a 503's Retry-After is this call's own wait: retry_wait_ms only", () => {
    const tracer = recordingTracer()
    return Effect.gen(function* () {
      const { accounts, server: { fake } } = yield* setup
      fake.inject({ _tag: "Status", status: 503, headers: { "retry-after": "3" } })
      const call = yield* fork(accounts.get(fake.accountId))
      yield* until(() => fake.requests.length === 1, "the 503")
      yield* settle(20)
      yield* TestClock.adjust("3 seconds")
      yield* Fiber.join(call)
      assert.deepStrictEqual(attributesOf(tracer.spans), { attempts: 2, retry: 3000, throttle: 0 })
    }).pipe(Effect.provide(Layer.merge(fakeLayer({ retry: immediate }), tracer.layer)))
  })

  it.effect("pacing waits are counted in throttle_wait_ms", () => {
    const tracer = recordingTracer()
    return Effect.gen(function* () {
      const { accounts, server: { fake } } = yield* setup
      yield* accounts.get(fake.accountId)
      const second = yield* fork(accounts.get(fake.accountId))
      yield* settle(20)
      yield* TestClock.adjust(Duration.millis(250))
      yield* Fiber.join(second)
      const gets = tracer.spans.filter((s) => s.name === "Quantive.Accounts.get")
      assert.deepStrictEqual(gets.map((s) => s.attributes.get("quantive.throttle_wait_ms")), [0, 250])
    }).pipe(
      Effect.provide(
        Layer.merge(fakeLayer({ retry: Retry.none, rateLimit: { requests: 4, per: "1 second" } }), tracer.layer),
      ),
    )
  })
})
