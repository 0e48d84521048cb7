// Node smoke: a plain Node script imports the npm build (dist/mod.js, dist/testing.js) and makes a real call over a
// loopback socket. Exits non-zero on any mismatch.
import { Effect } from "effect"
import { Accounts, QuantiveError } from "../dist/mod.js"
import { FakeQuantive } from "../dist/testing.js"

const result = await Effect.gen(function* () {
  const { fake } = yield* FakeQuantive.FakeServer
  const accounts = yield* Accounts
  const account = yield* accounts.get(fake.accountId)
  const taken = yield* Effect.flip(accounts.checkDomain({ accountName: "Acme", domain: "acme" }))
  return { same: account.id === fake.accountId, tag: taken._tag, isError: QuantiveError.isQuantiveError(taken) }
}).pipe(Effect.provide(FakeQuantive.layer({ transport: "socket" })), Effect.runPromise)

const expected = JSON.stringify({ same: true, tag: "Conflict", isError: true })
if (JSON.stringify(result) !== expected) {
  console.error(`node smoke: expected ${expected}, got ${JSON.stringify(result)}`)
  process.exit(1)
}
console.log("node smoke: dist/mod.js and dist/testing.js work from a Node script")
