/**
 * One variant of a timed figure of the Effect 4 line in a process of its own (the protocol of the Effect 3 bench's
 * `bench/variantWorker.ts`): `node effect4/bench/variantWorker.ts fetch <variant> <root> <concurrency> <fields 0|1>
 * <calls>` on Node 22 (or `deno run -A --config effect4/bench/deno.bench.json …`), over Effect 4's
 * `FetchHttpClient.layer`. Variants: `raw`, `rawSame`, `typed`, `effect` (the minimal Effect loop), `get`
 * (`Accounts.get`), `minimalGet`, `rawGet`.
 *
 * Prints `READY` once built and warmed up, then for each `run` line on its standard input: one timed run, and
 * `DONE {"ms":…,"items":…,"rss":…}`. Exits when its standard input closes.
 */
import { FetchHttpClient } from "effect/http"
import { createInterface } from "node:readline"
import { rssSampler } from "../../bench/harness.ts"
import { rawAccountGet, rawLoop, rawSamePages } from "../../bench/raw.ts"
import { accountsGet, clientRuntime, effectLoop, minimalAccountGet, typedStream } from "./variants.ts"

const [, variant, root, concurrency, fields, calls] = process.argv.slice(2)
const c = Number(concurrency ?? 1)
const projected = fields === "1"
const runtime = clientRuntime(root!, FetchHttpClient.layer)
await runtime.context()
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

// Warmed up before the first timed run: at least 3 runs and 2 s (at most 30 runs), so that a small export is timed
// compiled, not while the JIT is still on it.
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
