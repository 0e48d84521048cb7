/**
 * The bench's child processes: the static server, the memory runs, and the variant workers (each timed variant in a
 * process of its own, driven one run at a time so that variants stay interleaved).
 */
import { spawn } from "node:child_process"
import { dirname, resolve } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import type { Timed } from "./harness.ts"

export const isDeno = typeof (globalThis as { Deno?: unknown }).Deno === "object"
/** This file's folder: `bench/` under Deno (source), `dist/bench/` under Node. */
export const here = dirname(fileURLToPath(import.meta.url))
/** The repository. */
export const repo = isDeno ? resolve(here, "..") : resolve(here, "../..")

export const log = (line: string) => process.stderr.write(`${line}\n`)

/**
 * Spawns a process (in the repository, or in `cwd`) and answers the first stdout line starting with `prefix` (the
 * rest of it).
 */
export const spawnFor = (command: string, args: ReadonlyArray<string>, prefix: string, keep = false, cwd = repo) =>
  new Promise<{ readonly value: string; readonly kill: () => void }>((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ["pipe", "pipe", "inherit"], env: process.env })
    const kill = () => {
      child.stdin.end()
      child.kill()
    }
    let found = false
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (!found && line.startsWith(prefix)) {
        found = true
        done({ value: line.slice(prefix.length), kill })
        if (!keep) child.stdin.end()
      } else if (!line.startsWith(prefix)) log(line)
    })
    child.on("error", fail)
    child.on("exit", (code) => {
      if (!found) fail(new Error(`${command} ${args.join(" ")} exited with ${code} before printing ${prefix}`))
    })
  })

/** A bench script of this folder as a command: Deno runs the source, Node the compiled file. */
export const script = (name: string, args: ReadonlyArray<string>): [string, Array<string>] =>
  isDeno
    ? [process.execPath, ["run", "-A", `bench/${name}.ts`, ...args]]
    : [process.execPath, [resolve(here, `${name}.js`), ...args]]

/** A variant worker (`variantWorker.ts`), started and built; `run` times one run in it. */
export interface Worker {
  readonly run: () => Promise<Timed>
  readonly kill: () => void
}

export const startWorker = (args: ReadonlyArray<string>): Promise<Worker> =>
  new Promise((ready, fail) => {
    const [command, argv] = script("variantWorker", args)
    const child = spawn(command, argv, { cwd: repo, stdio: ["pipe", "pipe", "inherit"], env: process.env })
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
