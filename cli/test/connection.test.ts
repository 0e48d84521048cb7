// The connection flags, spawned as the real CLI against a fake on a loopback socket: a token file may be a pipe
// (`<(…)`), a token file other users can read and an account id on the command line are warned about (never echoing
// either value), and `--demo-users` is bounded.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cli, cliMain, run, serve, type Served } from "./helpers.ts"

let served: Served
let dir: string

beforeAll(async () => {
  served = await serve({ seed: 11, users: 5 })
  dir = mkdtempSync(join(tmpdir(), "quantive-cli-conn-"))
})
afterAll(async () => {
  await served.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The fake's environment without the token (read from the file or pipe under test instead). */
const withoutToken = () => {
  const { QUANTIVE_TOKEN: _, ...rest } = served.env
  return rest
}

const tokenFile = (name: string, mode: number) => {
  const path = join(dir, name)
  writeFileSync(path, `${served.fake.token}\n`)
  chmodSync(path, mode)
  return path
}

describe("--token-file", () => {
  it("reads a pipe given as <(…)", async () => {
    const result = await run("bash", [
      "-c",
      `"${process.execPath}" "${cliMain}" account --token-file <(printf '%s' "$TOKEN_UNDER_TEST")`,
    ], { env: { ...withoutToken(), TOKEN_UNDER_TEST: served.fake.token } })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(served.fake.account.name)
  })

  it("a file other users can read works, with a warning that names neither the token nor the account", async () => {
    const open = await cli(["account", "--token-file", tokenFile("open-token", 0o644)], { env: withoutToken() })
    expect(open.code).toBe(0)
    expect(open.stderr).toBe(
      "quantive: warning: --token-file is accessible to other users (mode 0644); restrict it with chmod 600\n",
    )
    expect(open.stderr).not.toContain(served.fake.token)
    const closed = await cli(["account", "--token-file", tokenFile("private-token", 0o600)], { env: withoutToken() })
    expect(closed.code).toBe(0)
    expect(closed.stderr).toBe("")
  })

  it("a file that cannot be read is a configuration error, exit 3, naming the reason", async () => {
    const missing = await cli(["account", "--token-file", join(dir, "nope")], { env: withoutToken() })
    expect(missing.code).toBe(3)
    expect(missing.stderr).toBe(
      "quantive: cannot read --token-file (no such file): check the path and its permissions\n",
    )
    const directory = await cli(["account", "--token-file", dir], { env: withoutToken() })
    expect(directory.code).toBe(3)
    expect(directory.stderr).toContain("(it is a directory)")
  })
})

describe("--account-id", () => {
  it("works, with a warning that it shows in ps and the history, and never echoes the id", async () => {
    const { QUANTIVE_ACCOUNT_ID: _, ...env } = served.env
    const result = await cli(["account", "--account-id", served.fake.accountId], { env })
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(
      "quantive: warning: --account-id shows in ps and in the shell history; prefer QUANTIVE_ACCOUNT_ID\n",
    )
    expect(result.stderr + result.stdout).not.toContain(served.fake.accountId)
    const quiet = await cli(["account"], { env: served.env })
    expect(quiet.code).toBe(0)
    expect(quiet.stderr).toBe("")
  })
})

describe("--demo-users", () => {
  it("is bounded: past 10000 (or below 0) a usage error, exit 2; the bound itself works", async () => {
    const over = await cli(["users", "export", "--demo", "--demo-users", "10001", "--format", "ndjson"])
    expect(over.code).toBe(2)
    expect(over.stderr).toBe("quantive: --demo-users: give a whole number from 0 to 10000\n")
    expect(over.stdout).toBe("")
    const huge = await cli(["account", "--demo", "--demo-users", "1000000000"])
    expect(huge.code).toBe(2)
    const negative = await cli(["account", "--demo", "--demo-users=-1"])
    expect(negative.code).toBe(2)
    const bound = await cli(["users", "export", "--demo", "--demo-users", "10000", "--format", "ndjson"])
    expect(bound.code).toBe(0)
    expect(bound.stdout.trimEnd().split("\n")).toHaveLength(10000)
  })
})
