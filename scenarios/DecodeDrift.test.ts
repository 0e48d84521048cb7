/**
 * Tolerant-mode drift reports stay bounded: record keys are reported as `*` in a field's shape (one report, one
 * warning and one metric series per shape however the keys vary), at most `MAX_DRIFT_REPORTS` shapes are kept (the
 * rest counted under one overflow report and series), and the position a drift was first seen at is redacted.
 */
import { FakeQuantive, Quantive, Retry } from "#line"
import { counterSeries, optionalKey, record, warningMessages } from "#line/pipeline"
import { recordingTracer } from "#line/support"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Schema } from "effect"
import * as Drift from "../core/src/driftLog.ts"

const Field = Schema.Struct({ label: Schema.String, value: optionalKey(Schema.Number) })
const Item = Schema.Struct({
  id: Schema.String,
  customFields: optionalKey(record(Schema.String, Field)),
  scores: optionalKey(record(Schema.String, Schema.Number)),
})

/** The drift counter's series (tag sets) for operations starting with `prefix`, with their counts. */
const driftSeries = (prefix: string) =>
  Effect.map(counterSeries("quantive_decode_drift"), (all) => {
    const out = new Map<string, number>()
    for (const { count, tags } of all) {
      if (!String(tags["operation"]).startsWith(prefix) && tags["operation"] !== Drift.DRIFT_OVERFLOW) continue
      out.set(`${tags["operation"]} ${tags["field"]}`, count)
    }
    return out
  })

const CALLS = 2000

/** The fake, in process: thousands of calls through the whole pipeline, quickly. */
const fakeLayer = (options: FakeQuantive.Options = {}) =>
  FakeQuantive.layer({ ...options, client: { retry: Retry.none } })

describe("drift reports: bounded whatever the server varies", () => {
  it.effect("record keys that change on every call make one report, one warning and one series per field shape", () => {
    const log = warningMessages()
    const tracer = recordingTracer()
    return Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      let call = 0
      fake.route("GET", "/v1/drifting", () => {
        call++
        // new keys every call, every value off its schema
        return {
          status: 200,
          body: {
            id: `i${call}`,
            customFields: { [`field-${call}-a`]: { label: "a", value: "x" }, [`field-${call}-b`]: { label: "b" } },
            scores: { [`score-${call}`]: "high" },
          },
        }
      })
      for (let i = 0; i < CALLS; i++) {
        const item = yield* Quantive.request({
          method: "GET",
          path: "/v1/drifting",
          success: Item,
          operation: "Drifting.get",
        }).pipe(Quantive.withDecode("tolerant"))
        assert.strictEqual(item.id, `i${i + 1}`)
      }
      const reports = yield* Quantive.decodeDrifts
      assert.deepStrictEqual(
        reports.map(({ count, operation, path }) => ({ operation, path, count })),
        [
          { operation: "Drifting.get", path: "customFields.*.value", count: CALLS },
          { operation: "Drifting.get", path: "scores.*", count: CALLS },
        ],
      )
      assert.strictEqual(log.lines.length, 2)
      assert.include(log.lines[0]!, "field customFields.*.value is off its schema")
      assert.include(log.lines[0]!, "first seen at customFields.field-1-a.value")
      const series = yield* driftSeries("Drifting.")
      assert.deepStrictEqual(
        [...series],
        [["Drifting.get customFields.*.value", CALLS], ["Drifting.get scores.*", CALLS]],
      )
      // the call's span still says where, call by call
      const events = tracer.spans.flatMap((span) => span.events).filter(([name]) => name === "quantive.decode_drift")
      assert.strictEqual(events.length, 2 * CALLS)
      assert.strictEqual(events[events.length - 1]![1]["quantive.position"], `scores.score-${CALLS}`)
    }).pipe(Effect.provide(fakeLayer()), Effect.provide(Layer.merge(log.layer, tracer.layer)))
  }, 120_000)

  it.effect("past MAX_DRIFT_REPORTS shapes, new shapes count under one overflow report, warning and series", () => {
    const log = warningMessages()
    return Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      fake.route("GET", "/v1/drifting", () => ({ status: 200, body: { id: "i", scores: { k: "high" } } }))
      const extra = 40
      const operations = Drift.MAX_DRIFT_REPORTS + extra
      // each operation name makes a new shape; three rounds over all of them
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < operations; i++) {
          yield* Quantive.request({ method: "GET", path: "/v1/drifting", success: Item, operation: `Op.n${i}` })
            .pipe(Quantive.withDecode("tolerant"))
        }
      }
      const reports = yield* Quantive.decodeDrifts
      assert.strictEqual(reports.length, Drift.MAX_DRIFT_REPORTS + 1)
      const overflow = reports.find((r) => r.operation === Drift.DRIFT_OVERFLOW)!
      assert.deepStrictEqual(
        { path: overflow.path, count: overflow.count },
        { path: Drift.DRIFT_OVERFLOW, count: 3 * extra },
      )
      assert.isTrue(reports.filter((r) => r !== overflow).every((r) => r.count === 3 && r.path === "scores.*"))
      assert.strictEqual(log.lines.length, Drift.MAX_DRIFT_REPORTS + 1)
      assert.include(log.lines[log.lines.length - 1]!, `counted together as "${Drift.DRIFT_OVERFLOW}"`)
      const series = yield* driftSeries("Op.n")
      assert.strictEqual(series.size, Drift.MAX_DRIFT_REPORTS + 1)
      assert.strictEqual(series.get(`${Drift.DRIFT_OVERFLOW} ${Drift.DRIFT_OVERFLOW}`), 3 * extra)
    }).pipe(Effect.provide(fakeLayer()), Effect.provide(log.layer))
  })

  it.effect("a record key holding the secrets is redacted where the drift is shown", () => {
    const log = warningMessages()
    const tracer = recordingTracer()
    return Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const key = `k-${fake.token}-${fake.accountId}`
      fake.route("GET", "/v1/drifting", () => ({ status: 200, body: { id: "i", scores: { [key]: "high" } } }))
      yield* Quantive.request({ method: "GET", path: "/v1/drifting", success: Item, operation: "Secret.get" })
        .pipe(Quantive.withDecode("tolerant"))
      const shown = JSON.stringify([log.lines, yield* Quantive.decodeDrifts, tracer.spans.map((span) => span.events)])
      assert.include(shown, "scores.k-<redacted>-{accountId}")
      assert.notInclude(shown, fake.token)
      assert.notInclude(shown, fake.accountId)
    }).pipe(
      Effect.provide(fakeLayer({ token: `qt_${"a1b2c3d4".repeat(5)}`, accountId: "5f3c9a1b2c3d4e5f6a7b8c9d" })),
      Effect.provide(Layer.merge(log.layer, tracer.layer)),
    )
  })
})

describe("drift reports belong to the client", () => {
  it.effect("each layer's client keeps its own reports and warns once on its own; none outside a client", () => {
    const log = warningMessages()
    const drifting = Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      fake.route("GET", "/v1/drifting", () => ({ status: 200, body: { id: "i", scores: { k: "high" } } }))
      for (let i = 0; i < 3; i++) {
        yield* Quantive.request({ method: "GET", path: "/v1/drifting", success: Item, operation: "Own.drift" })
          .pipe(Quantive.withDecode("tolerant"))
      }
      return yield* Quantive.decodeDrifts
    })
    return Effect.gen(function* () {
      const first = yield* drifting.pipe(Effect.provide(fakeLayer()))
      const second = yield* drifting.pipe(Effect.provide(fakeLayer()))
      assert.deepStrictEqual(first.map((r) => [r.operation, r.path, r.count]), [["Own.drift", "scores.*", 3]])
      assert.deepStrictEqual(second.map((r) => [r.operation, r.path, r.count]), [["Own.drift", "scores.*", 3]])
      assert.strictEqual(log.lines.filter((line) => line.startsWith("Own.drift")).length, 2, "one warning per client")
      assert.deepStrictEqual(yield* Quantive.decodeDrifts, [], "no client in context: no reports")
    }).pipe(Effect.provide(log.layer))
  })
})
