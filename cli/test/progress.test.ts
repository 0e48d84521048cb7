import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { fit, render } from "../src/progress.ts"
import * as Stdio from "../src/stdio.ts"
import { cli, cliMain, parseCsv, run, serve, type Served } from "./helpers.ts"

let served: Served
let dir: string

beforeAll(async () => {
  served = await serve({ seed: 11, users: 600 })
  dir = mkdtempSync(join(tmpdir(), "quantive-cli-"))
})
afterAll(async () => {
  await served.close()
  rmSync(dir, { recursive: true, force: true })
})

const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" })
    return true
  } catch {
    return false
  }
})()

/** Moves to the start of the line and erases it. */
const ERASE = "\r\x1b[2K"

/** The bars drawn on stderr, each as it was drawn. */
const bars = (stderr: string) =>
  stderr.split(ERASE).map((part) => part.split("\n")[0]!).filter((bar) => bar.startsWith("users  ["))

describe("progress", () => {
  it("prints nothing on stderr when stderr is not a terminal", async () => {
    const out = join(dir, "quiet.csv")
    const result = await cli(["users", "export", "--page-size", "50", "--out", out], { env: served.env })
    expect(result.code).toBe(0)
    expect(result.stderr).toBe("")
    expect(parseCsv(readFileSync(out, "utf8"))).toHaveLength(601)
  })

  it("a bar is cut to the terminal's width less one column, never wrapped", () => {
    const line = render("users", 1200, 2000, 3000)
    expect(line.length).toBeGreaterThan(60)
    expect(fit(line, 40)).toBe(line.slice(0, 39))
    expect(fit(line, 200)).toBe(line)
    expect(fit(line, undefined)).toBe(line)
    expect(fit(line, line.length)).toHaveLength(line.length - 1)
  })

  for (const columns of [20, 45, 80]) {
    it(`at ${columns} columns every bar fits, and the final one ends its line before the summary`, async () => {
      const out = join(dir, `narrow-${columns}.csv`)
      const result = await cli(["users", "export", "--page-size", "50", "--concurrency", "1", "--out", out], {
        env: served.env,
        terminal: true,
        columns,
      })
      expect(result.code).toBe(0)
      const drawn = bars(result.stderr)
      expect(drawn.length).toBeGreaterThan(0)
      for (const bar of drawn) expect(bar.length).toBeLessThan(columns)
      expect(result.stderr.endsWith(`\nexported 600 users to ${out}\n`)).toBe(true)
    })
  }

  it("is erased when stdout is closed (| head): the next output starts on a clean line", async () => {
    const result = await cli(["users", "export", "--page-size", "20", "--concurrency", "1"], {
      env: served.env,
      terminal: true,
      stdoutTerminal: false,
      closeStdoutAfter: 3,
    })
    expect(result.code).toBe(0)
    expect(bars(result.stderr).length).toBeGreaterThan(0)
    expect(result.stderr.endsWith(ERASE)).toBe(true)
  })

  it("is erased on Ctrl-C", async () => {
    const slow = await serve({ seed: 11, users: 2_000, latencyMillis: 40 })
    try {
      const stdio = Stdio.collect({ terminal: true })
      const abort = new AbortController()
      const running = cli(["users", "export", "--page-size", "20", "--concurrency", "1", "--out", join(dir, "c.csv")], {
        env: slow.env,
        stdio,
        signal: abort.signal,
      })
      for (let i = 0; i < 1_000 && bars(stdio.stderr()).length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      expect(bars(stdio.stderr()).length).toBeGreaterThan(0)
      abort.abort()
      const result = await running
      expect(result.code).toBe(130)
      expect(result.stderr.endsWith(ERASE)).toBe(true)
    } finally {
      await slow.close()
    }
  })

  it.skipIf(!hasScript)("draws a bar with count, total, rate and ETA under a pseudo-terminal", async () => {
    const out = join(dir, "tty.csv")
    // script(1) from util-linux runs the command with stdin, stdout and stderr on a pseudo-terminal.
    const result = await run("script", [
      "-qfec",
      `stty cols 200; ${process.execPath} ${cliMain} users export --page-size 50 --concurrency 1 --out ${out}`,
      "/dev/null",
    ], { env: served.env })
    expect(result.code).toBe(0)
    const screen = result.stdout
    expect(screen).toMatch(/users {2}\[#+-*\] {2}\d[\d,]*\/600 {2}\d+% {2}[\d,]+\/s {2}ETA \d\d:\d\d/)
    expect(screen).toContain("600/600  100%")
    expect(screen).toContain("exported 600 users to")
    expect(parseCsv(readFileSync(out, "utf8"))).toHaveLength(601)
  })
})
