/**
 * `npm run bench`: how long streaming 10,000 users from the fake server (over a loopback socket) takes with
 * `Users.stream` at concurrency 1 and 4, against raw `fetch` paging the same server in the same run (same page
 * size, sort and headers; JSON.parse only, no validation, no overlap, no order checks).
 *
 * The fake server runs in this process, so its own work (filtering, sorting and serializing 10,000 users for every
 * page) is inside every figure; the ratios are what the client adds on top of a bare loop. A second run adds 20 ms
 * of server latency per request (`BENCH_LATENCIES=0,20`), as a real API has, where requests in flight overlap.
 */
import { FetchHttpClient } from "@effect/platform"
import { Effect, Layer, Stream } from "effect"
import { Quantive, Users } from "../mod.ts"
import { FakeQuantive } from "../testing.ts"

const USERS = Number(process.env.BENCH_USERS ?? 10_000)
const PAGE = Number(process.env.BENCH_PAGE ?? 100)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
/** Server latencies to run with: none (the fake's own work only), and a simulated network and server time. */
const LATENCIES = (process.env.BENCH_LATENCIES ?? "0,20").split(",").map(Number)

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const time = async (run: () => Promise<number>) => {
  const samples: Array<number> = []
  let count = 0
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now()
    count = await run()
    samples.push(performance.now() - start)
  }
  return { ms: median(samples), count }
}

const main = async () => {
  const fake = FakeQuantive.make({ users: USERS })
  const server = await FakeQuantive.listen(fake)
  const headers = {
    authorization: `Bearer ${fake.token}`,
    "gtmhub-accountid": fake.accountId,
    accept: "application/json",
  }
  const fetchPage = async (skip: number) => {
    const url = `${server.baseUrl}/v2/users?sort=dateCreated,_id&skip=${skip}&take=${PAGE}`
    const response = await fetch(url, { headers })
    return (await response.json()) as { items: Array<{ id: string }>; totalCount: number }
  }
  const rawFetch = (concurrency: number) => async () => {
    const first = await fetchPage(0)
    let count = first.items.length
    const skips: Array<number> = []
    for (let skip = PAGE; skip < first.totalCount; skip += PAGE) skips.push(skip)
    for (let i = 0; i < skips.length; i += concurrency) {
      const pages = await Promise.all(skips.slice(i, i + concurrency).map(fetchPage))
      for (const page of pages) count += page.items.length
    }
    return count
  }
  const live = Quantive.layer({ token: fake.token, accountId: fake.accountId, baseUrl: server.baseUrl }).pipe(
    Layer.provide(FetchHttpClient.layer),
  )
  const stream = (concurrency: number, fields?: ReadonlyArray<"email" | "firstName">) => () =>
    Effect.gen(function* () {
      const users = yield* Users
      return fields === undefined
        ? yield* Stream.runCount(users.stream({ pageSize: PAGE, concurrency }))
        : yield* Stream.runCount(users.stream({ pageSize: PAGE, concurrency, fields }))
    }).pipe(Effect.provide(live), Effect.runPromise)

  console.log(`effect-quantive bench: ${USERS} users, ${PAGE} per page, median of ${ROUNDS} rounds, loopback socket`)
  console.log(
    `runtime: ${typeof (globalThis as { Deno?: unknown }).Deno === "object" ? "Deno" : `Node ${process.version}`}`,
  )
  await rawFetch(1)() // warm-up
  for (const latency of LATENCIES) {
    fake.latencyMillis = latency
    console.log(`server latency ${latency} ms per request:`)
    for (const concurrency of [1, 4]) {
      const raw = await time(rawFetch(concurrency))
      const rows: Array<[string, { ms: number; count: number }]> = [
        [`raw fetch, concurrency ${concurrency}`, raw],
        [`Users.stream, concurrency ${concurrency}`, await time(stream(concurrency))],
        [
          `Users.stream fields [email, firstName], concurrency ${concurrency}`,
          await time(stream(concurrency, ["email", "firstName"])),
        ],
      ]
      for (const [name, { count, ms }] of rows) {
        const ratio = (ms / raw.ms).toFixed(2)
        console.log(`  ${name.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms  ${ratio}x raw fetch  (${count} users)`)
      }
    }
  }
  await server.close()
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
