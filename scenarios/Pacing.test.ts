/**
 * Client-side pacing (`rateLimit`) under bursts, with the in-process gate: a call refused at the gate takes no pacing
 * slot, and the backlog of booked slots is bounded by the call's timeout, its policy's `maxRetryAfter` and a fixed cap.
 * Runs on the TestClock, through the public API, against the in-process fake.
 */
import { Accounts, FakeQuantive, Retry } from "#line"
import { fork, TestClock } from "#line/effect"
import { type Attempt, attempt, makeLocalGate, MAX_PACING_BACKLOG_MILLIS } from "#line/resilience"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber } from "effect"

/** Lets the fake's promises make progress while the TestClock stands still. */
const settle = (millis = 15) => Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, millis)))

/** Waits (in real time, bounded) until `predicate` holds. */
const until = (predicate: () => boolean, what: string) =>
  Effect.gen(function* () {
    for (let i = 0; i < 2000 && !predicate(); i++) yield* settle(5)
    assert.isTrue(predicate(), what)
  })

const setup = Effect.all({ accounts: Accounts, server: FakeQuantive.FakeServer })

/** `n` runs of `call` at once, each answering its outcome. */
const burst = <A, E>(call: Effect.Effect<A, E>, n: number) =>
  fork(Effect.all(Array.from({ length: n }, () => attempt(call)), { concurrency: "unbounded" }))

/** The failures among `outcomes`. */
const failures = <A, E>(outcomes: ReadonlyArray<Attempt<A, E>>): Array<E> =>
  outcomes.flatMap((outcome) => outcome.ok ? [] : [outcome.error])

/** How many of `outcomes` succeeded. */
const successes = <A, E>(outcomes: ReadonlyArray<Attempt<A, E>>): number =>
  outcomes.filter((outcome) => outcome.ok).length

describe("a call refused at the gate gives its pacing slot back", () => {
  it.effect("a burst past the timeout: the refused calls take no slot, and a call after the burst goes at once", () =>
    Effect.gen(function* () {
      const { accounts, server: { fake } } = yield* setup
      // 10 per second and a 1 s timeout: 10 slots fit before each call's deadline; 40 calls are refused at once.
      const calls = yield* burst(accounts.get(fake.accountId), 50)
      yield* until(() => fake.requests.length === 1, "the first call at once")
      yield* settle(30)
      for (let n = 2; n <= 10; n++) {
        yield* TestClock.adjust("100 millis")
        yield* until(() => fake.requests.length === n, `call ${n} in its slot`)
      }
      const outcomes = yield* Fiber.join(calls)
      const refused = failures(outcomes)
      assert.strictEqual(successes(outcomes), 10)
      assert.strictEqual(refused.length, 40)
      for (const error of refused) {
        assert.strictEqual(error._tag, "TooManyRequests")
        assert.include(error.message, "not sent")
        assert.include(error.message, "past the call's timeout")
        assert.strictEqual(error.attempts, 0)
      }
      assert.strictEqual(fake.requests.length, 10, "nothing sent for a refused call")

      // The burst is over: its refusals left no backlog, so the next call is sent without waiting.
      yield* TestClock.adjust("100 millis")
      const next = yield* fork(accounts.get(fake.accountId))
      yield* until(() => fake.requests.length === 11, "the call after the burst at once")
      assert.strictEqual((yield* Fiber.join(next)).id, fake.accountId)

      // And the budget serves a second burst as it served the first: 10 calls within the timeout.
      yield* TestClock.adjust("100 millis")
      const again = yield* burst(accounts.get(fake.accountId), 30)
      yield* until(() => fake.requests.length === 12, "the first call of the second burst at once")
      yield* settle(30)
      for (let n = 2; n <= 10; n++) {
        yield* TestClock.adjust("100 millis")
        yield* until(() => fake.requests.length === 11 + n, `call ${n} of the second burst in its slot`)
      }
      const second = yield* Fiber.join(again)
      assert.strictEqual(successes(second), 10)
      assert.strictEqual(fake.requests.length, 21)
    }).pipe(
      Effect.provide(
        FakeQuantive.layer({
          client: { retry: Retry.none, timeout: "1 second", rateLimit: { requests: 10, per: "1 second" } },
        }),
      ),
    ))
})

describe("the pacing backlog is bounded", () => {
  it.effect("without a timeout, no slot is booked maxRetryAfter or more ahead: those calls are refused at once", () =>
    Effect.gen(function* () {
      const { accounts, server: { fake } } = yield* setup
      // 1 per second, maxRetryAfter 10 s: slots 0 s … 9 s are taken, the 20 other calls are refused without one.
      const calls = yield* burst(accounts.get(fake.accountId), 30)
      yield* until(() => fake.requests.length === 1, "the first call at once")
      yield* settle(30)
      for (let n = 2; n <= 10; n++) {
        yield* TestClock.adjust("1 second")
        yield* until(() => fake.requests.length === n, `call ${n} in its slot`)
      }
      const outcomes = yield* Fiber.join(calls)
      const refused = failures(outcomes)
      assert.strictEqual(successes(outcomes), 10)
      assert.strictEqual(refused.length, 20)
      for (const error of refused) {
        assert.strictEqual(error._tag, "TooManyRequests")
        assert.include(error.message, "maxRetryAfter")
        assert.strictEqual(error.attempts, 0)
        const retryAfter = error._tag === "TooManyRequests" ? error.retryAfter : undefined
        assert.isDefined(retryAfter)
        assert.isAtMost(Duration.toMillis(retryAfter!), 10_000)
      }
      // The backlog ends with the last call that took a slot: the next call is sent in the next slot.
      yield* TestClock.adjust("1 second")
      const next = yield* fork(accounts.get(fake.accountId))
      yield* until(() => fake.requests.length === 11, "the call after the burst at once")
      yield* Fiber.join(next)
    }).pipe(
      Effect.provide(
        FakeQuantive.layer({
          client: {
            retry: Retry.policy({ maxAttempts: 2, maxRetryAfter: "10 seconds" }),
            rateLimit: { requests: 1, per: "1 second" },
          },
        }),
      ),
    ))

  it.effect("the gate never books further ahead than its cap, and a refusal takes nothing", () =>
    Effect.gen(function* () {
      const gate = makeLocalGate()
      const pacing = { requests: 1, per: Duration.minutes(1) }
      const slots = MAX_PACING_BACKLOG_MILLIS / 60_000
      for (let i = 0; i < slots; i++) {
        const slot = yield* gate.reserve(pacing)
        assert.deepStrictEqual(slot, { taken: true, wait: i * 60_000 })
      }
      // No bound given: the cap is the bound. Asking again and again takes nothing.
      for (let i = 0; i < 5; i++) {
        assert.deepStrictEqual(yield* gate.reserve(pacing), { taken: false, wait: MAX_PACING_BACKLOG_MILLIS })
        assert.deepStrictEqual(yield* gate.reserve(pacing, 1000), { taken: false, wait: MAX_PACING_BACKLOG_MILLIS })
      }
      yield* TestClock.adjust("1 minute")
      assert.deepStrictEqual(yield* gate.reserve(pacing), { taken: true, wait: MAX_PACING_BACKLOG_MILLIS - 60_000 })
      // A slot due now is always taken, whatever the bound.
      const fresh = makeLocalGate()
      assert.deepStrictEqual(yield* fresh.reserve(pacing, 0), { taken: true, wait: 0 })
      assert.deepStrictEqual(yield* fresh.reserve(pacing, 60_000), { taken: false, wait: 60_000 })
      assert.deepStrictEqual(yield* fresh.reserve(pacing, 60_001), { taken: true, wait: 60_000 })
    }))
})
