/**
 * The name of an operation of `Quantive.request`, `stream` and `paginate` built from a path that holds a secret
 * (`/v1/accounts/${accountId}`): every span name and attribute, log line, error, `PaginationError` and drift report
 * names it with the account id (and the token) redacted. Over a real loopback socket.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Schema, Stream } from "effect"
import { FakeQuantive, Quantive, QuantiveClient } from "#line"
import { recordingJsonLogger, recordingTracer, socket } from "#line/support"

const Thing = Schema.Struct({ id: Schema.String, name: Schema.optional(Schema.String) })

/** Every text a test can see: span names, span attributes and events, log lines, errors (message, fields, string). */
const leaks = (texts: ReadonlyArray<string>, secrets: ReadonlyArray<string>) =>
  texts.filter((text) => secrets.some((secret) => text.toLowerCase().includes(secret.toLowerCase())))

const rendered = (error: unknown) => [String(error), JSON.stringify(error), (error as Error).message ?? ""]

describe("operation names derived from a path holding the account id", () => {
  it.effect("request, stream and paginate: spans, logs, errors, PaginationError and drift reports never name it", () => {
    const tracer = recordingTracer()
    const log = recordingJsonLogger()
    return Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const id = fake.accountId
      const secrets = [id, fake.token]
      const seen: Array<string> = []
      fake.route("GET", `/v1/accounts/${id}/things`, () => ({ status: 200, body: { id: "t1", name: 7 } }))
      fake.route("GET", `/v1/accounts/${id}/list`, () => ({
        status: 200,
        // the same id twice in one page: a PaginationError
        body: { items: [{ id: "a" }, { id: "a" }], totalCount: 2 },
      }))

      // A success, in tolerant mode: a drift report (and its warning) names the operation.
      const thing = yield* Quantive.request({ method: "GET", path: `/v1/accounts/${id}/things`, success: Thing }).pipe(
        Quantive.withDecode("tolerant"),
      )
      assert.strictEqual(thing.id, "t1")
      // A documented error, an undocumented one, a server error.
      for (const status of [404, 418, 500]) {
        fake.inject({ _tag: "Status", status, body: { message: "no" } })
        const error = yield* Effect.flip(
          Quantive.request({ method: "GET", path: `/v1/accounts/${id}/things`, statuses: [404] }),
        )
        seen.push(...rendered(error))
      }
      // Refused before anything is sent.
      const invalid = yield* Effect.flip(
        Quantive.request({ method: "GET", path: `/v1/accounts/${id}`, statuses: [200 as never] }),
      )
      assert.strictEqual(invalid._tag, "InvalidInput")
      seen.push(...rendered(invalid))
      const invalidStream = yield* Effect.flip(
        Stream.runDrain(Quantive.stream({ path: `/v1/accounts/${id}/list`, item: Thing, pageSize: 1 })),
      )
      assert.strictEqual(invalidStream._tag, "InvalidInput")
      seen.push(...rendered(invalidStream))
      // A PaginationError, from stream and paginate.
      for (const stream of [Quantive.stream({ path: `/v1/accounts/${id}/list`, item: Thing })]) {
        const error = yield* Effect.flip(Stream.runDrain(stream))
        assert.strictEqual(error._tag, "PaginationError")
        seen.push(...rendered(error))
      }
      const paged = yield* Effect.flip(
        Stream.runDrain(Quantive.paginate({ path: `/v1/accounts/${id}/list`, item: Thing, sort: "name" })),
      )
      assert.strictEqual(paged._tag, "PaginationError")
      seen.push(...rendered(paged))
      // A caller's own operation name holding the id is redacted the same way.
      fake.inject({ _tag: "Status", status: 404 })
      const named = yield* Effect.flip(
        Quantive.request({ method: "GET", path: "/v2/goals", operation: `Mine.get ${id}`, statuses: [404] }),
      )
      seen.push(...rendered(named))

      const drifts = yield* Quantive.decodeDrifts
      assert.isAbove(drifts.length, 0)
      seen.push(JSON.stringify(drifts))
      assert.include(JSON.stringify(drifts), "request GET /v1/accounts/{accountId}/things")

      const spanTexts = tracer.spans.flatMap((span) => [
        span.name,
        JSON.stringify([...span.attributes.entries()]),
        JSON.stringify(span.events),
      ])
      assert.isTrue(tracer.spans.some((span) => span.name === "Quantive.request GET /v1/accounts/{accountId}/things"))
      assert.isAbove(log.lines.length, 0)
      assert.isTrue(log.lines.some((line) => line.includes("request GET /v1/accounts/{accountId}/things")))
      assert.deepStrictEqual(leaks([...seen, ...spanTexts, ...log.lines], secrets), [])
      assert.isTrue(seen.some((text) => text.includes("stream GET /v1/accounts/{accountId}/list")))
    }).pipe(Effect.provide(Layer.mergeAll(socket(), tracer.layer, log.layer)))
  })

  it.effect("a service of the caller's own: spread from the pipeline it redacts alike; else the path shows as a shape", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const id = fake.accountId
      fake.route("GET", `/v1/accounts/${id}/list`, () => ({
        status: 200,
        body: { items: [{ id: "a" }, { id: "a" }], totalCount: 2 },
      }))
      const pipeline = yield* QuantiveClient.QuantiveClient
      const spread: QuantiveClient.Service = { ...pipeline, execute: (e, s, i) => pipeline.execute(e, s, i) }
      const own: QuantiveClient.Service = {
        execute: (e, s, i) => pipeline.execute(e, s, i),
        invalidInput: (input) => pipeline.invalidInput(input),
      }
      const messages: Array<string> = []
      for (const service of [spread, own]) {
        const error = yield* Effect.flip(
          Stream.runDrain(Quantive.stream({ path: `/v1/accounts/${id}/list`, item: Thing })).pipe(
            Effect.provideService(QuantiveClient.QuantiveClient, service),
          ),
        )
        assert.strictEqual(error._tag, "PaginationError")
        messages.push(error.message)
      }
      assert.include(messages[0], "stream GET /v1/accounts/{accountId}/list")
      assert.include(messages[1], "stream GET /v1/accounts/{…}/list")
      assert.deepStrictEqual(leaks(messages, [id, fake.token]), [])
    }).pipe(Effect.provide(socket())))
})
