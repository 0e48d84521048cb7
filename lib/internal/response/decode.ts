/**
 * The response stage's second step: a 2xx body becomes the success value. A JSON body is parsed once and decoded by
 * the schema's compiled decoder in the call's mode. In `tolerant` mode every optional field dropped for being off its
 * schema is reported in the client's `DriftLog`: one `Warning` log line per (operation, field shape) per client, a span
 * event on the call, and the `quantive_decode_drift` counter. A field's shape names record keys `*` and array
 * positions `[]`, and at most `MAX_DRIFT_REPORTS` shapes are kept per client.
 *
 * @internal
 */
import { Clock, Effect, Either, Metric, Option } from "effect"
import type { Schema, Tracer } from "effect"
import type * as QE from "../../QuantiveError.ts"
import type { DecodeMode } from "../callSettings.ts"
import { compile, type Drift } from "../decoder.ts"
import { type CallContext, decodeError, formatIssue } from "../errors.ts"
import { snippet } from "../redact.ts"

import type { Success } from "../../QuantiveClient.ts"
import { type Body, textOf } from "../transport/body.ts"

import { DRIFT_OVERFLOW, type DriftLog, MAX_DRIFT_REPORTS } from "../../../core/src/driftLog.ts"

export { DRIFT_OVERFLOW, DriftLog, MAX_DRIFT_REPORTS } from "../../../core/src/driftLog.ts"

/** @internal */
export const driftCounter: Metric.Metric.Counter<number> = Metric.counter("quantive_decode_drift", {
  description: "optional fields dropped in tolerant decode mode because their value was off the schema",
})

/**
 * The field's shape: array positions as `[]`, record keys as `*` (`items[].customFields.*.value`), so that one report
 * stands for one field of the schema, whatever the item or the key.
 */
const pathOf = (drift: Drift) => {
  let out = ""
  drift.path.forEach((key, i) => {
    if (typeof key === "number") out += "[]"
    else {
      const name = drift.entries?.includes(i) ? "*" : String(key)
      out += out === "" ? name : `.${name}`
    }
  })
  return out
}

/** Where the field was (record keys and positions included), as safe text: server keys may hold anything. */
const positionOf = (drift: Drift, ctx: CallContext) => snippet(ctx.redact(drift.path.map(String).join(".")), 200)

const report = (
  log: DriftLog,
  drifts: ReadonlyArray<Drift>,
  ctx: CallContext,
  callSpan: Tracer.Span | undefined,
) =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeNanos
    const span = callSpan === undefined ? yield* Effect.option(Effect.currentSpan) : Option.some(callSpan)
    for (const drift of drifts) {
      const path = pathOf(drift)
      const message = snippet(ctx.redact(drift.message), 200)
      const position = positionOf(drift, ctx)
      const [seen, fresh] = log.reportOf(ctx.operation, path, message)
      seen.count += 1
      if (fresh && seen.operation === DRIFT_OVERFLOW) {
        yield* Effect.logWarning(
          `${ctx.operation}: field ${path} is off its schema and was dropped (tolerant decoding; first seen at ` +
            `${position}): ${message}; ${MAX_DRIFT_REPORTS} drifting fields are already reported, so this one and ` +
            `any further new ones are counted together as "${DRIFT_OVERFLOW}"`,
        ).pipe(Effect.annotateLogs({ operation: DRIFT_OVERFLOW, field: DRIFT_OVERFLOW }))
      } else if (fresh) {
        yield* Effect.logWarning(
          `${ctx.operation}: field ${path} is off its schema and was dropped (tolerant decoding; first seen at ` +
            `${position}): ${message}`,
        ).pipe(Effect.annotateLogs({ operation: ctx.operation, field: path }))
      }
      if (Option.isSome(span)) {
        span.value.event("quantive.decode_drift", now, {
          "quantive.field": path,
          "quantive.position": position,
          "quantive.problem": message,
        })
      }
      yield* Metric.update(
        Metric.tagged(Metric.tagged(driftCounter, "operation", seen.operation), "field", seen.path),
        1,
      )
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
  log: DriftLog,
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
  return drifts === undefined ? Effect.succeed(decoded.right) : Effect.as(report(log, drifts, ctx, span), decoded.right)
}

/**
 * A 2xx body becomes the success value: nothing for `Void` (its body is not read), the text for `Text` (a JSON
 * string's value when it is one), any JSON for `Any` (`undefined` for an empty body), or the schema's value.
 *
 * @internal
 */
export const decodeBody = <A>(
  success: Success<A>,
  status: number,
  body: Body,
  ctx: CallContext,
  requestId: string | undefined,
  mode: DecodeMode,
  log: DriftLog,
  span?: Tracer.Span | undefined,
): Effect.Effect<A, QE.DecodeError | QE.TransportError> => {
  if (success._tag === "Void") return Effect.succeed(undefined as A)
  return Effect.flatMap(textOf(body, ctx, status), (text): Effect.Effect<A, QE.DecodeError> => {
    switch (success._tag) {
      case "Text": {
        try {
          const parsed: unknown = JSON.parse(text)
          if (typeof parsed === "string") return Effect.succeed(parsed as A)
        } catch {
          // a plain text body
        }
        return Effect.succeed(text as A)
      }
      case "Any":
        if (text.trim() === "") return Effect.succeed(undefined as A)
        return decodeJson(undefined, status, text, ctx, requestId, mode, log, span)
      case "Json":
        return decodeJson(success.schema, status, text, ctx, requestId, mode, log, span)
    }
  })
}
