/**
 * The fake Quantive server's core: requests and replies as plain data, routing, auth and account checks, the
 * request log, fault injection and rate limiting. Transport-neutral: the socket adapter and the in-process fetch
 * both call `dispatch`.
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

/**
 * A request the fake received, as recorded in `fake.requests`. The bearer token is not recorded, only whether it
 * matched.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedRequest {
  readonly method: string
  /** The raw (still percent-encoded) path from the version on, any `/results/api` prefix removed: `/v1/accounts/abc`. */
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headers: Readonly<Record<string, string>>
  readonly tokenMatched: boolean
  readonly body: unknown
  readonly at: number
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

interface CompiledRoute extends Route {
  readonly regex: RegExp
  readonly names: ReadonlyArray<string>
}

const compile = (route: Route): CompiledRoute => {
  const names: Array<string> = []
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name)
    return "([^/]+)"
  })
  return { ...route, regex: new RegExp(`^/${route.api}${source}$`), names }
}

interface ArmedFault {
  readonly fault: Fault
  remaining: number
  readonly method: string | undefined
  readonly path: string | RegExp | undefined
}

/** @internal */
export interface CoreOptions {
  readonly token: string
  readonly accountId: string
  readonly latencyMillis?: number | undefined
  readonly rateLimit?: RateLimit | undefined
}

/**
 * A server-side rate limit: past `requests` within `perMillis`, answer 429 with `Retry-After`.
 *
 * @since 0.1.0
 * @category models
 */
export interface RateLimit {
  readonly requests: number
  readonly perMillis: number
  /** The `Retry-After` seconds sent; by default the time left in the window, rounded up. */
  readonly retryAfterSeconds?: number
}

/** A fixed counting window for a `RateLimit`. @internal */
export interface RateWindow {
  start: number
  count: number
}

/**
 * Counts one request in `window`; past `limit.requests` within `limit.perMillis`, the 429 to answer, with
 * `Retry-After` (the configured seconds, or the rest of the window, at least 1 s).
 *
 * @internal
 */
export const overLimit = (limit: RateLimit, window: RateWindow, message: string): FakeReply | undefined => {
  const now = Date.now()
  if (now - window.start >= limit.perMillis) {
    window.start = now
    window.count = 0
  }
  window.count += 1
  if (window.count <= limit.requests) return undefined
  const seconds = limit.retryAfterSeconds ?? Math.max(1, Math.ceil((window.start + limit.perMillis - now) / 1000))
  return reply(429, { statusCode: 429, message }, { "retry-after": String(seconds) })
}

const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis))

/** @internal */
export class FakeCore {
  readonly requests: Array<RecordedRequest> = []
  /** Set to make every authorised request answer 402, as a suspended subscription does. */
  paymentRequired = false
  latencyMillis: number
  rateLimit: RateLimit | undefined
  /** The data version: bumped by every request whose method is not `GET` or `HEAD`. */
  version = 0
  private readonly routes: Array<CompiledRoute> = []
  private faults: Array<ArmedFault> = []
  private readonly window: RateWindow = { start: 0, count: 0 }
  private counter = 0

  constructor(readonly options: CoreOptions) {
    this.latencyMillis = options.latencyMillis ?? 0
    this.rateLimit = options.rateLimit
  }

  addRoutes(routes: ReadonlyArray<Route>): void {
    for (const route of routes) this.routes.push(compile(route))
  }

  inject(fault: Fault, options: FaultOptions = {}): void {
    this.faults.push({
      fault,
      remaining: options.times ?? 1,
      method: options.method?.toUpperCase(),
      path: options.path,
    })
  }

  clearFaults(): void {
    this.faults = []
  }

  private takeFault(method: string, path: string): Fault | undefined {
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

  private record(request: FakeRequest, path: string, tokenMatched: boolean): void {
    const { authorization: _, ...headers } = request.headers
    let body: unknown = undefined
    if (request.body !== "") {
      try {
        body = JSON.parse(request.body)
      } catch {
        body = request.body
      }
    }
    this.requests.push({
      method: request.method,
      path,
      query: Object.fromEntries(request.url.searchParams),
      headers,
      tokenMatched,
      body,
      at: Date.now(),
    })
  }

  private rateLimited(): FakeReply | undefined {
    return this.rateLimit === undefined ? undefined : overLimit(this.rateLimit, this.window, "rate limit exceeded")
  }

  /** Handles one request: faults first, then auth, rate limit and routing. */
  async dispatch(request: FakeRequest): Promise<FakeReply> {
    const requestId = `fake-${++this.counter}`
    const answer = await this.answer(request)
    return { ...answer, headers: { "x-request-id": requestId, ...answer.headers } }
  }

  private async answer(request: FakeRequest): Promise<FakeReply> {
    const method = request.method.toUpperCase()
    // Served at the root and under the real hosts' prefixes (`/results/api`, legacy `/api`).
    const path = request.url.pathname.replace(/^\/(?:results\/)?api(?=\/v\d+\/)/, "")
    const tokenMatched = request.headers["authorization"] === `Bearer ${this.options.token}`
    this.record(request, path, tokenMatched)
    if (this.latencyMillis > 0) await sleep(this.latencyMillis)

    let fault = this.takeFault(method, path)
    while (fault?._tag === "Latency") {
      await sleep(fault.millis)
      fault = this.takeFault(method, path)
    }
    let transport: TransportFault | undefined
    if (fault !== undefined) {
      switch (fault._tag) {
        case "Status":
          return reply(fault.status, fault.body ?? { statusCode: fault.status, message: `injected ${fault.status}` }, {
            ...fault.headers,
          })
        case "Raw":
          return {
            status: fault.status ?? 200,
            headers: { "content-type": fault.contentType ?? "application/json" },
            body: fault.body,
          }
        case "Oversize":
          return { ...reply(200, { padding: "x".repeat(Math.max(0, fault.bytes)) }), chunked: fault.chunked }
        case "Redirect":
          return { status: fault.status ?? 302, headers: { location: fault.location }, body: "" }
        case "ResetBeforeHeaders":
        case "NoHeaders":
          return { status: 0, headers: {}, body: "", transport: fault }
        case "TruncateBody":
          transport = { _tag: "TruncateBody", afterBytes: fault.afterBytes ?? 16 }
          break
        case "DripBody":
          transport = {
            _tag: "DripBody",
            chunkBytes: fault.chunkBytes ?? 8,
            intervalMillis: fault.intervalMillis ?? 50,
          }
          break
      }
    }
    const answer = this.route(request, method, path, tokenMatched)
    // Any request that may change data bumps the version, so cached list views are recomputed (`listCache.ts`).
    if (method !== "GET" && method !== "HEAD") this.version += 1
    return transport === undefined ? answer : { ...answer, transport }
  }

  private route(request: FakeRequest, method: string, path: string, tokenMatched: boolean): FakeReply {
    if (!tokenMatched) return problem(401, "invalid or missing bearer token")
    const accountId = request.headers["gtmhub-accountid"]
    if (accountId === undefined || accountId === "") return problem(400, "the gtmhub-accountId header is required")
    if (accountId !== this.options.accountId) return problem(403, "the token has no access to this account")
    const limited = this.rateLimited()
    if (limited !== undefined) return limited
    if (this.paymentRequired) return problem(402, "the subscription of this account has expired")

    let pathMatched = false
    for (const route of this.routes) {
      const match = route.regex.exec(path)
      if (match === null) continue
      pathMatched = true
      if (route.method !== method) continue
      const params: Record<string, string> = {}
      try {
        route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)))
      } catch {
        return problem(400, "malformed percent-encoding in the path")
      }
      let json: unknown = undefined
      if (request.body !== "") {
        try {
          json = JSON.parse(request.body)
        } catch {
          return problem(400, "the body is not valid JSON")
        }
      }
      return route.handle({ request, params, query: request.url.searchParams, json })
    }
    return pathMatched ? problem(405, `${method} is not allowed on ${path}`) : problem(404, `no route for ${path}`)
  }
}
