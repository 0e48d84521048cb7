/**
 * Deno smoke suite: the source entry points (`mod.ts`, `testing.ts`) and the npm build (`dist/mod.js`,
 * `dist/testing.js`) both load under Deno and run a real call over a loopback socket and in-process.
 */
import { Effect } from "effect"
import * as source from "../../mod.ts"
import * as sourceTesting from "../../testing.ts"
import * as built from "../../dist/mod.js"
import * as builtTesting from "../../dist/testing.js"

const assertEquals = (actual: unknown, expected: unknown, what: string) => {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

type Mod = typeof source
type Fake = typeof sourceTesting.FakeQuantive

const suite = (name: string, mod: Mod, FakeQuantive: Fake) => {
  for (const transport of ["socket", "in-process"] as const) {
    Deno.test(`${name}: Accounts over the fake (${transport})`, async () => {
      const result = await Effect.gen(function* () {
        const { fake } = yield* FakeQuantive.FakeServer
        const accounts = yield* mod.Accounts
        const account = yield* accounts.get(fake.accountId)
        const free = yield* accounts.isDomainAvailable({ accountName: "Deno Co", domain: "deno-co" })
        const taken = yield* Effect.flip(accounts.checkDomain({ accountName: "Acme", domain: "acme" }))
        return { same: account.id === fake.accountId, free, tag: taken._tag, requests: fake.requests.length }
      }).pipe(Effect.provide(FakeQuantive.layer({ transport })), Effect.runPromise)
      assertEquals(result, { same: true, free: true, tag: "Conflict", requests: 3 }, name)
    })
  }

  Deno.test(`${name}: exports the public surface`, () => {
    assertEquals(typeof mod.Quantive.layer, "function", "Quantive.layer")
    assertEquals(typeof mod.Quantive.layerConfig, "object", "Quantive.layerConfig")
    assertEquals(Object.keys(mod.QuantiveError.classes).length, 15, "error classes")
    assertEquals(typeof mod.Account, "function", "Account schema")
  })
}

suite("mod.ts", source, sourceTesting.FakeQuantive)
// Deno types plain .js from its source, not from the sibling .d.ts, so the build is checked at run time here and
// by tsc (declarations) and the npm scratch install elsewhere.
suite("dist/mod.js", built as unknown as Mod, builtTesting.FakeQuantive as unknown as Fake)
