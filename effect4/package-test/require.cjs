// The packed-package test (effect4/scripts/package-test.mjs): a CommonJS consumer `require()`s the ESM-only package,
// as Node 22 allows (require(esm)).
const assert = require("node:assert/strict")
const client = require("@effect-quantive/client")
const testing = require("@effect-quantive/client/testing")

assert.equal(typeof client.Quantive.layer, "function")
assert.equal(typeof client.Accounts, "function")
assert.equal(typeof testing.FakeQuantive.make, "function")
console.log(`package require(): ${Object.keys(client).length} exports on Node ${process.versions.node}`)
