/**
 * One variant of a timed figure in a process of its own, as a user's export job runs alone:
 * `node dist/bench/variantWorker.js <fetch|undici|lean> <variant> <root> <concurrency> <fields 0|1> <calls>`
 * (or `deno run -A bench/variantWorker.ts …`). Layers: `FetchHttpClient.layer`, `NodeHttpClient.layerUndici`,
 * `QuantiveFetch.layer`. Variants: `raw`, `rawSame` (the raw loop with the client's request pattern), `typed`,
 * `effect` (the minimal Effect loop), `get` (`Accounts.get`), `minimalGet`, `rawGet` (raw `fetch` of the account).
 *
 * Prints `READY` once built and warmed up, then for each `run` line on its standard input: one timed run, and
 * `DONE {"ms":…,"items":…,"rss":…}` (`rss`: this process's peak so far). Exits when its standard input closes.
 */
import { FetchHttpClient, type HttpClient } from "@effect/platform"
import * as QuantiveFetch from "./leanTransport.ts"
import type { Layer } from "effect"
import { createInterface } from "node:readline"
import { rssSampler } from "./harness.ts"
import {
  accountsGet,
  clientRuntime,
  effectLoop,
  minimalAccountGet,
  rawAccountGet,
  rawLoop,
  rawSamePages,
  typedStream,
} from "./variants.ts"

const [layerName, variant, root, concurrency, fields, calls] = process.argv.slice(2)
const c = Number(concurrency ?? 1)
const projected = fields === "1"
const http: Layer.Layer<HttpClient.HttpClient> = layerName === "undici"
  ? (await import("@effect/platform-node/NodeHttpClient")).layerUndici
  : layerName === "lean"
  ? QuantiveFetch.layer
  : FetchHttpClient.layer
const runtime = clientRuntime(root!, http)
await runtime.runtime()
const runs: Record<string, () => Promise<number>> = {
  raw: rawLoop(root!, c, projected),
  rawSame: rawSamePages(root!, c),
  rawGet: rawAccountGet(root!, Number(calls ?? 200)),
  typed: typedStream(runtime, c, projected),
  effect: effectLoop(runtime, root!, c, projected),
  get: accountsGet(runtime, Number(calls ?? 200)),
  minimalGet: minimalAccountGet(runtime, root!, Number(calls ?? 200)),
}
const run = runs[variant!]
if (run === undefined) throw new Error(`unknown variant ${variant}`)
const sampler = rssSampler(20)

// Warmed up before the first timed run as the in-process bench was by the figures before it: at least 3 runs and 2 s
// (at most 30 runs), so that a small export (100 ms a run) is timed compiled, not while the JIT is still on it.
const warmStart = performance.now()
for (let i = 0; i < 30 && (i < 3 || performance.now() - warmStart < 2000); i++) await run()

console.log("READY")
const lines = createInterface({ input: process.stdin })
for await (const line of lines) {
  if (line !== "run") continue
  const start = performance.now()
  const items = await run()
  const ms = performance.now() - start
  console.log(`DONE ${JSON.stringify({ ms, items, rss: sampler.peak() })}`)
}
sampler.stop()
await runtime.dispose()
process.exit(0)
