/**
 * The CLI's start-up: wall time of `node cli/dist/quantive.js --help` (the bundled CLI) against `node -e 0` (the
 * runtime's own start-up), each spawned `BENCH_CLI_RUNS` times, interleaved, medians. `--help` is answered from help
 * rendered when the CLI was bundled; the second figure is the same help through the whole program
 * (`QUANTIVE_CLI_NO_FAST_HELP=1`), which is what any other command pays to start.
 */
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { resolve } from "node:path"
import { CLI_RUNS, record } from "./figure.ts"
import { median, type Row } from "./harness.ts"
import { log, repo } from "./processes.ts"

/** The bundle, relative to the repository. */
export const CLI_BUNDLE = "cli/dist/quantive.js"

/** Wall time of one process from spawn to exit, in milliseconds; fails on a non-zero exit. */
const timed = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>> = {}) =>
  new Promise<number>((done, fail) => {
    const start = performance.now()
    const child = spawn(process.execPath, args, {
      cwd: repo,
      stdio: ["ignore", "ignore", "ignore"],
      env: { ...process.env, ...env },
    })
    child.on("error", fail)
    child.on("exit", (code, signal) => {
      const ms = performance.now() - start
      if (code === 0) done(ms)
      else fail(new Error(`node ${args.join(" ")} exited with ${code ?? signal}`))
    })
  })

/** The row, or nothing (with a line saying why) when the bundle is not built. */
export const cliStartFigure = async (): Promise<Array<Row>> => {
  const bundle = resolve(repo, CLI_BUNDLE)
  if (!existsSync(bundle)) {
    log(`CLI start-up: skipped: ${CLI_BUNDLE} not built`)
    return []
  }
  log(`Node: CLI start-up, ${CLI_RUNS} runs each of \`quantive --help\` and \`node -e 0\``)
  const cli: Array<number> = []
  const full: Array<number> = []
  const bare: Array<number> = []
  const fullEnv = { QUANTIVE_CLI_NO_FAST_HELP: "1" }
  await timed(["-e", "0"])
  await timed([bundle, "--help"])
  for (let run = 0; run < CLI_RUNS; run++) {
    // Rotating which goes first, so that none always follows another.
    const order = [
      async () => bare.push(await timed(["-e", "0"])),
      async () => cli.push(await timed([bundle, "--help"])),
      async () => full.push(await timed([bundle, "--help"], fullEnv)),
    ]
    for (let i = 0; i < order.length; i++) await order[(run + i) % order.length]!()
  }
  const rows: Array<Row> = []
  record(rows, {
    runtime: "Node",
    figure: "CLI start-up: quantive --help / node -e 0",
    ratio: median(cli) / median(bare),
    goal: 4,
    measured: `${median(cli).toFixed(0)} vs ${median(bare).toFixed(0)} ms`,
    detail: `median of ${CLI_RUNS} spawns each, interleaved; node ${CLI_BUNDLE} --help, wall time spawn to exit`,
  })
  record(rows, {
    runtime: "Node",
    figure: "CLI start-up, whole program: quantive --help (no prerendered help) / node -e 0",
    ratio: median(full) / median(bare),
    goal: 4,
    measured: `${median(full).toFixed(0)} vs ${median(bare).toFixed(0)} ms`,
    detail: `QUANTIVE_CLI_NO_FAST_HELP=1: what any command pays to load the program`,
  })
  return rows
}
