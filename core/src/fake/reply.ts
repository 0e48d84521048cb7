/**
 * The fake Quantive server's requests, replies and routes as plain data, and the JSON replies it answers with:
 * `reply` for a status with a JSON body, `problem` for an error body `{ statusCode, message }`.
 *
 * @internal
 */

/** A request as the fake sees it. Header names are lower case. @internal */
export interface FakeRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** A fault the transport carries out (the socket for real; the in-process fetch by simulation). @internal */
export type TransportFault =
  | { readonly _tag: "ResetBeforeHeaders" }
  | { readonly _tag: "NoHeaders" }
  | { readonly _tag: "TruncateBody"; readonly afterBytes: number }
  | { readonly _tag: "DripBody"; readonly chunkBytes: number; readonly intervalMillis: number }

/** @internal */
export interface FakeReply {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: string
  readonly transport?: TransportFault | undefined
  /** Send the body chunked, with no `content-length`. */
  readonly chunked?: boolean | undefined
}

/** The context a route handler gets. @internal */
export interface RouteContext {
  readonly request: FakeRequest
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  /** The parsed JSON body, or `undefined` when there is none; a malformed one answered 400 before the handler. */
  readonly json: unknown
}

/** @internal */
export interface Route {
  readonly method: string
  readonly api: "v1" | "v2"
  readonly path: string
  readonly handle: (ctx: RouteContext) => FakeReply
}

/** @internal */
export const reply = (status: number, body?: unknown, headers: Record<string, string> = {}): FakeReply =>
  body === undefined
    ? { status, headers, body: "" }
    : { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) }

/** @internal */
export const problem = (status: number, message: string): FakeReply => reply(status, { statusCode: status, message })
