/**
 * The fake Quantive server's fault injection: the faults a test arms for the next matching requests, and what each
 * one answers (a reply in place of the route's) or has the transport do (reset, stall, truncate, drip).
 *
 * @internal
 */
import { type FakeReply, reply, type TransportFault } from "./reply.ts"

/**
 * A fault to inject into the next matching requests.
 *
 * - `Status`: answer with this status (and body/headers) instead of handling the request.
 * - `Raw`: answer with this exact body and content type (malformed JSON, an HTML page).
 * - `Latency`: wait before handling.
 * - `ResetBeforeHeaders`: close the connection before any byte of the response.
 * - `NoHeaders`: accept the request and never answer.
 * - `TruncateBody`: handle the request, send headers (with the full `content-length`) and the first bytes, then close.
 * - `DripBody`: handle the request and send the body slowly.
 * - `Oversize`: answer 200 with a JSON body of about this many bytes (`chunked`: with no `content-length`).
 * - `Redirect`: answer with a redirect to `location`.
 *
 * @since 0.1.0
 * @category faults
 */
export type Fault =
  | {
    readonly _tag: "Status"
    readonly status: number
    readonly body?: unknown
    readonly headers?: Readonly<Record<string, string>>
  }
  | { readonly _tag: "Raw"; readonly status?: number; readonly body: string; readonly contentType?: string }
  | { readonly _tag: "Latency"; readonly millis: number }
  | { readonly _tag: "ResetBeforeHeaders" }
  | { readonly _tag: "NoHeaders" }
  | { readonly _tag: "TruncateBody"; readonly afterBytes?: number }
  | { readonly _tag: "DripBody"; readonly chunkBytes?: number; readonly intervalMillis?: number }
  | { readonly _tag: "Oversize"; readonly bytes: number; readonly chunked?: boolean }
  | { readonly _tag: "Redirect"; readonly status?: number; readonly location: string }

/**
 * Which requests a fault applies to, and how many times.
 *
 * @since 0.1.0
 * @category faults
 */
export interface FaultOptions {
  /** How many matching requests the fault hits; `Infinity` for all. Default 1. */
  readonly times?: number
  readonly method?: string
  /** Matches the path after the version (`/accounts/x`) or, as a RegExp, the full path (`/v1/accounts/x`). */
  readonly path?: string | RegExp
}

interface ArmedFault {
  readonly fault: Fault
  remaining: number
  readonly method: string | undefined
  readonly path: string | RegExp | undefined
}

/** The armed faults, in the order they were injected. @internal */
export class FaultQueue {
  private faults: Array<ArmedFault> = []

  inject(fault: Fault, options: FaultOptions = {}): void {
    this.faults.push({
      fault,
      remaining: options.times ?? 1,
      method: options.method?.toUpperCase(),
      path: options.path,
    })
  }

  clear(): void {
    this.faults = []
  }

  /** The first armed fault matching the method and path (from the version on), counted as used. */
  take(method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex((armed) =>
      armed.remaining > 0 &&
      (armed.method === undefined || armed.method === method) &&
      (armed.path === undefined ||
        (typeof armed.path === "string" ? path.replace(/^\/v\d/, "") === armed.path : armed.path.test(path)))
    )
    if (index < 0) return undefined
    const armed = this.faults[index]!
    armed.remaining -= 1
    if (armed.remaining <= 0) this.faults.splice(index, 1)
    return armed.fault
  }
}

/**
 * What a fault other than `Latency` does: a reply that takes the place of the route's (`reply`), or a transport fault
 * applied to the route's reply (`transport`).
 *
 * @internal
 */
export const faultOutcome = (
  fault: Exclude<Fault, { readonly _tag: "Latency" }>,
): { readonly reply: FakeReply } | { readonly transport: TransportFault } => {
  switch (fault._tag) {
    case "Status": {
      const body = fault.body ?? { statusCode: fault.status, message: `injected ${fault.status}` }
      return { reply: reply(fault.status, body, { ...fault.headers }) }
    }
    case "Raw": {
      const headers = { "content-type": fault.contentType ?? "application/json" }
      return { reply: { status: fault.status ?? 200, headers, body: fault.body } }
    }
    case "Oversize":
      return { reply: { ...reply(200, { padding: "x".repeat(Math.max(0, fault.bytes)) }), chunked: fault.chunked } }
    case "Redirect":
      return { reply: { status: fault.status ?? 302, headers: { location: fault.location }, body: "" } }
    case "ResetBeforeHeaders":
    case "NoHeaders":
      return { reply: { status: 0, headers: {}, body: "", transport: fault } }
    case "TruncateBody":
      return { transport: { _tag: "TruncateBody", afterBytes: fault.afterBytes ?? 16 } }
    case "DripBody": {
      const chunkBytes = fault.chunkBytes ?? 8
      return { transport: { _tag: "DripBody", chunkBytes, intervalMillis: fault.intervalMillis ?? 50 } }
    }
  }
}
