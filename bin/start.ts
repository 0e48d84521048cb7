/**
 * The main job: a short real workflow through the public API.
 *
 * With `QUANTIVE_TOKEN` and `QUANTIVE_ACCOUNT_ID` set it talks to the real API (read-only calls only); otherwise it
 * starts the embedded fake server on a loopback socket and talks HTTP to it.
 */
import { FetchHttpClient } from "@effect/platform"
import { Console, Effect, Layer, Stream } from "effect"
import { Accounts, Quantive, Users } from "../mod.ts"
import { FakeQuantive } from "../testing.ts"

const env = (name: string): string | undefined => {
  const value = globalThis.process?.env?.[name]
  return value === undefined || value === "" ? undefined : value
}

const live = env("QUANTIVE_TOKEN") !== undefined && env("QUANTIVE_ACCOUNT_ID") !== undefined

const line = (label: string, value: unknown) => Console.log(`  ${label.padEnd(18)} ${String(value)}`)

/** Export every user through `Users.pages`: progress per page, a count by role and active state, a few samples. */
const exportUsers = Effect.gen(function* () {
  const users = yield* Users
  const started = Date.now()
  const byRole = new Map<string, number>()
  const samples: Array<string> = []
  let exported = 0
  let active = 0
  yield* users.pages({
    fields: ["email", "firstName", "lastName", "isActive", "roles"],
    pageSize: 200,
    concurrency: 4,
  }).pipe(
    Stream.runForEach((page) =>
      Effect.gen(function* () {
        for (const user of page.items) {
          exported += 1
          if (user.isActive) active += 1
          for (const role of user.roles ?? []) byRole.set(role.name ?? "?", (byRole.get(role.name ?? "?") ?? 0) + 1)
          if (samples.length < 3) samples.push(`${user.firstName} ${user.lastName} <${user.email}>`)
        }
        const percent = page.totalCount === 0 ? 100 : Math.min(100, Math.floor((100 * exported) / page.totalCount))
        yield* Console.log(`  exported ${String(exported).padStart(5)} of ${page.totalCount} users (${percent}%)`)
      })
    ),
  )
  yield* line("time", `${Date.now() - started} ms`)
  yield* line("active", `${active} of ${exported}`)
  for (const [role, count] of [...byRole].sort((a, b) => b[1] - a[1])) yield* line(`role ${role}`, count)
  for (const sample of samples) yield* line("e.g.", sample)
})

/** Read the account, check domains, show typed errors, export the users. */
const workflow = (accountId: string, requestsSent: () => number) =>
  Effect.gen(function* () {
    const accounts = yield* Accounts

    yield* Console.log("1. Read the account")
    const account = yield* accounts.get(accountId)
    yield* line("name", account.name)
    yield* line("domain", account.domain)
    yield* line("edition", account.edition?.name ?? "(none)")
    yield* line("users", account.subscriptions?.[0]?.usersCount ?? "(unknown)")
    yield* line("confidence levels", account.confidenceSettings?.confidenceMapping?.map((l) => l.name).join(", "))

    yield* Console.log("\n2. Is a domain free? (Accounts.isDomainAvailable)")
    const candidate = `${account.domain}-okrs-${new Date().getFullYear() + 1}`
    const free = yield* accounts.isDomainAvailable({ accountName: `${account.name} OKRs`, domain: candidate })
    yield* line(candidate, free ? "available" : "taken")
    const own = yield* accounts.isDomainAvailable({ accountName: account.name, domain: account.domain })
    yield* line(account.domain, own ? "available" : "taken (it is this account's own)")

    yield* Console.log("\n3. The typed error of a conflict (Accounts.checkDomain + Effect.catchTag)")
    yield* accounts.checkDomain({ accountName: "Acme Corporation", domain: "acme" }).pipe(
      Effect.zipRight(Console.log("  acme is free")),
      Effect.catchTag("Conflict", (error) =>
        Effect.gen(function* () {
          yield* line("_tag", error._tag)
          yield* line("status", error.status)
          yield* line("serverMessage", error.serverMessage ?? "(none)")
          yield* line("requestId", error.requestId ?? "(none)")
          yield* line("message", error.message)
        })),
    )

    yield* Console.log("\n4. Bad input fails before any request (InvalidInput)")
    const before = requestsSent()
    const invalid = yield* Effect.flip(accounts.get(""))
    yield* line("_tag", invalid._tag)
    yield* line("message", invalid.message)
    yield* line("requests sent", requestsSent() - before)

    yield* Console.log("\n5. Export every user (Users.pages, 200 per page, 4 pages in flight, in order)")
    yield* exportUsers
  })

const program = live
  ? Effect.gen(function* () {
    yield* Console.log("effect-quantive: talking to the real Quantive API (read-only)\n")
    yield* workflow(env("QUANTIVE_ACCOUNT_ID")!, () => Number.NaN)
  }).pipe(Effect.provide(Quantive.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))))
  : Effect.gen(function* () {
    const { baseUrl, fake } = yield* FakeQuantive.FakeServer
    yield* Console.log(`effect-quantive: talking HTTP to the embedded fake Quantive server at ${baseUrl}`)
    yield* Console.log(`(set QUANTIVE_TOKEN and QUANTIVE_ACCOUNT_ID to use the real API)\n`)
    yield* workflow(fake.accountId, () => fake.requests.length)
    yield* Console.log(`\nThe fake received ${fake.requests.length} requests.`)
  }).pipe(Effect.provide(FakeQuantive.layer({ transport: "socket", users: 2_000 })))

program.pipe(
  Effect.tapErrorCause((cause) => Console.error("The workflow failed:", cause)),
  Effect.runPromise,
).then(
  () => undefined,
  () => {
    process.exitCode = 1
  },
)
