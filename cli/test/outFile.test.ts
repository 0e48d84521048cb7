import { execFileSync } from "node:child_process"
import {
  chmodSync,
  createReadStream,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cli, cliMain, parseCsv, run, serve, type Served, spawnCli } from "./helpers.ts"

let served: Served
let dir: string

beforeAll(async () => {
  served = await serve({ seed: 3, users: 120 })
  dir = mkdtempSync(join(tmpdir(), "quantive-cli-"))
})

afterAll(async () => {
  await served.close()
  rmSync(dir, { recursive: true, force: true })
})

const rowsOf = (text: string) => parseCsv(text).length - 1

describe("--out FILE", () => {
  it("keeps the mode of the file it replaces (0600 stays 0600, 0640 stays 0640)", async () => {
    for (const mode of [0o600, 0o640]) {
      const out = join(dir, `users-${mode.toString(8)}.csv`)
      writeFileSync(out, "an older export\n")
      chmodSync(out, mode)
      const result = await cli(["users", "export", "--out", out], { env: served.env })
      expect(result.stderr).toBe("")
      expect(result.code).toBe(0)
      expect(statSync(out).mode & 0o777).toBe(mode)
      expect(rowsOf(readFileSync(out, "utf8"))).toBe(served.fake.users.length)
    }
  })

  it("creates a new file readable by its owner only", async () => {
    const out = join(dir, "new.csv")
    const result = await cli(["users", "export", "--out", out], { env: served.env })
    expect(result.code).toBe(0)
    expect(statSync(out).mode & 0o777).toBe(0o600)
  })

  it("never writes through a symlink planted at a temporary name", async () => {
    const out = join(dir, "planted.csv")
    const victim = join(dir, "victim.txt")
    writeFileSync(victim, "precious\n")
    // The shell plants the links and then execs the CLI, which keeps the shell's pid ($$): every name derived from
    // the output path and the pid is taken by a link to the victim before the CLI starts.
    const script =
      `for n in "$OUT.$$.partial" "$OUT.partial" "$OUT.tmp" "$OUT.$$.tmp" "$DIR/.planted.csv.$$.partial"; do ` +
      `ln -s "$VICTIM" "$n"; done; exec "$NODE" "$MAIN" users export --out "$OUT"`
    const result = await run("sh", ["-c", script], {
      env: { ...served.env, DIR: dir, OUT: out, VICTIM: victim, NODE: process.execPath, MAIN: cliMain },
    })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    expect(readFileSync(victim, "utf8")).toBe("precious\n")
    expect(lstatSync(out).isFile()).toBe(true)
    expect(rowsOf(readFileSync(out, "utf8"))).toBe(served.fake.users.length)
    const links = readdirSync(dir).filter((name) => /^\.?planted\.csv\./.test(name))
    expect(links).toHaveLength(5)
    for (const name of links) expect(readlinkSync(join(dir, name))).toBe(victim)
  })

  it("names the temporary file at random, never after the pid", async () => {
    const slow = await serve({ seed: 3, users: 400, latencyMillis: 150 })
    try {
      const seen = new Set<string>()
      for (let attempt = 0; attempt < 2; attempt++) {
        const out = join(dir, "watched.csv")
        const running = cli(["users", "export", "--page-size", "50", "--concurrency", "1", "--out", out], {
          env: slow.env,
        })
        let finished = false
        void running.then(() => (finished = true))
        for (let i = 0; i < 2_000 && !finished; i++) {
          for (const name of readdirSync(dir)) if (name.startsWith("watched.csv.")) seen.add(name)
          await new Promise((resolve) => setTimeout(resolve, 10))
        }
        expect((await running).code).toBe(0)
      }
      expect(seen.size).toBe(2)
      for (const name of seen) expect(name).toMatch(/^watched\.csv\.[0-9a-f]{16}\.partial$/)
      expect(readdirSync(dir).filter((name) => name.startsWith("watched.csv."))).toEqual([])
    } finally {
      await slow.close()
    }
  })

  it("writes to /dev/stdout directly", async () => {
    const result = await cli(["users", "export", "--out", "/dev/stdout"], { env: served.env })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    expect(rowsOf(result.stdout)).toBe(served.fake.users.length)
  })

  it("writes to a FIFO that is read, and refuses one nobody reads", async () => {
    const fifo = join(dir, "pipe.csv")
    execFileSync("mkfifo", [fifo])
    const chunks: Array<Buffer> = []
    const reading = new Promise<string>((resolve, reject) => {
      const stream = createReadStream(fifo)
      stream.on("data", (chunk) => chunks.push(chunk as Buffer))
      stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
      stream.on("error", reject)
    })
    // Spawned: opening a FIFO for writing waits for its reader, which lives in this process.
    const result = await spawnCli(["users", "export", "--out", fifo], { env: served.env })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    expect(rowsOf(await reading)).toBe(served.fake.users.length)

    const unread = await cli(["users", "export", "--out", fifo], { env: served.env })
    expect(unread.code).toBe(2)
    expect(unread.stderr).toContain(`cannot write --out ${fifo}: nothing is reading it`)
    expect(lstatSync(fifo).isFIFO()).toBe(true)
  })
})
