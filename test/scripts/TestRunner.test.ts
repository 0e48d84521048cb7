/**
 * `npm test` (scripts/test.mjs) on a machine without `redis-server`: it finds the binary on PATH or in
 * `$REDIS_SERVER`, and when it is missing and cannot be installed it says how to install it and counts the Redis
 * suite as skipped, never as passed. On a clone without effect4/node_modules it installs the Effect 4 line first, and
 * when that install fails it counts every check of the line as failed, never as skipped.
 */
import { spawnSync } from "node:child_process"
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("../..", import.meta.url))
const onDeno = "Deno" in globalThis
const node = onDeno ? "node" : process.execPath
const work = mkdtempSync(join(tmpdir(), "quantive-runner-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** A folder with `node` alone, to stand in for a PATH without `redis-server`. */
const nodeOnly = join(work, "node-only")
const findIn = (env: Record<string, string>) =>
  spawnSync(node, [
    "--input-type=module",
    "-e",
    `import { findRedisServer } from ${JSON.stringify(join(root, "scripts", "redis-server.mjs"))}
     console.log(String(findRedisServer(${JSON.stringify(env)})))`,
  ], { encoding: "utf8" }).stdout.trim()

describe.skipIf(onDeno)("scripts/test.mjs without redis-server", () => {
  it("finds redis-server on PATH or in $REDIS_SERVER, and nothing that is not there", () => {
    const withRedis = join(work, "with-redis")
    mkdirSync(withRedis, { recursive: true })
    mkdirSync(nodeOnly, { recursive: true })
    const fake = join(withRedis, "redis-server")
    writeFileSync(fake, "#!/bin/sh\nexit 0\n")
    chmodSync(fake, 0o755)
    expect(findIn({ PATH: `${nodeOnly}:${withRedis}` })).toBe(fake)
    expect(findIn({ PATH: nodeOnly })).toBe("undefined")
    expect(findIn({ PATH: nodeOnly, REDIS_SERVER: fake })).toBe(fake)
    expect(findIn({ PATH: withRedis, REDIS_SERVER: join(work, "nowhere") })).toBe("undefined")
  })

  it("says how to install it and counts the Redis suite as skipped, not passed", () => {
    mkdirSync(nodeOnly, { recursive: true })
    try {
      symlinkSync(process.execPath, join(nodeOnly, "node"))
    } catch {
      // already there
    }
    const result = spawnSync(process.execPath, [join(root, "scripts", "test.mjs"), "--redis-only"], {
      cwd: root,
      encoding: "utf8",
      env: { PATH: nodeOnly, HOME: work, QUANTIVE_TEST_INSTALL_REDIS: "0", NO_COLOR: "1" },
    })
    const output = `${result.stdout}${result.stderr}`
    expect(output).toContain("SKIPPED: the Redis suite (test/redis/")
    expect(output).toContain("apt-get install -y redis-server")
    const skipped = /^(\d+) skipped/m.exec(output)
    expect(Number(skipped?.[1])).toBeGreaterThan(0)
    expect(output.trimEnd().split("\n").at(-1)).toBe("0 passed, 0 failed")
    expect(result.status).toBe(0)
  }, 120_000)
})

describe.skipIf(onDeno)("scripts/test.mjs on a clone without effect4/node_modules", () => {
  it("runs npm ci --prefix effect4, and when it fails counts each Effect 4 check as failed", () => {
    const clone = join(work, "clone")
    for (const file of ["scripts/test.mjs", "scripts/redis-server.mjs", "effect4/package.json"]) {
      mkdirSync(dirname(join(clone, file)), { recursive: true })
      copyFileSync(join(root, file), join(clone, file))
    }
    // No effect4/package-lock.json: `npm ci` refuses at once, with no network.
    const result = spawnSync(process.execPath, [join(clone, "scripts", "test.mjs"), "--effect4-only"], {
      cwd: clone,
      encoding: "utf8",
      env: { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ""}`, HOME: work, NO_COLOR: "1" },
    })
    const output = `${result.stdout}${result.stderr}`
    expect(output).toContain("$ npm ci --prefix effect4")
    const names = [
      "typecheck",
      "scenarios typecheck",
      "vitest on Node 22",
      "vitest on Deno",
      "packed package",
      "README code",
    ]
    for (const name of names) {
      expect(output).toMatch(new RegExp(`Effect 4: ${name}[^\\n]*\\(not run: no install\\)\\s+0 passed, 1 failed`))
    }
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe("0 passed, 7 failed")
    expect(result.status).toBe(1)
  }, 120_000)
})
