/**
 * `QuantiveFetch`: the lean `HttpClient` over `fetch`. As an `HttpClient` (headers, bodies both ways, redirects left to
 * the caller, trace propagation, errors, aborts) and under the client's pipeline against the fake (a full export,
 * the size cap, a body cut short, the attempt's deadline closing the connection, redirects within the API root).
 */
import { FetchHttpClient, HttpBody, HttpClient, HttpClientRequest } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Exit, Fiber, Layer, Option, Scope, Stream } from "effect"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as QuantiveFetch from "../bench/leanTransport.ts"
import { Accounts, Quantive, Retry } from "../mod.ts"
import { FakeQuantive } from "../testing.ts"
import { transportBasics } from "./support.ts"

/** Waits in real time (the server's events are real). */
const settle = (millis: number) => Effect.promise(() => new Promise((done) => setTimeout(done, millis)))

/** Waits (in real time, bounded) until `predicate` holds. */
const until = (predicate: () => boolean, what: string) =>
  Effect.gen(function* () {
    for (let i = 0; i < 2000 && !predicate(); i++) yield* settle(5)
    assert.isTrue(predicate(), what)
  })

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage["headers"]
  readonly body: string
}

/** A loopback server answering with `handle` once it has read each request's body; it records what it saw. */
const server = (handle: (seen: Seen, res: ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.async<{ readonly origin: string; readonly seen: Array<Seen>; readonly close: () => Promise<void> }>(
      (resume) => {
        const seen: Array<Seen> = []
        const http = createServer((req, res) => {
          const chunks: Array<Buffer> = []
          req.on("data", (chunk: Buffer) => chunks.push(chunk))
          req.on("end", () => {
            const one = {
              method: req.method ?? "",
              url: req.url ?? "",
              headers: req.headers,
              body: Buffer.concat(chunks).toString("utf8"),
            }
            seen.push(one)
            handle(one, res)
          })
        })
        http.listen(0, "127.0.0.1", () => {
          const { port } = http.address() as AddressInfo
          resume(Effect.succeed({
            origin: `http://127.0.0.1:${port}`,
            seen,
            close: () =>
              new Promise<void>((done) => {
                http.closeAllConnections?.()
                http.close(() => done())
              }),
          }))
        })
      },
    ),
    (s) => Effect.promise(s.close),
  )

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers })
  res.end(JSON.stringify(body))
}

const lean = Effect.provide(QuantiveFetch.layer)

describe("QuantiveFetch as an HttpClient", () => {
  it.live("sends the method, the URL with its parameters and the headers; answers status, headers and JSON", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const s = yield* server((_, res) => json(res, 201, { ok: true }, { "x-answer": "42" }))
        const client = yield* HttpClient.HttpClient
        const response = yield* client.execute(
          HttpClientRequest.get(`${s.origin}/v1/things`).pipe(
            HttpClientRequest.setUrlParams({ skip: "10", take: "5" }),
            HttpClientRequest.setHeaders({ authorization: "Bearer t", "content-length": "999" }),
          ),
        )
        assert.strictEqual(response.status, 201)
        assert.strictEqual(response.headers["x-answer"], "42")
        assert.deepStrictEqual(yield* response.json, { ok: true })
        // A second read answers the first one.
        assert.deepStrictEqual(yield* response.json, { ok: true })
        assert.strictEqual(s.seen[0]!.method, "GET")
        assert.strictEqual(s.seen[0]!.url, "/v1/things?skip=10&take=5")
        assert.strictEqual(s.seen[0]!.headers["authorization"], "Bearer t")
        // The request's own content-length is dropped: fetch frames the body.
        assert.isUndefined(s.seen[0]!.headers["content-length"])
      }).pipe(lean),
    ))

  it.live("sends JSON, text and streamed bodies", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const s = yield* server((seen, res) => json(res, 200, { got: seen.body }))
        const client = yield* HttpClient.HttpClient
        const sent = yield* client.execute(
          HttpClientRequest.post(`${s.origin}/json`).pipe(HttpClientRequest.bodyUnsafeJson({ a: [1, 2] })),
        )
        assert.deepStrictEqual(yield* sent.json, { got: `{"a":[1,2]}` })
        assert.strictEqual(s.seen[0]!.headers["content-type"], "application/json")
        const streamed = yield* client.execute(
          HttpClientRequest.put(`${s.origin}/stream`).pipe(
            HttpClientRequest.setBody(
              HttpBody.stream(Stream.make("ab", "cd", "ef").pipe(Stream.encodeText), "text/plain"),
            ),
          ),
        )
        assert.deepStrictEqual(yield* streamed.json, { got: "abcdef" })
        assert.strictEqual(s.seen[1]!.method, "PUT")
      }).pipe(lean),
    ))

  it.live("streams a response body as it arrives", () =>
    Effect.scoped(
      Effect.gen(function* () {
        let finish: (() => void) | undefined
        const s = yield* server((_, res) => {
          res.writeHead(200, { "content-type": "text/plain" })
          res.write("first;")
          finish = () => res.end("last")
        })
        const client = yield* HttpClient.HttpClient
        const response = yield* client.get(`${s.origin}/drip`)
        const decoder = new TextDecoder()
        const pulled = yield* Effect.scoped(Effect.gen(function* () {
          const pull = yield* Stream.toPull(response.stream)
          const chunk = yield* pull
          // The server has not ended the body: this chunk came while the response was still open.
          const text = decoder.decode(Chunk.unsafeGet(chunk, 0))
          assert.isDefined(finish)
          finish!()
          let tail = ""
          for (;;) {
            const next = yield* Effect.option(pull)
            if (Option.isNone(next)) break
            for (const bytes of next.value) tail += decoder.decode(bytes)
          }
          return [text, tail] as const
        }))
        assert.strictEqual(pulled[0], "first;")
        assert.strictEqual(pulled[1], "last")
      }).pipe(lean),
    ))

  it.live("leaves redirects to the caller when the context asks for redirect: manual", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const s = yield* server((seen, res) => {
          if (seen.url === "/from") {
            res.writeHead(302, { location: "/to" })
            res.end()
          } else json(res, 200, { at: seen.url })
        })
        const client = yield* HttpClient.HttpClient
        const manual = yield* client.get(`${s.origin}/from`).pipe(
          Effect.provideService(FetchHttpClient.RequestInit, { redirect: "manual" }),
        )
        assert.strictEqual(manual.status, 302)
        assert.strictEqual(manual.headers["location"], "/to")
        assert.strictEqual(s.seen.length, 1)
        const followed = yield* client.get(`${s.origin}/from`)
        assert.strictEqual(followed.status, 200)
        assert.deepStrictEqual(yield* followed.json, { at: "/to" })
      }).pipe(lean),
    ))

  it.live("uses the fetch and the RequestInit given to the layer", () =>
    Effect.scoped(Effect.gen(function* () {
      const s = yield* server((seen, res) => json(res, 200, { header: seen.headers["x-from-init"] ?? null }))
      let calls = 0
      const counting: typeof globalThis.fetch = (input, init) => {
        calls += 1
        return globalThis.fetch(input, init)
      }
      const response = yield* Effect.flatMap(HttpClient.HttpClient, (client) => client.get(`${s.origin}/x`)).pipe(
        Effect.provide(
          QuantiveFetch.layer.pipe(
            Layer.provide(Layer.succeed(FetchHttpClient.Fetch, counting)),
            Layer.provide(Layer.succeed(FetchHttpClient.RequestInit, { headers: { "x-from-init": "yes" } })),
          ),
        ),
      )
      assert.deepStrictEqual(yield* response.json, { header: "yes" })
      assert.strictEqual(calls, 1)
    })))

  it.live("inside a span, sends traceparent of that span; not when propagation is off", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const s = yield* server((_, res) => json(res, 200, {}))
        const client = yield* HttpClient.HttpClient
        const traceId = yield* Effect.withSpan(
          Effect.gen(function* () {
            const span = yield* Effect.currentSpan
            yield* client.get(`${s.origin}/traced`)
            return span.traceId
          }),
          "caller",
        )
        const traceparent = s.seen[0]!.headers["traceparent"]
        assert.isString(traceparent)
        assert.match(traceparent as string, new RegExp(`^00-${traceId}-[0-9a-f]{16}-0[01]$`))
        yield* Effect.withSpan(HttpClient.withTracerPropagation(client, false).get(`${s.origin}/quiet`), "caller")
        assert.isUndefined(s.seen[1]!.headers["traceparent"])
        yield* client.get(`${s.origin}/outside`)
        assert.isUndefined(s.seen[2]!.headers["traceparent"])
      }).pipe(lean),
    ))

  it.live("an invalid URL and a refused connection are RequestErrors", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const client = yield* HttpClient.HttpClient
        const invalid = yield* Effect.flip(client.get("http://[not a host/x"))
        assert.strictEqual(invalid._tag, "RequestError")
        assert.strictEqual(invalid.reason, "InvalidUrl")
        const s = yield* server(() => {})
        yield* Effect.promise(s.close)
        const refused = yield* Effect.flip(client.get(`${s.origin}/x`))
        assert.strictEqual(refused._tag, "RequestError")
        assert.strictEqual(refused.reason, "Transport")
      }).pipe(lean),
    ))

  it.live("interrupting the wait for headers or a body read, or closing withScope's scope, closes the connection", () =>
    Effect.scoped(
      Effect.gen(function* () {
        let closed = 0
        const s = yield* server((seen, res) => {
          res.on("close", () => {
            if (!res.writableEnded) closed += 1
          })
          if (seen.url === "/body") {
            res.writeHead(200, { "content-type": "text/plain", "content-length": "100" })
            res.write("partial")
          }
        })
        const client = yield* HttpClient.HttpClient
        const waiting = yield* Effect.fork(client.get(`${s.origin}/silent`))
        yield* until(() => s.seen.length === 1, "the request reached the server")
        yield* Fiber.interrupt(waiting)
        yield* until(() => closed === 1, "the server sees the connection closed before headers")
        const response = yield* client.get(`${s.origin}/body`)
        const reading = yield* Effect.fork(response.text)
        yield* settle(20)
        yield* Fiber.interrupt(reading)
        yield* until(() => closed === 2, "the server sees the connection closed mid-body")
        // HttpClient.withScope: closing the scope aborts the request.
        const scope = yield* Scope.make()
        const scoped = HttpClient.withScope(client)
        const pending = yield* Effect.fork(
          scoped.get(`${s.origin}/scoped`).pipe(Effect.provideService(Scope.Scope, scope)),
        )
        yield* until(() => s.seen.length === 3, "the scoped request reached the server")
        yield* Scope.close(scope, Exit.void)
        yield* until(() => closed === 3, "the server sees the connection closed when the scope closes")
        const aborted = yield* Fiber.join(pending).pipe(Effect.flip)
        assert.strictEqual(aborted._tag, "RequestError")
      }).pipe(lean),
    ))
})

/** Every Quantive service over `QuantiveFetch.layer`, against a fake on a loopback socket. */
const overLean = (client: FakeQuantive.ClientOptions = {}, options: FakeQuantive.Options = {}) =>
  Layer.unwrapEffect(
    Effect.map(FakeQuantive.FakeServer, ({ baseUrl, fake }) =>
      Quantive.layer({ token: fake.token, accountId: fake.accountId, baseUrl, retry: Retry.none, ...client }).pipe(
        Layer.orDie,
      )),
  ).pipe(Layer.provideMerge(FakeQuantive.layerSocket(options)), Layer.provide(QuantiveFetch.layer))

describe("the client over QuantiveFetch.layer", () => {
  it.live("a full export, a call, the cap on a body with no content-length, a body cut short", () =>
    transportBasics.pipe(Effect.provide(overLean({ maxResponseBytes: 1024 * 1024 }, { users: 45 }))))

  it.live("the attempt's deadline closes the connection, before headers and mid-body", () =>
    Effect.gen(function* () {
      const { abandoned, fake } = yield* FakeQuantive.FakeServer
      fake.inject({ _tag: "NoHeaders" })
      const silent = yield* Effect.flip(Effect.flatMap(Accounts, (a) => a.get(fake.accountId)))
      assert.strictEqual((silent as { reason?: string }).reason, "Timeout")
      yield* until(() => abandoned() === 1, "the server sees the connection closed before headers")
      fake.inject({ _tag: "DripBody", chunkBytes: 16, intervalMillis: 40 })
      const dripping = yield* Effect.flip(Effect.flatMap(Accounts, (a) => a.get(fake.accountId)))
      assert.strictEqual((dripping as { reason?: string }).reason, "Timeout")
      yield* until(() => abandoned() === 2, "the server sees the connection closed mid-body")
    }).pipe(Effect.provide(overLean({ attemptTimeout: "300 millis" }))))

  it.live("redirects are followed within the API root only", () =>
    Effect.gen(function* () {
      const { baseUrl, fake } = yield* FakeQuantive.FakeServer
      const get = Effect.flatMap(Accounts, (a) => a.get(fake.accountId))
      fake.inject({ _tag: "Redirect", location: `${baseUrl}/v1/accounts/${fake.accountId}` })
      assert.strictEqual((yield* get).id, fake.accountId)
      const before = fake.requests.length
      fake.inject({ _tag: "Redirect", location: `http://${fake.accountId}.example.invalid/v1/accounts/x` })
      const refused = yield* Effect.flip(get)
      assert.strictEqual(refused._tag, "UnexpectedStatus")
      assert.strictEqual(fake.requests.length, before + 1)
    }).pipe(Effect.provide(overLean())))
})
