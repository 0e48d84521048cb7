/**
 * Reading a response body under the size cap, as the core's `planBody` says (`core/src/body.ts`): a small body of
 * declared length in one read (`response.arrayBuffer`), the rest chunk by chunk: from the web `Response` where it was
 * kept (`webResponse.ts`), with the stream's own reader (an Effect `Stream` per chunk makes garbage that outlives
 * young-generation collections, and a long export's memory grows with it), otherwise from `response.stream`.
 *
 * - A declared `content-length` over the cap fails before reading; a body that passes the cap while it is read stops
 *   at the first chunk past it.
 * - Interrupting the read (a deadline, `Stream.take`) ends the body stream, which aborts the request.
 *
 * @internal
 */
import { Effect, Option, Stream } from "effect"
import { type Body, BytesBody, Collector, planBody, readWebBody } from "../../../core/src/body.ts"
import type * as QE from "../../QuantiveError.ts"
import { type CallContext, fromCause, fromHttpClientError, transportError } from "../errors.ts"
import type { Sent } from "./webResponse.ts"

export type { Body } from "../../../core/src/body.ts"
export { Collector } from "../../../core/src/body.ts"

/** The body's text; a failure to decode it (past what a string can hold) is a `TransportError`. @internal */
export const textOf = (body: Body, ctx: CallContext, status: number): Effect.Effect<string, QE.TransportError> =>
  Effect.suspend(() => {
    try {
      return Effect.succeed(body.text())
    } catch (cause) {
      return Effect.fail(fromCause(cause, ctx, status))
    }
  })

/**
 * Reads the whole body, as bytes (decoded by `text()` when asked), failing at the configured cap rather than
 * buffering past it.
 *
 * @internal
 */
export const readBytes = (
  { response, web }: Sent,
  headers: Readonly<Record<string, string>>,
  ctx: CallContext,
  cap: number,
): Effect.Effect<Body, QE.TransportError> => {
  const status = response.status
  const tooLarge = (seen: string) =>
    transportError(
      ctx,
      "ResponseTooLarge",
      `the body is ${seen} bytes, over the cap of ${cap} bytes (maxResponseBytes)`,
      status,
    )
  const plan = planBody(headers, cap)
  switch (plan._tag) {
    case "tooLarge":
      return Effect.fail(tooLarge(String(plan.declared)))
    case "whole":
      return Effect.matchEffect(response.arrayBuffer, {
        onFailure: (error) => Effect.fail(fromHttpClientError(error, ctx, status)),
        onSuccess: (buffer) =>
          buffer.byteLength === plan.declared ? Effect.succeed(new BytesBody(new Uint8Array(buffer))) : Effect.fail(
            transportError(
              ctx,
              "Body",
              `the body is ${buffer.byteLength} bytes where its content-length declares ${plan.declared}`,
              status,
            ),
          ),
      })
  }
  if (web !== undefined && !web.bodyUsed) {
    const body = web.body
    if (body === null) return Effect.succeed(new Collector(cap, undefined))
    return Effect.async<Body, QE.TransportError>((resume) => {
      const collected = new Collector(cap, plan.expected)
      const stop = readWebBody(body, collected, (end) =>
        resume(
          end._tag === "end"
            ? Effect.succeed(collected)
            : end._tag === "tooLarge"
            ? Effect.fail(tooLarge(`more than ${cap}`))
            : Effect.fail(fromCause(end.cause, ctx, status)),
        ))
      return Effect.sync(stop)
    })
  }
  // The body stream, pulled chunk by chunk: a pull loop costs a fraction of running the stream through a sink.
  return Effect.scoped(
    Effect.flatMap(Stream.toPull(response.stream), (pull) => {
      const collected = new Collector(cap, plan.expected)
      const loop: Effect.Effect<Body, QE.TransportError> = Effect.matchEffect(pull, {
        onFailure: (error) =>
          Option.isNone(error) || error.value.reason === "EmptyBody"
            ? Effect.succeed(collected)
            : Effect.fail(fromHttpClientError(error.value, ctx, status)),
        onSuccess: (chunk) => {
          for (const bytes of chunk) {
            if (!collected.add(bytes)) return Effect.fail(tooLarge(`more than ${cap}`))
          }
          return loop
        },
      })
      return loop
    }),
  )
}
