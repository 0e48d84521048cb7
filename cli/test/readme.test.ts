// The "Try it with --demo" blocks of cli/README.md and of the repository's README, run line by line as written (in a
// shell, in an empty directory, `quantive` being the bundle): each line exits 0. A line that calls what the demo account does not serve yet (a
// route, a badge id) is reported skipped, by name, after a probe of the fake shows it missing.
import { FakeQuantive } from "@effect-quantive/client/testing"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cliMain, cliRoot, repoRoot, run } from "./helpers.ts"

/** The "Try it with --demo" block of a README, one command line each (none when it has no such section). */
const demoLines = (path: string): ReadonlyArray<string> => {
  const readme = readFileSync(path, "utf8")
  const at = readme.indexOf("### Try it with `--demo`")
  if (at < 0) return []
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))?.[1] ?? ""
  return block.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#"))
}

// The CLI's README must have the section; the repository's README runs the same way once it has one.
const readmes = [
  { name: "cli/README.md", lines: demoLines(join(cliRoot, "README.md")) },
  { name: "README.md", lines: demoLines(join(repoRoot, "README.md")) },
]
const lines = readmes[0]!.lines

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

beforeAll(async () => {
  for (const [text, probe] of needs) if (!(await probe())) missing.add(text)
})

describe("the READMEs, Try it with --demo", () => {
  it("cli/README.md holds the examples, each command under --demo, and the probe of the demo account works", async () => {
    expect(lines.length).toBeGreaterThanOrEqual(10)
    expect(await serves("GET", "/v2/users?take=1")).toBe(true)
    expect(await serves("GET", "/v2/no-such-route")).toBe(false)
  })

  for (const { name, lines } of readmes.filter((readme) => readme.lines.length > 0)) {
    // The lines run in order, in one directory per README: a file one line writes is read by the next.
    describe(name, () => {
      let dir: string
      beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), "quantive-cli-readme-"))
      })
      afterAll(() => rmSync(dir, { recursive: true, force: true }))

      for (const line of lines) {
        const need = needs.find(([text]) => line.includes(text))?.[0]
        it(line, async (context) => {
          if (/(^|\| )quantive /.test(line)) expect(line).toContain("--demo")
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
  }
})
