/**
 * A CPU profile of one small call: `node --cpu-prof dist/bench/profile.js <variant> [calls]` runs `calls` sequential
 * calls against the bench's static server (in its own process), after as many to warm up, and prints the time per
 * call (wall time, and this process's CPU time, which the other processes of a busy machine disturb less). Variants: `fetch` and `lean` (`Accounts.get` over `FetchHttpClient.layer`, over `QuantiveFetch.layer`),
 * `http-fetch` and `http-lean` (`HttpClient.get` + `response.json` over each: the transport alone), `raw` (`fetch`). With `--cpu-prof`,
 * `summarize` (`node dist/bench/profile.js --summary <file.cpuprofile>`) answers the functions with the most self time.
 */
import { FetchHttpClient } from "@effect/platform"
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import * as QuantiveFetch from "./leanTransport.ts"
import { here, spawnFor } from "./processes.ts"
import { accountsGet, clientRuntime, plainAccountGet, rawAccountGet, rootOf } from "./variants.ts"

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
  readonly children?: ReadonlyArray<number>
}

/** Self time by function (name, file, line), the largest first, as percentages of the samples. */
const summarize = (file: string, top = 40) => {
  const profile = JSON.parse(readFileSync(file, "utf8")) as {
    nodes: ReadonlyArray<ProfileNode>
    samples: ReadonlyArray<number>
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map<string, number>()
  for (const id of profile.samples) {
    const frame = byId.get(id)!.callFrame
    const where = frame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/dist\//, "")
    const key = `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + 1)
  }
  const total = profile.samples.length
  for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * n) / total).toFixed(1).padStart(5)}%  ${key}`)
  }
}

const main = async () => {
  const [variant = "fetch", callsArg = "5000"] = process.argv.slice(2)
  if (variant === "--summary") return summarize(callsArg)
  const calls = Number(callsArg)
  process.env.BENCH_SERVER_USERS = "1"
  const server = await spawnFor(process.execPath, [resolve(here, "staticServer.js")], "READY ", true)
  const root = rootOf(`http://127.0.0.1:${server.value}`, 1, 0)
  const runtime = clientRuntime(root, variant.endsWith("lean") ? QuantiveFetch.layer : FetchHttpClient.layer)
  try {
    const run = variant === "raw"
      ? rawAccountGet(root, calls)
      : variant.startsWith("http-")
      ? plainAccountGet(runtime, root, calls)
      : accountsGet(runtime, calls)
    await run()
    const start = performance.now()
    const cpu = process.cpuUsage()
    await run()
    const used = process.cpuUsage(cpu)
    console.log(
      `${variant}: ${((performance.now() - start) / calls).toFixed(3)} ms per call, ${
        ((used.user + used.system) / 1000 / calls).toFixed(3)
      } ms of this process's CPU per call`,
    )
  } finally {
    await runtime.dispose()
    server.kill()
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
