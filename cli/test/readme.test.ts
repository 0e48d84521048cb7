// The "Try it with --demo" block of cli/README.md, run line by line as written (in a shell, in an empty directory,
// `quantive` being the bundle): each line exits 0. A line that calls what the demo account does not serve yet (a
// route, a badge id) is reported skipped, by name, after a probe of the fake shows it missing.
import { FakeQuantive } from "@effect-quantive/client/testing"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cliMain, cliRoot, run } from "./helpers.ts"

const readme = readFileSync(join(cliRoot, "README.md"), "utf8")
const section = readme.slice(readme.indexOf("### Try it with `--demo`"))
const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? ""
const lines = block.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#"))

/** Whether the demo account answers this call with a success (probed on a fake of its own, with no socket). */
const serves = async (method: string, path: string, body?: unknown): Promise<boolean> => {
  const fake = FakeQuantive.make({ users: 25 })
  const response = await fake.fetch(`https://fake.invalid/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${fake.token}`,
      "gtmhub-accountid": fake.accountId,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return response.ok
}

/** What a line needs of the demo account beyond its users, by the text it holds. */
const needs: ReadonlyArray<readonly [string, () => Promise<boolean>]> = [
  ["GET /v2/goals", () => serves("GET", "/v2/goals?take=5")],
  ["/checkin", () => serves("POST", "/v1/metrics/5f1e0c3a9b2d4e6f7a8b9c0d/checkin", { value: 42 })],
  ["--badge 5f1e0c3a9b2d4e6f7a8b9c0d", () => serves("GET", "/v1/badges/5f1e0c3a9b2d4e6f7a8b9c0d")],
]

const missing = new Set<string>()
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "quantive-cli-readme-"))
  for (const [text, probe] of needs) if (!(await probe())) missing.add(text)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("cli/README.md, Try it with --demo", () => {
  it("holds the examples, each command under --demo, and the probe of the demo account works", async () => {
    expect(lines.length).toBeGreaterThanOrEqual(10)
    for (const line of lines.filter((line) => /(^|\| )quantive /.test(line))) expect(line).toContain("--demo")
    expect(await serves("GET", "/v2/users?take=1")).toBe(true)
    expect(await serves("GET", "/v2/no-such-route")).toBe(false)
  })

  // The lines run in order, in one directory: a file one line writes is read by the next.
  for (const line of lines) {
    const need = needs.find(([text]) => line.includes(text))?.[0]
    it(line, async (context) => {
      if (need !== undefined && missing.has(need)) {
        context.skip(`the demo account does not serve ${need} yet`)
      }
      const result = await run("sh", [
        "-c",
        `quantive() { "${process.execPath}" "${cliMain}" "$@"; }\ncd "${dir}"\n${line}`,
      ])
      expect(result.stderr).not.toMatch(/^quantive: /m)
      expect(result.code).toBe(0)
    })
  }
})
