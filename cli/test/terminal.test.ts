import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { escapeForTerminal } from "../src/terminal.ts"
import { cli, cliMain, parseCsv, run, serve, type Served } from "./helpers.ts"

// Server strings that would drive a terminal: an OSC 52 clipboard write, an erase-line and rewrite, a one-byte CSI
// (C1), a title change, and a right-to-left override.
const HOSTILE = [
  "\x1b]52;c;ZXZpbA==\x07",
  "\x1b[2K\rroot  admin@example.com",
  "\u009b31mred",
  "\x1b]0;pwned\x1b\\",
  "abc\u202edef",
]
// Any control character but a line end (CR LF, or LF).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\r*\n)/

let served: Served
let dir: string

beforeAll(async () => {
  served = await serve({ seed: 9, users: 30 })
  HOSTILE.forEach((text, i) => {
    served.fake.users[i]!.firstName = text
  })
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

describe("terminal output", () => {
  it("escapes control characters as visible text and keeps printable text", () => {
    expect(escapeForTerminal("\x1b]52;c;ZXZpbA==\x07")).toBe("\\x1b]52;c;ZXZpbA==\\x07")
    expect(escapeForTerminal("a\nb\rc\td")).toBe("a\\nb\\rc\\td")
    expect(escapeForTerminal("\u009b31m\u202e\u2028\x7f")).toBe("\\u009b31m\\u202e\\u2028\\u007f")
    expect(escapeForTerminal("Zoë 日本 O'Brien <a@b.c>")).toBe("Zoë 日本 O'Brien <a@b.c>")
    for (const text of HOSTILE) expect(escapeForTerminal(text)).not.toMatch(CONTROL)
  })

  it("prints a table with the control characters of names escaped", async () => {
    const result = await cli(["users", "export", "--format", "table", "--fields", "firstName"], { env: served.env })
    expect(result.code).toBe(0)
    expect(result.stdout).not.toMatch(CONTROL)
    expect(result.stdout).toContain("\\x1b]52;c;ZXZpbA==\\x07")
    expect(result.stdout).toContain("\\u009b31mred")
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(served.fake.users.length + 2)
  })

  it.skipIf(!hasScript)("escapes CSV and NDJSON written to a terminal, each record still on its own line", async () => {
    for (const format of ["csv", "ndjson"]) {
      // script(1) runs the command with stdout on a pseudo-terminal (stderr, and so the progress bar, goes elsewhere).
      const result = await run("script", [
        "-qfec",
        `${process.execPath} ${cliMain} users export --format ${format} --fields firstName 2>/dev/null`,
        "/dev/null",
      ], { env: served.env })
      expect(result.code).toBe(0)
      expect(result.stdout).not.toMatch(CONTROL)
      expect(result.stdout).toContain(
        format === "csv" ? "\\x1b]52;c;ZXZpbA==\\x07" : "\\u001b]52;c;ZXZpbA==\\u0007",
      )
      const lines = result.stdout.split(/\r?\n/).filter((line) => line !== "")
      expect(lines).toHaveLength(served.fake.users.length + (format === "csv" ? 1 : 0))
      if (format === "ndjson") {
        // Still JSON, whose escapes read back to the names the server sent.
        const names = lines.map((line) => (JSON.parse(line) as { firstName?: string }).firstName)
        for (const text of HOSTILE) expect(names).toContain(text)
      }
    }
  })

  it("keeps CSV to a file and NDJSON to a pipe byte-exact", async () => {
    const out = join(dir, "exact.csv")
    const csv = await cli(["users", "export", "--fields", "firstName", "--out", out], { env: served.env })
    expect(csv.code).toBe(0)
    const rows = parseCsv(readFileSync(out, "utf8"))
    for (const [i, text] of HOSTILE.entries()) {
      expect(rows.find((row) => row[0] === served.fake.users[i]!.id)![1]).toBe(text)
    }
    const ndjson = await cli(["users", "export", "--format", "ndjson", "--fields", "firstName"], { env: served.env })
    expect(ndjson.code).toBe(0)
    const names = new Map(
      ndjson.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as { id: string; firstName?: string }).map(
        (u) => [u.id, u.firstName],
      ),
    )
    for (const [i, text] of HOSTILE.entries()) expect(names.get(served.fake.users[i]!.id)).toBe(text)
  })

  it("escapes the error line", async () => {
    const result = await cli(["users", "export", "--out", join(dir, "\x1b]0;title\x07", "x.csv")], { env: served.env })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("\\x1b]0;title\\x07")
    expect(result.stderr).not.toMatch(CONTROL)
  })
})
