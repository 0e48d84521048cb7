#!/usr/bin/env node
// npm test: type-check (with the type tests), build, `deno check`, the JSR dry run, the Node smoke script, the
// structure checks (scripts/check-structure.mjs: import cycles, file sizes, private fields, core's imports, generated
// files up to date), the JSDoc examples compiled (scripts/check-examples.mjs), the CLI bundled
// (cli/scripts/bundle.mjs), the README's code with its CLI lines (scripts/readme-test.mjs), the packed package
// (scripts/package-test.mjs), vitest on Node (test/redis/ once both lanes are done), the same vitest suite on Deno
// (test/redis/ excluded by vitest.config.ts), the CLI package's suite on Node (cli/vitest.config.ts, when it exists),
// and the Deno.test smoke suite. Prints each suite's counts and one closing `N passed, N failed` line; exits 1 on any
// failure.
//
// The Redis suite (test/redis/) needs `redis-server` (scripts/redis-server.mjs): when it is missing, the runner
// installs it as .ci/run does when it can (apt-get as root or with sudo -n; QUANTIVE_TEST_INSTALL_REDIS=0 never
// installs), and otherwise prints how to install it, runs vitest without test/redis/ and counts that suite's tests as
// SKIPPED (a count of its own, before the closing line; never as passed).
//
// The Effect 4 line (effect4/, its own npm project with its own Node 22 as effect4/node_modules/.bin/node): installed
// with `npm ci --prefix effect4` when effect4/node_modules is missing (a fresh clone), then type-checked with its tsc
// on Node 22, and its vitest suite (effect4/vitest.config.ts: effect4/test/ and the shared scenarios/) run on Node 22
// and on Deno (effect4/deno.json), then its packed-package test. The shared scenarios (scenarios/) run on both lines,
// each in its vitest suite; both lines' scenario sources are type-checked (scenarios/tsconfig.json,
// scenarios/tsconfig.effect4.json).
//
// Two lanes run side by side (the machine's two cores; each suite alone keeps one busy): the Effect 3 line's checks,
// and the Effect 4 line followed by the CLI's suite. Each lane prints its commands and output as they come, every line
// of the second lane marked `[effect4+cli]`; the summary lists the suites lane by lane, each with its time. The Redis
// suites of both lines (requests per second across worker processes) run last, one after the other, once both lanes are
// done.
//
// `node scripts/test.mjs --redis-only` runs just the Redis suite, with the same handling of a missing `redis-server`;
// `node scripts/test.mjs --effect4-only` just the Effect 4 line (effect4/scripts/watch-effect.mjs runs it against the
// newest `effect` 4.x).
import { spawn, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs"
import { join, resolve } from "node:path"
import { ensureRedisServer, installHint } from "./redis-server.mjs"

const bin = (name) => join("node_modules", ".bin", name)
const resultsDir = ".vitest-results"
// A whole run starts from an empty results folder; `--redis-only` (which a test of this runner starts while a whole
// run may be writing there) leaves it as it is.
if (!process.argv.includes("--redis-only")) rmSync(resultsDir, { recursive: true, force: true })
mkdirSync(resultsDir, { recursive: true })

// No colour in piped output. Node's tools read FORCE_COLOR=0 as "no colour", but Deno reads any FORCE_COLOR as "force
// colour", so Deno gets NO_COLOR alone.
const nodeEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }
const denoEnv = { ...process.env, NO_COLOR: "1" }
delete denoEnv.FORCE_COLOR
const deno = bin("deno")

/**
 * A lane: a sequence of checks whose output is printed as it comes (each line after `mark`, when there is one) and
 * whose suites are recorded in order, each with the seconds its command took.
 */
const makeLane = (mark = "") => {
  const suites = []
  let partial = ""
  const print = (text) => {
    if (mark === "") return void process.stdout.write(text)
    const lines = (partial + text).split("\n")
    partial = lines.pop()
    if (lines.length > 0) process.stdout.write(lines.map((line) => `${mark} ${line}\n`).join(""))
  }
  const flush = () => {
    if (partial !== "") print("\n")
  }
  /** Runs a command to its end: its exit status, its output (when `capture`) and the seconds it took. */
  const run = (command, args, { capture = false } = {}) =>
    new Promise((done) => {
      print(`\n$ ${[command, ...args].join(" ")}\n`)
      const began = Date.now()
      const child = spawn(command, args, {
        env: command === deno ? denoEnv : nodeEnv,
        stdio: ["ignore", "pipe", "pipe"],
      })
      let stdout = ""
      let stderr = ""
      child.stdout.setEncoding("utf8").on("data", (text) => {
        if (capture) stdout += text
        else print(text)
      })
      child.stderr.setEncoding("utf8").on("data", (text) => {
        if (capture) stderr += text
        else print(text)
      })
      const finish = (status) => {
        if (capture) print(stdout + stderr)
        flush()
        done({ status, stdout, stderr, seconds: (Date.now() - began) / 1000 })
      }
      child.on("error", (error) => {
        stderr += `${error.message}\n`
        finish(127)
      })
      child.on("close", (code, signal) => finish(code ?? (signal === null ? 1 : 128)))
    })
  const record = (name, passed, failed, skipped = 0, seconds = 0) => {
    suites.push({ name, passed, failed, skipped, seconds })
  }

  /** A single check counts as one test. */
  const check = async (name, command, args) => {
    const result = await run(command, args)
    const ok = result.status === 0
    record(name, ok ? 1 : 0, ok ? 0 : 1, 0, result.seconds)
    return ok
  }

  /**
   * A script that prints its own checks and a closing `N passed, N failed` line (scripts/readme-test.mjs,
   * scripts/package-test.mjs): its counts are taken as they are; no such line, or a non-zero exit with none failed,
   * counts one failure.
   */
  const counted = async (name, script, ...args) => {
    const result = await run(process.execPath, [script, ...args], { capture: true })
    const summary = /(\d+) passed, (\d+) failed\s*$/.exec(`${result.stdout ?? ""}`)
    if (summary === null) return record(name, 0, 1, 0, result.seconds)
    const failed = Number(summary[2]) + (result.status !== 0 && summary[2] === "0" ? 1 : 0)
    record(name, Number(summary[1]), failed, 0, result.seconds)
  }

  /** `prefix` runs vitest (`deno run -A node_modules/vitest/vitest.mjs`), `args` follow `run` (e.g. `--config`). */
  const vitest = async (name, command, prefix, args = []) => {
    const file = resolve(resultsDir, `${name.replace(/\W+/g, "-")}.json`)
    const result = await run(command, [
      ...prefix,
      "run",
      ...args,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${file}`,
    ])
    try {
      const report = JSON.parse(readFileSync(file, "utf8"))
      // A run that exits non-zero with no failed test (a setup error, no test file found) still counts as a failure.
      const failed = report.numFailedTests + (result.status !== 0 && report.numFailedTests === 0 ? 1 : 0)
      record(name, report.numPassedTests, failed, 0, result.seconds)
    } catch {
      record(name, 0, 1, 0, result.seconds)
    }
  }
  return { suites, run, record, check, counted, vitest }
}

// The Redis suite: `redis-server` found (or installed), or the suite skipped, loudly, with its tests counted.
const redisSuite = "test/redis/"
const prepareRedis = (lane) => {
  const redis = ensureRedisServer()
  if (redis.binary !== undefined) return { exclude: [] }
  const listed = spawnSync(bin("vitest"), ["list", redisSuite, "--json"], { env: nodeEnv, encoding: "utf8" })
  let tests = 0
  try {
    tests = JSON.parse(listed.stdout.slice(listed.stdout.indexOf("["))).length
  } catch {
    tests = 0
  }
  const banner = "!".repeat(100)
  console.log(`\n${banner}\nSKIPPED: the Redis suite (${redisSuite}, ${tests} tests): ${redis.reason}.\n${installHint}`)
  console.log(`then run \`npm test\` again (or \`node scripts/test.mjs --redis-only\`).\n${banner}`)
  lane.record(`Redis suite (${redisSuite}): SKIPPED, no redis-server`, 0, tests === 0 ? 1 : 0, tests)
  return { exclude: ["--exclude", `${redisSuite}**`] }
}

const summarize = (started, ...lanes) => {
  const suites = lanes.flatMap((lane) => lane.suites)
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(`\nSummary (${seconds}s):`)
  for (const suite of suites) {
    const skipped = suite.skipped > 0 ? `, ${suite.skipped} SKIPPED` : ""
    const took = suite.seconds > 0 ? ` (${suite.seconds.toFixed(1)}s)` : ""
    console.log(`  ${suite.name.padEnd(48)} ${suite.passed} passed, ${suite.failed} failed${skipped}${took}`)
  }
  const passed = suites.reduce((n, s) => n + s.passed, 0)
  const failed = suites.reduce((n, s) => n + s.failed, 0)
  const skipped = suites.reduce((n, s) => n + s.skipped, 0)
  if (skipped > 0) console.log(`${skipped} skipped (not run, not counted as passed: see SKIPPED above)`)
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed === 0 ? 0 : 1)
}

// The Effect 4 line. Its checks are counted like the others; an install that fails counts each of them as failed.
// `redisLater`: its Redis suite is left out of its vitest run and given back, to run once both lanes are done.
async function effect4Line(lane, { redisLater = false } = {}) {
  const effect4 = "effect4"
  const effect4Bin = (...path) => join(effect4, "node_modules", ...path)
  const node22 = effect4Bin(".bin", "node")
  const effect4Checks = [
    "Effect 4: typecheck (tsc on Node 22)",
    "Effect 4: scenarios typecheck (tsc on Node 22)",
    "Effect 4: vitest on Node 22",
    "Effect 4: vitest on Deno",
    "Effect 4: packed package (npm install <tarball> effect, tsc, Node 22, Deno, publint, attw)",
    "Effect 4: README code (type-check, run)",
  ]
  const effect4Installed = (existsSync(node22) && existsSync(effect4Bin("vitest", "vitest.mjs"))) ||
    await lane.check("Effect 4: npm ci --prefix effect4", "npm", ["ci", "--prefix", effect4, "--no-audit", "--no-fund"])
  if (!effect4Installed) {
    for (const name of effect4Checks) lane.record(`${name} (not run: no install)`, 0, 1)
    return
  }
  const tsc4 = effect4Bin("typescript", "bin", "tsc")
  const vitest4 = effect4Bin("vitest", "vitest.mjs")
  const config4 = ["--config", join(effect4, "vitest.config.ts")]
  await lane.check(effect4Checks[0], node22, [tsc4, "-p", join(effect4, "tsconfig.json"), "--noEmit"])
  await lane.check(effect4Checks[1], node22, [tsc4, "-p", join("scenarios", "tsconfig.effect4.json")])
  const redis4 = join(effect4, "test", "redis")
  await lane.vitest(
    effect4Checks[2],
    node22,
    [vitest4],
    redisLater ? [...config4, "--exclude", `${redis4}/**`] : config4,
  )
  await lane.vitest(effect4Checks[3], deno, ["run", "-A", "--config", join(effect4, "deno.json"), vitest4], config4)
  await lane.counted(effect4Checks[4], join(effect4, "scripts", "package-test.mjs"))
  await lane.counted(effect4Checks[5], join("scripts", "readme-test.mjs"), "--line", "4")
  if (redisLater) {
    return (later) => later.vitest("Effect 4: Redis suite on Node 22", node22, [vitest4], [...config4, redis4])
  }
}

/** The Effect 3 line: type-checks, build, Deno, structure, examples, README, packed package, vitest, Deno.test. */
async function effect3Line(lane, redis) {
  await lane.check("typecheck (tsc, with type tests)", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"])
  const built = await lane.check("build (tsc --build to dist/)", process.execPath, ["scripts/build.mjs"])
  const entryPoints = ["mod.ts", "testing.ts", "redis.ts"].filter((file) => existsSync(file))
  await lane.check(`deno check ${entryPoints.join(" ")}`, deno, ["check", ...entryPoints])
  await lane.check("JSR gate (deno publish --dry-run)", deno, ["publish", "--dry-run", "--allow-dirty"])
  if (built) await lane.check("Node script imports dist/", process.execPath, ["test/node-smoke.mjs"])
  await lane.counted("structure (scripts/check-structure.mjs)", "scripts/check-structure.mjs")
  await lane.counted("JSDoc examples compile (scripts/check-examples.mjs)", "scripts/check-examples.mjs")
  // The README's CLI lines run against the bundled CLI: bundled first, so a fresh clone runs them too.
  if (existsSync("cli/scripts/bundle.mjs")) {
    await lane.check("CLI bundle (cli/dist/quantive.js)", process.execPath, ["cli/scripts/bundle.mjs"])
  }
  await lane.counted("README code (type-check, run)", "scripts/readme-test.mjs")
  await lane.counted("packed package (npm, tsc, publint, attw, Deno)", "scripts/package-test.mjs")
  // The Redis suite runs once both lanes are done (see below).
  await lane.vitest("vitest on Node (without test/redis/)", bin("vitest"), [], ["--exclude", `${redisSuite}**`])
  await lane.vitest("vitest on Deno", deno, ["run", "-A", "node_modules/vitest/vitest.mjs"])
  if (!built) return lane.record("Deno.test smoke (skipped: no build)", 0, 1)
  const result = await lane.run(deno, ["test", "-A", "test/deno/"], { capture: true })
  const output = `${result.stdout}${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, "")
  const summary = /(?:ok|FAILED) \| (\d+) passed[^|]*\| (\d+) failed/.exec(output)
  if (summary === null) return lane.record("Deno.test smoke", 0, 1, 0, result.seconds)
  const failed = Number(summary[2]) + (result.status !== 0 && summary[2] === "0" ? 1 : 0)
  lane.record("Deno.test smoke", Number(summary[1]), failed, 0, result.seconds)
}

/** The second lane: the Effect 3 scenarios type-checked, the Effect 4 line, then the CLI's suite. */
async function effect4AndCli(lane) {
  // The Effect 3 line's scenario sources are type-checked here: it only reads, and this lane is the shorter one.
  await lane.check("scenarios typecheck on Effect 3 (tsc)", bin("tsc"), ["-p", join("scenarios", "tsconfig.json")])
  const redis4 = await effect4Line(lane, { redisLater: true })
  if (existsSync("cli/vitest.config.ts")) {
    await lane.vitest("CLI vitest on Node", bin("vitest"), [], ["--config", "cli/vitest.config.ts"])
  }
  return redis4
}

const started = Date.now()
if (process.argv.includes("--redis-only")) {
  const lane = makeLane()
  const redis = prepareRedis(lane)
  if (redis.exclude.length === 0) await lane.vitest("Redis suite on Node", bin("vitest"), [], [redisSuite])
  summarize(started, lane)
} else if (process.argv.includes("--effect4-only")) {
  const lane = makeLane()
  await effect4Line(lane)
  summarize(started, lane)
} else {
  const first = makeLane()
  const second = makeLane("[effect4+cli]")
  const redis = prepareRedis(first)
  const [, redis4] = await Promise.all([effect3Line(first, redis), effect4AndCli(second)])
  // The Redis suites measure requests per second across worker processes: they run after both lanes, one line after
  // the other, on a machine the lanes no longer load.
  const last = makeLane()
  if (redis.exclude.length === 0) await last.vitest("Redis suite on Node", bin("vitest"), [], [redisSuite])
  if (redis4 !== undefined) await redis4(last)
  summarize(started, first, second, last)
}
