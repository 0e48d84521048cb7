/**
 * Shared test support: fakes on loopback sockets, a raw pipeline for custom endpoints, a recording tracer and logger.
 */
import { FetchHttpClient, HttpClient } from "effect/http"
import { assert } from "@effect/vitest"
import { Effect, Layer, Logger, Option, References, Stream, Tracer } from "effect"
import type { Span } from "effect/Tracer"
import * as Client from "../lib/internal/client.ts"
import * as Api from "../lib/QuantiveClient.ts"
import * as Config from "../lib/internal/config.ts"
import { Accounts, Quantive, Retry, Users } from "../mod.ts"
import { FakeQuantive } from "../testing.ts"

/**
 * Every Quantive service over a fake served on a real loopback socket, plus the fake itself. No retries unless the
 * test asks for a policy: an injected status must reach the test as is.
 */
export const socket = (options: FakeQuantive.Options & { readonly client?: FakeQuantive.ClientOptions } = {}) =>
  FakeQuantive.layer({ ...options, client: { retry: Retry.none, ...options.client }, transport: "socket" })

/** Runs `f` with a fake listening on loopback and a raw pipeline pointed at it. */
export const withRawClient = <A, E>(
  f: (
    client: Api.Service,
    server: { readonly fake: FakeQuantive.FakeQuantive; readonly baseUrl: string; readonly abandoned: () => number },
  ) => Effect.Effect<A, E>,
  options: FakeQuantive.Options & { readonly maxResponseBytes?: number; readonly retry?: Retry.Policy } = {},
): Effect.Effect<A, E> =>
  Effect.gen(function* () {
    const server = yield* FakeQuantive.FakeServer
    const http = yield* HttpClient.HttpClient
    const resolved = Config.resolve(
      {
        token: server.fake.token,
        accountId: server.fake.accountId,
        baseUrl: server.baseUrl,
        maxResponseBytes: options.maxResponseBytes,
        retry: options.retry ?? Retry.none,
      },
      Config.optionNames,
    )
    if (resolved._tag === "Failure") return yield* Effect.die(resolved.failure)
    return yield* f(Client.make(resolved.success, http), server)
  }).pipe(
    Effect.provide(Layer.merge(FakeQuantive.layerSocket(options), FetchHttpClient.layer)),
    Effect.scoped,
  )

/** An endpoint that documents every status, to reach every error class. */
export const everything = Api.endpoint({
  operation: "Test.everything",
  method: "GET",
  api: "v1",
  path: "/accounts/{id}",
  statuses: [400, 401, 402, 403, 404, 409, 423, 429, 500],
})

/** A tracer that records every span it makes. */
/** A span as recorded: its events too (name and attributes). */
export type RecordedSpan = Span & { readonly events: Array<readonly [string, Record<string, unknown>]> }

export const recordingTracer = () => {
  const spans: Array<RecordedSpan> = []
  let next = 0
  const tracer = Tracer.make({
    span({ annotations, kind, links, name, parent, startTime }) {
      const attributes = new Map<string, unknown>()
      const events: Array<readonly [string, Record<string, unknown>]> = []
      let ended = false
      const span: RecordedSpan = {
        _tag: "Span",
        name,
        spanId: `span-${++next}`,
        traceId: "trace-1",
        parent,
        annotations,
        status: { _tag: "Started", startTime },
        attributes,
        links,
        sampled: true,
        kind,
        end: () => {
          ended = true
        },
        attribute: (key, value) => attributes.set(key, value),
        // As OpenTelemetry's SDK does, an event on a span that has ended is dropped.
        event: (name, _time, attributes) => {
          if (!ended) events.push([name, { ...attributes }])
        },
        addLinks: () => {},
        events,
      }
      spans.push(span)
      return span
    },
  })
  return { spans, layer: Layer.succeed(Tracer.Tracer, tracer) }
}

/** A logger that keeps the JSON line of every log entry (all levels). */
export const recordingJsonLogger = () => {
  const lines: Array<string> = []
  // The Effect 3 line's JSON shape: the level under `logLevel` too.
  const logger = Logger.map(Logger.formatStructured, (entry) => {
    lines.push(JSON.stringify({ ...entry, logLevel: entry.level }))
  })
  return {
    lines,
    layer: Layer.merge(Logger.layer([logger]), Layer.succeed(References.MinimumLogLevel, "All")),
  }
}

/** A random string of hex digits. */
export const randomHex = (length: number) => {
  let out = ""
  for (let i = 0; i < length; i++) out += Math.floor(Math.random() * 16).toString(16)
  return out
}

/** The tag each documented status maps to. */
export const TAG_OF_STATUS: Readonly<Record<number, string>> = {
  400: "BadRequest",
  401: "Unauthorized",
  402: "PaymentRequired",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  423: "Locked",
  429: "TooManyRequests",
  500: "ServerError",
}

/** An operation, the statuses it documents, and a call of it. */
export type StatusCall = readonly [
  name: string,
  statuses: ReadonlyArray<number>,
  call: Effect.Effect<unknown, { readonly _tag: string }>,
]

/**
 * For each call and each of its documented statuses: injects the status into the fake, makes the call (retries off,
 * so the injected answer is the one seen) and checks the error's tag, and with `checkStatus` its status too.
 */
export const expectStatusTags = (
  fake: FakeQuantive.FakeQuantive,
  calls: ReadonlyArray<StatusCall>,
  options: { readonly checkStatus?: boolean } = {},
) =>
  Effect.gen(function* () {
    for (const [name, statuses, call] of calls) {
      for (const status of statuses) {
        fake.inject({ _tag: "Status", status })
        const error = yield* Effect.flip(call.pipe(Quantive.withRetry(Retry.none)))
        assert.strictEqual(error._tag, TAG_OF_STATUS[status], `${name} ${status}`)
        if (options.checkStatus) assert.strictEqual((error as { status?: number }).status, status, `${name} ${status}`)
      }
    }
  })

/** `Option` re-export for brevity in tests. */
export { Option }

/**
 * What every transport under the client must give, over the fake's socket (45 users, a 1 MiB cap): a full export, a
 * call, the cap on a chunked body with no content-length, and a body cut short as a `TransportError`.
 */
export const transportBasics = Effect.gen(function* () {
  const { fake } = yield* FakeQuantive.FakeServer
  const users = yield* Users
  assert.strictEqual(yield* Stream.runCount(users.stream({ pageSize: 10, concurrency: 3 })), 45)
  const account = yield* Effect.flatMap(Accounts, (a) => a.get(fake.accountId))
  assert.strictEqual(account.id, fake.accountId)
  fake.inject({ _tag: "Oversize", bytes: 4 * 1024 * 1024, chunked: true })
  const error = yield* Effect.flip(Effect.flatMap(Accounts, (a) => a.get(fake.accountId)))
  assert.strictEqual((error as { reason?: string }).reason, "ResponseTooLarge")
  fake.inject({ _tag: "TruncateBody", afterBytes: 100 })
  const cut = yield* Effect.flip(Effect.flatMap(Accounts, (a) => a.get(fake.accountId)))
  assert.strictEqual(cut._tag, "TransportError")
})
