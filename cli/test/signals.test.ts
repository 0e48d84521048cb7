import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cliMain, serve, type Served, start } from "./helpers.ts"

// A slow fake (every request waits), so that an export of many small pages is still running when the signal comes.
let served: Served
let dir: string

beforeAll(async () => {
  served = await serve({ seed: 4, users: 3_000, latencyMillis: 150 })
  dir = mkdtempSync(join(tmpdir(), "quantive-cli-"))
})

afterAll(async () => {
  await served.close()
  rmSync(dir, { recursive: true, force: true })
})

const partials = (prefix: string) => readdirSync(dir).filter((name) => name.startsWith(`${prefix}.`))

describe("signals", () => {
  for (const signal of ["SIGHUP", "SIGTERM", "SIGINT"] as const) {
    it(`removes the partial file when ${signal} arrives mid-export`, async () => {
      const name = `users-${signal}.csv`
      const out = join(dir, name)
      const started = start(process.execPath, [
        cliMain,
        "users",
        "export",
        "--page-size",
        "20",
        "--concurrency",
        "1",
        "--out",
        out,
      ], { env: served.env })
      let ended = false
      void started.done.then(() => (ended = true))
      // Wait until rows have been written to the temporary file (more than the header), so the export is mid-way.
      let midway = false
      for (let i = 0; i < 3_000 && !midway && !ended; i++) {
        const [partial] = partials(name)
        if (partial !== undefined) {
          try {
            midway = statSync(join(dir, partial)).size > 2_000
          } catch {
            // renamed or removed in between
          }
        }
        if (!midway) await new Promise((resolve) => setTimeout(resolve, 10))
      }
      expect(midway).toBe(true)
      expect(partials(name)).toHaveLength(1)
      started.child.kill(signal)
      const result = await started.done
      expect(partials(name)).toEqual([])
      expect(existsSync(out)).toBe(false)
      expect(result.signal).toBe(null)
      expect(result.code).toBe(130)
    })
  }
})
