/**
 * Support for the Redis scenarios: the worker script bundled for plain node (esbuild, repo sources inlined, packages
 * from node_modules), worker processes that speak JSON lines, and counting requests per time window.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type { FakeQuantive } from "../../testing.ts"
import type { WorkerInput } from "./worker.ts"

export { type RedisServer, startRedis } from "../../../bench/redisServer.ts"

export const isDeno = typeof (globalThis as { Deno?: unknown }).Deno === "object"

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, "..", "..")

/**
 * Bundles `worker.ts` into `effect4/node_modules/.cache/` (where node resolves `effect` 4, `ioredis` and the rest from
 * the Effect 4 project's node_modules) and answers its path. One file per test process: test files run in parallel.
 */
export const buildWorker = async (): Promise<string> => {
  const { build } = await import("esbuild")
  const outfile = join(root, "node_modules", ".cache", "effect-quantive-redis", `worker-${process.pid}.mjs`)
  mkdirSync(dirname(outfile), { recursive: true })
  await build({
    entryPoints: [join(here, "worker.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    packages: "external",
    logLevel: "error",
  })
  return outfile
}

/** A line a worker printed: an event, or a log entry (Effect's JSON logger). */
export type WorkerLine =
  | { readonly event: "ready" | "done" }
  | { readonly event: "export"; readonly ids: ReadonlyArray<string> }
  | { readonly event: "error"; readonly cause: string }
  | { readonly log: { readonly message: unknown; readonly logLevel: string } }

export interface Worker {
  readonly lines: Array<WorkerLine>
  readonly stderr: () => string
  readonly ready: Promise<void>
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>
  readonly send: (line: "go" | "stop") => void
  readonly kill: () => void
}

const running = new Set<ChildProcess>()

/** Starts a worker process on the bundled script. */
export const spawnWorker = (script: string, input: WorkerInput): Worker => {
  const child = spawn(process.execPath, [script, JSON.stringify(input)], {
    cwd: root,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  })
  running.add(child)
  const lines: Array<WorkerLine> = []
  let stderr = ""
  let buffer = ""
  let onReady: () => void = () => {}
  let onFail: (error: Error) => void = () => {}
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve
    onFail = reject
  })
  child.stdout!.on("data", (data: Buffer) => {
    buffer += data.toString("utf8")
    let newline: number
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const text = buffer.slice(0, newline)
      buffer = buffer.slice(newline + 1)
      if (text.trim() === "") continue
      const line = JSON.parse(text) as WorkerLine
      lines.push(line)
      if ("event" in line && line.event === "ready") onReady()
    }
  })
  child.stderr!.on("data", (data: Buffer) => (stderr += data.toString("utf8")))
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      running.delete(child)
      onFail(new Error(`worker exited (${code}) before it was ready: ${stderr}`))
      resolve(code)
    })
  })
  return {
    lines,
    stderr: () => stderr,
    ready,
    exited,
    send: (line) => {
      child.stdin!.write(`${line}\n`)
    },
    kill: () => {
      child.kill("SIGKILL")
    },
  }
}

/** Kills every worker still running (after a failed test). */
export const killWorkers = (): void => {
  for (const child of running) child.kill("SIGKILL")
  running.clear()
}

/** Starts the workers, waits until all are ready, then lets them go together (unless `go: false`). */
export const startTogether = async (
  script: string,
  inputs: ReadonlyArray<WorkerInput>,
  options: { readonly go?: boolean } = {},
): Promise<Array<Worker>> => {
  const workers = inputs.map((input) => spawnWorker(script, input))
  await Promise.all(workers.map((worker) => worker.ready))
  if (options.go !== false) { for (const worker of workers) worker.send("go") }
  return workers
}

/** Waits until every worker has exited; fails with the stderr of one that did not exit 0. */
export const allExited = async (workers: ReadonlyArray<Worker>): Promise<void> => {
  const codes = await Promise.all(workers.map((worker) => worker.exited))
  codes.forEach((code, i) => {
    if (code !== 0) {
      const error = workers[i]!.lines.find((line) => "event" in line && line.event === "error")
      throw new Error(`worker ${i} exited with ${code}: ${JSON.stringify(error)} ${workers[i]!.stderr()}`)
    }
  })
}

/** The exports a worker reported. */
export const exportsOf = (worker: Worker): Array<ReadonlyArray<string>> =>
  worker.lines.flatMap((line) => "event" in line && line.event === "export" ? [line.ids] : [])

/** The messages a worker logged at a level. */
export const logsOf = (worker: Worker, level: string): Array<string> =>
  worker.lines.flatMap((line) =>
    "log" in line && line.log.logLevel === level ? [String(([] as Array<unknown>).concat(line.log.message)[0])] : []
  )

/** Arrival times (ms) of the user-list requests the fake received, sorted. */
export const listArrivals = (fake: FakeQuantive.FakeQuantive, take?: number): Array<number> =>
  fake.requests
    .filter((r) => r.path === "/v2/users" && (take === undefined || r.query["take"] === String(take)))
    .map((r) => r.at)
    .sort((a, b) => a - b)

/** The most arrivals in any half-open window `[t, t + windowMillis)`. */
export const maxInWindow = (times: ReadonlyArray<number>, windowMillis: number): number => {
  let best = 0
  let start = 0
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMillis) start++
    best = Math.max(best, end - start + 1)
  }
  return best
}

/** Requests per second over a run: (n − 1) intervals between the first and the last arrival. */
export const meanRate = (times: ReadonlyArray<number>): number =>
  times.length < 2 ? 0 : ((times.length - 1) * 1000) / (times[times.length - 1]! - times[0]!)

export const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis))
