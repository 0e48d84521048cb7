/**
 * Fault matrix row 18: random tokens and account ids, pushed through every error class (with servers that echo them
 * back in messages, bodies and paths), never appear in an error's message, `String`, `JSON.stringify`,
 * `util.inspect`, `Cause.pretty`, a JSON log line or a span attribute; nor in `withResponse`'s request id and headers,
 * however the server disguises them (split by characters that show nothing, or in fullwidth form).
 */
import { Accounts, FakeQuantive, Quantive, QuantiveClient as Api, QuantiveError } from "#line"
import { logFailure } from "#line/effect"
import { Paginate } from "#line/internal"
import { everything, randomHex, recordingJsonLogger, recordingTracer, withRawClient } from "#line/support"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Layer, Schema, Stream } from "effect"
import { inspect } from "node:util"

const Echo = Schema.Struct({ id: Schema.String, name: Schema.String })
const Page = Schema.Struct({ items: Schema.Array(Echo), totalCount: Schema.Number })

/** Every rendering of an error a user or a log pipeline might produce. */
const renderings = (error: unknown): Record<string, string> => ({
  message: (error as Error).message,
  string: String(error),
  json: JSON.stringify(error),
  inspect: inspect(error, { depth: 20, showHidden: true }),
  pretty: Cause.pretty(Cause.fail(error)),
  stack: String((error as Error).stack),
})

const ROUNDS = 5

/** Characters and sequences that show nothing: a hostile server splits a secret with them. */
const SPLITTERS = [
  "\u00ad",
  "\u200b",
  "\u200d",
  "\u2060",
  "\ufeff",
  "\u202e",
  "\u2066",
  "\u0085",
  "\u0081",
  "\u001b[7m",
]

/** What a header value can carry of those (Latin-1). */
const HEADER_SPLITTERS = ["\u00ad", "\u0085", "\u0080"]

const fullwidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))

/** The secret with `splitter` between every two characters. */
const split = (secret: string, splitter: string) => [...secret].join(splitter)

/** What a reader sees once the characters that show nothing are gone (test-side). */
const visible = (text: string) =>
  text
    // deno-lint-ignore no-control-regex
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, "")
    .replace(/[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, "")
    .normalize("NFKC")

describe("secrets never leak (fault matrix row 18)", () => {
  it.effect("across every error class, with servers echoing the token and account id", () =>
    Effect.gen(function* () {
      const seenTags = new Set<string>()
      for (let round = 0; round < ROUNDS; round++) {
        const token = `qt_${randomHex(40)}`
        const accountId = randomHex(24)
        const log = recordingJsonLogger()
        const tracer = recordingTracer()
        const errors = yield* withRawClient((client, { fake }) =>
          Effect.gen(function* () {
            const echo = `token ${token} account ${accountId} Bearer ${token}`
            const byAccount = { params: { id: accountId } }
            const collected: Array<QuantiveError.QuantiveError> = []
            const run = (input: Api.RequestInput = byAccount) =>
              client.execute(everything, Api.json(Echo), input).pipe(
                logFailure("call failed"),
                Effect.flip,
                Effect.tap((error) => Effect.sync(() => collected.push(error))),
              )
            for (const status of [400, 401, 402, 403, 404, 409, 423, 429, 500, 503, 418]) {
              fake.inject({
                _tag: "Status",
                status,
                body: { message: echo, error: echo },
                // Retry-After 0: a real wait would start the account's back-off and hold the next calls.
                headers: { "retry-after": "0", "x-request-id": `req-${accountId}` },
              })
              yield* run()
            }
            fake.inject({ _tag: "Raw", body: `not json: ${echo}` })
            yield* run()
            fake.inject({ _tag: "Raw", body: JSON.stringify({ id: accountId, name: { echo } }) })
            yield* run()
            // Deno's fetch re-sends a GET once when a pooled connection is reset before the response: arm twice.
            fake.inject({ _tag: "ResetBeforeHeaders" }, { times: 2 })
            yield* run()
            fake.clearFaults()
            fake.inject({ _tag: "TruncateBody", afterBytes: 5 })
            yield* run()
            fake.inject({ _tag: "Redirect", location: `http://localhost:1/${accountId}?t=${token}` })
            yield* run()
            yield* run({ params: { id: "" } })
            const badBody = Api.body(Echo, { id: accountId, name: { echo } } as never)
            yield* run({ params: { id: accountId }, body: badBody })
            // A page that contradicts its own totalCount: PaginationError.
            fake.inject({ _tag: "Raw", body: JSON.stringify({ items: [], totalCount: 5, echo }) })
            yield* Paginate.pages({
              fetch: (skip, take) =>
                client.execute(everything, Api.json(Page), { ...byAccount, query: { skip, take } }),
              compare: () => 0,
              idOf: (item: { readonly id: string }) => item.id,
              pageSize: 10,
              concurrency: 1,
              operation: "Test.stream",
              method: "GET",
              path: "/v1/accounts/{accountId}",
            }).pipe(
              Stream.runDrain,
              logFailure("stream failed"),
              Effect.flip,
              Effect.tap((error) => Effect.sync(() => collected.push(error))),
            )
            return collected
          }).pipe(Effect.provide(Layer.merge(log.layer, tracer.layer))), { token, accountId })

        for (const error of errors) {
          seenTags.add(error._tag)
          for (const [how, text] of Object.entries(renderings(error))) {
            assert.notInclude(text, token, `${error._tag} ${how}`)
            assert.notInclude(text, accountId, `${error._tag} ${how}`)
          }
        }
        const logged = log.lines.join("\n")
        assert.isAbove(log.lines.length, errors.length - 1)
        assert.notInclude(logged, token)
        assert.notInclude(logged, accountId)
        const attributes = JSON.stringify(tracer.spans.map((span) => [span.name, [...span.attributes]]))
        assert.notInclude(attributes, token)
        assert.notInclude(attributes, accountId)
      }
      // CoordinatorError needs a failing account coordinator: RedactionScan.test.ts covers it.
      const classes = Object.keys(QuantiveError.classes).filter((tag) => tag !== "CoordinatorError")
      assert.deepStrictEqual([...seenTags].sort(), classes.sort())
    }))

  it.effect("split by invisible characters or escapes, or fullwidth: in no error, log, span or withResponse", () =>
    Effect.gen(function* () {
      const token = `qt_${randomHex(40)}`
      const accountId = randomHex(24)
      const log = recordingJsonLogger()
      const tracer = recordingTracer()
      const shown = yield* withRawClient((client, { fake }) =>
        Effect.gen(function* () {
          const out: Array<string> = []
          const byAccount = { params: { id: accountId } }
          const statuses = [400, 403, 404, 409, 500, 418]
          let n = 0
          for (const secret of [token, accountId]) {
            for (const form of [...SPLITTERS.map((c) => split(secret, c)), fullwidth(secret)]) {
              const header = split(secret, HEADER_SPLITTERS[n % HEADER_SPLITTERS.length]!)
              fake.inject({
                _tag: "Status",
                status: statuses[n++ % statuses.length]!,
                body: { message: `said ${form} end` },
                headers: { "x-request-id": header },
              })
              const error = yield* client.execute(everything, Api.json(Echo), byAccount).pipe(
                logFailure("call failed"),
                Effect.flip,
              )
              out.push(...Object.values(renderings(error)))
              fake.inject({ _tag: "Raw", body: `not json: ${form}` })
              const decode = yield* Effect.flip(client.execute(everything, Api.json(Echo), byAccount))
              out.push(...Object.values(renderings(decode)))
              fake.inject({ _tag: "Status", status: 200, body: { id: "i", name: form }, headers: { "x-echo": header } })
              const [echo, info] = yield* Quantive.withResponse(
                client.execute(everything, Api.json(Echo), byAccount),
              )
              assert.strictEqual(echo.name, form) // the value itself is the caller's, as sent
              out.push(JSON.stringify(info), inspect(info))
            }
          }
          return out
        }).pipe(Effect.provide(Layer.merge(log.layer, tracer.layer))), { token, accountId })
      assert.isAbove(log.lines.length, 0)
      const spans = JSON.stringify(tracer.spans.map((span) => [span.name, [...span.attributes], span.events]))
      for (const text of [...shown, ...log.lines, spans]) {
        for (const view of [text, visible(text)]) {
          assert.notInclude(view, token)
          assert.notInclude(view.toLowerCase(), accountId)
        }
      }
    }))

  it.effect("the account id in a path is shown as {accountId}; debug logs of successful calls hold no secret", () => {
    const log = recordingJsonLogger()
    const token = `qt_${randomHex(40)}`
    const accountId = randomHex(24)
    return Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const accounts = yield* Accounts
      yield* accounts.get(accountId)
      fake.inject({ _tag: "Status", status: 403 })
      const error = yield* Effect.flip(accounts.get(accountId))
      assert.strictEqual(error.path, "/v1/accounts/{accountId}")
      assert.isAbove(log.lines.length, 1)
      assert.notInclude(log.lines.join("\n"), token)
      assert.notInclude(log.lines.join("\n"), accountId)
    }).pipe(
      Effect.provide(FakeQuantive.layer({ transport: "socket", token, accountId })),
      Effect.provide(log.layer),
    )
  })
})
