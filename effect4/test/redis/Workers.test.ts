/**
 * Many workers, one account, against a real `redis-server` (issue 12): worker CHILD PROCESSES built through the public
 * API (`Quantive.layer` + `QuantiveRedis.layer`), exporting every user of the fake served in this process over a
 * loopback socket. Node only (the workers are node processes; the suite is skipped on Deno).
 *
 * Window tolerance: with a budget of N requests/s, the fake sees at most N + 1 + 30% requests in ANY sliding window of
 * one second (N + 7 at N = 20; evenly spaced slots put N + 1 in a window that starts on one), and at most 1.1 × N per second on average over the run after its first second (warm-up).
 * The 30% covers the scheduling jitter between the moment Redis grants a slot and the moment the request is recorded
 * (an event-loop stall of up to ~300 ms in a worker or in the fake, on a loaded CI machine, releases its requests
 * together); the grants themselves are evenly spaced, one per 1/N s, for the whole account.
 */
import { afterAll, afterEach, assert, beforeAll, describe, it } from "@effect/vitest"
import { Redis } from "ioredis"
import { QuantiveRedis } from "../../redis.ts"
import { FakeQuantive } from "../../testing.ts"
import type { WorkerInput } from "./worker.ts"
import {
  allExited,
  buildWorker,
  exportsOf,
  isDeno,
  killWorkers,
  listArrivals,
  logsOf,
  maxInWindow,
  meanRate,
  type RedisServer,
  sleep,
  startRedis,
  startTogether,
  type Worker,
} from "./support.ts"

const N = 20
/**
 * Requests that read the pause just before it was set may still arrive after it (in flight): allowed for 500 ms. Every
 * worker reads the pause before every attempt, so nothing else arrives until the pause ends.
 */
const GRACE = 500
/** One more than N fits in a sliding window of evenly spaced slots (both ends); 30% covers scheduling jitter. */
const tolerance = (n: number) => 1 + Math.ceil(n * 0.3)

/** Arrivals after the first second of a run: worker processes warm up (JIT) at first. */
const steady = (times: ReadonlyArray<number>) => times.filter((t) => t >= times[0]! + 1000)

/** Waits (bounded) until `predicate` holds. */
const until = async (predicate: () => boolean, what: string, millis = 20_000) => {
  for (let waited = 0; !predicate(); waited += 10) {
    if (waited > millis) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}

/** Each export is every user of the fake, once. */
const assertExact = (fake: FakeQuantive.FakeQuantive, workers: ReadonlyArray<Worker>) => {
  const expected = fake.users.map((user) => user.id).sort()
  workers.forEach((worker, i) => {
    const exports = exportsOf(worker)
    assert.isAbove(exports.length, 0, `worker ${i} exported`)
    for (const ids of exports) {
      assert.strictEqual(new Set(ids).size, ids.length, `worker ${i}: no user twice`)
      assert.deepStrictEqual([...ids].sort(), expected, `worker ${i}: every user`)
    }
  })
}

describe.skipIf(isDeno)("many workers, one account (Redis, worker processes)", () => {
  let redis: RedisServer
  let script: string
  const servers: Array<FakeQuantive.Listening> = []
  let prefixes = 0

  const serve = async (options: FakeQuantive.Options) => {
    const fake = FakeQuantive.make(options)
    const server = await FakeQuantive.listen(fake)
    servers.push(server)
    return { fake, server }
  }

  const input = (
    fake: FakeQuantive.FakeQuantive,
    server: FakeQuantive.Listening,
    options: Partial<WorkerInput>,
  ): WorkerInput => ({
    baseUrl: server.baseUrl,
    token: fake.token,
    accountId: fake.accountId,
    redisUrl: redis.url,
    rate: N,
    pageSize: 5,
    concurrency: 4,
    exports: 1,
    ...options,
  })

  const nextPrefix = () => `quantive-test-${process.pid}-${++prefixes}:`

  beforeAll(async () => {
    ;[redis, script] = await Promise.all([startRedis(), buildWorker()])
  })

  afterEach(() => killWorkers())

  afterAll(async () => {
    killWorkers()
    await Promise.all(servers.map((server) => server.close()))
    await redis?.close()
  })

  it(
    "four workers × concurrency 4 share one budget of N/s; with the in-process gate they send about 4N/s",
    async () => {
      const shared = await serve({ users: 120 })
      const alone = await serve({ users: 120 })
      const prefix = nextPrefix()
      // Both sets of workers start at once; the in-process set goes when the coordinated set is done.
      const [coordinated, separate] = await Promise.all([
        startTogether(script, [0, 1, 2, 3].map((i) => input(shared.fake, shared.server, { prefix, pageSize: 5 + i }))),
        startTogether(
          script,
          [0, 1, 2, 3].map((i) => input(alone.fake, alone.server, { pageSize: 5 + i, redisUrl: undefined })),
          { go: false },
        ),
      ])
      await allExited(coordinated)
      for (const worker of separate) worker.send("go")
      await allExited(separate)

      assertExact(shared.fake, coordinated)
      const times = listArrivals(shared.fake)
      assert.isAtLeast(times.length, 80)
      assert.isAtMost(maxInWindow(times, 1000), N + tolerance(N), "at most N + 30% in any one-second window")
      assert.isAtMost(meanRate(steady(times)), N * 1.1, "at most N/s on average")
      assert.isAtLeast(meanRate(steady(times)), N * 0.5, "the budget is used")

      assertExact(alone.fake, separate)
      // About 4N on an idle machine; at least well past the budget on a loaded one.
      assert.isAtLeast(maxInWindow(listArrivals(alone.fake), 1000), 1.5 * N, "each process paces itself alone")
    },
    90_000,
  )

  it("a 429 with Retry-After: 2 seen by one worker: no worker sends for 2 s, then all resume", async () => {
    const { fake, server } = await serve({ users: 60 })
    const prefix = nextPrefix()
    const workers = await startTogether(
      script,
      [0, 1, 2, 3].map((i) => input(fake, server, { prefix, pageSize: 5 + i, exports: 0 })),
    )
    await until(() => fake.requests.length >= 15, "traffic from the workers")
    // When the worker that got the 429 has paused the account, as seen from Redis.
    const pauseKey = `${prefix}${QuantiveRedis.accountHash(fake.accountId)}:pause`
    const client = new Redis(redis.url)
    // Redis read the pause between `asked` and `pausedAt`: it ends no earlier than `asked + pttl`.
    let asked = 0
    let pausedAt = 0
    let pttl = 0
    try {
      fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": "2" } }, { path: /^\/v2\/users/ })
      for (let i = 0; i < 4000 && pausedAt === 0; i++) {
        asked = Date.now()
        pttl = await client.pttl(pauseKey)
        if (pttl > 0) pausedAt = Date.now()
        else await sleep(5)
      }
    } finally {
      client.disconnect()
    }
    const pauseEnds = asked + pttl
    assert.isAbove(pausedAt, 0, "the pause is in Redis")
    // Seen within a few milliseconds of being set (the poll may itself be late on a loaded machine).
    assert.isAtMost(pttl, 2000)
    assert.isAtLeast(pttl, 1000)
    await until(() => Date.now() > pausedAt + 3500, "the workers to resume")
    for (const worker of workers) worker.send("stop")
    await allExited(workers)
    assertExact(fake, workers)

    const times = listArrivals(fake)
    const inFlight = times.filter((t) => t >= pausedAt && t < pausedAt + GRACE)
    const during = times.filter((t) => t >= pausedAt + GRACE && t < pauseEnds)
    assert.isAtMost(inFlight.length, 16, "only requests already past the gate")
    assert.deepStrictEqual(during, [], "nothing reaches the account during the pause")
    for (let i = 0; i < 4; i++) {
      assert.isTrue(listArrivals(fake, 5 + i).some((t) => t >= pauseEnds), `worker ${i} resumed`)
    }
  }, 60_000)

  it("Redis stopped mid-run and started again: every export is exact; one warning, one recovery line", async () => {
    const { fake, server } = await serve({ users: 120 })
    const prefix = nextPrefix()
    const workers = await startTogether(
      script,
      [0, 1, 2, 3].map(() => input(fake, server, { prefix, pageSize: 4 })),
    )
    await until(() => fake.requests.length >= 20, "shared traffic")
    await redis.stop()
    await sleep(500)
    await redis.start()
    await allExited(workers)
    assertExact(fake, workers)
    workers.forEach((worker, i) => {
      const warnings = logsOf(worker, "WARN").filter((m) => m.includes("Redis is unavailable"))
      const recoveries = logsOf(worker, "INFO").filter((m) => m.includes("Redis is back"))
      assert.strictEqual(warnings.length, 1, `worker ${i}: one warning`)
      assert.strictEqual(recoveries.length, 1, `worker ${i}: one recovery line`)
    })
  }, 60_000)

  it("two accounts on one Redis do not slow each other", async () => {
    // A lower budget here: two accounts at once must be within what a loaded machine can send.
    const rate = 10
    const a = await serve({ users: 60, seed: 1 })
    const b = await serve({ users: 60, seed: 2 })
    assert.notStrictEqual(a.fake.accountId, b.fake.accountId)
    const prefix = nextPrefix()
    const workers = await startTogether(script, [
      input(a.fake, a.server, { prefix, pageSize: 4, rate }),
      input(a.fake, a.server, { prefix, pageSize: 4, rate }),
      input(b.fake, b.server, { prefix, pageSize: 4, rate }),
      input(b.fake, b.server, { prefix, pageSize: 4, rate }),
    ])
    await allExited(workers)
    assertExact(a.fake, workers.slice(0, 2))
    assertExact(b.fake, workers.slice(2))
    for (const [name, fake] of [["A", a.fake], ["B", b.fake]] as const) {
      const times = listArrivals(fake)
      assert.isAtMost(maxInWindow(times, 1000), rate + tolerance(rate), `account ${name}: its own budget`)
      // Had they shared one budget, each would get about rate/2.
      assert.isAtLeast(meanRate(steady(times)), 0.7 * rate, `account ${name}: its whole budget`)
    }
  }, 60_000)
})
