/**
 * `npm run bench`: the client's figures as ratios, measured as a new user would. A static server in its own
 * process (`staticServer.ts`: pre-serialized realistic users, `skip`/`take`/`fields`, the account, an optional delay)
 * so the server costs nearly nothing; each variant against its baseline, interleaved, median of `BENCH_ROUNDS`;
 * request counts and peak RSS shown. On Node (fetch layer, and the undici layer where `@effect/platform-node` is
 * installed, and one small call over the lean `QuantiveFetch.layer`), then on Deno (`deno run -A bench/main.ts
 * --worker <origin>`, same server); last, the CLI's start-up (`cliStart.ts`).
 *
 * Knobs: BENCH_ROUNDS (7), BENCH_USERS (10000), BENCH_BIG_USERS (100000), BENCH_CALLS (200), BENCH_LATENCY (50),
 * BENCH_RSS_RUNS (3), BENCH_CLI_RUNS (15), BENCH_DENO (1; 0 skips Deno), BENCH_UNDICI (1; 0 skips the undici layer),
 * BENCH_ONLY (groups to run, comma-separated: throughput, small, latency, memory, decode, cli; all when unset),
 * BENCH_LINES (the lines measured, comma-separated: 3, 4; both when unset).
 *
 * The Effect 4 line's figures (`effect4/bench/main.ts`) follow, against the same server: on Node 22
 * (`effect4/node_modules/.bin/node`) and on Deno (with `effect4/bench/deno.bench.json`), where effect4/node_modules exists.
 */
import { Either, Schema } from "effect"
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { resolve } from "node:path"
import { compile } from "../lib/internal/decoder.ts"
import { User } from "../mod.ts"
import { CLI_BUNDLE, cliStartFigure } from "./cliStart.ts"
import {
  BIG,
  CALLS,
  describe,
  inWorkers,
  LATENCY,
  ratio,
  record,
  requestCounter,
  ROUNDS,
  RSS_RUNS,
  runs,
  RUNTIME,
  summary,
  USERS,
  workerArgs,
} from "./figure.ts"
import { mb, median, printTable, type Row } from "./harness.ts"
import { here, isDeno, log, repo, script, spawnFor } from "./processes.ts"
import { smallCallFigures } from "./smallCall.ts"
import { PAGE, rootOf } from "./variants.ts"

/** Figures 1 to 4 over one `HttpClient` layer (`fetch` or `undici`). */
const layerFigures = async (origin: string, layer: "fetch" | "undici") => {
  const rows: Array<Row> = []
  const requests = requestCounter(origin)
  const root = rootOf(origin, USERS, 0)
  const rt = `${RUNTIME} ${layer}`
  const args = (variant: string, c: number, fields = false, at = root) => workerArgs(layer, variant, at, c, fields)
  for (const c of runs("throughput") ? [1, 4] : []) {
    log(`${rt}: ${USERS} users, concurrency ${c}, typed vs raw fetch (and, for scale, a minimal Effect loop)`)
    const [raw, typed, minimal] = await inWorkers(
      [[`raw fetch`, args("raw", c)], [`Users.stream`, args("typed", c)], [`Effect loop`, args("effect", c)]],
      requests,
    )
    record(rows, {
      runtime: rt,
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
    log(`${rt}: ${USERS} users, fields [email, firstName], concurrency ${c}`)
    const [minimal, typed, raw] = await inWorkers(
      [[`Effect loop`, args("effect", c, true)], [`Users.stream`, args("typed", c, true)], [
        `raw fetch`,
        args("raw", c, true),
      ]],
      requests,
    )
    record(rows, {
      runtime: rt,
      figure: `${USERS / 1000}k users, fields, c=${c}: Users.stream / minimal Effect loop`,
      ratio: ratio(typed!, minimal!),
      goal: 1.3,
      measured: `${typed!.medianMs.toFixed(0)} vs ${minimal!.medianMs.toFixed(0)} ms`,
      detail: `${describe(typed!)}; ${describe(minimal!)}; ${ratio(typed!, raw!).toFixed(2)}x raw fetch`,
    })
  }
  if (runs("small")) {
    log(`${rt}: ${CALLS} calls, Accounts.get vs a minimal Effect call`)
    const [minimal, typed] = await inWorkers(
      [[`HttpClient.get+schemaBodyJson`, args("minimalGet", 1)], [`Accounts.get`, args("get", 1)]],
      requests,
    )
    record(rows, {
      runtime: rt,
      figure: `one small call (Accounts.get) / minimal Effect call`,
      ratio: ratio(typed!, minimal!),
      goal: 1.15,
      measured: `${(typed!.medianMs / CALLS).toFixed(3)} vs ${(minimal!.medianMs / CALLS).toFixed(3)} ms per call`,
      detail: `${CALLS} sequential calls per run; ${typed!.requests} and ${minimal!.requests} requests`,
    })
  }
  if (runs("latency")) rows.push(...(await latencyFigure(origin, layer)))
  return rows
}

/**
 * A 10k export at concurrency 4 with `BENCH_LATENCY` ms per request, against a raw `fetch` loop making the same
 * requests (the same pages, overlapping by one, at most 4 in flight) at the same latency.
 */
const latencyFigure = async (origin: string, layer: "fetch" | "undici"): Promise<Array<Row>> => {
  const rows: Array<Row> = []
  const rt = `${RUNTIME} ${layer}`
  log(`${rt}: ${USERS} users, concurrency 4, ${LATENCY} ms per request, against a raw loop of the same requests`)
  const slow = rootOf(origin, USERS, LATENCY)
  const [sameRaw, latent] = await inWorkers(
    [[`raw fetch, same pages`, workerArgs(layer, "rawSame", slow, 4)], [
      `Users.stream`,
      workerArgs(layer, "typed", slow, 4),
    ]],
    requestCounter(origin),
  )
  // The client's requests (the first page alone, then the rest 4 at a time) if they cost only their latency.
  const rounds = 1 + Math.ceil((latent!.requests - 1) / 4)
  record(rows, {
    runtime: rt,
    figure: `${USERS / 1000}k users, c=4, ${LATENCY} ms latency: Users.stream / raw fetch, same pages`,
    ratio: ratio(latent!, sameRaw!),
    goal: 1.1,
    measured: `${latent!.medianMs.toFixed(0)} vs ${sameRaw!.medianMs.toFixed(0)} ms`,
    detail: `${describe(latent!)}; ${describe(sameRaw!)}; latency alone (${rounds} rounds x ${LATENCY} ms) ${
      rounds * LATENCY
    } ms: Users.stream ${(latent!.medianMs / (rounds * LATENCY)).toFixed(2)}x it, raw ${
      (sameRaw!.medianMs / (rounds * LATENCY)).toFixed(2)
    }x it`,
  })
  return rows
}

/** Figure 5: peak RSS growth of a 100k export at concurrency 4, each run in a fresh process. */
const memoryFigure = async (origin: string): Promise<Row> => {
  const root = rootOf(origin, BIG, 0)
  const child = (variant: string) => {
    const [command, argv] = script("rss", [variant, root, "4"])
    return spawnFor(command, argv, "RSS ")
  }
  const growth = { raw: [] as Array<number>, stream: [] as Array<number> }
  let items = 0
  for (let run = 0; run < RSS_RUNS; run++) {
    for (const variant of ["raw", "stream"] as const) {
      log(`${RUNTIME}: ${BIG} users in a fresh process (${variant}), run ${run + 1} of ${RSS_RUNS}`)
      const result = JSON.parse((await child(variant)).value) as { growth: number; items: number }
      growth[variant].push(result.growth)
      items = result.items
    }
  }
  const stream = median(growth.stream)
  const raw = median(growth.raw)
  return {
    runtime: `${RUNTIME} fetch`,
    figure: `${BIG / 1000}k users streamed, c=4: peak RSS growth / raw loop's`,
    ratio: stream / raw,
    goal: 1.5,
    measured: `${mb(stream)} vs ${mb(raw)}`,
    detail: `median of ${RSS_RUNS} fresh process(es) each; ${items} users`,
  }
}

/** Figure 6: decoding one full user (as the pipeline does) against `JSON.parse` of its text. */
const decodeFigure = async (origin: string): Promise<Row> => {
  const text = await (await fetch(`${rootOf(origin, USERS, 0)}/v2/users?skip=0&take=1`)).text()
  const json = JSON.stringify((JSON.parse(text) as { items: Array<unknown> }).items[0])
  const value = JSON.parse(json) as unknown
  const decoder = compile(User)
  if (Either.isLeft(decoder.decode(value, "strict"))) throw new Error("the bench's user does not decode")
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
  times(() => decoder.decode(value, "strict"))
  const parse = times(() => JSON.parse(json))
  const compiled = times(() => decoder.decode(value, "strict"))
  const schema = times(() => schemaDecode(value))
  return {
    runtime: RUNTIME,
    figure: `decode one full user / JSON.parse of it`,
    ratio: compiled / parse,
    goal: 0.5,
    measured: `${(compiled * 1000).toFixed(1)} vs ${(parse * 1000).toFixed(1)} us`,
    detail: `${json.length} bytes; compiled decoder (strict); Schema.decodeUnknownSync ${(schema / parse).toFixed(2)}x`,
  }
}

/** Every figure on this runtime. */
const figures = async (origin: string): Promise<Array<Row>> => {
  const rows = await layerFigures(origin, "fetch")
  if (runs("small")) rows.push(...(await smallCallFigures(origin)))
  if (!isDeno && process.env.BENCH_UNDICI !== "0") {
    const undici = await import("@effect/platform-node/NodeHttpClient").catch(() => undefined)
    if (undici === undefined) log("@effect/platform-node is not installed: no undici figures")
    else rows.push(...(await layerFigures(origin, "undici")))
  }
  if (runs("memory")) record(rows, await memoryFigure(origin))
  if (runs("decode")) record(rows, await decodeFigure(origin))
  return rows
}

/** The lines measured (`BENCH_LINES`). */
const lines = (process.env.BENCH_LINES ?? "3,4").split(",").map((s) => s.trim())

const main = async () => {
  const args = process.argv.slice(2)
  if (args[0] === "--worker") {
    const rows = await figures(args[1]!)
    console.log(`ROWS ${JSON.stringify(rows)}`)
    return
  }
  const started = performance.now()
  log(`starting the static server (${Math.max(USERS, BIG)} seeded users, in its own process)`)
  process.env.BENCH_SERVER_USERS = String(Math.max(USERS, BIG))
  const server = await spawnFor(process.execPath, [resolve(here, "staticServer.js")], "READY ", true)
  const origin = `http://127.0.0.1:${server.value}`
  try {
    const rows: Array<Row> = []
    const deno = resolve(repo, "node_modules/.bin/deno")
    const withDeno = process.env.BENCH_DENO !== "0" && existsSync(deno)
    if (lines.includes("3")) {
      rows.push(...(await figures(origin)))
      if (runs("cli")) rows.push(...(await cliStartFigure()))
      if (withDeno) {
        log("Deno: the same figures (deno run -A bench/main.ts --worker)")
        const result = await spawnFor(deno, ["run", "-A", "bench/main.ts", "--worker", origin], "ROWS ")
        rows.push(...(JSON.parse(result.value) as Array<Row>))
      }
    }
    const node22 = resolve(repo, "effect4/node_modules/.bin/node")
    if (lines.includes("4") && !existsSync(node22)) {
      // As `npm test` does: the Effect 4 line is its own npm project, installed from its lockfile (Node 22 included).
      log("installing the Effect 4 line: npm ci --prefix effect4")
      spawnSync("npm", ["ci", "--prefix", resolve(repo, "effect4"), "--no-audit", "--no-fund"], { stdio: "inherit" })
    }
    if (lines.includes("4") && existsSync(node22)) {
      log("Effect 4 line on Node 22 (effect4/bench/main.ts)")
      const v4 = [resolve(repo, "effect4/bench/main.ts"), origin]
      const flags = ["--disable-warning=ExperimentalWarning", "--experimental-transform-types"]
      const result = await spawnFor(node22, [...flags, ...v4], "ROWS ")
      rows.push(...(JSON.parse(result.value) as Array<Row>))
      if (withDeno) {
        log("Effect 4 line on Deno (deno run -A --config effect4/bench/deno.bench.json effect4/bench/main.ts)")
        const config = resolve(repo, "effect4/bench/deno.bench.json")
        await spawnFor(deno, ["run", "-A", "--config", config, ...v4], "ROWS ").then(
          (result) => rows.push(...(JSON.parse(result.value) as Array<Row>)),
          (error: unknown) => log(`no Effect 4 figures on Deno: ${String(error)}`),
        )
      }
    } else if (lines.includes("4")) log("effect4/node_modules could not be installed: no Effect 4 figures")
    console.log(
      `\neffect-quantive bench: ${USERS} users (${BIG} for memory), pages of ${PAGE}, median of ${ROUNDS} ` +
        `interleaved rounds, static server in its own process on 127.0.0.1; ${process.version}; ` +
        `${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    )
    printTable(rows)
    console.log("")
    for (const row of rows) console.log(summary(row))
    if (runs("cli") && !existsSync(resolve(repo, CLI_BUNDLE))) {
      console.log(`CLI start-up (node ${CLI_BUNDLE} --help / node -e 0): skipped: ${CLI_BUNDLE} not built`)
    }
  } finally {
    server.kill()
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
