import { Effect, Stream } from "effect"
import { Accounts, Users } from "@effect-quantive/client"
import { FakeQuantive } from "@effect-quantive/client/testing"

const program = Effect.gen(function* () {
  const { fake } = yield* FakeQuantive.FakeServer
  const accounts = yield* Accounts
  const users = yield* Users
  const account = yield* accounts.get(fake.accountId)
  const some = yield* users.stream({ fields: ["email"] }).pipe(Stream.take(3), Stream.runCollect)
  return { account: account.name, users: Array.from(some, (user) => user.email) }
})

program.pipe(Effect.provide(FakeQuantive.layer({ seed: 42, transport: "socket" })), Effect.runPromise)
  .then(console.log) // { account: 'Tailspin Toys', users: [ 'emma.sato.0@tailspin.example', … ] }
