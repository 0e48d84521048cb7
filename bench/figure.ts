/**
 * What every figure of the bench shares: the knobs, recording a row, and running variants interleaved in worker
 * processes of their own.
 */
import { interleaved, mb, type Row, type Sample } from "./harness.ts"
import { isDeno, log, startWorker, type Worker } from "./processes.ts"

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)

/** The knobs (environment variables), read once. */
export const ROUNDS = Math.max(1, env("BENCH_ROUNDS", 7))
export const USERS = env("BENCH_USERS", 10_000)
export const BIG = env("BENCH_BIG_USERS", 100_000)
export const CALLS = env("BENCH_CALLS", 200)
export const LATENCY = env("BENCH_LATENCY", 50)
export const RSS_RUNS = Math.max(1, env("BENCH_RSS_RUNS", 3))
export const CLI_RUNS = Math.max(1, env("BENCH_CLI_RUNS", 15))

/** The figure groups to run (`BENCH_ONLY`, comma-separated; all when unset). */
const ONLY = process.env.BENCH_ONLY?.split(",").map((s) => s.trim()).filter((s) => s !== "")

/**
 * Whether a group of figures runs: `throughput`, `small` (one small call), `latency`, `memory`, `decode`, `cli`.
 */
export const runs = (group: "throughput" | "small" | "latency" | "memory" | "decode" | "cli") =>
  ONLY === undefined || ONLY.length === 0 || ONLY.includes(group)

export const RUNTIME = isDeno ? "Deno" : "Node"

/** Reads and resets the static server's count of API requests. */
export const requestCounter = (origin: string) => async () =>
  ((await (await fetch(`${origin}/__requests`)).json()) as { requests: number }).requests

export const ratio = (a: Sample, b: Sample) => a.medianMs / b.medianMs

export const summary = (row: Row) =>
  `${row.ratio <= row.goal ? "MEETS " : "MISSES"} ${row.runtime}: ${row.figure}: ${
    row.ratio.toFixed(2)
  }x (goal <= ${row.goal}x)`

/** Adds a row, and prints it at once (on stderr), so a run cut short still shows what it measured. */
export const record = (rows: Array<Row>, row: Row) => {
  rows.push(row)
  log(`  ${summary(row)}; ${row.measured}`)
}

export const describe = (s: Sample) =>
  `${s.name} ${s.medianMs.toFixed(1)} ms (${s.items} items, ${s.requests} requests, peak RSS ${mb(s.peakRss)})`

/** A variant as the harness runs it: in a worker process of its own, started on first use. */
export type Variant = readonly [name: string, args: ReadonlyArray<string>]

/**
 * Runs variants interleaved, each in its own worker process (as a user's export job runs alone): on Deno, the typed
 * export measured 1.16–1.21x the raw loop each alone but 1.31–1.51x in one process after it, which is the runtime's
 * heap tuning to the other variant, not the client.
 */
export const inWorkers = async (variants: ReadonlyArray<Variant>, requests: () => Promise<number>) => {
  const workers: Array<Worker> = []
  try {
    for (const [, args] of variants) workers.push(await startWorker(args))
    return await interleaved(variants.map(([name], i) => [name, workers[i]!.run] as const), ROUNDS, requests)
  } finally {
    for (const worker of workers) worker.kill()
  }
}

/** The arguments of a variant worker: `<layer> <variant> <root> <concurrency> <fields 0|1> <calls>`. */
export const workerArgs = (layer: string, variant: string, root: string, concurrency: number, fields = false) => [
  layer,
  variant,
  root,
  String(concurrency),
  fields ? "1" : "0",
  String(CALLS),
]
