/**
 * Benchmark of the Redis account coordinator (`npm run build && node dist/bench/redis.js`), against a throwaway
 * `redis-server` and the fake over loopback:
 *
 * 1. Budget use: W worker processes (each its own client and Redis connection, concurrency C) share one budget of
 *    B requests/s for S seconds. Reports the share of the budget used after a one-second warm-up (target ≥ 90%) and
 *    the most requests the fake saw in any one-second window (target ≤ B).
 * 2. Cost: sequential calls in one process, each gate against the in-process one: latency per call and Redis
 *    commands per call, without pacing (the pause read: one round-trip) and with pacing (the pause read and the
 *    budget's script: two round-trips).
 *
 * Options: `--workers W --concurrency C --rate B --seconds S --calls K`.
 */
import { FetchHttpClient } from "@effect/platform"
import { Effect, Layer } from "effect"
import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Redis } from "ioredis"
import { Accounts, Quantive } from "../mod.ts"
import { QuantiveRedis } from "../redis.ts"
import { FakeQuantive } from "../testing.ts"
import { startRedis } from "./redisServer.ts"

interface Target {
  readonly baseUrl: string
  readonly token: string
  readonly accountId: string
  readonly redisUrl: string | undefined
  readonly rate: number | undefined
}

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`)
  return index > 0 ? Number(process.argv[index + 1]) : fallback
}

const live = (target: Target) => {
  const quantive = Quantive.layer({
    token: target.token,
    accountId: target.accountId,
    baseUrl: target.baseUrl,
    rateLimit: target.rate === undefined ? undefined : { requests: target.rate, per: "1 second" },
  })
  const coordinated = target.redisUrl === undefined
    ? quantive
    : quantive.pipe(Layer.provide(QuantiveRedis.layer({ url: target.redisUrl, prefix: "quantive-bench:" })))
  return coordinated.pipe(Layer.provide(FetchHttpClient.layer))
}

/** A worker process: once ready, waits for its deadline, then calls `Accounts.get` with `concurrency` fibers. */
const worker = (target: Target & { readonly concurrency: number }) =>
  Effect.gen(function* () {
    const accounts = yield* Accounts
    process.send?.("ready")
    const deadline = yield* Effect.async<number>((resume) => {
      process.once("message", (message) => resume(Effect.succeed((message as { deadline: number }).deadline)))
    })
    const loop = Effect.gen(function* () {
      while (Date.now() < deadline) yield* accounts.get(target.accountId)
    })
    yield* Effect.all(Array.from({ length: target.concurrency }, () => loop), { concurrency: "unbounded" })
  }).pipe(Effect.provide(live(target)), Effect.runPromise)

const maxInWindow = (times: ReadonlyArray<number>, windowMillis: number) => {
  let best = 0
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMillis) start++
    best = Math.max(best, end - start + 1)
  }
  return best
}

const budgetUse = async (
  redisUrl: string,
  options: { workers: number; concurrency: number; rate: number; seconds: number },
) => {
  const fake = FakeQuantive.make({ users: 5 })
  const server = await FakeQuantive.listen(fake)
  const script = fileURLToPath(import.meta.url)
  const target: Target = {
    baseUrl: server.baseUrl,
    token: fake.token,
    accountId: fake.accountId,
    redisUrl,
    rate: options.rate,
  }
  // Every worker gets the same deadline once all are ready.
  const children = Array.from({ length: options.workers }, () => fork(script, ["worker"], { stdio: "inherit" }))
  const exits = children.map((child) => new Promise((resolve) => child.once("exit", resolve)))
  const next = (child: ReturnType<typeof fork>) => new Promise((resolve) => child.once("message", resolve))
  await Promise.all(children.map(next))
  const ready = children.map(next)
  for (const child of children) child.send({ ...target, concurrency: options.concurrency })
  await Promise.all(ready)
  const started = Date.now() + 100
  const deadline = started + options.seconds * 1000
  for (const child of children) child.send({ deadline })
  await Promise.all(exits)
  await server.close()
  const times = fake.requests.map((r) => r.at).filter((t) => t >= started).sort((a, b) => a - b)
  const steady = times.filter((t) => t >= started + 1000 && t < deadline)
  const used = steady.length / ((deadline - started - 1000) / 1000) / options.rate
  return { requests: times.length, used, maxWindow: maxInWindow(times, 1000) }
}

const cost = async (redisUrl: string, calls: number) => {
  const fake = FakeQuantive.make({ users: 5 })
  const server = await FakeQuantive.listen(fake)
  const stats = new Redis(redisUrl)
  const commands = async () => Number(/total_commands_processed:(\d+)/.exec(await stats.info("stats"))![1])
  const measure = async (redis: boolean, paced: boolean) => {
    const target: Target = {
      baseUrl: server.baseUrl,
      token: fake.token,
      accountId: fake.accountId,
      redisUrl: redis ? redisUrl : undefined,
      // Pacing far above what one sequential caller reaches: it costs its round-trip and never waits.
      rate: paced ? 1_000_000 : undefined,
    }
    return Effect.gen(function* () {
      const accounts = yield* Accounts
      for (let i = 0; i < 100; i++) yield* accounts.get(fake.accountId)
      const before = yield* Effect.promise(commands)
      const start = performance.now()
      for (let i = 0; i < calls; i++) yield* accounts.get(fake.accountId)
      const millis = (performance.now() - start) / calls
      // One INFO command of ours is counted in the difference.
      const perCall = ((yield* Effect.promise(commands)) - before - 1) / calls
      return { millis, perCall }
    }).pipe(Effect.provide(live(target)), Effect.runPromise)
  }
  const rows = []
  for (const paced of [false, true]) {
    const local = await measure(false, paced)
    const shared = await measure(true, paced)
    rows.push({ paced, local, shared })
  }
  stats.disconnect()
  await server.close()
  return rows
}

const main = async () => {
  const options = {
    workers: arg("workers", 4),
    concurrency: arg("concurrency", 8),
    rate: arg("rate", 100),
    seconds: arg("seconds", 5),
  }
  const calls = arg("calls", 1000)
  const redis = await startRedis()
  try {
    const budget = await budgetUse(redis.url, options)
    console.log(
      `budget: ${options.workers} workers × concurrency ${options.concurrency}, ${options.rate} requests/s shared, ` +
        `${options.seconds} s`,
    )
    console.log(
      `  used ${(budget.used * 100).toFixed(1)}% of the budget after warm-up (target ≥ 90%); at most ` +
        `${budget.maxWindow} requests in any one-second window (budget ${options.rate}); ${budget.requests} requests`,
    )
    console.log(`cost per call, ${calls} sequential calls on loopback:`)
    for (const row of await cost(redis.url, calls)) {
      console.log(
        `  ${row.paced ? "pause + budget" : "pause only    "}: in-process ${row.local.millis.toFixed(3)} ms, Redis ` +
          `${row.shared.millis.toFixed(3)} ms (×${(row.shared.millis / row.local.millis).toFixed(2)}, ` +
          `+${(row.shared.millis - row.local.millis).toFixed(3)} ms), ${row.paced ? 2 : 1} round-trip(s) and ` +
          `${row.shared.perCall.toFixed(2)} Redis commands per call (those inside the budget's script included)`,
      )
    }
  } finally {
    await redis.close()
  }
}

if (process.argv[2] === "worker") {
  process.once("message", (target) => {
    worker(target as Target & { concurrency: number }).then(
      () => process.exit(0),
      (error) => {
        console.error(error)
        process.exit(1)
      },
    )
  })
  process.send?.("forked")
} else {
  main().then(() => process.exit(0), (error) => {
    console.error(error)
    process.exit(1)
  })
}
