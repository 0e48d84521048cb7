import { closeSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Ids from "../src/ids.ts"
import { cli, serve, type Served, spawnCli } from "./helpers.ts"

// The CLI reads --ids lists with its old space capped, as in memory.test.ts: a list is parsed a piece at a time and
// only its ids are kept, so a file of tens of MB (an export fed back) fits in a heap smaller than the file.
const HEAP = "--max-old-space-size=64"

let served: Served
let dir: string

beforeAll(async () => {
  served = await serve({ seed: 6, users: 1_500 })
  dir = mkdtempSync(join(tmpdir(), "quantive-cli-"))
})

afterAll(async () => {
  await served.close()
  rmSync(dir, { recursive: true, force: true })
})

describe("--ids FILE", () => {
  it("parses an id column out of a wide CSV, in memory, as the CSV reader does piece by piece", () => {
    const text =
      `\uFEFFname,Id,notes\r\nAnn,a1,"x, ""y""\r\nz"\r\nBob,b2,plain\r\n# a comment\r\n\r\nAnn again,a1,dup\r\n`
    expect(Ids.parse(text, "--ids t")).toEqual([{ input: "a1", kind: "id" }, { input: "b2", kind: "id" }])
    expect(Ids.parse("a@b.c\nid9\n", "--ids t")).toEqual([
      { input: "a@b.c", kind: "email" },
      { input: "id9", kind: "id" },
    ])
    expect(Ids.parse("a,b\nc,d\n", "--ids t")).toMatchObject({ kind: "usage" })
    expect(Ids.parse('id\n"open\n', "--ids t")).toMatchObject({ message: expect.stringContaining("not closed") })
  })

  it("reads a list of tens of MB under a heap cap smaller than the file", async () => {
    const file = join(dir, "export.csv")
    const fd = openSync(file, "w")
    // Each user's row carries 24 KB of notes (quoted, with commas, doubled quotes and line breaks in half of them).
    const plain = "n".repeat(24_000)
    const quoted = `"${'q, ""x""\r\n'.repeat(2_000)}"`
    writeSync(fd, "id,email,firstName,notes\r\n")
    served.fake.users.forEach((user, i) => {
      writeSync(fd, `${user.id},${user.email ?? ""},${user.firstName ?? ""},${i % 2 === 0 ? plain : quoted}\r\n`)
    })
    closeSync(fd)
    const size = statSync(file).size
    expect(size).toBeGreaterThan(30 * 1024 * 1024)
    expect(size).toBeLessThan(Ids.MAX_LIST_BYTES)
    // Spawned: the heap cap applies to a process of its own.
    const result = await spawnCli(["users", "deactivate", "--ids", file, "--dry-run", "--json"], {
      env: { ...served.env, NODE_OPTIONS: HEAP },
    })
    expect(result.stderr.slice(-2000)).not.toMatch(/heap|allocation/i)
    expect(result.code).toBe(0)
    const lines = result.stdout.trimEnd().split("\n")
    expect(lines).toHaveLength(served.fake.users.length)
    for (const user of served.fake.users) expect(result.stdout).toContain(user.id)
  })

  it("refuses a file over 64 MiB before reading it, as a usage error", async () => {
    const file = join(dir, "huge.csv")
    writeFileSync(file, "")
    truncateSync(file, Ids.MAX_LIST_BYTES + 1)
    const result = await cli(["users", "deactivate", "--ids", file, "--dry-run"], { env: served.env })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      `--ids ${file}: the list is 67,108,865 bytes; the CLI reads at most 64 MiB (67,108,864 bytes).`,
    )
    expect(result.stdout).toBe("")
  })

  it("refuses a list over 64 MiB on stdin once it passes the cap", async () => {
    const line = "0123456789abcdef01234567\n"
    const result = await spawnCli(["users", "deactivate", "--ids", "-", "--dry-run"], {
      env: { ...served.env, NODE_OPTIONS: HEAP },
      stdin: line.repeat(Math.ceil((Ids.MAX_LIST_BYTES + 1) / line.length)),
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("--ids -: the list is larger than 64 MiB; the CLI reads at most 64 MiB")
    expect(result.stdout).toBe("")
  })
})
