#!/usr/bin/env node
// Copies the request and response samples of the API reference into test/fixtures/samples.json, so that
// test/Samples.test.ts runs from a clone of this repository alone.
//
// Source: ../shared/seeds/operations.json (next to the repository root), the machine-readable digest of the reference
// pages. Output: one entry per operation that shows a request and/or a response sample,
// `{ seed, method, path, deprecated, requestSample, responseSample }` (an absent sample is `null`), ordered by seed,
// then method (GET, POST, PUT, PATCH, DELETE), then path, pretty-printed. The samples are copied as they are printed,
// placeholders included (the test substitutes those explicitly). Running it again gives byte-identical output.
//
// Usage: node scripts/extract-fixtures.mjs
// Plain Node ESM, no dependencies.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"

const source = new URL("../../shared/seeds/operations.json", import.meta.url)
const target = new URL("../test/fixtures/samples.json", import.meta.url)

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]

const fail = (message) => {
  console.error(`extract-fixtures: ${message}`)
  process.exit(1)
}

let operations
try {
  operations = JSON.parse(readFileSync(source, "utf8"))
} catch (error) {
  fail(`cannot read ${source.pathname}: ${error instanceof Error ? error.message : String(error)}`)
}
if (!Array.isArray(operations)) fail("operations.json is not an array")

const present = (sample) => sample !== null && sample !== undefined

const entries = []
const seen = new Set()
for (const op of operations) {
  if (typeof op?.seed !== "string" || typeof op.method !== "string" || typeof op.path !== "string") {
    fail(`an entry lacks seed, method or path: ${JSON.stringify(op).slice(0, 200)}`)
  }
  if (!METHODS.includes(op.method)) fail(`unknown method ${op.method} in ${op.seed} ${op.path}`)
  const key = `${op.seed} ${op.method} ${op.path}`
  if (seen.has(key)) fail(`duplicate operation ${key}`)
  seen.add(key)
  if (!present(op.requestSample) && !present(op.responseSample)) continue
  entries.push({
    seed: op.seed,
    method: op.method,
    path: op.path,
    deprecated: op.deprecated === true,
    requestSample: present(op.requestSample) ? op.requestSample : null,
    responseSample: present(op.responseSample) ? op.responseSample : null,
  })
}

// Code-point comparison (not localeCompare), so the order never depends on the machine's locale.
const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0)
entries.sort((a, b) =>
  compare(a.seed, b.seed) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method) || compare(a.path, b.path)
)

mkdirSync(new URL(".", target), { recursive: true })
writeFileSync(target, JSON.stringify(entries, null, 2) + "\n")
const requests = entries.filter((e) => e.requestSample !== null).length
const responses = entries.filter((e) => e.responseSample !== null).length
console.log(
  `extract-fixtures: ${entries.length} operations (${requests} request, ${responses} response samples) ` +
    `of ${operations.length} -> test/fixtures/samples.json`,
)

// Every operation's contract (no samples), for test/Endpoints.test.ts: seed, method, path, deprecated, url, statuses.
const contracts = operations
  .map((op) => ({
    seed: op.seed,
    method: op.method,
    path: op.path,
    deprecated: op.deprecated === true,
    url: op.url,
    statuses: op.statuses,
  }))
  .sort((a, b) =>
    compare(a.seed, b.seed) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method) || compare(a.path, b.path)
  )
writeFileSync(new URL("../test/fixtures/operations.json", import.meta.url), JSON.stringify(contracts, null, 2) + "\n")
console.log(`extract-fixtures: ${contracts.length} operation contracts -> test/fixtures/operations.json`)
