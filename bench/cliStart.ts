/**
 * The CLI's start-up: wall time of `node cli/dist/quantive.js --help` (the bundled CLI) against `node -e 0` (the
 * runtime's own start-up), each spawned `BENCH_CLI_RUNS` times, interleaved, medians.
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
const timed = (args: ReadonlyArray<string>) =>
  new Promise<number>((done, fail) => {
    const start = performance.now()
    const child = spawn(process.execPath, args, { cwd: repo, stdio: ["ignore", "ignore", "ignore"] })
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
  const bare: Array<number> = []
  await timed(["-e", "0"])
  await timed([bundle, "--help"])
  for (let run = 0; run < CLI_RUNS; run++) {
    // Alternating which goes first, so that neither always follows the other.
    if (run % 2 === 0) {
      bare.push(await timed(["-e", "0"]))
      cli.push(await timed([bundle, "--help"]))
    } else {
      cli.push(await timed([bundle, "--help"]))
      bare.push(await timed(["-e", "0"]))
    }
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
  return rows
}
