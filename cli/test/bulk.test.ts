import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { cli, serve, type Served } from "./helpers.ts"

let served: Served
let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "quantive-cli-"))
})
beforeEach(async () => {
  await served?.close()
  served = await serve({ seed: 3, users: 40 })
})
afterAll(async () => {
  await served.close()
  rmSync(dir, { recursive: true, force: true })
})

const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

/** Active users that are not the account owner (the owner cannot be deactivated). */
const activeUsers = () => served.fake.users.filter((u) => u.isActive === true).slice(1, 6)

describe("users deactivate", () => {
  it("--dry-run resolves ids and emails, prints what would change, and sends only GETs", async () => {
    const [a, b, c] = activeUsers()
    const inactive = served.fake.users.find((u) => u.isActive === false)!
    const ids = file("dry.txt", `# leavers\n${a!.id}\n${b!.email}\n\n${inactive.id}\nnobody@example.com\n${c!.id}\n`)
    const result = await cli(["users", "deactivate", "--ids", ids, "--dry-run"], { env: served.env })
    expect(result.code).toBe(6) // one entry did not resolve
    const lines = result.stdout.trimEnd().split("\n")
    expect(lines).toHaveLength(5)
    expect(lines.filter((l) => l.startsWith("would deactivate"))).toHaveLength(3)
    expect(result.stdout).toMatch(new RegExp(`unchanged\\s+${inactive.id}.*already inactive`))
    expect(result.stdout).toMatch(/not found\s+nobody@example\.com/)
    expect(result.stdout).toContain(b!.id) // the email was resolved to its id
    expect(result.stderr).toContain("dry run: nothing was changed")
    expect(served.fake.requests.length).toBeGreaterThan(0)
    expect(served.fake.requests.filter((r) => r.method !== "GET")).toEqual([])
    expect([a, b, c].every((u) => u!.isActive === true)).toBe(true)
  })

  it("deactivates in batches, one result line per id, exit 0", async () => {
    const users = activeUsers()
    const csv = file("leavers.csv", `name,email\r\n${users.map((u) => `"${u.firstName}",${u.email}`).join("\r\n")}\r\n`)
    const result = await cli(["users", "deactivate", "--ids", csv, "--batch-size", "2"], { env: served.env })
    expect(result.stderr).toBe(`${users.length} deactivated\n`)
    expect(result.code).toBe(0)
    expect(result.stdout.trimEnd().split("\n").map((l) => l.split(/\s+/)[1])).toEqual(users.map((u) => u.id))
    expect(users.every((u) => served.fake.users.find((x) => x.id === u.id)!.isActive === false)).toBe(true)
    const posts = served.fake.requests.filter((r) => r.method === "POST")
    expect(posts.map((r) => r.path)).toEqual(Array(Math.ceil(users.length / 2)).fill("/v1/users/deactivate"))
    expect(posts.map((r) => (r.body as Array<string>).length)).toEqual([2, 2, 1])
  })

  it("reads stdin with --ids -, prints JSON lines, and exits 6 when an id does not resolve", async () => {
    const [a] = activeUsers()
    const result = await cli(["users", "activate", "--ids", "-", "--json"], {
      env: served.env,
      stdin: `${a!.id}\n000000000000000000000000\n`,
    })
    expect(result.code).toBe(6)
    const lines = result.stdout.trimEnd().split("\n").map((l) => JSON.parse(l))
    expect(lines).toEqual([
      { input: a!.id, id: a!.id, email: a!.email, status: "unchanged", note: "already active" },
      {
        input: "000000000000000000000000",
        id: null,
        email: null,
        status: "not found",
        note: "no user with this id",
      },
    ])
  })

  it("matches emails without regard to case, and counts two spellings of one user as one", async () => {
    const [a, b] = activeUsers()
    const shouting = String(a!.email).toUpperCase()
    const mixed = String(b!.email).replace(/^./, (c) => c.toUpperCase())
    expect(shouting).not.toBe(a!.email)
    const result = await cli(["users", "deactivate", "--ids", "-", "--dry-run", "--json"], {
      env: served.env,
      stdin: `${shouting}\n${mixed}\n${a!.email}\n`,
    })
    expect(result.stderr).toContain("dry run")
    expect(result.code).toBe(0)
    const lines = result.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.map((l) => [l.input, l.id, l.status])).toEqual([
      [shouting, a!.id, "would deactivate"],
      [mixed, b!.id, "would deactivate"],
      [a!.email, a!.id, "duplicate"],
    ])
  })

  it("invites the listed users", async () => {
    const users = activeUsers().slice(0, 2)
    for (const user of users) user.dateInvited = "" // created without an invitation
    const result = await cli(["users", "invite", "--ids", file("invite.txt", users.map((u) => u.email).join("\n"))], {
      env: served.env,
    })
    expect(result.code).toBe(0)
    const post = served.fake.requests.find((r) => r.method === "POST")!
    expect(post.path).toBe("/v1/users/invitations")
    expect(post.body).toEqual(users.map((u) => u.id))
  })
})

describe("badges", () => {
  it("lists badges, and assign --dry-run sends only GETs", async () => {
    const list = await cli(["badges", "list", "--json"], { env: served.env })
    expect(list.code).toBe(0)
    const badges = JSON.parse(list.stdout) as Array<{ id: string; name: string }>
    expect(badges.length).toBeGreaterThan(0)
    const held = new Set(
      served.fake.badges.assignments.filter((a) => a.badgeId === badges[0]!.id).flatMap((a) => a.assigneeIds),
    )
    const users = served.fake.users.filter((u) => u.isActive === true && !held.has(u.id)).slice(0, 3)
    expect(users).toHaveLength(3)
    const team = file("team.txt", users.map((u) => u.email).join("\n"))
    const dry = await cli(["badges", "assign", "--badge", badges[0]!.id, "--users", team, "--dry-run"], {
      env: served.env,
    })
    expect(dry.code).toBe(0)
    expect(dry.stdout.trimEnd().split("\n").every((l) => l.startsWith(`would assign ${badges[0]!.name}`))).toBe(true)
    expect(served.fake.requests.filter((r) => r.method !== "GET")).toEqual([])
    const real = await cli(["badges", "assign", "--badge", badges[0]!.id, "--users", team], { env: served.env })
    expect(real.code).toBe(0)
    const post = served.fake.requests.find((r) => r.method === "POST")!
    expect(post.path).toBe("/v1/badges/assign")
    expect(post.body).toMatchObject({ badgeId: badges[0]!.id, assigneeIds: users.map((u) => u.id) })
  })
})
