/**
 * Issue 10 "Done when": random tokens and account ids (fast-check), pushed through every error class, every
 * runtime-level transport failure over a real loopback socket (refused, reset, timeout, bad redirects, oversize,
 * truncated) and every log line and span, never appear in exact, upper, lower, percent-encoded or base64 form: not in
 * an error's message, `String`, `JSON.stringify`, `util.inspect`, `Cause.pretty`, a log line or a span (attributes,
 * events, the exit it ends with); nor when the server splits them with characters that show nothing (soft hyphens,
 * zero-width and bidi characters, C0/C1 controls, terminal escapes) or sends them in fullwidth form, there or in
 * `withResponse`'s request id and headers.
 */
import { FakeQuantive, fc, Quantive, QuantiveClient as Api, QuantiveError, Retry } from "#line"
import {
  type DurationInput,
  FetchHttpClient,
  HttpClient,
  logFailure,
  logRecorder,
  schemas,
  spanRecorder,
} from "#line/effect"
import { type Gate, Paginate, rawClient } from "#line/internal"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Layer, Stream } from "effect"
import { Buffer } from "node:buffer"
import { createServer } from "node:net"
import { inspect } from "node:util"

/** An endpoint that documents every status, to reach every error class. */
const everything = Api.endpoint({
  operation: "Test.everything",
  method: "GET",
  api: "v1",
  path: "/accounts/{id}",
  statuses: [400, 401, 402, 403, 404, 409, 423, 429, 500],
})

interface Secrets {
  readonly token: string
  readonly accountId: string
}

/** Tokens with the characters that percent- and base64-encoding change; account ids as Quantive makes them. */
const secrets: fc.Arbitrary<Secrets> = fc.record({
  token: fc.string({
    unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=!*'()"),
    minLength: 24,
    maxLength: 48,
  }).map((t) => `qt_${t}`),
  accountId: fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 24, maxLength: 24 }),
})

/** Rounds per class: each starts a server, so few, but each with new random secrets. */
const ROUNDS = 3

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64")

/** The forms a secret must never appear in (base64: the characters that depend on the secret alone, any offset). */
const formsOf = (secret: string): ReadonlyArray<readonly [string, string]> => {
  const out: Array<readonly [string, string]> = [
    ["exact", secret],
    ["upper", secret.toUpperCase()],
    ["lower", secret.toLowerCase()],
    ["percent", encodeURIComponent(secret)],
    ["form", new URLSearchParams({ q: secret }).toString().slice(2)],
  ]
  for (let before = 0; before < 3; before++) {
    const encoded = base64("x".repeat(before) + secret)
    const start = Math.ceil((8 * before) / 6) + 1
    const end = Math.floor((8 * (before + secret.length)) / 6) - 1
    out.push([`base64@${before}`, encoded.slice(start, end)])
    out.push([`base64url@${before}`, encoded.slice(start, end).replace(/\+/g, "-").replace(/\//g, "_")])
  }
  return out
}

/** What a hostile server echoes back: every form of both secrets, and a Basic header of both. */
const echoOf = ({ accountId, token }: Secrets) =>
  [
    token,
    token.toUpperCase(),
    token.toLowerCase(),
    encodeURIComponent(token),
    base64(token),
    base64(`user:${token}`),
    base64(`${token}:`),
    `Basic ${base64(`${accountId}:${token}`)}`,
    accountId,
    accountId.toUpperCase(),
    base64(accountId),
    `https://${accountId}.evil.test/`,
  ].join(" ")

/** Characters and sequences that show nothing, as a hostile server puts them between a secret's characters. */
const SPLITTERS: ReadonlyArray<string> = [
  "\u00ad", // soft hyphen
  "\u200b", // zero-width space
  "\u200d", // zero-width joiner
  "\u2060", // word joiner
  "\ufeff", // BOM
  "\u202e", // bidi override
  "\u2067", // bidi isolate
  "\u200f", // right-to-left mark
  "\u0085", // C1: next line
  "\u0081", // C1
  "\u0000",
  "\u001b[31m", // ANSI colour
  "\u001b[0m",
  "\u001b]0;x\u0007", // OSC title
  "\ufe0f", // variation selector
  "\u{e0041}", // tag
]

/** What a header value can carry of those (Latin-1): the soft hyphen and C1 controls. */
const HEADER_SPLITTERS: ReadonlyArray<string> = ["\u00ad", "\u0085", "\u0081", "\u0080\u00ad"]

/** ASCII as fullwidth forms (NFKC folds them back). */
const fullwidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))

/** The secret with `splitter` between every two characters. */
const split = (secret: string, splitter: string) => [...secret].join(splitter)

/** A secret disguised every way a body can carry: each splitter, all of them in turn, fullwidth (and split). */
const disguisesOf = (secret: string): ReadonlyArray<string> => [
  ...SPLITTERS.map((splitter) => split(secret, splitter)),
  [...secret].map((c, i) => c + SPLITTERS[i % SPLITTERS.length]).join(""),
  fullwidth(secret),
  split(fullwidth(secret.toUpperCase()), "\u00ad"),
]

/** A secret disguised as a header value can carry it. */
const headerDisguisesOf = (secret: string): ReadonlyArray<string> =>
  HEADER_SPLITTERS.map((splitter) => split(secret, splitter))

/** What a reader sees once the characters that show nothing are gone (an independent, test-side reduction). */
const visible = (text: string) =>
  text
    // deno-lint-ignore no-control-regex
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g, "")
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu, "")
    .normalize("NFKC")

/** Every rendering of an error a user or a log pipeline might produce. */
const renderings = (error: unknown): Record<string, string> => ({
  message: (error as Error).message,
  string: String(error),
  json: JSON.stringify(error),
  inspect: inspect(error, { depth: 20, showHidden: true }),
  pretty: Cause.pretty(Cause.fail(error)),
  stack: String((error as Error).stack),
})

const assertClean = (text: string, { accountId, token }: Secrets, where: string) => {
  // as rendered, and as read once whatever shows nothing is gone
  for (const [shown, how] of [[text, ""], [visible(text), " once invisible characters are gone"]] as const) {
    for (const [secret, name] of [[token, "token"], [accountId, "accountId"]] as const) {
      for (const [form, value] of formsOf(secret)) {
        if (value.length >= 8) assert.notInclude(shown, value, `${where}: the ${name} (${form})${how}`)
      }
    }
  }
}

/** A port nothing listens on (bound, then closed). */
const closedPort = Effect.promise(() =>
  new Promise<number>((resolve) => {
    const server = createServer()
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
)

interface Setup {
  readonly client: Api.Service
  readonly fake: FakeQuantive.FakeQuantive
  readonly baseUrl: string
}

/**
 * Runs `f` for a few random pairs of secrets, each with a fake on loopback that knows them, a raw pipeline at it, and a
 * recording logger and tracer; then checks every error `f` returns, every log line and every span record.
 */
const scan = (
  f: (setup: Setup, secrets: Secrets) => Effect.Effect<ReadonlyArray<unknown>, unknown>,
  options: {
    readonly maxResponseBytes?: number
    readonly attemptTimeout?: DurationInput
    readonly baseUrl?: string
    readonly gate?: Gate
  } = {},
) =>
  Effect.gen(function* () {
    const tags = new Set<string>()
    for (const pair of fc.sample(secrets, ROUNDS)) {
      const log = logRecorder()
      const tracer = spanRecorder()
      const errors = yield* Effect.gen(function* () {
        const server = yield* FakeQuantive.FakeServer
        const http = yield* HttpClient.HttpClient
        const client = yield* rawClient(
          {
            token: pair.token,
            accountId: pair.accountId,
            baseUrl: options.baseUrl ?? server.baseUrl,
            maxResponseBytes: options.maxResponseBytes,
            attemptTimeout: options.attemptTimeout,
            retry: Retry.none,
          },
          http,
          { gate: options.gate },
        )
        return yield* f({ client, fake: server.fake, baseUrl: server.baseUrl }, pair)
      }).pipe(
        Effect.provide(Layer.merge(log.layer, tracer.layer)),
        Effect.provide(
          Layer.merge(
            FakeQuantive.layerSocket({ token: pair.token, accountId: pair.accountId }),
            FetchHttpClient.layer,
          ),
        ),
        Effect.scoped,
      )
      assert.isAbove(errors.length, 0)
      for (const error of errors) {
        tags.add((error as { _tag: string })._tag)
        for (const [how, text] of Object.entries(renderings(error))) {
          assertClean(text, pair, `${(error as { _tag: string })._tag} ${how}`)
        }
      }
      assert.isAbove(log.lines.length, 0)
      for (const line of log.lines) assertClean(line, pair, "log line")
      assert.isAbove(tracer.records.length, 0)
      for (const record of tracer.records) assertClean(record, pair, "span")
    }
    return tags
  })

const { Drifting, Echo, Page, Scored } = schemas

/** One call that fails, logged with its cause, its error returned. */
const failing = (
  client: Api.Service,
  { accountId, token }: Secrets,
  input: Api.RequestInput = { params: { id: accountId }, query: { q: token } },
) =>
  client.execute(everything, Api.json(Echo), input).pipe(
    logFailure("call failed"),
    Effect.flip,
    Effect.withSpan("Test.call", { attributes: { "test.operation": "everything" } }),
  )

describe("redaction scan: random secrets in every form, nowhere", () => {
  it.effect("every status error class, with a server echoing every form in body, request id and headers", () =>
    Effect.gen(function* () {
      const tags = yield* scan(({ client, fake }, pair) =>
        Effect.gen(function* () {
          const echo = echoOf(pair)
          const errors: Array<unknown> = []
          for (const status of [400, 401, 402, 403, 404, 409, 423, 429, 500, 503, 418]) {
            fake.inject({
              _tag: "Status",
              status,
              body: { message: echo, error: echo },
              headers: { "retry-after": "0", "x-request-id": `req ${echo}`, deprecation: echo, sunset: echo },
            })
            errors.push(yield* failing(client, pair))
          }
          return errors
        })
      )
      for (const tag of ["BadRequest", "Unauthorized", "PaymentRequired", "Forbidden", "NotFound", "Conflict"]) {
        assert.isTrue(tags.has(tag), tag)
      }
      for (const tag of ["Locked", "TooManyRequests", "ServerError", "UnexpectedStatus"]) assert.isTrue(tags.has(tag))
    }))

  it.effect("DecodeError, InvalidInput and PaginationError, with echoed secrets in bodies, ids and paths", () =>
    Effect.gen(function* () {
      const tags = yield* scan(({ client, fake }, pair) =>
        Effect.gen(function* () {
          const echo = echoOf(pair)
          const errors: Array<unknown> = []
          fake.inject({ _tag: "Raw", body: `not json: ${echo}` })
          errors.push(yield* failing(client, pair))
          fake.inject({ _tag: "Raw", body: JSON.stringify({ id: pair.accountId, name: { echo } }) })
          errors.push(yield* failing(client, pair))
          fake.inject({ _tag: "Raw", body: JSON.stringify({ [echo]: 1 }) })
          errors.push(yield* failing(client, pair))
          errors.push(yield* failing(client, pair, { params: { id: "" } }))
          errors.push(
            yield* failing(client, pair, {
              params: { id: pair.accountId },
              body: Api.body(Echo, { id: pair.token, name: { echo } } as never),
            }),
          )
          const page = { items: [{ id: pair.token, name: echo }, { id: pair.token, name: echo }], totalCount: 2 }
          fake.inject({ _tag: "Raw", body: JSON.stringify(page) })
          errors.push(
            yield* Paginate.pages({
              fetch: (skip, take) =>
                client.execute(everything, Api.json(Page), {
                  params: { id: pair.accountId },
                  query: { skip, take },
                }),
              compare: () => -1,
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
            ),
          )
          return errors
        })
      )
      for (const tag of ["DecodeError", "InvalidInput", "PaginationError"]) assert.isTrue(tags.has(tag), tag)
    }))

  it.effect(
    "secrets split by invisible characters or escapes, or fullwidth: errors, decoding, drift, withResponse",
    () =>
      Effect.gen(function* () {
        const tags = yield* scan(({ client, fake }, pair) =>
          Effect.gen(function* () {
            const errors: Array<unknown> = []
            const statuses = [400, 401, 402, 403, 404, 409, 423, 429, 500, 503, 418]
            const input = { params: { id: pair.accountId } }
            let n = 0
            for (const secret of [pair.token, pair.accountId]) {
              const inHeaders = headerDisguisesOf(secret)
              for (const form of disguisesOf(secret)) {
                const header = inHeaders[n % inHeaders.length]!
                // the server's message, request id and deprecation headers
                fake.inject({
                  _tag: "Status",
                  status: statuses[n++ % statuses.length]!,
                  body: { message: `said ${form} end`, error: form },
                  headers: { "retry-after": "0", "x-request-id": `req ${header}`, deprecation: header, sunset: header },
                })
                errors.push(yield* failing(client, pair, input))
                // a body that is not JSON
                fake.inject({ _tag: "Raw", body: `not json: ${form}` })
                errors.push(yield* failing(client, pair, input))
                // a record key: strictly, the decode error's issue path; tolerantly, the drift's log line and span event
                const body = JSON.stringify({ id: "i", name: "n", scores: { [`k ${form}`]: "high" } })
                fake.inject({ _tag: "Raw", body })
                errors.push(
                  yield* client.execute(everything, Api.json(Scored), input).pipe(
                    logFailure("call failed"),
                    Effect.flip,
                  ),
                )
                fake.inject({ _tag: "Raw", body })
                const [, info] = yield* Quantive.withResponse(
                  client.execute(everything, Api.json(Drifting), input).pipe(Effect.withSpan("Test.drift")),
                ).pipe(Quantive.withDecode("tolerant"))
                // a successful call's response: request id and headers
                fake.inject({
                  _tag: "Status",
                  status: 200,
                  body: { id: "i", name: "n" },
                  headers: { "x-request-id": header, "x-echo": `said ${header} end` },
                })
                const [, echoed] = yield* Quantive.withResponse(client.execute(everything, Api.json(Echo), input))
                for (const [what, value] of [["drift", info], ["echo", echoed]] as const) {
                  assertClean(JSON.stringify(value), pair, `withResponse ${what} JSON`)
                  assertClean(inspect(value, { depth: 10 }), pair, `withResponse ${what} inspect`)
                }
                assert.include(echoed.headers["x-echo"], secret === pair.token ? "<redacted>" : "{accountId}")
              }
            }
            return errors
          })
        )
        for (
          const tag of ["BadRequest", "Unauthorized", "Forbidden", "TooManyRequests", "ServerError", "DecodeError"]
        ) {
          assert.isTrue(tags.has(tag), tag)
        }
      }),
    120_000,
  )

  it.effect("CoordinatorError: the account's shared store failed, on a path holding the account id", () =>
    Effect.gen(function* () {
      const failure = { _tag: "StoreFailure", reason: "the store did not answer within 1s" } as const
      const gate: Gate = {
        pausedFor: Effect.fail(failure),
        pause: () => Effect.fail(failure),
        reserve: () => Effect.fail(failure),
      }
      const tags = yield* scan(({ client }, pair) =>
        Effect.gen(function* () {
          const errors: Array<unknown> = [yield* failing(client, pair)]
          return errors
        }), { gate })
      assert.isTrue(tags.has("CoordinatorError"))
    }))

  it.effect("transport: connection refused (the runtime's message may carry the URL)", () =>
    Effect.gen(function* () {
      const port = yield* closedPort
      const tags = yield* scan(({ client }, pair) => Effect.map(failing(client, pair), (e) => [e]), {
        baseUrl: `http://127.0.0.1:${port}`,
      })
      assert.deepStrictEqual([...tags], ["TransportError"])
    }))

  it.effect("transport: reset before headers, truncated body, oversize body", () =>
    Effect.gen(function* () {
      const tags = yield* scan(({ client, fake }, pair) =>
        Effect.gen(function* () {
          const errors: Array<unknown> = []
          // Deno's fetch re-sends a GET once when a pooled connection is reset before the response: arm twice.
          fake.inject({ _tag: "ResetBeforeHeaders" }, { times: 2 })
          errors.push(yield* failing(client, pair))
          fake.clearFaults()
          fake.inject({ _tag: "TruncateBody", afterBytes: 5 })
          errors.push(yield* failing(client, pair))
          fake.inject({ _tag: "Oversize", bytes: 256 * 1024, chunked: true })
          errors.push(yield* failing(client, pair))
          return errors
        }), { maxResponseBytes: 16 * 1024 })
      assert.deepStrictEqual([...tags], ["TransportError"])
    }))

  it.live("transport: headers that never arrive (attempt timeout)", () =>
    Effect.gen(function* () {
      const tags = yield* scan(({ client, fake }, pair) =>
        Effect.gen(function* () {
          fake.inject({ _tag: "NoHeaders" })
          return [yield* failing(client, pair)]
        }), { attemptTimeout: "300 millis" })
      assert.deepStrictEqual([...tags], ["TransportError"])
    }))

  it.effect("redirects: to a host built from the account id, with the token in the URL; to an invalid location", () =>
    Effect.gen(function* () {
      yield* scan(({ client, fake }, pair) =>
        Effect.gen(function* () {
          const errors: Array<unknown> = []
          const { accountId, token } = pair
          for (
            const location of [
              `https://${accountId}.evil.test/${encodeURIComponent(token)}?t=${encodeURIComponent(token)}`,
              `http://${accountId.toUpperCase()}.localhost:1/x`,
              `http://[${accountId}/`,
            ]
          ) {
            fake.inject({ _tag: "Redirect", location })
            errors.push(yield* failing(client, pair))
          }
          return errors
        })
      )
    }))

  it.effect("redirects: same origin with userinfo built from the secrets", () =>
    Effect.gen(function* () {
      yield* scan(({ baseUrl, client, fake }, pair) =>
        Effect.gen(function* () {
          const url = new URL(baseUrl)
          url.username = pair.accountId
          url.password = encodeURIComponent(pair.token)
          url.pathname = "/v1/accounts/x"
          fake.inject({ _tag: "Redirect", location: url.href })
          const result = yield* client.execute(everything, Api.json(Echo), { params: { id: pair.accountId } })
            .pipe(
              logFailure("call failed"),
              Effect.match({ onFailure: (error): unknown => error, onSuccess: () => new Error("followed") }),
            )
          return [result]
        })
      )
    }))

  it("covers every error class of QuantiveError", () => {
    // The classes the scans above reach; a new class must be added to a scan.
    const reached = [
      "BadRequest",
      "Unauthorized",
      "PaymentRequired",
      "Forbidden",
      "NotFound",
      "Conflict",
      "Locked",
      "TooManyRequests",
      "ServerError",
      "UnexpectedStatus",
      "TransportError",
      "DecodeError",
      "InvalidInput",
      "PaginationError",
      "CoordinatorError",
    ]
    assert.sameMembers(Object.keys(QuantiveError.classes), reached)
  })
})
