import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
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

describe("progress", () => {
  it("prints nothing on stderr when stderr is not a terminal", async () => {
    const out = join(dir, "quiet.csv")
    const result = await cli(["users", "export", "--page-size", "50", "--out", out], { env: served.env })
    expect(result.code).toBe(0)
    expect(result.stderr).toBe("")
    expect(parseCsv(readFileSync(out, "utf8"))).toHaveLength(601)
  })

  it.skipIf(!hasScript)("draws a bar with count, total, rate and ETA under a pseudo-terminal", async () => {
    const out = join(dir, "tty.csv")
    // script(1) from util-linux runs the command with stdin, stdout and stderr on a pseudo-terminal.
    const result = await run("script", [
      "-qfec",
      `${process.execPath} ${cliMain} users export --page-size 50 --concurrency 1 --out ${out}`,
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
