/**
 * The Redis coordinator's shared pacing and pause under hostile conditions, through the public API (`Quantive.layer` +
 * `QuantiveRedis.layer`) against real `redis-server`s and the fake over a loopback socket: a burst past the call's
 * timeout leaves no shared backlog, a Redis that reads but refuses writes is one outage, and a pause key written by
 * someone else holds the account no longer than the cap. Node only.
 */
import { FetchHttpClient } from "@effect/platform"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Duration, Effect, Either, Layer, Logger, LogLevel } from "effect"
import { Redis } from "ioredis"
import { MAX_PAUSE_MILLIS } from "../../lib/internal/resilience/coordinator.ts"
import { Accounts, Quantive, Retry } from "../../mod.ts"
import { QuantiveRedis } from "../../redis.ts"
import { FakeQuantive } from "../../testing.ts"
import { isDeno, type RedisServer, startRedis } from "./support.ts"

describe.skipIf(isDeno)("the Redis coordinator's pacing and pause", () => {
  let redis: RedisServer
  let server: FakeQuantive.Listening
  const fake = FakeQuantive.make({ users: 5 })
  const hash = QuantiveRedis.accountHash(fake.accountId)
  let prefixes = 0
  const nextPrefix = () => `quantive-pacing-${++prefixes}:`

  beforeAll(async () => {
    ;[redis, server] = await Promise.all([startRedis(), FakeQuantive.listen(fake)])
  })
  afterAll(async () => {
    await server?.close()
    await redis?.close()
  })

  /** Runs `effect` with a client of its own (its own coordinator connection and in-process state): a fresh worker. */
  const run = <A, E>(
    effect: Effect.Effect<A, E, Accounts>,
    coordinator: QuantiveRedis.Options,
    client: Omit<Quantive.Options, "token" | "accountId" | "baseUrl"> = {},
    lines: Array<string> = [],
  ) =>
    effect.pipe(
      Effect.provide(
        Quantive.layer({ token: fake.token, accountId: fake.accountId, baseUrl: server.baseUrl, ...client }).pipe(
          Layer.provide(QuantiveRedis.layer(coordinator)),
          Layer.provide(FetchHttpClient.layer),
        ),
      ),
      Effect.provide(
        Layer.merge(
          Logger.replace(Logger.defaultLogger, Logger.map(Logger.jsonLogger, (line) => lines.push(line))),
          Logger.minimumLogLevel(LogLevel.Info),
        ),
      ),
      Effect.runPromise,
    )

  const get = Effect.flatMap(Accounts, (accounts) => accounts.get(fake.accountId))

  it("a burst past the timeout leaves no shared backlog: a fresh worker's call is sent", async () => {
    const prefix = nextPrefix()
    const admin = new Redis(redis.url)
    try {
      const paced = { retry: Retry.none, timeout: "3 seconds", rateLimit: { requests: 10, per: "1 second" } } as const
      const before = fake.requests.length
      // 60 calls at once; about 30 slots fit in the 3 s timeout (room for a slow machine to answer the calls it sends),
      // the other calls are refused at once.
      const outcomes = await run(
        Effect.all(Array.from({ length: 60 }, () => Effect.either(get)), { concurrency: "unbounded" }),
        { url: redis.url, prefix },
        paced,
      )
      const sent = outcomes.filter(Either.isRight).length
      const failed = outcomes.filter(Either.isLeft).map((outcome) => outcome.left)
      // A call given a slot at the very end of the timeout may reach it, or be answered, only after the timeout on a
      // loaded machine: it fails with the call's timeout (sent or not).
      const late = failed.filter((error) => error._tag === "TransportError")
      const refused = failed.filter((error) => error._tag !== "TransportError")
      assert.isAbove(sent, 0)
      assert.isAbove(refused.length, 0)
      for (const error of refused) {
        assert.strictEqual(error._tag, "TooManyRequests", error.message)
        assert.include(error.message, "not sent")
        assert.strictEqual(error.attempts, 0)
      }
      for (const error of late) assert.include(error.message, "Timeout: the call did not complete within 3s")
      assert.isAtMost(late.length, 5, "only calls at the end of the timeout")
      const lateSent = late.filter((error) => error.attempts !== 0).length
      // A late call's attempt may have been cut before its request reached the fake: at most, never more.
      assert.isAtLeast(fake.requests.length, before + sent, "every answered call was sent")
      assert.isAtMost(fake.requests.length, before + sent + lateSent, "nothing sent for a refused call")
      // The booked slots reach no further than one timeout and one interval ahead, refusals included.
      const backlog = await admin.pttl(`${prefix}${hash}:pace`)
      assert.isAtMost(backlog, 3000 + 100)

      // A fresh worker of the account, once the burst is over: its call is sent, not refused.
      const account = await run(get, { url: redis.url, prefix }, paced)
      assert.strictEqual(account.id, fake.accountId)
    } finally {
      admin.disconnect()
    }
  }, 30_000)

  describe("a Redis that reads but refuses writes is one outage, and one recovery when it writes again", () => {
    const faults = [
      {
        name: "a read-only replica (READONLY)",
        reason: "READONLY",
        start: async () => {
          const primary = await startRedis()
          const replica = await startRedis()
          const admin = new Redis(replica.url)
          await admin.replicaof("127.0.0.1", primary.port)
          return {
            url: replica.url,
            admin,
            heal: async () => {
              await admin.replicaof("NO", "ONE")
            },
            close: async () => {
              admin.disconnect()
              await Promise.all([replica.close(), primary.close()])
            },
          }
        },
      },
      {
        name: "a Redis out of memory (OOM)",
        reason: "OOM",
        start: async () => {
          const full = await startRedis()
          const admin = new Redis(full.url)
          await admin.config("SET", "maxmemory-policy", "noeviction")
          await admin.config("SET", "maxmemory", "1")
          return {
            url: full.url,
            admin,
            heal: async () => {
              await admin.config("SET", "maxmemory", "0")
            },
            close: async () => {
              admin.disconnect()
              await full.close()
            },
          }
        },
      },
    ] as const

    for (const fault of faults) {
      for (const paced of [true, false]) {
        const what = paced ? "with a rate limit" : "without a rate limit (reads only, until a 429)"
        it(`${fault.name}, ${what}`, async () => {
          const store = await fault.start()
          const prefix = nextPrefix()
          const lines: Array<string> = []
          const count = (text: string) => lines.filter((line) => line.includes(text)).length
          try {
            await run(
              Effect.gen(function* () {
                const accounts = yield* Accounts
                if (!paced) {
                  // The 429's pause is the first write: it fails; the retry goes on with the in-process gate.
                  fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": "1" } })
                }
                // Reads succeed all along (the pause is read before every call); writes fail. Spread over more than
                // a second, so that several probes find Redis still refusing writes.
                for (let i = 0; i < 16; i++) {
                  const account = yield* accounts.get(fake.accountId)
                  assert.strictEqual(account.id, fake.accountId)
                  yield* Effect.sleep("80 millis")
                }
                assert.strictEqual(count("Redis is unavailable"), 1, "one warning for the outage")
                assert.strictEqual(count("Redis is back"), 0, "no recovery while writes are refused")

                yield* Effect.promise(() => store.heal())
                for (let i = 0; i < 40 && count("Redis is back") === 0; i++) {
                  yield* accounts.get(fake.accountId)
                  yield* Effect.sleep("50 millis")
                }
                for (let i = 0; i < 10; i++) {
                  yield* accounts.get(fake.accountId)
                  yield* Effect.sleep("30 millis")
                }
              }),
              { url: store.url, prefix },
              paced ? { retry: Retry.defaultPolicy, rateLimit: { requests: 50, per: "1 second" } } : {
                retry: Retry.defaultPolicy,
              },
              lines,
            )
            assert.strictEqual(count("Redis is unavailable"), 1)
            assert.strictEqual(count("Redis is back"), 1)
            const warning = lines.find((line) => line.includes("Redis is unavailable"))!
            assert.include(warning, fault.reason)
          } finally {
            await store.close()
          }
        }, 30_000)
      }
    }
  })

  describe("a pause key set by someone else holds the account no longer than the cap", () => {
    for (
      const [name, set] of [
        ["with an expiry of three hours", ["PX", String(3 * 60 * 60 * 1000)]],
        ["without an expiry", []],
      ] as const
    ) {
      it(name, async () => {
        const prefix = nextPrefix()
        const key = `${prefix}${hash}:pause`
        const admin = new Redis(redis.url)
        try {
          await admin.call("SET", key, "1", ...set)
          const before = fake.requests.length
          const outcome = await run(Effect.either(get), { url: redis.url, prefix }, { retry: Retry.defaultPolicy })
          if (Either.isRight(outcome)) return assert.fail("the call is sent while the account is paused")
          const error = outcome.left
          assert.strictEqual(error._tag, "TooManyRequests", error.message)
          assert.include(error.message, "not sent")
          assert.strictEqual(fake.requests.length, before, "not sent")
          const retryAfter = error._tag === "TooManyRequests" ? error.retryAfter : undefined
          assert.isDefined(retryAfter)
          assert.isAtMost(Duration.toMillis(retryAfter!), MAX_PAUSE_MILLIS)
          // The key itself now ends within the cap: every worker of the account is free again by then.
          const left = await admin.pttl(key)
          assert.isAbove(left, 0)
          assert.isAtMost(left, MAX_PAUSE_MILLIS)
        } finally {
          admin.disconnect()
        }
      }, 30_000)
    }
  })
})
