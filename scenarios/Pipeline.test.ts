/**
 * The request pipeline over a real loopback socket: encoding, decoding, status mapping, redirects, the body cap,
 * transport failures and spans.
 */
import { Accounts, FakeQuantive, Quantive, QuantiveClient as Api, Retry } from "#line"
import { FetchHttpClient, fork } from "#line/effect"
import { encodedSchema, optionalKey } from "#line/pipeline"
import { everything, recordingTracer, socket, withRawClient } from "#line/support"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Layer, Schema } from "effect"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

const Echo = Schema.Struct({ id: Schema.String })

describe("path and query encoding (fault matrix row 19)", () => {
  it.effect("ids with reserved characters are percent-encoded into one path segment", () =>
    withRawClient((client, { fake }) =>
      Effect.gen(function* () {
        for (const id of ["../x", "a/b", "?q", "#", "a b", "ü", "%2e%2e"]) {
          yield* Effect.flip(client.execute(everything, Api.json(Echo), { params: { id } }))
          const seen = fake.requests.at(-1)!
          assert.strictEqual(seen.path, `/v1/accounts/${encodeURIComponent(id)}`, `id ${JSON.stringify(id)}`)
          assert.deepStrictEqual(seen.query, {})
        }
        assert.strictEqual(fake.requests.length, 7)
      })
    ))

  it.effect("empty, blank and dot-segment ids fail with InvalidInput and send nothing", () =>
    withRawClient((client, { fake }) =>
      Effect.gen(function* () {
        for (const id of ["", "   ", ".", ".."]) {
          const error = yield* Effect.flip(client.execute(everything, Api.json(Echo), { params: { id } }))
          assert.strictEqual(error._tag, "InvalidInput")
          if (error._tag === "InvalidInput") assert.strictEqual(error.field, "id")
        }
        assert.strictEqual(fake.requests.length, 0)
      })
    ))

  it.effect("query values are encoded; undefined ones are left out", () =>
    withRawClient((client, { fake }) =>
      Effect.gen(function* () {
        yield* client.execute(everything, Api.json(Echo), {
          params: { id: fake.accountId },
          query: { filter: `{"email":"a&b=c@x.com"}`, take: 5, flag: false, skip: undefined },
        })
        assert.deepStrictEqual(fake.requests[0]?.query, { filter: `{"email":"a&b=c@x.com"}`, take: "5", flag: "false" })
      })
    ))
})

describe("decoding", () => {
  it.effect("a 204 and an empty 200 are success for a void operation; a text body is ignored", () =>
    withRawClient((client, { fake }) =>
      Effect.gen(function* () {
        const params = { id: fake.accountId }
        fake.inject({ _tag: "Raw", status: 204, body: "" })
        assert.isUndefined(yield* client.execute(everything, Api.empty, { params }))
        fake.inject({ _tag: "Raw", status: 200, body: "" })
        assert.isUndefined(yield* client.execute(everything, Api.empty, { params }))
        fake.inject({ _tag: "Raw", status: 200, body: "OK", contentType: "text/plain" })
        assert.isUndefined(yield* client.execute(everything, Api.empty, { params }))
      })
    ))

  it.effect("a text operation returns the plain body, or the string a JSON body holds", () =>
    withRawClient((client, { fake }) =>
      Effect.gen(function* () {
        const params = { id: fake.accountId }
        fake.inject({ _tag: "Raw", body: "min 8 characters", contentType: "text/plain" })
        assert.strictEqual(yield* client.execute(everything, Api.text, { params }), "min 8 characters")
        fake.inject({ _tag: "Raw", body: `"min 12 characters"` })
        assert.strictEqual(yield* client.execute(everything, Api.text, { params }), "min 12 characters")
      })
    ))

  it.effect("fault matrix row 12: truncated JSON, malformed JSON and an HTML page are DecodeErrors with a snippet", () =>
    withRawClient((client, { fake }) =>
      Effect.gen(function* () {
        const params = { id: fake.accountId }
        for (const body of [`{"id": "abc`, `{id: abc}`, `<html><body><h1>Bad gateway</h1></body></html>`]) {
          fake.inject({ _tag: "Raw", body })
          const error = yield* Effect.flip(client.execute(everything, Api.json(Echo), { params }))
          assert.strictEqual(error._tag, "DecodeError")
          if (error._tag === "DecodeError") {
            assert.isDefined(error.snippet)
            assert.isAtMost(error.snippet!.length, 121)
            assert.strictEqual(error.status, 200)
          }
        }
        fake.inject({ _tag: "Raw", status: 502, body: "<html><body><h1>502 Bad gateway</h1></body></html>" })
        const gateway = yield* Effect.flip(client.execute(everything, Api.json(Echo), { params }))
        assert.strictEqual(gateway._tag, "ServerError")
        assert.strictEqual((gateway as { serverMessage?: string }).serverMessage, "502 Bad gateway")
      })
    ))

  it.effect("fault matrix row 13: a body off the schema is a DecodeError naming the field; extra fields are fine", () =>
    withRawClient((client, { fake }) =>
      Effect.gen(function* () {
        const params = { id: fake.accountId }
        fake.inject({ _tag: "Raw", body: JSON.stringify({ id: "a", name: 5, domain: "d" }) })
        const error = yield* Effect.flip(client.execute(everything, Api.json(encodedSchema(AccountLike)), {
          params,
        }))
        assert.strictEqual(error._tag, "DecodeError")
        if (error._tag === "DecodeError") assert.strictEqual(error.issuePath, "name")
        fake.inject({ _tag: "Raw", body: "" })
        const empty = yield* Effect.flip(client.execute(everything, Api.json(Echo), { params }))
        assert.strictEqual(empty._tag, "DecodeError")
        fake.inject({ _tag: "Raw", body: JSON.stringify({ id: "a", somethingNew: { deep: [1, 2] } }) })
        assert.deepStrictEqual(yield* client.execute(everything, Api.json(Echo), { params }), { id: "a" })
      })
    ))
})

const AccountLike = Schema.Struct({ id: Schema.String, name: Schema.String, domain: Schema.String })

describe("nulls in response bodies", () => {
  it.effect("an optional field sent as null reads as absent; a required one is a DecodeError naming it", () =>
    withRawClient((client, { fake }) =>
      Effect.gen(function* () {
        const params = { id: fake.accountId }
        const WithOptional = Schema.Struct({
          id: Schema.String,
          nested: Schema.Struct({ note: optionalKey(Schema.String) }),
          list: Schema.Array(Schema.Struct({ at: optionalKey(Schema.String) })),
        })
        fake.inject({ _tag: "Raw", body: JSON.stringify({ id: "a", nested: { note: null }, list: [{ at: null }] }) })
        assert.deepStrictEqual(yield* client.execute(everything, Api.json(WithOptional), { params }), {
          id: "a",
          nested: {},
          list: [{}],
        })
        fake.inject({ _tag: "Raw", body: JSON.stringify({ id: null }) })
        const error = yield* Effect.flip(client.execute(everything, Api.json(Echo), { params }))
        assert.strictEqual(error._tag, "DecodeError")
        if (error._tag === "DecodeError") assert.strictEqual(error.issuePath, "id")
      })
    ))
})

describe("status mapping", () => {
  it.effect("every documented status has its own tag; 429 parses Retry-After; others are UnexpectedStatus", () =>
    withRawClient((client, { fake }) =>
      Effect.gen(function* () {
        const params = { id: fake.accountId }
        const expected: Record<number, string> = {
          400: "BadRequest",
          401: "Unauthorized",
          402: "PaymentRequired",
          403: "Forbidden",
          404: "NotFound",
          409: "Conflict",
          423: "Locked",
          429: "TooManyRequests",
          500: "ServerError",
          502: "ServerError",
          503: "ServerError",
          418: "UnexpectedStatus",
          302: "UnexpectedStatus",
        }
        for (const [status, tag] of Object.entries(expected)) {
          fake.inject({ _tag: "Status", status: Number(status), body: { message: `status ${status}` } })
          const error = yield* Effect.flip(client.execute(everything, Api.json(Echo), { params }))
          assert.strictEqual(error._tag, tag, `status ${status}`)
          assert.strictEqual((error as { status?: number }).status, Number(status))
          assert.strictEqual((error as { serverMessage?: string }).serverMessage, `status ${status}`)
        }
      })
    ))

  it.live("Retry-After in seconds, as an HTTP date, and as retry-after-ms", () =>
    Effect.gen(function* () {
      // A fresh client (and account back-off) per case: a wait would hold the next call of the same client.
      const waitOf = (headers: Record<string, string>) =>
        withRawClient((client, { fake }) =>
          Effect.gen(function* () {
            fake.inject({ _tag: "Status", status: 429, headers })
            const error = yield* Effect.flip(client.execute(everything, Api.json(Echo), { params: { id: "x" } }))
            assert.strictEqual(error._tag, "TooManyRequests")
            return error._tag === "TooManyRequests" && error.retryAfter !== undefined
              ? Duration.toMillis(error.retryAfter)
              : undefined
          })
        )
      assert.strictEqual(yield* waitOf({ "retry-after": "7" }), 7000)
      assert.strictEqual(yield* waitOf({ "retry-after-ms": "1500" }), 1500)
      const date = yield* waitOf({ "retry-after": new Date(Date.now() + 30_000).toUTCString() })
      assert.isAbove(date!, 25_000)
      assert.isAtMost(date!, 30_000)
      assert.isUndefined(yield* waitOf({ "retry-after": "soon" }))
      assert.isUndefined(yield* waitOf({}))
    }))
})

describe("redirects", () => {
  it.effect("a same-origin redirect is followed", () =>
    withRawClient((client, { baseUrl, fake }) =>
      Effect.gen(function* () {
        fake.inject({ _tag: "Redirect", status: 307, location: `${baseUrl}/v1/accounts/${fake.accountId}` })
        const account = yield* client.execute(everything, Api.json(Echo), { params: { id: "old-id" } })
        assert.strictEqual(account.id, fake.accountId)
        assert.deepStrictEqual(fake.requests.map((r) => r.path), [
          "/v1/accounts/old-id",
          `/v1/accounts/${fake.accountId}`,
        ])
      })
    ))

  it.effect("a redirect to another origin is refused and nothing reaches it", () =>
    withRawClient((client, { baseUrl, fake }) =>
      Effect.gen(function* () {
        // localhost and 127.0.0.1 are different origins served by the same fake: it sees whether the client followed.
        const other = baseUrl.replace("127.0.0.1", "localhost")
        fake.inject({ _tag: "Redirect", location: `${other}/v1/accounts/${fake.accountId}` })
        const error = yield* Effect.flip(client.execute(everything, Api.json(Echo), { params: { id: "x" } }))
        assert.strictEqual(error._tag, "UnexpectedStatus")
        assert.include(error.message, "another origin")
        assert.strictEqual(fake.requests.length, 1)
      })
    ))

  it.effect("a redirect loop stops after the hop limit", () =>
    withRawClient((client, { baseUrl, fake }) =>
      Effect.gen(function* () {
        fake.inject({ _tag: "Redirect", location: `${baseUrl}/v1/accounts/loop` }, { times: Infinity })
        const error = yield* Effect.flip(client.execute(everything, Api.json(Echo), { params: { id: "loop" } }))
        assert.strictEqual(error._tag, "UnexpectedStatus")
        assert.strictEqual(fake.requests.length, 6)
      })
    ))
})

describe("body size cap (fault matrix row 14)", () => {
  it.effect("a declared length over the cap fails at once with ResponseTooLarge", () =>
    withRawClient((client, { fake }) =>
      Effect.gen(function* () {
        fake.inject({ _tag: "Oversize", bytes: 50_000 })
        const error = yield* Effect.flip(client.execute(everything, Api.json(Echo), { params: { id: "x" } }))
        assert.strictEqual(error._tag, "TransportError")
        if (error._tag === "TransportError") assert.strictEqual(error.reason, "ResponseTooLarge")
      }), { maxResponseBytes: 10_000 }))

  it.effect("a chunked body with no length fails at the cap while streaming", () =>
    withRawClient((client, { fake }) =>
      Effect.gen(function* () {
        fake.inject({ _tag: "Oversize", bytes: 2_000_000, chunked: true })
        const error = yield* Effect.flip(client.execute(everything, Api.json(Echo), { params: { id: "x" } }))
        assert.strictEqual(error._tag, "TransportError")
        if (error._tag === "TransportError") {
          assert.strictEqual(error.reason, "ResponseTooLarge")
          assert.include(error.message, "more than 100000")
        }
      }), { maxResponseBytes: 100_000 }))
})

describe("transport failures", () => {
  it.effect("a reset before headers is TransportError(Reset)", () =>
    withRawClient((client, { fake }) =>
      Effect.gen(function* () {
        // Deno's fetch may re-send a GET once after a reset on a reused connection (docs/DECISIONS.md): arm twice.
        fake.inject({ _tag: "ResetBeforeHeaders" }, { times: 2 })
        const error = yield* Effect.flip(client.execute(everything, Api.json(Echo), { params: { id: "x" } }))
        assert.strictEqual(error._tag, "TransportError")
        if (error._tag === "TransportError") assert.strictEqual(error.reason, "Reset")
        assert.include([1, 2], fake.requests.length)
      })
    ))

  it.effect("a body cut short after a 200 is a TransportError with the status", () =>
    withRawClient((client, { fake }) =>
      Effect.gen(function* () {
        fake.inject({ _tag: "TruncateBody", afterBytes: 10 })
        const error = yield* Effect.flip(
          client.execute(everything, Api.json(Echo), { params: { id: fake.accountId } }),
        )
        assert.strictEqual(error._tag, "TransportError")
        if (error._tag === "TransportError") assert.strictEqual(error.status, 200)
      })
    ))

  it.effect("a refused connection is TransportError(Connect)", () =>
    Effect.gen(function* () {
      const port = yield* Effect.promise(() =>
        new Promise<number>((resolve) => {
          const server = createServer().listen(0, "127.0.0.1", () => {
            const { port } = server.address() as AddressInfo
            server.close(() => resolve(port))
          })
        })
      )
      const accounts = yield* Effect.provide(
        Accounts,
        Quantive.layer({ token: "t", accountId: "a", baseUrl: `http://127.0.0.1:${port}`, retry: Retry.none }),
      )
      const error = yield* Effect.flip(accounts.get("a"))
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag === "TransportError") assert.strictEqual(error.reason, "Connect")
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.live("interrupting a call aborts the request in flight: the server sees the connection closed", () =>
    Effect.gen(function* () {
      const { abandoned, fake } = yield* FakeQuantive.FakeServer
      const accounts = yield* Accounts
      fake.inject({ _tag: "NoHeaders" })
      const fiber = yield* fork(accounts.get(fake.accountId))
      while (fake.requests.length === 0) yield* Effect.sleep("5 millis")
      yield* Fiber.interrupt(fiber)
      for (let i = 0; i < 2000 && abandoned() === 0; i++) yield* Effect.sleep("5 millis")
      assert.strictEqual(abandoned(), 1)
    }).pipe(Effect.provide(socket())))
})

describe("spans", () => {
  it.effect("one client span per call, named after the operation, with the status and no secrets", () => {
    const { layer, spans } = recordingTracer()
    return Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const accounts = yield* Accounts
      yield* accounts.get(fake.accountId)
      yield* Effect.flip(accounts.checkDomain({ accountName: "Acme", domain: "acme" }))
      const ours = spans.filter((span) => span.name.startsWith("Quantive."))
      assert.deepStrictEqual(ours.map((s) => s.name), ["Quantive.Accounts.get", "Quantive.Accounts.checkDomain"])
      assert.strictEqual(ours[0]!.kind, "client")
      assert.strictEqual(ours[0]!.attributes.get("http.response.status_code"), 200)
      assert.strictEqual(ours[0]!.attributes.get("url.template"), "/v1/accounts/{id}")
      assert.strictEqual(ours[1]!.attributes.get("http.response.status_code"), 409)
      const everythingRecorded = JSON.stringify(spans.map((s) => [s.name, [...s.attributes]]))
      assert.notInclude(everythingRecorded, fake.token)
      assert.notInclude(everythingRecorded, fake.accountId)
    }).pipe(Effect.provide(Layer.merge(socket(), layer)))
  })
})
