/**
 * The packed-package test's consumer program (scripts/package-test.mjs): a strict `NodeNext` project outside the
 * repository installs the `npm pack` tarball, type-checks this file against the shipped declarations and runs it.
 *
 * It uses the public API the README shows: `Quantive.layer` with a retry policy, `Users.stream` with typed `fields`,
 * a typed error caught by tag, and the `/testing` entry's fake server over a loopback socket.
 */
import { FetchHttpClient } from "@effect/platform"
import { Accounts, Quantive, QuantiveError, Retry, Users } from "@effect-quantive/client"
import { FakeQuantive } from "@effect-quantive/client/testing"
import { Chunk, Effect, Layer, Stream } from "effect"

const fake = FakeQuantive.make({ seed: 7, users: 30 })
const server = await FakeQuantive.listen(fake)

const layer = Quantive.layer({
  token: fake.token,
  accountId: fake.accountId,
  baseUrl: server.baseUrl,
  retry: Retry.none,
}).pipe(Layer.provide(FetchHttpClient.layer))

const program = Effect.gen(function* () {
  const users = yield* Users
  const emails = yield* users.stream({ fields: ["email", "firstName"], pageSize: 7 }).pipe(
    Stream.map((user) => {
      // @ts-expect-error `lastName` is not among the requested fields, so the projected type has no such property
      void user.lastName
      return user.email ?? "(no email)"
    }),
    Stream.runCollect,
  )

  const accounts = yield* Accounts
  const domain = yield* accounts.checkDomain({ accountName: "Acme", domain: "acme" }).pipe(
    Effect.as("free"),
    Effect.catchTag("Conflict", (error) => Effect.succeed(`taken (${error.status})`)),
  )

  fake.inject({ _tag: "Status", status: 503 }, { times: 1 })
  const failure = yield* Effect.flip(accounts.get(fake.accountId))
  const tag: QuantiveError.QuantiveError["_tag"] = failure._tag

  return { users: Chunk.size(emails), domain, failure: tag, isQuantiveError: QuantiveError.isQuantiveError(failure) }
})

try {
  const result = await Effect.runPromise(program.pipe(Effect.provide(layer)))
  const expected = { users: 30, domain: "taken (409)", failure: "ServerError", isQuantiveError: true }
  if (JSON.stringify(result) !== JSON.stringify(expected)) {
    throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(result)}`)
  }
  console.log(`package consumer: ${JSON.stringify(result)}`)
} finally {
  await server.close()
}
