#!/usr/bin/env node
// npm run build (and prepack, npm start, npm run bench): `tsc --build tsconfig.build.json`, incremental: when no
// source changed it only compares time stamps with the build info (well under a second).
//
// The build info lives in dist/.tsbuildinfo, so deleting dist/ means a full build. Before compiling, if any output
// of a source is missing (someone deleted part of dist/), the build info is dropped so tsc emits everything again.
// After compiling, outputs whose source no longer exists (a module moved or deleted) are removed, so an incremental
// build never ships a stale file. `--clean` removes dist/ first.
//
// Usage: node scripts/build.mjs [--clean]
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const dist = join(root, "dist")
const buildInfo = join(dist, ".tsbuildinfo")
// The sources: what tsconfig.build.json's `include` names (files and folders; no globs there).
const include = JSON.parse(readFileSync(join(root, "tsconfig.build.json"), "utf8")).include
if (process.argv.includes("--clean")) rmSync(dist, { recursive: true, force: true })

const walk = (dir) =>
  existsSync(dir)
    ? readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? walk(path) : [path]
    })
    : []

const isSource = (path) => path.endsWith(".ts") && !path.endsWith(".d.ts")
const sources = include.map((entry) => join(root, entry)).filter((path) => existsSync(path))
  .flatMap((path) => (statSync(path).isDirectory() ? walk(path) : [path])).filter(isSource)
const outputOf = (source) => join(dist, relative(root, source)).replace(/\.ts$/, ".js")

if (existsSync(buildInfo) && sources.some((source) => !existsSync(outputOf(source)))) rmSync(buildInfo)

const tsc = join(root, "node_modules", "typescript", "bin", "tsc")
const result = spawnSync(process.execPath, [tsc, "--build", join(root, "tsconfig.build.json")], { stdio: "inherit" })
if (result.status !== 0) process.exit(result.status ?? 1)

// Prune outputs (.js, .js.map, .d.ts) whose source is gone.
const expected = new Set(sources.map(outputOf))
let pruned = 0
for (const file of walk(dist)) {
  const match = /^(.*)\.(?:js|js\.map|d\.ts)$/.exec(file)
  if (match === null) continue
  if (!expected.has(`${match[1]}.js`)) {
    rmSync(file)
    pruned += 1
  }
}
if (pruned > 0) console.log(`build: removed ${pruned} stale file(s) from dist/`)
