/**
 * The packed-package test's Deno program (scripts/package-test.mjs): it lives in a directory outside the repository
 * where `npm install` put the tarball, `effect` and `@effect/platform` (a package.json and node_modules), and imports
 * the package by its name, exactly as the README tells Deno users to.
 */
import { FetchHttpClient } from "@effect/platform"
import { Accounts, Quantive } from "@effect-quantive/client"
import { FakeQuantive } from "@effect-quantive/client/testing"
import { Effect, Layer } from "effect"

const fake = FakeQuantive.make({ seed: 3 })
const server = await FakeQuantive.listen(fake)
try {
  const account = await Effect.gen(function* () {
    const accounts = yield* Accounts
    return yield* accounts.get(fake.accountId)
  }).pipe(
    Effect.provide(
      Quantive.layer({ token: fake.token, accountId: fake.accountId, baseUrl: server.baseUrl }).pipe(
        Layer.provide(FetchHttpClient.layer),
      ),
    ),
    Effect.runPromise,
  )
  if (account.id !== fake.accountId) throw new Error(`expected account ${fake.accountId}, got ${account.id}`)
  console.log(`package on Deno: read account ${account.name} over ${server.baseUrl}`)
} finally {
  await server.close()
}
