/**
 * A 2xx JSON body becomes the success value: parsed once, decoded by the schema's compiled decoder in the call's
 * mode. In `tolerant` mode every optional field dropped for being off its schema is reported: one `Warning` log line
 * per (operation, field path) per process, a span event on the call, and the `quantive_decode_drift` counter.
 *
 * @internal
 */
import { Clock, Effect, Either, Metric, Option } from "effect"
import type { Schema, Tracer } from "effect"
import type * as QE from "../QuantiveError.ts"
import type { DecodeMode } from "./callSettings.ts"
import { compile, type Drift } from "./decoder.ts"
import { type CallContext, decodeError, formatIssue } from "./errors.ts"
import { snippet } from "./redact.ts"

import type { DriftReport } from "../QuantiveClient.ts"

const reports = new Map<string, { operation: string; path: string; count: number; message: string }>()

/** Every drift seen in this process, by operation and field path. @internal */
export const driftReports = (): ReadonlyArray<DriftReport> => [...reports.values()].map((r) => ({ ...r }))

/** Forgets the drifts seen (for tests). @internal */
export const resetDriftReports = (): void => reports.clear()

/** @internal */
export const driftCounter: Metric.Metric.Counter<number> = Metric.counter("quantive_decode_drift", {
  description: "optional fields dropped in tolerant decode mode because their value was off the schema",
})

/** The field path without array positions (`items[].email`): one report per field, whatever the item. */
const pathOf = (drift: Drift) =>
  drift.path.reduce<string>(
    (out, key) => typeof key === "number" ? `${out}[]` : out === "" ? String(key) : `${out}.${String(key)}`,
    "",
  )

const positionOf = (drift: Drift) => drift.path.map(String).join(".")

const report = (drifts: ReadonlyArray<Drift>, ctx: CallContext, callSpan: Tracer.Span | undefined) =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeNanos
    const span = callSpan === undefined ? yield* Effect.option(Effect.currentSpan) : Option.some(callSpan)
    for (const drift of drifts) {
      const path = pathOf(drift)
      const message = snippet(ctx.redact(drift.message), 200)
      const key = `${ctx.operation}\u0000${path}`
      const seen = reports.get(key)
      if (seen === undefined) {
        reports.set(key, { operation: ctx.operation, path, count: 1, message })
        yield* Effect.logWarning(
          `${ctx.operation}: field ${path} is off its schema and was dropped (tolerant decoding; first seen at ` +
            `${positionOf(drift)}): ${message}`,
        ).pipe(Effect.annotateLogs({ operation: ctx.operation, field: path }))
      } else {
        seen.count += 1
      }
      if (Option.isSome(span)) {
        span.value.event("quantive.decode_drift", now, {
          "quantive.field": path,
          "quantive.position": positionOf(drift),
          "quantive.problem": message,
        })
      }
      yield* Metric.update(Metric.tagged(Metric.tagged(driftCounter, "operation", ctx.operation), "field", path), 1)
    }
  })

/** `span`: the call's span, for a body decoded after the call (by default, the current span). @internal */
export const decodeJson = <A>(
  schema: Schema.Schema<A, any, never> | undefined,
  status: number,
  bodyText: string,
  ctx: CallContext,
  requestId: string | undefined,
  mode: DecodeMode,
  span?: Tracer.Span | undefined,
): Effect.Effect<A, QE.DecodeError> => {
  if (bodyText.trim() === "") {
    return Effect.fail(decodeError(ctx, status, requestId, "the body is empty where JSON was expected", {}))
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(bodyText)
  } catch {
    const start = snippet(ctx.redact(bodyText.slice(0, 64 * 1024)), 120)
    return Effect.fail(decodeError(ctx, status, requestId, `the body is not JSON: ${start}`, { snippet: start }))
  }
  if (schema === undefined) return Effect.succeed(parsed as A)
  let drifts: Array<Drift> | undefined
  const decoded = compile(schema).decode(parsed, mode, (drift) => (drifts ??= []).push(drift))
  if (Either.isLeft(decoded)) {
    const { issuePath, message } = formatIssue(decoded.left, ctx.redact)
    return Effect.fail(decodeError(ctx, status, requestId, `${issuePath || "(root)"}: ${message}`, { issuePath }))
  }
  return drifts === undefined ? Effect.succeed(decoded.right) : Effect.as(report(drifts, ctx, span), decoded.right)
}
