/**
 * The Effect 4 line's bench processes: its variant workers and memory runs, run from this folder's sources with the
 * runtime running the bench: Node 22, or Deno with `deno.bench.json`, an import map naming effect4/node_modules's
 * `effect` files (under `deno run`, `effect` would resolve to the repository's own node_modules: Effect 3).
 */
import { spawn } from "node:child_process"
import { dirname, resolve } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { interleaved, type Sample, type Timed } from "../../bench/harness.ts"

export const isDeno = typeof (globalThis as { Deno?: unknown }).Deno === "object"
const here = dirname(fileURLToPath(import.meta.url))
/** The repository, where the processes run. */
const cwd = resolve(here, "../..")

export const log = (line: string) => process.stderr.write(`${line}\n`)

/** Node 22 runs the sources as they are (the core has parameter properties, which need more than stripping). */
const NODE_FLAGS = ["--disable-warning=ExperimentalWarning", "--experimental-transform-types"]

/** A bench script of this folder as a command of the runtime running this one. */
export const script = (name: string, args: ReadonlyArray<string>): [string, Array<string>] =>
  isDeno
    ? [process.execPath, [
      "run",
      "-A",
      "--config",
      resolve(here, "deno.bench.json"),
      resolve(here, `${name}.ts`),
      ...args,
    ]]
    : [process.execPath, [...NODE_FLAGS, resolve(here, `${name}.ts`), ...args]]

/** Runs a script to its end and answers the first stdout line starting with `prefix` (the rest of it). */
export const runFor = (name: string, args: ReadonlyArray<string>, prefix: string) =>
  new Promise<string>((done, fail) => {
    const [command, argv] = script(name, args)
    const child = spawn(command, argv, { cwd, stdio: ["ignore", "pipe", "inherit"], env: process.env })
    let value: string | undefined
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (value === undefined && line.startsWith(prefix)) value = line.slice(prefix.length)
      else log(line)
    })
    child.on("error", fail)
    child.on(
      "exit",
      (code) => value === undefined ? fail(new Error(`${name} ${args.join(" ")} exited with ${code}`)) : done(value),
    )
  })

interface Worker {
  readonly run: () => Promise<Timed>
  readonly kill: () => void
}

const startWorker = (args: ReadonlyArray<string>): Promise<Worker> =>
  new Promise((ready, fail) => {
    const [command, argv] = script("variantWorker", args)
    const child = spawn(command, argv, { cwd, stdio: ["pipe", "pipe", "inherit"], env: process.env })
    const waiting: Array<{ done: (t: Timed) => void; fail: (e: Error) => void }> = []
    let started = false
    const worker: Worker = {
      run: () =>
        new Promise<Timed>((done, failRun) => {
          waiting.push({ done, fail: failRun })
          child.stdin.write("run\n")
        }),
      kill: () => {
        child.stdin.end()
        child.kill()
      },
    }
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line === "READY") {
        started = true
        ready(worker)
      } else if (line.startsWith("DONE ")) waiting.shift()?.done(JSON.parse(line.slice(5)) as Timed)
      else log(line)
    })
    child.on("error", fail)
    child.on("exit", (code) => {
      const error = new Error(`variant worker ${args.join(" ")} exited with ${code}`)
      if (!started) fail(error)
      for (const w of waiting.splice(0)) w.fail(error)
    })
  })

/** Runs variants interleaved, each in a worker process of its own (the Effect 3 bench's `inWorkers`). */
export const inWorkers = async (
  variants: ReadonlyArray<readonly [name: string, args: ReadonlyArray<string>]>,
  rounds: number,
  requests: () => Promise<number>,
): Promise<Array<Sample>> => {
  const workers: Array<Worker> = []
  try {
    for (const [, args] of variants) workers.push(await startWorker(args))
    return await interleaved(variants.map(([name], i) => [name, workers[i]!.run] as const), rounds, requests)
  } finally {
    for (const worker of workers) worker.kill()
  }
}
