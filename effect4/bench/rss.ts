/**
 * One export of the Effect 4 line in a fresh process, for the memory figure: `node effect4/bench/rss.ts <raw|stream>
 * <root> <concurrency>` on Node 22 (or under Deno). Prints `RSS {"growth":…,"items":…}`: the peak RSS growth over the
 * export, in bytes, from the RSS once everything is loaded and the client built.
 */
import { FetchHttpClient } from "effect/http"
import { rssSampler } from "../../bench/harness.ts"
import { rawLoop } from "../../bench/raw.ts"
import { clientRuntime, typedStream } from "./variants.ts"

const [variant, root, concurrency] = process.argv.slice(2)
const c = Number(concurrency ?? 4)
const runtime = clientRuntime(root!, FetchHttpClient.layer)
const run = variant === "raw" ? rawLoop(root!, c) : typedStream(runtime, c)
await runtime.context()
const base = process.memoryUsage.rss()
const sampler = rssSampler(5)
const items = await run()
const peak = sampler.stop()
await runtime.dispose()
console.log(`RSS ${JSON.stringify({ growth: peak - base, base, items })}`)
process.exit(0)
