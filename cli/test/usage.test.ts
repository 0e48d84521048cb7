// What a person gets wrong first, answered in the command's own words: a group without its command, a sort key or a
// region that does not exist, an --out whose extension names another format; and help that fits a terminal.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { HELP_WIDTH } from "../src/app.ts"
import { cli, serve, type Served } from "./helpers.ts"

let served: Served
let dir: string

beforeAll(async () => {
  served = await serve({ seed: 13, users: 12 })
  dir = mkdtempSync(join(tmpdir(), "quantive-cli-usage-"))
})
afterAll(async () => {
  await served.close()
  rmSync(dir, { recursive: true, force: true })
})

describe("a command group without its command", () => {
  for (
    const [group, commands] of [
      ["users", ["export", "deactivate", "activate", "invite"]],
      ["badges", ["list", "assign"]],
    ] as const
  ) {
    it(`quantive ${group} lists its commands on stderr and exits 2`, async () => {
      const result = await cli([group])
      expect(result.code).toBe(2)
      expect(result.stdout).toBe("")
      expect(result.stderr).toMatch(new RegExp(`^usage: quantive ${group} <command> \\[flags\\]\\n`))
      for (const command of commands) expect(result.stderr).toMatch(new RegExp(`\\n  ${command} +\\S`))
      expect(result.stderr).toContain(`quantive ${group} <command> --help`)
    })
  }
})

describe("--sort", () => {
  it("an unknown key is blamed on --sort, naming the allowed keys, before any request", async () => {
    const before = served.fake.requests.length
    const result = await cli(["users", "export", "--sort", "-email,nickname"], { env: served.env })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^quantive: --sort: unknown sort key nickname; the keys are the user fields \(id, /)
    expect(result.stderr).toContain("dateCreated")
    expect(result.stderr).not.toContain("fields:")
    expect(served.fake.requests.length).toBe(before)
  })

  it("known keys, descending and paths into a field, are sent", async () => {
    const result = await cli(["users", "export", "--sort", "-email,userSettings.timezone", "--format", "ndjson"], {
      env: served.env,
    })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const emails = result.stdout.trimEnd().split("\n").map((line) => (JSON.parse(line) as { email: string }).email)
    expect(emails).toEqual([...emails].sort().reverse())
  })
})

describe("--region", () => {
  it("an unknown region is a configuration error, exit 3, with or without --demo, naming the flag", async () => {
    const live = await cli(["account", "--region", "mars"], { env: served.env })
    expect(live.code).toBe(3)
    expect(live.stderr).toBe('quantive: invalid --region: unknown region "mars": give eu or us\n')
    const demo = await cli(["account", "--demo", "--region", "mars"])
    expect(demo.code).toBe(3)
    const variable = await cli(["account"], { env: { ...served.env, QUANTIVE_REGION: "mars" } })
    expect(variable.code).toBe(3)
    expect(variable.stderr).toContain("invalid QUANTIVE_REGION")
  })
})

describe("--out and the format", () => {
  it("--out users.json writes a JSON array; .ndjson one user per line; .csv CSV", async () => {
    const json = join(dir, "users.json")
    const result = await cli(["users", "export", "--fields", "email", "--out", json], { env: served.env })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const users = JSON.parse(readFileSync(json, "utf8")) as Array<{ id: string; email: string }>
    expect(users).toHaveLength(served.fake.users.length)
    expect(new Set(users.map((u) => u.email))).toEqual(new Set(served.fake.users.map((u) => u.email)))
    const ndjson = join(dir, "users.ndjson")
    expect((await cli(["users", "export", "--fields", "email", "--out", ndjson], { env: served.env })).code).toBe(0)
    const lines = readFileSync(ndjson, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line))
    expect(lines).toEqual(users)
    const csv = join(dir, "USERS.CSV")
    expect((await cli(["users", "export", "--fields", "email", "--out", csv], { env: served.env })).code).toBe(0)
    expect(readFileSync(csv, "utf8")).toMatch(/^id,email\r\n/)
  })

  it("a --format that contradicts the extension is refused before any request, and no file is written", async () => {
    const before = served.fake.requests.length
    const out = join(dir, "contradiction.json")
    const result = await cli(["users", "export", "--format", "csv", "--out", out], { env: served.env })
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      `quantive: --out ${out} names a json file but --format is csv; give --format json, or another file name\n`,
    )
    expect(existsSync(out)).toBe(false)
    expect(served.fake.requests.length).toBe(before)
  })
})

describe("help", () => {
  const commands = [
    [],
    ["account"],
    ["users"],
    ["users", "export"],
    ["users", "deactivate"],
    ["users", "activate"],
    ["users", "invite"],
    ["badges"],
    ["badges", "list"],
    ["badges", "assign"],
    ["request"],
  ]
  it(`every help line fits in ${HELP_WIDTH} columns, and nothing of the help is lost by wrapping`, async () => {
    for (const command of commands) {
      const result = await cli([...command, "--help"])
      expect(result.code, command.join(" ")).toBe(0)
      const lines = result.stdout.split("\n")
      expect(lines.length).toBeGreaterThan(5)
      for (const line of lines) expect(line.length, `${command.join(" ")}: ${line}`).toBeLessThanOrEqual(HELP_WIDTH)
      expect(result.stdout.replace(/\s+/g, " ")).toContain("EXIT CODES")
    }
    const exportHelp = (await cli(["users", "export", "--help"])).stdout.replace(/\s+/g, " ")
    expect(exportHelp).toContain("Default: the one the --out file's extension names (.csv, .json, .ndjson or .jsonl)")
    const bulkHelp = (await cli(["users", "deactivate", "--help"])).stdout.replace(/\s+/g, " ")
    expect(bulkHelp).toContain("emails match without regard to case")
  })
})
