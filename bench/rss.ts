/**
 * One export in a fresh process, for the memory figure: `node dist/bench/rss.js <raw|stream> <root> <concurrency>`
 * (or `deno run -A bench/rss.ts …`). Prints `RSS {"growth":…,"items":…}`: the peak RSS growth over the export, in
 * bytes, from the RSS once everything is loaded and the client built.
 */
import { FetchHttpClient } from "@effect/platform"
import { rssSampler } from "./harness.ts"
import { clientRuntime, rawLoop, typedStream } from "./variants.ts"

const [variant, root, concurrency] = process.argv.slice(2)
const c = Number(concurrency ?? 4)
const runtime = clientRuntime(root!, FetchHttpClient.layer)
const run = variant === "raw" ? rawLoop(root!, c) : typedStream(runtime, c)
await runtime.runtime()
const base = process.memoryUsage.rss()
const sampler = rssSampler(5)
const items = await run()
const peak = sampler.stop()
await runtime.dispose()
console.log(`RSS ${JSON.stringify({ growth: peak - base, base, items })}`)
process.exit(0)
