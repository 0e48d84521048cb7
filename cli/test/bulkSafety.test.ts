// The bulk commands against a fake on a loopback socket, spawned as the real CLI: every user is sent at most once per
// run and not again on a rerun, server strings cannot reach the terminal as control sequences, a closed stdout or a
// Ctrl-C ends the run with a summary of what was sent, and a change whose answer was lost is reported "unknown".
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { cli, cliMain, run, serve, type Served } from "./helpers.ts"

let served: Served
let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "quantive-cli-bulk-"))
})
beforeEach(async () => {
  await served?.close()
  served = await serve({ seed: 7, users: 60 })
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

/** Active users other than the account owner (who cannot be deactivated). */
const activeUsers = (n: number) => {
  const users = served.fake.users.filter((u) => u.isActive === true).slice(1, n + 1)
  expect(users).toHaveLength(n)
  return users
}

const posts = (path: string) => served.fake.requests.filter((r) => r.method === "POST" && r.path === path)

const isActive = (id: string) => served.fake.users.find((u) => u.id === id)!.isActive

/** The users that hold a badge through an approved assignment of their own. */
const holders = (badgeId: string) =>
  new Set(
    served.fake.badges.assignments
      .filter((a) => a.badgeId === badgeId && a.status === "approved")
      .flatMap((a) => a.assigneeIds),
  )

/** Waits (a bounded number of short polls) until `done` holds. */
const until = async (done: () => boolean) => {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 25))
  return done()
}

const NO_STACK = /^\s+at |Error: |node:internal/m

/** ESC, BEL and the one-byte CSI: what must never reach a terminal raw. */
const RAW_CONTROL = new RegExp("[\u001b\u0007\u009b]")

describe("one change per user per run", () => {
  it("a user listed by id and by email, across batches, is sent once and reported as a duplicate", async () => {
    const [a, b, c] = activeUsers(3)
    const list = file("dupes.txt", [a!.id, b!.id, a!.email, c!.id, b!.email].join("\n"))
    const result = await cli(["users", "deactivate", "--ids", list, "--batch-size", "2"], { env: served.env })
    const sent = posts("/v1/users/deactivate").flatMap((r) => r.body as Array<string>)
    expect(sent).toEqual([a!.id, b!.id, c!.id])
    expect(result.stdout).toMatch(new RegExp(`duplicate\\s+${a!.id}\\s+\\S+\\s+\\(same user as ${a!.id}; sent once\\)`))
    expect(result.stdout).toMatch(new RegExp(`duplicate\\s+${b!.id}\\s+\\S+\\s+\\(same user as ${b!.id}; sent once\\)`))
    expect(result.stderr).toBe("3 deactivated, 2 duplicate\n")
    expect(result.code).toBe(0)
    expect([a, b, c].every((u) => isActive(u!.id) === false)).toBe(true)
  })

  it("invite skips users already invited, sends each user once, and a rerun sends nothing", async () => {
    const [x, y, z] = activeUsers(3)
    // x and y were created without an invitation; z was invited when the account was seeded.
    x!.dateInvited = ""
    y!.dateInvited = ""
    expect(z!.dateInvited).not.toBe("")
    const list = file("invite.txt", [x!.id, z!.email, y!.email, x!.email].join("\n"))
    const first = await cli(["users", "invite", "--ids", list, "--batch-size", "1"], { env: served.env })
    expect(first.code).toBe(0)
    expect(posts("/v1/users/invitations").flatMap((r) => r.body as Array<string>)).toEqual([x!.id, y!.id])
    expect(first.stdout).toMatch(new RegExp(`unchanged\\s+${z!.id}.*already invited`))
    expect(first.stderr).toBe("2 invited, 1 unchanged, 1 duplicate\n")
    const rerun = await cli(["users", "invite", "--ids", list], { env: served.env })
    expect(rerun.code).toBe(0)
    expect(posts("/v1/users/invitations")).toHaveLength(2)
    expect(rerun.stderr).toBe("3 unchanged, 1 duplicate\n")
  })

  it("badges assign skips users that hold the badge, and a rerun awards nothing", async () => {
    const badge = served.fake.badges.badges[0]!
    const held = holders(badge.id)
    const fresh = served.fake.users.filter((u) => !held.has(u.id)).slice(0, 3)
    const holder = served.fake.users.find((u) => held.has(u.id))!
    expect(fresh).toHaveLength(3)
    const list = file("team.txt", [...fresh.map((u) => u.email), holder.id, fresh[0]!.id].join("\n"))
    const before = served.fake.badges.assignments.length
    const first = await cli(["badges", "assign", "--badge", badge.id, "--users", list, "--batch-size", "2"], {
      env: served.env,
    })
    expect(first.code).toBe(0)
    const awarded = posts("/v1/badges/assign").flatMap((r) => (r.body as { assigneeIds: Array<string> }).assigneeIds)
    expect(awarded).toEqual(fresh.map((u) => u.id))
    expect(first.stdout).toMatch(new RegExp(`unchanged\\s+${holder.id}.*already holds the badge`))
    expect(first.stderr).toBe(`3 assigned ${badge.name}, 1 unchanged, 1 duplicate\n`)
    const rerun = await cli(["badges", "assign", "--badge", badge.id, "--users", list], { env: served.env })
    expect(rerun.code).toBe(0)
    expect(posts("/v1/badges/assign")).toHaveLength(2)
    expect(served.fake.badges.assignments.length).toBe(before + 2)
    expect(rerun.stderr).toBe("4 unchanged, 1 duplicate\n")
  })
})

describe("terminal safety", () => {
  it("escapes control characters of server strings in the lines and the summary; --json stays JSON", async () => {
    const [a] = activeUsers(1)
    a!.email = "evil\u001b]0;pwned\u0007\u001b[2J@example.com"
    const badge = served.fake.badges.badges[0]!
    badge.name = "Star\u001b[31m\u009b1m"
    const list = file("evil.txt", `${a!.id}\nnobody\u001b[1m@example.com\n`)
    const dry = await cli(["users", "deactivate", "--ids", list, "--dry-run"], { env: served.env })
    expect(dry.stdout + dry.stderr).not.toMatch(RAW_CONTROL)
    expect(dry.stdout).toContain("evil\\x1b]0;pwned\\x07\\x1b[2J@example.com")
    expect(dry.stdout).toContain("nobody\\x1b[1m@example.com")
    const assign = await cli(["badges", "assign", "--badge", badge.id, "--users", list], { env: served.env })
    expect(assign.stdout + assign.stderr).not.toMatch(RAW_CONTROL)
    expect(assign.stderr).toContain("1 assigned Star\\x1b[31m")
    const json = await cli(["users", "deactivate", "--ids", list, "--json"], { env: served.env })
    expect(json.stdout).not.toMatch(RAW_CONTROL)
    const lines = json.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { id: string | null; email: unknown })
    expect(lines.find((l) => l.id === a!.id)!.email).toBe(a!.email)
  })
})

describe("a run cut short", () => {
  it("stdout closed by `| head -1`: no stack trace, stops sending, the summary on stderr matches the server", async () => {
    const users = activeUsers(20)
    served.fake.latencyMillis = 40
    const list = file("many.txt", users.map((u) => u.id).join("\n"))
    const result = await run("bash", [
      "-c",
      `"${process.execPath}" "${cliMain}" users deactivate --ids "${list}" --batch-size 1 | head -1; ` +
      "exit ${PIPESTATUS[0]}",
    ], { env: served.env })
    expect(result.stdout.split("\n")).toHaveLength(2)
    expect(result.stderr).not.toMatch(NO_STACK)
    const summary = /^stopped, stdout was closed: (\d+) deactivated, (\d+) not attempted; rerun to finish/.exec(
      result.stderr,
    )
    expect(summary, result.stderr).not.toBeNull()
    const done = Number(summary![1])
    expect(done + Number(summary![2])).toBe(users.length)
    expect(Number(summary![2])).toBeGreaterThan(0)
    expect(posts("/v1/users/deactivate")).toHaveLength(done)
    expect(users.filter((u) => isActive(u.id) === false)).toHaveLength(done)
    expect(result.code).toBe(6)
  })

  it("a POST whose answer was cut off is reported unknown (it was applied), not failed", async () => {
    const users = activeUsers(4)
    served.fake.inject({ _tag: "TruncateBody", afterBytes: 5 }, { times: 1, method: "POST" })
    const list = file("four.txt", users.map((u) => u.id).join("\n"))
    const result = await cli(["users", "deactivate", "--ids", list, "--batch-size", "2"], { env: served.env })
    expect(result.code).toBe(6)
    const lines = result.stdout.trimEnd().split("\n")
    expect(lines.filter((l) => /^unknown\s.*may have been applied, check: POST \/v1\/users\/deactivate/.test(l)))
      .toHaveLength(2)
    expect(lines.filter((l) => l.startsWith("deactivated"))).toHaveLength(2)
    expect(result.stderr).toMatch(/^2 deactivated, 2 unknown; check the unknown ones/)
    // The server did apply the batch whose answer was lost.
    expect(users.every((u) => isActive(u.id) === false)).toBe(true)
    expect(posts("/v1/users/deactivate")).toHaveLength(2)
  })

  it("Ctrl-C mid-run prints what was sent on stderr and exits 130", async () => {
    const users = activeUsers(12)
    served.fake.latencyMillis = 150
    const list = file("slow.txt", users.map((u) => u.id).join("\n"))
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !key.startsWith("QUANTIVE_")) env[key] = value
    }
    const child = spawn(process.execPath, [cliMain, "users", "deactivate", "--ids", list, "--batch-size", "1"], {
      env: { ...env, NO_COLOR: "1", ...served.env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => stdout += chunk.toString("utf8"))
    child.stderr.on("data", (chunk: Buffer) => stderr += chunk.toString("utf8"))
    const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)))
    expect(await until(() => posts("/v1/users/deactivate").length >= 3)).toBe(true)
    child.kill("SIGINT")
    const code = await closed
    expect(code).toBe(130)
    expect(stderr).not.toMatch(NO_STACK)
    const summary = /^interrupted: (\d+) deactivated(?:, (\d+) unknown)?, (\d+) not attempted/.exec(stderr)
    expect(summary, stderr).not.toBeNull()
    const done = Number(summary![1])
    const unknown = Number(summary![2] ?? 0)
    expect(done).toBeGreaterThanOrEqual(2)
    expect(done + unknown + Number(summary![3])).toBe(users.length)
    expect(stdout.trimEnd().split("\n").filter((l) => l.startsWith("deactivated"))).toHaveLength(done)
    expect(stdout.trimEnd().split("\n").filter((l) => /^unknown\s.*may have been applied, check/.test(l)))
      .toHaveLength(unknown)
    // Every POST the server received is applied once its latency has passed: the summary accounts for each.
    // (An unknown one is counted as sent: it may have reached the server.)
    const sent = posts("/v1/users/deactivate").length
    expect(sent).toBeGreaterThanOrEqual(done)
    expect(sent).toBeLessThanOrEqual(done + unknown)
    expect(await until(() => users.filter((u) => isActive(u.id) === false).length === sent)).toBe(true)
  })
})
