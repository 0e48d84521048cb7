/**
 * Issue 10, the pipeline's part, over real loopback sockets: hostile bodies (deep nesting, a BOM, a decompression
 * bomb), redirects that carry userinfo or leave the API root, runtime error messages that hold the request URL, and
 * the body reader keeping bytes rather than views.
 */
import { Accounts, FakeQuantive, Quantive, Retry, Users } from "#line"
import { FetchHttpClient } from "#line/effect"
import { callback, debugMessages } from "#line/pipeline"
import { socket } from "#line/support"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Schema } from "effect"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import { type AddressInfo, createServer as createNetServer } from "node:net"
import { gzipSync } from "node:zlib"
import { Collector } from "../core/src/body.ts"

/** A raw loopback server answering every request with `handle`. */
const rawServer = (handle: (req: IncomingMessage, res: ServerResponse) => void) =>
  Effect.acquireRelease(
    callback<{ readonly baseUrl: string; readonly close: () => Promise<void> }>((resume) => {
      const server = createServer(handle)
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({
          baseUrl: `http://127.0.0.1:${port}`,
          close: () =>
            new Promise<void>((done) => {
              server.closeAllConnections?.()
              server.close(() => done())
            }),
        }))
      })
    }),
    (server) => Effect.promise(server.close),
  )

const TOKEN = "tok-9f8e7d6c5b4a"
const ACCOUNT = "acc-0123456789abcdef"

const against = (baseUrl: string, options: Partial<Quantive.Options> = {}) =>
  Quantive.layer({ token: TOKEN, accountId: ACCOUNT, baseUrl, retry: Retry.none, ...options }).pipe(
    Layer.provide(FetchHttpClient.layer),
  )

describe("hostile bodies", () => {
  it.live("a 200 000-deep array is a value or a typed error, never a stack overflow", () =>
    Effect.scoped(Effect.gen(function* () {
      const deep = "[".repeat(200_000) + "]".repeat(200_000)
      const server = yield* rawServer((_, res) => {
        res.writeHead(200, { "content-type": "application/json" })
        res.end(`{"id":"a","name":"n","domain":"d","settings":${deep}}`)
      })
      const live = against(server.baseUrl)
      const error = yield* Effect.flip(Effect.flatMap(Accounts, (a) => a.get("x")).pipe(Effect.provide(live)))
      assert.strictEqual(error._tag, "DecodeError")
      const raw = yield* Quantive.request({ method: "GET", path: "/v1/anything" }).pipe(Effect.provide(live))
      assert.strictEqual((raw as { id: string }).id, "a")
      const typed = yield* Quantive.request({
        method: "GET",
        path: "/v1/anything",
        success: Schema.Struct({ id: Schema.String, settings: Schema.Unknown }),
      }).pipe(Effect.provide(live))
      assert.strictEqual(typed.id, "a")
    })))

  it.live("a BOM, huge numbers and duplicate keys decode like JSON.parse says", () =>
    Effect.scoped(Effect.gen(function* () {
      const server = yield* rawServer((_, res) => {
        res.writeHead(200, { "content-type": "application/json" })
        res.end(`\ufeff{"id":"a","id":"b","n":1e400}`)
      })
      const value = yield* Quantive.request({
        method: "GET",
        path: "/v1/x",
        success: Schema.Struct({ id: Schema.String, n: Schema.Number }),
      }).pipe(Effect.provide(against(server.baseUrl)))
      assert.deepStrictEqual(value, { id: "b", n: Number.POSITIVE_INFINITY })
    })))

  it.live("a decompression bomb stops at the cap on decompressed bytes", () =>
    Effect.scoped(Effect.gen(function* () {
      const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20))
      let sent = 0
      const server = yield* rawServer((_, res) => {
        sent += 1
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
        res.end(bomb)
      })
      const error = yield* Effect.flip(
        Quantive.request({ method: "GET", path: "/v1/x" }).pipe(
          Effect.provide(against(server.baseUrl, { maxResponseBytes: 1024 * 1024 })),
        ),
      )
      assert.isBelow(bomb.length, 1024 * 1024)
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual((error as { reason?: string }).reason, "ResponseTooLarge")
      assert.strictEqual(sent, 1)
    })))
})

describe("redirects stay within the API root", () => {
  it.live("same origin with userinfo, or out of the base path, is refused like a cross-origin one", () =>
    Effect.gen(function* () {
      const { baseUrl, fake } = yield* FakeQuantive.FakeServer
      const root = `${baseUrl}/results/api`
      const get = Effect.flatMap(Accounts, (a) => a.get(fake.accountId)).pipe(
        Effect.provide(
          Quantive.layer({ token: fake.token, accountId: fake.accountId, baseUrl: root, retry: Retry.none }),
        ),
        Effect.provide(FetchHttpClient.layer),
      )
      const origin = new URL(baseUrl)
      const cases = [
        `http://user:${fake.token}@${origin.host}/results/api/v1/accounts/${fake.accountId}`,
        `${baseUrl}/elsewhere/v1/accounts/${fake.accountId}`,
        `http://${fake.accountId}.example.invalid/v1/accounts/x`,
      ]
      for (const location of cases) {
        fake.inject({ _tag: "Redirect", location })
        const before = fake.requests.length
        const error = yield* Effect.flip(get)
        assert.strictEqual(error._tag, "UnexpectedStatus", location)
        assert.include(error.message, "refused")
        assert.notInclude(error.message, fake.token)
        assert.notInclude(error.message, fake.accountId)
        assert.strictEqual(fake.requests.length, before + 1)
      }
      fake.inject({ _tag: "Redirect", location: `${root}/v1/accounts/${fake.accountId}` })
      assert.strictEqual((yield* get).id, fake.accountId)
    }).pipe(Effect.provide(socket())))
})

describe("nothing sensitive in runtime errors", () => {
  it.live("a refused connection's error holds neither the query (a filter's email) nor the host", () =>
    Effect.scoped(Effect.gen(function* () {
      // A port that was just free: nothing listens there.
      const server = yield* rawServer(() => {})
      const baseUrl = server.baseUrl
      yield* Effect.promise(server.close)
      const error = yield* Effect.flip(
        Effect.flatMap(Users, (users) => users.list({ filter: { email: "alice.private@example.com" } })).pipe(
          Effect.provide(against(baseUrl)),
        ),
      )
      assert.strictEqual(error._tag, "TransportError")
      const rendered = `${error.message} ${String(error)} ${JSON.stringify(error)}`
      assert.notInclude(rendered, "alice.private")
      assert.notInclude(rendered, "filter=")
      assert.notInclude(rendered, baseUrl)
    })))
})

describe("the body reader", () => {
  it.live("a body read in many small chunks decodes whole; a body past the cap without content-length stops", () =>
    Effect.scoped(Effect.gen(function* () {
      const body = JSON.stringify({ id: "a", name: "n".repeat(100_000), domain: "d" })
      const server = yield* rawServer((req, res) => {
        res.writeHead(200, { "content-type": "application/json" })
        const big = req.url?.includes("big") === true
        const text = big ? JSON.stringify({ pad: "x".repeat(3 * 1024 * 1024) }) : body
        let i = 0
        const step = () => {
          if (i >= text.length) return res.end()
          res.write(text.slice(i, i + 4096))
          i += 4096
          setImmediate(step)
        }
        step()
      })
      const live = against(server.baseUrl, { maxResponseBytes: 1024 * 1024 })
      const account = yield* Effect.flatMap(Accounts, (a) => a.get("x")).pipe(Effect.provide(live))
      assert.strictEqual(account.name.length, 100_000)
      const error = yield* Effect.flip(
        Quantive.request({ method: "GET", path: "/v1/big" }).pipe(Effect.provide(live)),
      )
      assert.strictEqual((error as { reason?: string }).reason, "ResponseTooLarge")
    })))

  /** A layer whose fetch answers every request with a hand-built `Response`: an endless body and a declared length. */
  const lyingFetch = (declared: number) => {
    let pulled = 0
    const chunk = new Uint8Array(64 * 1024).fill(0x20)
    const lying: typeof fetch = () =>
      Promise.resolve(
        new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              if (pulled >= 32 * 1024 * 1024) return controller.close()
              pulled += chunk.length
              controller.enqueue(chunk)
            },
          }),
          { status: 200, headers: { "content-type": "application/json", "content-length": String(declared) } },
        ),
      )
    const live = Quantive.layer({
      token: TOKEN,
      accountId: ACCOUNT,
      baseUrl: "http://127.0.0.1:9",
      retry: Retry.none,
      maxResponseBytes: 256 * 1024,
    }).pipe(
      Layer.provide(FetchHttpClient.layer),
      Layer.provide(Layer.succeed(FetchHttpClient.Fetch, lying)),
    )
    return { live, pulled: () => pulled, chunk }
  }

  it.live("a small declared length read in one call: a custom fetch's longer body is a Body error, never a value", () =>
    Effect.gen(function* () {
      // A `Response` built by hand has no HTTP framing to hold it to its content-length: the lie is reported.
      const { live } = lyingFetch(100)
      const error = yield* Effect.flip(Effect.flatMap(Accounts, (a) => a.get("x")).pipe(Effect.provide(live)))
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual((error as { reason?: string }).reason, "Body")
      assert.include(error.message, "where its content-length declares 100")
    }))

  it.live("a larger declared length is read chunk by chunk: a custom fetch's longer body stops at the cap", () =>
    Effect.gen(function* () {
      const { chunk, live, pulled } = lyingFetch(200 * 1024)
      const error = yield* Effect.flip(Effect.flatMap(Accounts, (a) => a.get("x")).pipe(Effect.provide(live)))
      assert.strictEqual((error as { reason?: string }).reason, "ResponseTooLarge")
      assert.isAtMost(pulled(), 256 * 1024 + 4 * chunk.length)
    }))
})

describe("a declared length the framing does not hold", () => {
  it.live("a length beside chunked framing is not trusted: the chunks stop at the cap (or the runtime refuses them)", () =>
    Effect.scoped(Effect.gen(function* () {
      // Raw HTTP/1.1: both headers, then 64 KiB chunks without end (bounded at 64 MiB). Deno's fetch accepts the pair
      // and reads the chunks; Node's refuses the response.
      let sent = 0
      const server = yield* Effect.acquireRelease(
        callback<{ readonly port: number; readonly close: () => void }>((resume) => {
          const listener = createNetServer((socket) => {
            socket.on("error", () => {})
            socket.once("data", () => {
              socket.write(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n" +
                  "transfer-encoding: chunked\r\n\r\n",
              )
              const chunk = `10000\r\n${"x".repeat(65536)}\r\n`
              const step = () => {
                if (sent >= 64 * 1024 * 1024 || socket.destroyed) return socket.destroy()
                sent += 65536
                socket.write(chunk, () => setImmediate(step))
              }
              step()
            })
          })
          listener.listen(0, "127.0.0.1", () =>
            resume(Effect.succeed({
              port: (listener.address() as AddressInfo).port,
              close: () => listener.close(),
            })))
        }),
        (server) => Effect.sync(server.close),
      )
      const live = against(`http://127.0.0.1:${server.port}`, { maxResponseBytes: 256 * 1024 })
      const error = yield* Effect.flip(Effect.flatMap(Accounts, (a) => a.get("x")).pipe(Effect.provide(live)))
      assert.strictEqual(error._tag, "TransportError")
      assert.include(["ResponseTooLarge", "Transport"], (error as { reason?: string }).reason)
      assert.isBelow(sent, 32 * 1024 * 1024)
    })))
})

describe("memory while reading a body", () => {
  it("keeps the bytes, not the runtime's views into larger buffers (as Deno hands them out)", () => {
    const collector = new Collector(1024 * 1024, undefined)
    const big = new Uint8Array(512 * 1024).fill(0x61)
    for (let i = 0; i < 64; i++) assert.isTrue(collector.add(big.subarray(i * 16, i * 16 + 16)))
    assert.strictEqual(collector.size, 1024)
    assert.isAtMost(collector.retainedBytes(), 1024)
    assert.strictEqual(collector.text(), "a".repeat(1024))
    assert.isFalse(new Collector(10, undefined).add(new Uint8Array(11)))
  })

  it("reuses a decoded body's buffer for the next one, which reads only its own bytes, once", () => {
    const encoder = new TextEncoder()
    const first = new Collector(1024 * 1024, 300_000)
    assert.isTrue(first.add(encoder.encode("x".repeat(300_000))))
    assert.strictEqual(first.text(), "x".repeat(300_000))
    // The next body declares less and gets that buffer (it still holds the first body's bytes past the new end).
    const second = new Collector(1024 * 1024, 1000)
    assert.isAtLeast(second.retainedBytes(), 300_000)
    assert.isTrue(second.add(encoder.encode("y".repeat(600))))
    assert.strictEqual(second.text(), "y".repeat(600))
    assert.throws(() => second.text(), /already decoded/)
    // More than declared, and a body with no declared length: the same bytes come out.
    const third = new Collector(1024 * 1024, 10)
    assert.isTrue(third.add(encoder.encode("é".repeat(20))))
    assert.strictEqual(third.text(), "é".repeat(20))
    const fourth = new Collector(1024 * 1024, undefined)
    assert.isTrue(fourth.add(encoder.encode("z".repeat(5))))
    assert.strictEqual(fourth.text(), "zzzzz")
  })
})

describe("Retry-After the RFC does not allow", () => {
  it.live("is ignored with a debug line saying why, and the policy's back-off applies", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const { layer, lines } = debugMessages()
      fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": "-5" } })
      const error = yield* Effect.flip(Effect.flatMap(Accounts, (a) => a.get(fake.accountId))).pipe(
        Effect.provide(layer),
      )
      assert.strictEqual(error._tag, "TooManyRequests")
      assert.isUndefined((error as { retryAfter?: unknown }).retryAfter)
      const ignored = lines.filter((line) => line.includes("retry-after ignored"))
      assert.strictEqual(ignored.length, 1, lines.join("\n"))
      assert.notInclude(ignored[0]!, "-5")
    }).pipe(Effect.provide(socket())))
})
