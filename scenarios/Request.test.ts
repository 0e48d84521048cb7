/**
 * Any endpoint through the pipeline (`Quantive.request`, `Quantive.stream`), response metadata (`withResponse`), the
 * client layer alone (`layerClient`), and per-call settings on streams (`withRetry`, `withDecode`).
 */
import { Account, Accounts, FakeQuantive, Quantive, Retry, Users } from "#line"
import { FetchHttpClient } from "#line/effect"
import { warningRecorder } from "#line/requests"
import { socket } from "#line/support"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Schema, Stream } from "effect"

const Item = Schema.Struct({ id: Schema.String, dateCreated: Schema.String, email: Schema.optional(Schema.String) })
const fast = Retry.policy({ maxAttempts: 3, baseDelay: "1 millis", maxDelay: "2 millis" })

describe("Quantive.request", () => {
  it.effect("reaches any endpoint with the pipeline's auth, decoding and typed errors by documented status", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const account = yield* Quantive.request({
        method: "GET",
        path: "/v1/accounts/{id}",
        params: { id: fake.accountId },
        success: Account,
        statuses: [400, 403, 404],
      })
      assert.strictEqual(account.id, fake.accountId)
      const last = fake.requests[fake.requests.length - 1]!
      assert.isTrue(last.tokenMatched)
      assert.strictEqual(last.path, `/v1/accounts/${fake.accountId}`)

      fake.inject({ _tag: "Status", status: 404, body: { message: "no such thing" } })
      const notFound = yield* Effect.flip(
        Quantive.request({ method: "GET", path: "/v2/goals", statuses: [404] }),
      )
      assert.strictEqual(notFound._tag, "NotFound")
      assert.include(notFound.message, "no such thing")

      fake.inject({ _tag: "Status", status: 404 })
      const undocumented = yield* Effect.flip(Quantive.request({ method: "GET", path: "/v2/goals" }))
      assert.strictEqual(undocumented._tag, "UnexpectedStatus")

      fake.inject({ _tag: "Status", status: 500 })
      const server = yield* Effect.flip(Quantive.request({ method: "GET", path: "/v2/goals" }))
      assert.strictEqual(server._tag, "ServerError")
    }).pipe(Effect.provide(socket())))

  it.effect("sends a JSON body; a body JSON cannot carry and bad options fail before anything is sent", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const ids = fake.users.slice(0, 2).map((user) => user.id)
      const result = yield* Quantive.request({ method: "POST", path: "/v1/users/deactivate", body: ids })
      assert.deepStrictEqual(fake.requests[fake.requests.length - 1]!.body, ids)
      assert.isDefined(result)
      const sent = fake.requests.length

      const bad = [
        Quantive.request({ method: "POST", path: "/v1/users/deactivate", body: [1n] }),
        Quantive.request({ method: "POST", path: "/v1/users/deactivate", body: { n: Number.NaN } }),
        Quantive.request({ method: "GET", path: "v2/goals" }),
        Quantive.request({ method: "GET", path: "/v2/goals?x=1" }),
        Quantive.request({ method: "TRACE" as never, path: "/v2/goals" }),
        Quantive.request({ method: "GET", path: "/v2/goals", query: { take: Number.POSITIVE_INFINITY } }),
        Quantive.request({ method: "GET", path: "/v2/goals/{id}", params: { id: "\ud800" } }),
        Quantive.request({ method: "GET", path: "/v2/goals/{id}", params: {} }),
        Quantive.request({ method: "GET", path: "/v2/goals", statuses: [418 as never] }),
        // Segments a URL parser resolves, which would take the token out of the API root.
        Quantive.request({ method: "GET", path: "/v1/../../admin" }),
        Quantive.request({ method: "GET", path: "/v2/goals/%2E%2e/x" }),
        Quantive.request({ method: "GET", path: "/v2/goals/." }),
        Quantive.request({ method: "GET", path: "/v2/goals\\..\\admin" }),
        Quantive.request({ method: "GET", path: "/v1/.\t./.\n./admin" }),
        Quantive.request({ method: "GET", path: "/v1/x/.. " }),
        Quantive.request({ method: "GET", path: "/v1/%2{a}%2{a}/admin", params: { a: "e" } }),
      ]
      for (const call of bad) {
        const error = yield* Effect.flip(call)
        assert.strictEqual(error._tag, "InvalidInput", error.message)
        assert.include(error.message, "no request was sent")
      }
      assert.strictEqual(fake.requests.length, sent)
    }).pipe(Effect.provide(socket())))

  it.effect("Quantive.stream: any skip/take endpoint, every item once in a stable order", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const items = yield* Quantive.stream({ path: "/v2/users", item: Item, sort: "dateCreated", pageSize: 7 }).pipe(
        Stream.runCollect,
        Effect.map((all) => Array.from(all)),
      )
      const ids = items.map((item) => item.id)
      assert.strictEqual(new Set(ids).size, fake.users.length)
      assert.strictEqual(ids.length, fake.users.length)
      const viaUsers = yield* Effect.flatMap(Users, (users) => Stream.runCollect(users.stream({ pageSize: 7 })))
      assert.deepStrictEqual(ids, Array.from(viaUsers).map((user) => user.id))
      const sorts = new Set(fake.requests.filter((r) => r.path === "/v2/users").map((r) => r.query.sort))
      assert.deepStrictEqual([...sorts], ["dateCreated,_id"])

      const error = yield* Effect.flip(Stream.runDrain(Quantive.stream({ path: "/v2/users", item: Item, pageSize: 1 })))
      assert.strictEqual(error._tag, "InvalidInput")
    }).pipe(Effect.provide(socket({ users: 40 }))))
})

describe("Quantive.withResponse", () => {
  it.live("returns the request id, the headers (redacted) and parsed rate-limit headers of a successful call", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const accounts = yield* Accounts
      const [account, info] = yield* Quantive.withResponse(accounts.get(fake.accountId))
      assert.strictEqual(account.id, fake.accountId)
      assert.strictEqual(info.status, 200)
      assert.strictEqual(info.attempts, 1)
      assert.isString(info.requestId)
      assert.strictEqual(info.headers["x-request-id"], info.requestId)

      fake.inject({
        _tag: "Status",
        status: 200,
        body: { ...account },
        headers: {
          "x-request-id": `req-${fake.accountId}`,
          "x-ratelimit-limit": "100",
          "x-ratelimit-remaining": "7",
          "x-ratelimit-reset": "30",
        },
      })
      const [, echoed] = yield* Quantive.withResponse(accounts.get(fake.accountId))
      assert.deepStrictEqual(echoed.rateLimit, { limit: 100, remaining: 7, reset: 30 })
      assert.strictEqual(echoed.requestId, "req-{accountId}")
      assert.notInclude(JSON.stringify(echoed), fake.accountId)

      fake.inject({ _tag: "Status", status: 503 })
      const [, retried] = yield* Quantive.withResponse(accounts.get(fake.accountId)).pipe(Quantive.withRetry(fast))
      assert.strictEqual(retried.attempts, 2)

      const none = yield* Effect.flip(Quantive.withResponse(Effect.succeed(1)))
      assert.strictEqual(none._tag, "InvalidInput")
    }).pipe(Effect.provide(socket())))
  it.live("redacts header names too: a name echoing a secret is a usable key, and names that redact alike keep both", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const accounts = yield* Accounts
      const account = yield* accounts.get(fake.accountId)
      // The account id as is, and with its first character percent-encoded: both redact to `{accountId}`.
      const first = fake.accountId[0]!
      const encoded = `%${first.charCodeAt(0).toString(16).toUpperCase()}${fake.accountId.slice(1)}`
      fake.inject({
        _tag: "Status",
        status: 200,
        body: { ...account },
        headers: {
          [`x-echo-${fake.accountId}`]: "one",
          [`x-echo-${encoded}`]: "two",
          [`x-token-${fake.token}`]: "three",
        },
      })
      const [, info] = yield* Quantive.withResponse(accounts.get(fake.accountId))
      const rendered = JSON.stringify(info)
      assert.notInclude(rendered, fake.accountId)
      assert.notInclude(rendered, fake.accountId.slice(1))
      assert.notInclude(rendered, fake.token)
      for (const name of Object.keys(info.headers)) {
        assert.notInclude(name.toLowerCase(), fake.accountId.toLowerCase())
        assert.notInclude(name.toLowerCase(), fake.token.toLowerCase())
      }
      assert.deepStrictEqual(info.headers["x-echo-{accountId}"]!.split(", ").sort(), ["one", "two"])
      assert.strictEqual(info.headers["x-token-<redacted>"], "three")
    }).pipe(Effect.provide(socket())))
})

describe("Quantive.layerClient", () => {
  it.effect("one service's layer composes alone over the client layer", () =>
    Effect.gen(function* () {
      const fake = FakeQuantive.make()
      const accountsOnly = Accounts.layer.pipe(
        Layer.provide(
          Quantive.layerClient({ token: fake.token, accountId: fake.accountId, baseUrl: "http://127.0.0.1:9" }),
        ),
        Layer.provide(FetchHttpClient.layer),
        Layer.provide(Layer.succeed(FetchHttpClient.Fetch, fake.fetch as typeof globalThis.fetch)),
      )
      const account = yield* Effect.flatMap(Accounts, (accounts) => accounts.get(fake.accountId)).pipe(
        Effect.provide(accountsOnly),
      )
      assert.strictEqual(account.id, fake.accountId)
    }))
})

describe("per-call settings on streams", () => {
  it.live("withRetry(Retry.none) on a stream: a 503 on a page fails at once, where the layer's policy retries", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const users = yield* Users
      fake.inject({ _tag: "Status", status: 503 }, { path: "/users" })
      assert.strictEqual(yield* Stream.runCount(users.stream({ pageSize: 10 })), 30)
      fake.inject({ _tag: "Status", status: 503 }, { path: "/users" })
      const before = fake.requests.length
      const error = yield* Effect.flip(
        Stream.runDrain(users.stream({ pageSize: 10 }).pipe(Quantive.withRetry(Retry.none))),
      )
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(fake.requests.length - before, 1)
    }).pipe(Effect.provide(socket({ users: 30, client: { retry: fast } }))))

  it.effect("withDecode('tolerant') on a stream drops an optional field off its schema, reports it once", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const users = yield* Users
      const { layer: logger, lines } = warningRecorder()
      const odd = {
        items: [
          { id: "u1", dateCreated: "2020-01-01T00:00:00Z", email: 42, teamIds: {} },
          { id: "u2", dateCreated: "2020-01-02T00:00:00Z", email: true },
        ],
        totalCount: 2,
      }
      fake.inject({ _tag: "Status", status: 200, body: odd }, { path: "/users", times: 3 })
      const strict = yield* Effect.flip(Stream.runDrain(users.stream()))
      assert.strictEqual(strict._tag, "DecodeError")
      const [user, second] = yield* Stream.runCollect(users.stream().pipe(Quantive.withDecode("tolerant"))).pipe(
        Effect.map((all) => Array.from(all)),
        Effect.provide(logger),
      )
      assert.deepStrictEqual(user, { id: "u1", dateCreated: "2020-01-01T00:00:00Z" })
      assert.deepStrictEqual(second, { id: "u2", dateCreated: "2020-01-02T00:00:00Z" })
      yield* Stream.runDrain(users.stream().pipe(Quantive.withDecode("tolerant"))).pipe(Effect.provide(logger))
      const emailLines = lines.filter((line) => line.includes("items[].email"))
      assert.strictEqual(emailLines.length, 1, lines.join("\n"))
      const drifts = yield* Quantive.decodeDrifts
      const email = drifts.find((d) => d.operation === "Users.list" && d.path === "items[].email")
      assert.isDefined(email)
      assert.isAtLeast(email!.count, 4)
    }).pipe(Effect.provide(socket())))
})
