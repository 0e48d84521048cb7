/**
 * The Effect 4 line's figures for `npm run bench`, on the static server the bench started: `node effect4/bench/main.ts
 * <origin>` on Node 22, `deno run -A --config effect4/bench/deno.bench.json effect4/bench/main.ts <origin>` on Deno;
 * prints `ROWS [...]` (the rows of the bench's table). The same method and knobs as the Effect 3 line's figures
 * (`bench/main.ts`): each variant in a worker process of its own against its baseline, interleaved, medians of
 * `BENCH_ROUNDS`; the export against a raw `fetch` loop, the projected export and the small call against a minimal
 * Effect 4 program over the same `FetchHttpClient`, decoding against `JSON.parse`, and the peak RSS growth of a 100k
 * export against the raw loop's, each in a fresh process.
 */
import { Result, Schema } from "effect"
import { describe, ratio, record, requestCounter, ROUNDS, RSS_RUNS, runs } from "../../bench/figure.ts"
import { mb, median, type Row } from "../../bench/harness.ts"
import { rootOf } from "../../bench/raw.ts"
import { compile } from "../lib/internal/decoder.ts"
import { User } from "../lib/User.ts"
import { inWorkers, isDeno, log, runFor } from "./workers.ts"

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const USERS = env("BENCH_USERS", 10_000)
const BIG = env("BENCH_BIG_USERS", 100_000)
const CALLS = env("BENCH_CALLS", 200)

const RUNTIME = `Effect 4 ${isDeno ? "Deno" : `Node ${process.versions.node.split(".")[0]}`}`
const LAYER = `${RUNTIME} fetch`

const workerArgs = (variant: string, root: string, concurrency: number, fields = false) => [
  "fetch",
  variant,
  root,
  String(concurrency),
  fields ? "1" : "0",
  String(CALLS),
]

/** The export (full, and projected) at c=1 and c=4, and the small call. */
const timedFigures = async (origin: string, rows: Array<Row>) => {
  const requests = requestCounter(origin)
  const root = rootOf(origin, USERS, 0)
  for (const c of runs("throughput") ? [1, 4] : []) {
    log(`${LAYER}: ${USERS} users, concurrency ${c}, typed vs raw fetch (and, for scale, a minimal Effect loop)`)
    const [raw, typed, minimal] = await inWorkers(
      [["raw fetch", workerArgs("raw", root, c)], ["Users.stream", workerArgs("typed", root, c)], [
        "Effect loop",
        workerArgs("effect", root, c),
      ]],
      ROUNDS,
      requests,
    )
    record(rows, {
      runtime: LAYER,
      figure: `${USERS / 1000}k users, full, c=${c}: Users.stream / raw fetch+JSON.parse`,
      ratio: ratio(typed!, raw!),
      goal: 1.3,
      measured: `${typed!.medianMs.toFixed(0)} vs ${raw!.medianMs.toFixed(0)} ms`,
      detail: `${describe(typed!)}; ${describe(raw!)}; for scale, a minimal Effect loop (no decoding) ${
        ratio(minimal!, raw!).toFixed(2)
      }x raw`,
    })
  }
  for (const c of runs("throughput") ? [1, 4] : []) {
    log(`${LAYER}: ${USERS} users, fields [email, firstName], concurrency ${c}`)
    const [minimal, typed, raw] = await inWorkers(
      [["Effect loop", workerArgs("effect", root, c, true)], ["Users.stream", workerArgs("typed", root, c, true)], [
        "raw fetch",
        workerArgs("raw", root, c, true),
      ]],
      ROUNDS,
      requests,
    )
    record(rows, {
      runtime: LAYER,
      figure: `${USERS / 1000}k users, fields, c=${c}: Users.stream / minimal Effect loop`,
      ratio: ratio(typed!, minimal!),
      goal: 1.3,
      measured: `${typed!.medianMs.toFixed(0)} vs ${minimal!.medianMs.toFixed(0)} ms`,
      detail: `${describe(typed!)}; ${describe(minimal!)}; ${ratio(typed!, raw!).toFixed(2)}x raw fetch`,
    })
  }
  if (runs("small")) {
    log(`${LAYER}: ${CALLS} calls, Accounts.get vs a minimal Effect call`)
    const small = rootOf(origin, 1, 0)
    const [minimal, typed, raw] = await inWorkers(
      [["HttpClient.get+schemaBodyJson", workerArgs("minimalGet", small, 1)], [
        "Accounts.get",
        workerArgs("get", small, 1),
      ], ["raw fetch", workerArgs("rawGet", small, 1)]],
      ROUNDS,
      requests,
    )
    const perCall = (ms: number) => (ms / CALLS).toFixed(3)
    record(rows, {
      runtime: LAYER,
      figure: `one small call (Accounts.get) / minimal Effect call`,
      ratio: ratio(typed!, minimal!),
      goal: 1.15,
      measured: `${perCall(typed!.medianMs)} vs ${perCall(minimal!.medianMs)} ms per call`,
      detail: `${CALLS} sequential calls per run; ${typed!.requests} and ${minimal!.requests} requests; raw fetch ${
        perCall(raw!.medianMs)
      } ms per call (Accounts.get ${ratio(typed!, raw!).toFixed(2)}x it)`,
    })
  }
}

/** Peak RSS growth of a 100k export at concurrency 4, each run in a fresh process. */
const memoryFigure = async (origin: string): Promise<Row> => {
  const root = rootOf(origin, BIG, 0)
  const growth = { raw: [] as Array<number>, stream: [] as Array<number> }
  let items = 0
  for (let run = 0; run < RSS_RUNS; run++) {
    for (const variant of ["raw", "stream"] as const) {
      log(`${RUNTIME}: ${BIG} users in a fresh process (${variant}), run ${run + 1} of ${RSS_RUNS}`)
      const result = JSON.parse(await runFor("rss", [variant, root, "4"], "RSS ")) as { growth: number; items: number }
      growth[variant].push(result.growth)
      items = result.items
    }
  }
  const stream = median(growth.stream)
  const raw = median(growth.raw)
  return {
    runtime: LAYER,
    figure: `${BIG / 1000}k users streamed, c=4: peak RSS growth / raw loop's`,
    ratio: stream / raw,
    goal: 1.5,
    measured: `${mb(stream)} vs ${mb(raw)}`,
    detail: `median of ${RSS_RUNS} fresh process(es) each; ${items} users`,
  }
}

/** Decoding one full user (as the pipeline does) against `JSON.parse` of its text; Schema's decoders for scale. */
const decodeFigure = async (origin: string): Promise<Row> => {
  const text = await (await fetch(`${rootOf(origin, USERS, 0)}/v2/users?skip=0&take=1`)).text()
  const json = JSON.stringify((JSON.parse(text) as { items: Array<unknown> }).items[0])
  const value = JSON.parse(json) as unknown
  const decoder = compile(User)
  if (Result.isFailure(decoder.decode(value, "strict"))) throw new Error("the bench's user does not decode")
  const schemaDecode = Schema.decodeUnknownSync(User)
  const times = (f: () => unknown) => {
    const n = 2000
    const samples: Array<number> = []
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now()
      for (let i = 0; i < n; i++) f()
      samples.push((performance.now() - start) / n)
    }
    return median(samples)
  }
  // Schema's interpreted decoder runs last: run just before, it leaves Effect's shared Schema code with feedback from
  // another shape, and the JIT-compiled fast path then measured 0.33-0.84x for a few thousand calls (0.10x alone; both
  // 3.7 us over 200,000 calls). A program decoding users through the client does not run it between calls.
  times(() => decoder.decode(value, "strict"))
  const parse = times(() => JSON.parse(json))
  const compiled = times(() => decoder.decode(value, "strict"))
  times(() => schemaDecode(value))
  const schema = times(() => schemaDecode(value))
  return {
    runtime: RUNTIME,
    figure: `decode one full user / JSON.parse of it`,
    ratio: compiled / parse,
    goal: 0.2,
    measured: `${(compiled * 1000).toFixed(1)} vs ${(parse * 1000).toFixed(1)} us`,
    detail: `${json.length} bytes; the client's decoder (strict); Schema.decodeUnknownSync ${
      (schema / parse).toFixed(2)
    }x`,
  }
}

const origin = process.argv[2]
if (origin === undefined) throw new Error("usage: effect4/bench/main.ts <origin of the bench's static server>")
const rows: Array<Row> = []
await timedFigures(origin, rows)
if (runs("memory")) record(rows, await memoryFigure(origin))
if (runs("decode")) record(rows, await decodeFigure(origin))
console.log(`ROWS ${JSON.stringify(rows)}`)
process.exit(0)
