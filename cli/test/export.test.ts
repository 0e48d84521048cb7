import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { byDefaultSort, cli, expectedCell, parseCsv, serve, type Served } from "./helpers.ts"

let served: Served
let dir: string

beforeAll(async () => {
  served = await serve({ seed: 7, users: 230 })
  // Cells that need RFC 4180 quoting: a comma, doubled quotes, an embedded CRLF and a lone LF, a ';' in a string.
  const [a, b, c] = served.fake.users
  a!.firstName = 'Ann, "the boss"'
  b!.lastName = "two\r\nlines"
  c!.firstName = "line\nfeed; and more"
  dir = mkdtempSync(join(tmpdir(), "quantive-cli-"))
})

afterAll(async () => {
  await served.close()
  rmSync(dir, { recursive: true, force: true })
})

describe("users export", () => {
  it("writes RFC 4180 CSV that parses back to the users, row for row", async () => {
    const fields = ["email", "firstName", "lastName", "isActive", "teamIds", "permissions", "dateCreated", "language"]
    const out = join(dir, "users.csv")
    const result = await cli(["users", "export", "--fields", fields.join(","), "--page-size", "50", "--out", out], {
      env: served.env,
    })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const text = readFileSync(out, "utf8")
    expect(text.endsWith("\r\n")).toBe(true)
    const [header, ...rows] = parseCsv(text)
    expect(header).toEqual(["id", ...fields])
    const users = byDefaultSort(served.fake.users)
    expect(rows).toHaveLength(users.length)
    rows.forEach((row, i) => {
      const user = users[i]! as Record<string, unknown>
      expect(row).toEqual(["id", ...fields].map((field) => expectedCell(user[field])))
    })
    // The tricky cells came back intact.
    const cells = rows.flat()
    expect(cells).toContain('Ann, "the boss"')
    expect(cells).toContain("two\r\nlines")
    expect(cells).toContain("line\nfeed; and more")
    // Arrays of scalars are joined with ';'.
    const withTeams = users.findIndex((u) => Array.isArray(u.teamIds) && (u.teamIds as Array<string>).length > 1)
    expect(withTeams).toBeGreaterThanOrEqual(0)
    expect(rows[withTeams]![fields.indexOf("teamIds") + 1]).toContain(";")
  })

  it("flattens nested values of a full export to JSON cells that hold what the server sent", async () => {
    const result = await cli(["users", "export", "--filter", '{"isActive":true}'], { env: served.env })
    expect(result.code).toBe(0)
    const [header, ...rows] = parseCsv(result.stdout)
    expect(header![0]).toBe("id")
    expect(header).toContain("roles")
    const active = byDefaultSort(served.fake.users.filter((u) => u.isActive === true))
    expect(rows.map((r) => r[0])).toEqual(active.map((u) => u.id))
    const roles = header!.indexOf("roles")
    rows.forEach((row, i) => {
      const user = active[i]! as Record<string, unknown>
      for (const [j, column] of header!.entries()) {
        const expected = expectedCell(user[column])
        if (expected === "JSON") expect(user[column]).toMatchObject(JSON.parse(row[j]!))
        else expect(row[j]).toBe(expected)
      }
      if (Array.isArray(user.roles) && user.roles.length > 0) expect(row[roles]!.startsWith("[{")).toBe(true)
    })
  })

  it("streams a JSON array and NDJSON holding the same users", async () => {
    const json = await cli(["users", "export", "--format", "json", "--fields", "email", "--concurrency", "3"], {
      env: served.env,
    })
    const ndjson = await cli(["users", "export", "--format", "ndjson", "--fields", "email"], { env: served.env })
    expect(json.code).toBe(0)
    expect(ndjson.code).toBe(0)
    const array = JSON.parse(json.stdout) as Array<{ id: string; email: string }>
    const lines = ndjson.stdout.trimEnd().split("\n").map((line) => JSON.parse(line))
    expect(array).toEqual(lines)
    expect(array).toEqual(byDefaultSort(served.fake.users).map((u) => ({ id: u.id, email: u.email })))
  })

  it("prints a table, and an empty result as a header", async () => {
    const table = await cli(["users", "export", "--format", "table"], { env: served.env })
    expect(table.code).toBe(0)
    const lines = table.stdout.trimEnd().split("\n")
    expect(lines[0]).toMatch(/^id\s+email\s+firstName\s+lastName\s+isActive$/)
    expect(lines).toHaveLength(served.fake.users.length + 2)
    const none = await cli(["users", "export", "--format", "json", "--filter", '{"email":"nobody@nowhere"}'], {
      env: served.env,
    })
    expect(none.stdout).toBe("[]\n")
  })

  it("leaves no file behind when the export fails", async () => {
    const out = join(dir, "failed.csv")
    const result = await cli(["users", "export", "--out", out], { env: { ...served.env, QUANTIVE_TOKEN: "wrong" } })
    expect(result.code).toBe(4)
    expect(existsSync(out)).toBe(false)
    expect(readdirSync(dir).filter((name) => name.includes("partial"))).toEqual([])
  })
})
