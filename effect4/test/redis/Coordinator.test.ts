/**
 * The Redis coordinator in one process, through the public API (`Quantive.layer` + `QuantiveRedis.layer`) against a
 * real `redis-server` and the fake over a loopback socket: hashed keys, `onStoreFailure: "fail"`, a Redis that is
 * down or hangs, and malformed options. Node only.
 */
import { FetchHttpClient } from "effect/http"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Logger, References } from "effect"
import { Redis } from "ioredis"
import { Accounts, Quantive } from "../../mod.ts"
import { QuantiveRedis } from "../../redis.ts"
import { FakeQuantive } from "../../testing.ts"
import { isDeno, type RedisServer, startRedis } from "./support.ts"

describe.skipIf(isDeno)("the Redis coordinator (one process)", () => {
  let redis: RedisServer
  let server: FakeQuantive.Listening
  const fake = FakeQuantive.make({ users: 5 })

  beforeAll(async () => {
    ;[redis, server] = await Promise.all([startRedis(), FakeQuantive.listen(fake)])
  })
  afterAll(async () => {
    await server?.close()
    await redis?.close()
  })

  const run = <A, E>(
    effect: Effect.Effect<A, E, Accounts>,
    coordinator: QuantiveRedis.Options,
    lines: Array<string> = [],
    rateLimit: Quantive.Options["rateLimit"] = { requests: 50, per: "1 second" },
  ) =>
    effect.pipe(
      Effect.provide(
        Quantive.layer({
          token: fake.token,
          accountId: fake.accountId,
          baseUrl: server.baseUrl,
          rateLimit,
        }).pipe(Layer.provide(QuantiveRedis.layer(coordinator)), Layer.provide(FetchHttpClient.layer)),
      ),
      Effect.provide(
        Layer.merge(
          Logger.layer([Logger.map(Logger.formatJson, (line) => lines.push(line))]),
          Layer.succeed(References.MinimumLogLevel, "Info"),
        ),
      ),
      Effect.runPromise,
    )

  it("keys are the prefix and a hash of the account id: never the id or the token", async () => {
    const prefix = "quantive-keys:"
    fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": "5" } })
    const client = new Redis(redis.url)
    // Read while the account is paused and its pacing slot is still reserved; then give up the call.
    const keys = await run(
      Effect.gen(function* () {
        const accounts = yield* Accounts
        const call = yield* Effect.forkChild(accounts.get(fake.accountId))
        // Both keys exist once the 429 has been seen: wait for them (at most 10 s), however slow the machine.
        const listKeys = Effect.promise(() => client.keys(`${prefix}*`))
        let keys = yield* listKeys
        for (let i = 0; i < 100 && keys.length < 2; i++) {
          yield* Effect.sleep("100 millis")
          keys = yield* listKeys
        }
        yield* Fiber.interrupt(call)
        return keys.sort()
      }),
      { url: redis.url, prefix },
      [],
      { requests: 1, per: "10 seconds" },
    )
    client.disconnect()
    const hash = QuantiveRedis.accountHash(fake.accountId)
    assert.match(hash, /^[0-9a-f]{16}$/)
    assert.deepStrictEqual(keys, [`${prefix}${hash}:pace`, `${prefix}${hash}:pause`])
    for (const key of keys) {
      assert.notInclude(key, fake.accountId)
      assert.notInclude(key, fake.token)
    }
  })

  it('onStoreFailure: "fail" with Redis away: CoordinatorError, nothing sent, no address in the error', async () => {
    const before = fake.requests.length
    const closed = await startRedis()
    await closed.close()
    const error = await run(
      Effect.flip(Effect.flatMap(Accounts, (accounts) => accounts.get(fake.accountId))),
      { url: closed.url, onStoreFailure: "fail", connectTimeout: "200 millis" },
    )
    assert.strictEqual((error as { _tag: string })._tag, "CoordinatorError")
    assert.instanceOf(error, QuantiveRedis.CoordinatorError)
    assert.strictEqual((error as QuantiveRedis.CoordinatorError).attempts, 0)
    assert.notInclude(String(error), String(closed.port))
    assert.notInclude(JSON.stringify(error), fake.accountId)
    assert.strictEqual(fake.requests.length, before, "nothing sent")
  })

  it("by default, with Redis away, calls go on with the in-process gate: one warning for the outage", async () => {
    const closed = await startRedis()
    await closed.close()
    const lines: Array<string> = []
    const before = fake.requests.length
    const ids = await run(
      Effect.flatMap(
        Accounts,
        (accounts) =>
          Effect.all(Array.from({ length: 5 }, () => accounts.get(fake.accountId).pipe(Effect.map((a) => a.id)))),
      ),
      { url: closed.url, connectTimeout: "200 millis" },
      lines,
    )
    assert.deepStrictEqual(ids, Array(5).fill(fake.accountId))
    assert.strictEqual(fake.requests.length, before + 5, "each call sent once")
    assert.strictEqual(lines.filter((line) => line.includes("Redis is unavailable")).length, 1)
    assert.notInclude(lines.join("\n"), String(closed.port))
  })

  it("a Redis that hangs cannot hang calls: they go on after the command timeout; the recovery is logged", async () => {
    const lines: Array<string> = []
    const calls = await run(
      Effect.gen(function* () {
        const accounts = yield* Accounts
        yield* accounts.get(fake.accountId)
        redis.freeze(true)
        const during = yield* accounts.get(fake.accountId).pipe(
          Effect.ensuring(Effect.sync(() => redis.freeze(false))),
        )
        // Thawed: the next calls that probe Redis find it again.
        for (let i = 0; i < 40 && !lines.some((line) => line.includes("Redis is back")); i++) {
          yield* accounts.get(fake.accountId)
          yield* Effect.sleep("50 millis")
        }
        return during
      }),
      { url: redis.url, commandTimeout: "200 millis" },
      lines,
    )
    assert.strictEqual(calls.id, fake.accountId)
    assert.strictEqual(lines.filter((line) => line.includes("Redis is unavailable")).length, 1)
    assert.strictEqual(lines.filter((line) => line.includes("Redis is back")).length, 1)
  }, 30_000)

  it("malformed options are a ConfigError naming the option, without the URL", async () => {
    const secret = "redis://:s3cret-password@127.0.0.1:1/0"
    for (
      const [options, name] of [
        [{ url: secret.replace("redis:", "http:") }, "url"],
        [{ url: "not a url" }, "url"],
        [{}, "url"],
        [{ url: redis.url, prefix: "" }, "prefix"],
        [{ url: redis.url, commandTimeout: "0 millis" }, "commandTimeout"],
        [{ url: redis.url, onStoreFailure: "ignore" as "fail" }, "onStoreFailure"],
      ] as const
    ) {
      const error = await Effect.runPromise(Effect.flip(Layer.build(QuantiveRedis.layer(options)).pipe(Effect.scoped)))
      assert.include(String(error), name)
      assert.notInclude(String(error), "s3cret-password")
    }
  })
})
