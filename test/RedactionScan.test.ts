/**
 * Issue 10 "Done when": random tokens and account ids (fast-check), pushed through every error class, every
 * runtime-level transport failure over a real loopback socket (refused, reset, timeout, bad redirects, oversize,
 * truncated) and every log line and span, never appear in exact, upper, lower, percent-encoded or base64 form: not in
 * an error's message, `String`, `JSON.stringify`, `util.inspect`, `Cause.pretty`, a log line or a span (attributes,
 * events, the exit it ends with).
 */
import { FetchHttpClient, HttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import {
  Cause,
  type Context,
  type Duration,
  Effect,
  Exit,
  FastCheck as fc,
  Layer,
  Logger,
  LogLevel,
  type Option,
  Schema,
  Stream,
  Tracer,
} from "effect"
import type { Span, SpanKind, SpanLink } from "effect/Tracer"
import { Buffer } from "node:buffer"
import { createServer } from "node:net"
import { inspect } from "node:util"
import * as Client from "../lib/internal/client.ts"
import * as Config from "../lib/internal/config.ts"
import type { Gate } from "../lib/internal/coordinator.ts"
import * as Paginate from "../lib/internal/paginate.ts"
import { QuantiveError, Retry } from "../mod.ts"
import { FakeQuantive } from "../testing.ts"
import { everything } from "./support.ts"

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
  for (const [secret, name] of [[token, "token"], [accountId, "accountId"]] as const) {
    for (const [form, value] of formsOf(secret)) {
      if (value.length >= 8) assert.notInclude(text, value, `${where}: the ${name} (${form})`)
    }
  }
}

/** A logger keeping everything of every entry: message, cause, annotations, spans. */
const recordingLogger = () => {
  const lines: Array<string> = []
  const logger = Logger.make(({ annotations, cause, logLevel, message }) => {
    lines.push(
      [logLevel.label, inspect(message, { depth: 10 }), Cause.pretty(cause), inspect([...annotations], { depth: 10 })]
        .join(" "),
    )
  })
  return {
    lines,
    layer: Layer.merge(Logger.replace(Logger.defaultLogger, logger), Logger.minimumLogLevel(LogLevel.All)),
  }
}

/** A tracer keeping every span's name, attributes, events and the exit it ends with. */
const recordingTracer = () => {
  const records: Array<string> = []
  let next = 0
  const tracer = Tracer.make({
    span(
      name: string,
      parent: Option.Option<Tracer.AnySpan>,
      context: Context.Context<never>,
      links: ReadonlyArray<SpanLink>,
      startTime: bigint,
      kind: SpanKind,
    ) {
      const attributes = new Map<string, unknown>()
      records.push(`span ${name}`)
      const span: Span = {
        _tag: "Span",
        name,
        spanId: `span-${++next}`,
        traceId: "trace-1",
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes,
        links,
        sampled: true,
        kind,
        end: (_endTime, exit) => {
          records.push(`end ${name} ${inspect([...attributes], { depth: 10 })}`)
          if (Exit.isFailure(exit)) records.push(`exit ${name} ${Cause.pretty(exit.cause)}`)
        },
        attribute: (key, value) => {
          attributes.set(key, value)
          records.push(`attribute ${key} ${inspect(value, { depth: 10 })}`)
        },
        event: (eventName, _time, eventAttributes) =>
          records.push(`event ${eventName} ${inspect(eventAttributes, { depth: 10 })}`),
        addLinks: () => {},
      }
      return span
    },
    context: (f) => f(),
  })
  return { records, layer: Layer.setTracer(tracer) }
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
  readonly client: Client.Service
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
    readonly attemptTimeout?: Duration.DurationInput
    readonly baseUrl?: string
    readonly gate?: Gate
  } = {},
) =>
  Effect.gen(function* () {
    const tags = new Set<string>()
    for (const pair of fc.sample(secrets, ROUNDS)) {
      const log = recordingLogger()
      const tracer = recordingTracer()
      const errors = yield* Effect.gen(function* () {
        const server = yield* FakeQuantive.FakeServer
        const http = yield* HttpClient.HttpClient
        const resolved = Config.resolve({
          token: pair.token,
          accountId: pair.accountId,
          baseUrl: options.baseUrl ?? server.baseUrl,
          maxResponseBytes: options.maxResponseBytes,
          attemptTimeout: options.attemptTimeout,
          retry: Retry.none,
        }, Config.optionNames)
        if (resolved._tag === "Left") return yield* Effect.die(resolved.left)
        const client = Client.make(resolved.right, http, { gate: options.gate })
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

const Echo = Schema.Struct({ id: Schema.String, name: Schema.String })
const Page = Schema.Struct({ items: Schema.Array(Echo), totalCount: Schema.Number })

/** One call that fails, logged with its cause, its error returned. */
const failing = (
  client: Client.Service,
  { accountId, token }: Secrets,
  input: Client.RequestInput = { params: { id: accountId }, query: { q: token } },
) =>
  client.execute(everything, Client.json(Echo), input).pipe(
    Effect.tapErrorCause((cause) => Effect.logError("call failed", cause)),
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
              body: Client.body(Echo, { id: pair.token, name: { echo } } as never),
            }),
          )
          const page = { items: [{ id: pair.token, name: echo }, { id: pair.token, name: echo }], totalCount: 2 }
          fake.inject({ _tag: "Raw", body: JSON.stringify(page) })
          errors.push(
            yield* Paginate.pages({
              fetch: (skip, take) =>
                client.execute(everything, Client.json(Page), {
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
              Effect.tapErrorCause((cause) => Effect.logError("stream failed", cause)),
              Effect.flip,
            ),
          )
          return errors
        })
      )
      for (const tag of ["DecodeError", "InvalidInput", "PaginationError"]) assert.isTrue(tags.has(tag), tag)
    }))

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
          const result = yield* client.execute(everything, Client.json(Echo), { params: { id: pair.accountId } })
            .pipe(Effect.tapErrorCause((cause) => Effect.logError("call failed", cause)), Effect.either)
          return result._tag === "Left" ? [result.left] : [new Error("followed")]
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
