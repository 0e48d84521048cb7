import { mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { serve, type Served, spawnCli } from "./helpers.ts"

// The CLI's own memory, with the fake in this process and the CLI spawned (the bundle). The CLI runs with its old space capped at 128 MiB: an export
// that collected its users would run out of heap (the larger one writes ~7 KB of CSV per user, over 100 MB, and holds
// ~20 KB of objects per user decoded; 64 MiB was too close to what loading and four pages in flight need), and its
// peak RSS must be about the same for LARGE users as for a tenth of them. Without the cap V8 merely lets the heap
// grow lazily. QUANTIVE_CLI_MEMORY_USERS=100000 measures the 100k export.
const LARGE = Number(process.env.QUANTIVE_CLI_MEMORY_USERS ?? 20_000)
const SMALL = Math.max(2_000, Math.round(LARGE / 10))

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "quantive-cli-"))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const peakRss = async (users: number) => {
  const served: Served = await serve({ seed: 2, users })
  try {
    const out = join(dir, `users-${users}.csv`)
    const result = await spawnCli(["users", "export", "--out", out], {
      env: { ...served.env, QUANTIVE_CLI_REPORT_RSS: "1", NODE_OPTIONS: "--max-old-space-size=128" },
    })
    expect(result.code, result.stderr.slice(-2000)).toBe(0)
    const mib = Number(/peak rss (\d+) MiB/.exec(result.stderr)?.[1])
    console.log(`users export of ${users} users: peak RSS ${mib} MiB, ${statSync(out).size} bytes written`)
    return mib
  } finally {
    await served.close()
  }
}

describe("memory", () => {
  it(`stays flat from ${SMALL} to ${LARGE} users`, async () => {
    const small = await peakRss(SMALL)
    const large = await peakRss(LARGE)
    expect(small).toBeGreaterThan(0)
    expect(large).toBeLessThan(small + 48)
  }, 1_800_000)
})
