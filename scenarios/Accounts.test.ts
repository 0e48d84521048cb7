/**
 * Accounts over a real loopback socket against the fake server: every operation, its documented statuses, and the
 * headers and bodies that reach the server.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Accounts, FakeQuantive, Quantive, Retry } from "#line"
import { FetchHttpClient } from "#line/effect"
import { socket as socketLayer } from "#line/support"

const setup = Effect.all({ accounts: Accounts, server: FakeQuantive.FakeServer })

for (const transport of ["socket", "in-process"] as const) {
  const socket = (options: FakeQuantive.Options = {}) =>
    FakeQuantive.layer({ ...options, transport, client: { retry: Retry.none } })

  describe(`Accounts (${transport})`, () => {
    it.effect("get: decodes the whole account and sends the documented headers", () =>
      Effect.gen(function* () {
        const { accounts, server: { fake } } = yield* setup
        const account = yield* accounts.get(fake.accountId)
        assert.deepStrictEqual(account, fake.account)
        assert.strictEqual(account.notifications?.checkinDeadline?.dayOfTheWeek, "Friday")
        assert.strictEqual(account.subscriptions?.[0]?.addons?.[0]?.name, "Insights")
        const [request] = fake.requests
        assert.strictEqual(request?.method, "GET")
        assert.strictEqual(request?.path, `/v1/accounts/${fake.accountId}`)
        assert.isTrue(request?.tokenMatched)
        assert.strictEqual(request?.headers["gtmhub-accountid"], fake.accountId)
        assert.strictEqual(request?.headers["accept"], "application/json")
        assert.isUndefined(request?.headers["content-type"])
      }).pipe(Effect.provide(socket({ seed: 7 }))))

    it.effect("get: documented statuses map to their tags", () =>
      Effect.gen(function* () {
        const { accounts, server: { fake } } = yield* setup
        const tags: Array<string> = []
        for (const status of [400, 401, 402, 403, 500]) {
          fake.inject({ _tag: "Status", status })
          const error = yield* Effect.flip(accounts.get(fake.accountId))
          tags.push(error._tag)
          assert.strictEqual((error as { status?: number }).status, status)
        }
        assert.deepStrictEqual(tags, ["BadRequest", "Unauthorized", "PaymentRequired", "Forbidden", "ServerError"])
      }).pipe(Effect.provide(socket())))

    it.effect("get: another account's id answers 403 Forbidden; a suspended account 402", () =>
      Effect.gen(function* () {
        const { accounts, server: { fake } } = yield* setup
        const forbidden = yield* Effect.flip(accounts.get("5be26318e5274a0007f17f61"))
        assert.strictEqual(forbidden._tag, "Forbidden")
        fake.paymentRequired = true
        const payment = yield* Effect.flip(accounts.get(fake.accountId))
        assert.strictEqual(payment._tag, "PaymentRequired")
      }).pipe(Effect.provide(socket())))

    it.effect("get: an undocumented 409 or 404 is UnexpectedStatus, never Conflict or NotFound", () =>
      Effect.gen(function* () {
        const { accounts, server: { fake } } = yield* setup
        fake.inject({ _tag: "Status", status: 409 })
        const conflict = yield* Effect.flip(accounts.get(fake.accountId))
        assert.strictEqual(conflict._tag, "UnexpectedStatus")
        fake.inject({ _tag: "Status", status: 404 })
        const missing = yield* Effect.flip(accounts.get(fake.accountId))
        assert.strictEqual(missing._tag, "UnexpectedStatus")
        assert.strictEqual((missing as { status?: number }).status, 404)
      }).pipe(Effect.provide(socket())))

    it.effect("checkDomain: 204 is success, 409 is Conflict with the server's message and request id", () =>
      Effect.gen(function* () {
        const { accounts, server: { fake } } = yield* setup
        yield* accounts.checkDomain({ accountName: "Fresh Co", domain: "fresh-co" })
        const error = yield* Effect.flip(accounts.checkDomain({ accountName: "Globex", domain: "globex" }))
        assert.strictEqual(error._tag, "Conflict")
        if (error._tag !== "Conflict") return
        assert.strictEqual(error.status, 409)
        assert.strictEqual(error.method, "POST")
        assert.strictEqual(error.path, "/v1/accounts/domain")
        assert.strictEqual(error.serverMessage, "the account name or domain is taken")
        assert.match(error.requestId ?? "", /^fake-\d+$/)
        const sent = fake.requests.at(-1)
        assert.deepStrictEqual(sent?.body, { accountName: "Globex", domain: "globex" })
        assert.strictEqual(sent?.headers["content-type"], "application/json")
      }).pipe(Effect.provide(socket())))

    it.effect("checkDomain: the server's 400 is BadRequest; an empty field is InvalidInput with no request", () =>
      Effect.gen(function* () {
        const { accounts, server: { fake } } = yield* setup
        const bad = yield* Effect.flip(accounts.checkDomain({ accountName: "Co", domain: "Not A Domain!" }))
        assert.strictEqual(bad._tag, "BadRequest")
        const before = fake.requests.length
        const invalid = yield* Effect.flip(accounts.checkDomain({ accountName: "Co", domain: "  " }))
        assert.strictEqual(invalid._tag, "InvalidInput")
        assert.include(invalid.message, "domain")
        assert.strictEqual(fake.requests.length, before)
        fake.inject({ _tag: "Status", status: 500 })
        const server = yield* Effect.flip(accounts.checkDomain({ accountName: "Co", domain: "co" }))
        assert.strictEqual(server._tag, "ServerError")
      }).pipe(Effect.provide(socket())))

    it.effect("isDomainAvailable: true on 204, false on 409, other errors stay errors", () =>
      Effect.gen(function* () {
        const { accounts, server: { fake } } = yield* setup
        assert.isTrue(yield* accounts.isDomainAvailable({ accountName: "New Co", domain: "new-co" }))
        assert.isFalse(yield* accounts.isDomainAvailable({ accountName: "Umbrella", domain: "umbrella" }))
        fake.takenDomains.add("new-co")
        assert.isFalse(yield* accounts.isDomainAvailable({ accountName: "New Co", domain: "new-co" }))
        fake.inject({ _tag: "Status", status: 400 })
        const error = yield* Effect.flip(accounts.isDomainAvailable({ accountName: "X", domain: "x" }))
        assert.strictEqual(error._tag, "BadRequest")
      }).pipe(Effect.provide(socket())))

    it.effect("update: sends the patch, returns the updated account, and the change sticks", () =>
      Effect.gen(function* () {
        const { accounts, server: { fake } } = yield* setup
        const updated = yield* accounts.update(fake.accountId, {
          accountName: "Renamed Ltd",
          language: "German",
          companyDescription: { industry: "Retail" },
        })
        assert.strictEqual(updated.name, "Renamed Ltd")
        assert.strictEqual(updated.language, "German")
        assert.strictEqual(updated.companyDescription?.industry, "Retail")
        assert.strictEqual(updated.companyDescription?.sector, "Technology")
        const sent = fake.requests.at(-1)
        assert.strictEqual(sent?.method, "PATCH")
        assert.deepStrictEqual(sent?.body, {
          accountName: "Renamed Ltd",
          language: "German",
          companyDescription: { industry: "Retail" },
        })
        const again = yield* accounts.get(fake.accountId)
        assert.strictEqual(again.name, "Renamed Ltd")
      }).pipe(Effect.provide(socket())))

    it.effect("update: an empty patch or an empty id fails with InvalidInput before any request", () =>
      Effect.gen(function* () {
        const { accounts, server: { fake } } = yield* setup
        const empty = yield* Effect.flip(accounts.update(fake.accountId, {}))
        assert.strictEqual(empty._tag, "InvalidInput")
        assert.include(empty.message, "the patch is empty")
        const noId = yield* Effect.flip(accounts.update("", { language: "French" }))
        assert.strictEqual(noId._tag, "InvalidInput")
        assert.strictEqual(fake.requests.length, 0)
      }).pipe(Effect.provide(socket())))

    it.effect("update: documented statuses map to their tags", () =>
      Effect.gen(function* () {
        const { accounts, server: { fake } } = yield* setup
        const tags: Array<string> = []
        for (const status of [400, 401, 402, 403, 500]) {
          fake.inject({ _tag: "Status", status })
          tags.push((yield* Effect.flip(accounts.update(fake.accountId, { language: "French" })))._tag)
        }
        assert.deepStrictEqual(tags, ["BadRequest", "Unauthorized", "PaymentRequired", "Forbidden", "ServerError"])
        const taken = yield* Effect.flip(accounts.update(fake.accountId, { domain: "acme" }))
        assert.strictEqual(taken._tag, "BadRequest")
      }).pipe(Effect.provide(socket())))

    it.effect("a wrong token is Unauthorized; a wrong account id header is Forbidden", () =>
      Effect.gen(function* () {
        const { baseUrl, fake } = yield* FakeQuantive.FakeServer
        const getWith = (token: string, accountId: string) =>
          Effect.flatMap(Accounts, (accounts) => accounts.get(fake.accountId)).pipe(
            Effect.provide(Quantive.layer({ token, accountId, baseUrl })),
            Effect.flip,
          )
        const unauthorized = yield* getWith("not-the-token", fake.accountId)
        assert.strictEqual(unauthorized._tag, "Unauthorized")
        const forbidden = yield* getWith(fake.token, "another-account")
        assert.strictEqual(forbidden._tag, "Forbidden")
        assert.isFalse(fake.requests[0]?.tokenMatched)
        assert.isTrue(fake.requests[1]?.tokenMatched)
      }).pipe(Effect.provide(Layer.merge(FakeQuantive.layerSocket(), FetchHttpClient.layer))))
  })
}

describe("the fake server", () => {
  it.effect("is deterministic: the same seed gives the same account", () =>
    Effect.sync(() => {
      assert.deepStrictEqual(FakeQuantive.make({ seed: 3 }).account, FakeQuantive.make({ seed: 3 }).account)
      assert.notStrictEqual(FakeQuantive.make({ seed: 3 }).accountId, FakeQuantive.make({ seed: 4 }).accountId)
    }))

  it.effect("answers 429 with Retry-After past its configured rate", () =>
    Effect.gen(function* () {
      const { accounts, server: { fake } } = yield* setup
      yield* accounts.get(fake.accountId)
      yield* accounts.get(fake.accountId)
      const error = yield* Effect.flip(accounts.get(fake.accountId))
      assert.strictEqual(error._tag, "TooManyRequests")
      if (error._tag === "TooManyRequests") assert.isDefined(error.retryAfter)
    }).pipe(Effect.provide(socketLayer({ rateLimit: { requests: 2, perMillis: 60_000, retryAfterSeconds: 30 } }))))

  it.effect("injected faults hit `times` matching requests, then stop", () =>
    Effect.gen(function* () {
      const { accounts, server: { fake } } = yield* setup
      fake.inject({ _tag: "Status", status: 503 }, { times: 2, method: "GET", path: `/accounts/${fake.accountId}` })
      const first = yield* Effect.flip(accounts.get(fake.accountId))
      yield* accounts.isDomainAvailable({ accountName: "Between", domain: "between" })
      const second = yield* Effect.flip(accounts.get(fake.accountId))
      const third = yield* accounts.get(fake.accountId)
      assert.deepStrictEqual([first._tag, second._tag, third.id], ["ServerError", "ServerError", fake.accountId])
    }).pipe(Effect.provide(socketLayer())))
})
