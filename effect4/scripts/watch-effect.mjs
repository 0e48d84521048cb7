#!/usr/bin/env node
// The newest `effect` 4.x against the Effect 4 line: asks the registry for the highest published 4.x
// (`npm view effect@^4 version`), builds a scratch copy of the repository in a temporary folder (its sources, and a
// copy of effect4/node_modules), installs that `effect` there, and runs the Effect 4 line's part of `npm test` in it
// (`node scripts/test.mjs --effect4-only`: type-check with tsc on Node 22, the suite and the shared scenarios on
// Node 22 and on Deno). effect4/package.json, effect4/package-lock.json and
// effect4/node_modules are never changed. Prints the version tested and the result; exits 1 when it fails.
//
//   npm run watch:effect4                      the newest 4.x
//   node effect4/scripts/watch-effect.mjs 4.1.0   a given version
//   QUANTIVE_WATCH_KEEP=1 ...                  keeps the scratch folder (its path is printed)
import { spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { basename, dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const effect4 = dirname(dirname(fileURLToPath(import.meta.url)))
const root = dirname(effect4)
const env = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }

const sh = (command, args, options = {}) => {
  console.log(`$ ${[command, ...args].join(" ")}`)
  return spawnSync(command, args, { encoding: "utf8", env, ...options })
}

const fail = (message) => {
  console.error(`watch-effect: ${message}`)
  process.exit(1)
}

/** The highest version of `effect` 4.x the registry has (`npm view` lists them oldest first). */
const newest = () => {
  const view = sh("npm", ["view", "effect@^4", "version", "--json"])
  if (view.status !== 0) fail(`npm view effect@^4 failed:\n${view.stderr}`)
  const parsed = JSON.parse(view.stdout)
  const versions = Array.isArray(parsed) ? parsed : [parsed]
  if (versions.length === 0) fail("the registry lists no effect 4.x")
  return versions.at(-1)
}

const version = process.argv[2] ?? newest()
const versionIn = (modules) => JSON.parse(readFileSync(join(modules, "effect", "package.json"), "utf8")).version
if (!existsSync(join(effect4, "node_modules", ".bin", "node"))) {
  fail("effect4/node_modules is missing: run `npm ci --prefix effect4` first")
}
const installed = versionIn(join(effect4, "node_modules"))

// The scratch copy: the repository as it is on disk (the Effect 4 line's checks read effect4/, core/, scenarios/,
// test/fixtures/, bench/ and the root's tsconfig.json), without any node_modules, dist/, .git or test results. The
// root's node_modules (Deno, fast-check for the scenarios) is linked, not copied; effect4/node_modules is copied, then
// `effect` replaced in it.
const scratch = mkdtempSync(join(tmpdir(), "quantive-watch-effect-"))
const left = new Set(["node_modules", "dist", ".git", ".vitest-results", ".readme-test"])
const wanted = (source) => !left.has(basename(source))
let status = 1
try {
  cpSync(root, scratch, { recursive: true, filter: wanted })
  symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"), "dir")
  const copy = sh("cp", ["-a", "--reflink=auto", join(effect4, "node_modules"), join(scratch, "effect4")])
  if (copy.status !== 0) throw new Error(`copying effect4/node_modules failed:\n${copy.stderr}`)
  const install = sh("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", `effect@${version}`], {
    cwd: join(scratch, "effect4"),
  })
  if (install.status !== 0) throw new Error(`npm install effect@${version} failed:\n${install.stderr}`)
  const tested = versionIn(join(scratch, "effect4", "node_modules"))
  if (tested !== version) throw new Error(`installed effect ${tested}, not ${version}`)

  console.log(`\nThe Effect 4 line against effect ${version} (the lockfile has ${installed}), in ${scratch}\n`)
  const run = spawnSync(process.execPath, ["scripts/test.mjs", "--effect4-only"], {
    cwd: scratch,
    env,
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  })
  process.stdout.write(run.stdout ?? "")
  const summary = /(\d+) passed, (\d+) failed\s*$/.exec(run.stdout ?? "")
  status = run.status === 0 ? 0 : 1
  console.log(
    `\neffect ${version} (lockfile: ${installed}): ${status === 0 ? "PASSED" : "FAILED"}` +
      (summary === null ? " (no summary line)" : ` (${summary[1]} passed, ${summary[2]} failed)`),
  )
} catch (error) {
  console.error(`\neffect ${version}: FAILED before the suite ran: ${error instanceof Error ? error.message : error}`)
} finally {
  if (process.env.QUANTIVE_WATCH_KEEP === "1") console.log(`kept ${scratch}`)
  else rmSync(scratch, { recursive: true, force: true })
}
process.exit(status)
