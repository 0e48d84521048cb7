#!/usr/bin/env node
// npm test: type-check (with the type tests), build, `deno check`, the JSR dry run, vitest on Node, the same vitest suite on Deno, and
// the Deno.test smoke suite. Prints each suite's counts and one closing `N passed, N failed` line; exits 1 on any
// failure.
import { spawnSync } from "node:child_process"
import { mkdirSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"

const bin = (name) => join("node_modules", ".bin", name)
const resultsDir = ".vitest-results"
rmSync(resultsDir, { recursive: true, force: true })
mkdirSync(resultsDir, { recursive: true })

const env = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }
const run = (command, args, { capture = false } = {}) => {
  console.log(`\n$ ${[command, ...args].join(" ")}`)
  const result = spawnSync(command, args, {
    env,
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
  })
  if (capture) {
    process.stdout.write(result.stdout ?? "")
    process.stderr.write(result.stderr ?? "")
  }
  return result
}

const suites = []
const record = (name, passed, failed) => {
  suites.push({ name, passed, failed })
}

// A single check counts as one test.
const check = (name, command, args) => {
  const ok = run(command, args).status === 0
  record(name, ok ? 1 : 0, ok ? 0 : 1)
  return ok
}

const vitest = (name, command, args) => {
  const file = join(resultsDir, `${name.replace(/\W+/g, "-")}.json`)
  const result = run(command, [...args, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`])
  try {
    const report = JSON.parse(readFileSync(file, "utf8"))
    const failed = report.numFailedTests +
      (report.numTotalTestSuites > 0 && result.status !== 0 && report.numFailedTests === 0 ? 1 : 0)
    record(name, report.numPassedTests, failed)
  } catch {
    record(name, 0, 1)
  }
}

const started = Date.now()
check("typecheck (tsc, with type tests)", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"])
const built = check("build (tsc to dist/)", bin("tsc"), ["-p", "tsconfig.build.json"])
check("deno check mod.ts testing.ts", bin("deno"), ["check", "mod.ts", "testing.ts"])
check("JSR gate (deno publish --dry-run)", bin("deno"), ["publish", "--dry-run", "--allow-dirty"])
if (built) check("Node script imports dist/", process.execPath, ["test/node-smoke.mjs"])
vitest("vitest on Node", bin("vitest"), [])
vitest("vitest on Deno", bin("deno"), ["run", "-A", "node_modules/vitest/vitest.mjs"])
if (built) {
  const result = run(bin("deno"), ["test", "-A", "test/deno/"], { capture: true })
  const output = `${result.stdout}${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, "")
  const summary = /(?:ok|FAILED) \| (\d+) passed[^|]*\| (\d+) failed/.exec(output)
  if (summary) {
    record(
      "Deno.test smoke",
      Number(summary[1]),
      Number(summary[2]) + (result.status !== 0 && summary[2] === "0" ? 1 : 0),
    )
  } else record("Deno.test smoke", 0, 1)
} else {
  record("Deno.test smoke (skipped: no build)", 0, 1)
}

const seconds = ((Date.now() - started) / 1000).toFixed(1)
console.log(`\nSummary (${seconds}s):`)
for (const suite of suites) console.log(`  ${suite.name.padEnd(36)} ${suite.passed} passed, ${suite.failed} failed`)
const passed = suites.reduce((n, s) => n + s.passed, 0)
const failed = suites.reduce((n, s) => n + s.failed, 0)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
