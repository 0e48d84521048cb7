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

/**
 * What a route registered with `fake.route` receives: the path's `{name}` placeholders decoded, the query, the parsed
 * JSON body (`undefined` when there is none) and the request headers (lower-case names, without `authorization`).
 *
 * @since 0.2.0
 * @category routes
 */
export interface RouteRequest {
  readonly method: string
  /** The path from the version on, still percent-encoded: `/v1/metrics/abc/checkin`. */
  readonly path: string
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  readonly body: unknown
  readonly headers: Readonly<Record<string, string>>
}

/**
 * What a route registered with `fake.route` answers: a status, a body sent as JSON (none when `undefined`) and
 * headers.
 *
 * @since 0.2.0
 * @category routes
 */
export interface RouteResponse {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/**
 * A handler of a route registered with `fake.route`. A handler that throws (or rejects) answers 500.
 *
 * @since 0.2.0
 * @category routes
 */
export type RouteHandler = (request: RouteRequest) => RouteResponse | Promise<RouteResponse>

interface Matcher {
  readonly method: string
  readonly regex: RegExp
  readonly names: ReadonlyArray<string>
}

interface CompiledRoute extends Route, Matcher {}

interface UserRoute extends Matcher {
  readonly handler: RouteHandler
}

/** A path template (`/metrics/{id}/checkin`) as a RegExp over the path from the version on, and its names. */
const compilePath = (api: string, path: string): { readonly regex: RegExp; readonly names: ReadonlyArray<string> } => {
  const names: Array<string> = []
  const source = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name)
    return "([^/]+)"
  })
  return { regex: new RegExp(`^/${api}${source}$`), names }
}

const compile = (route: Route): CompiledRoute => ({ ...route, ...compilePath(route.api, route.path) })

const USER_PATH = /^\/(v\d+)((?:\/(?:[A-Za-z0-9._~!$&'()*+,;=:@-]+|\{\w+\}))+)$/

/** A route for `fake.route`: a method and a path from the version on (`/v1/metrics/{id}/checkin`). */
const compileUserRoute = (method: string, path: string, handler: RouteHandler): UserRoute => {
  if (!/^[A-Za-z]+$/.test(method)) throw new TypeError(`fake.route: ${JSON.stringify(method)} is not an HTTP method`)
  const match = USER_PATH.exec(path)
  if (match === null) {
    throw new TypeError(
      `fake.route: ${JSON.stringify(path)} is not a path from the version on, such as "/v1/metrics/{id}/checkin"`,
    )
  }
  const compiled = compilePath(match[1]!, match[2]!)
  if (new Set(compiled.names).size !== compiled.names.length) {
    throw new TypeError(`fake.route: ${JSON.stringify(path)} repeats a placeholder`)
  }
  return { method: method.toUpperCase(), ...compiled, handler }
}

/** The decoded params of a matched path, or `undefined` on malformed percent-encoding. */
const paramsOf = (names: ReadonlyArray<string>, match: RegExpExecArray): Record<string, string> | undefined => {
  const params: Record<string, string> = {}
  try {
    names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)))
  } catch {
    return undefined
  }
  return params
}

const MALFORMED_PATH = "malformed percent-encoding in the path"

/** The parsed JSON body; `undefined` when empty; a 400 when malformed. */
const jsonOf = (body: string): { readonly json: unknown } | FakeReply => {
  if (body === "") return { json: undefined }
  try {
    return { json: JSON.parse(body) }
  } catch {
    return problem(400, "the body is not valid JSON")
  }
}

const isReply = (u: { readonly json: unknown } | FakeReply): u is FakeReply => "status" in u

const userReply = async (route: UserRoute, request: RouteRequest): Promise<FakeReply> => {
  let answer: RouteResponse
  try {
    answer = await route.handler(request)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    return problem(500, `the fake.route handler of ${request.method} ${request.path} threw: ${message}`)
  }
  if (typeof answer !== "object" || answer === null || !Number.isInteger(answer.status)) {
    return problem(500, `the fake.route handler of ${request.method} ${request.path} answered no { status }`)
  }
  if (answer.status < 200 || answer.status > 599) {
    return problem(500, `the fake.route handler of ${request.method} ${request.path} answered status ${answer.status}`)
  }
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(answer.headers ?? {})) headers[name.toLowerCase()] = String(value)
  return answer.status === 204 || answer.status === 304 ? { status: answer.status, headers, body: "" } : reply(
    answer.status,
    answer.body,
    headers,
  )
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
  /** Registered with `route`, newest first: they take precedence over the built-in routes. */
  private readonly userRoutes: Array<UserRoute> = []
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

  /**
   * Registers a route of the user's: matched before every built-in route, the newest registration first. Returns a
   * function that removes it.
   */
  route(method: string, path: string, handler: RouteHandler): () => void {
    const route = compileUserRoute(method, path, handler)
    this.userRoutes.unshift(route)
    return () => {
      const index = this.userRoutes.indexOf(route)
      if (index >= 0) this.userRoutes.splice(index, 1)
    }
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
    const answer = await this.handle(request, method, path, tokenMatched)
    // Any request that may change data bumps the version, so cached list views are recomputed (`listCache.ts`).
    if (method !== "GET" && method !== "HEAD") this.version += 1
    return transport === undefined ? answer : { ...answer, transport }
  }

  private async handle(request: FakeRequest, method: string, path: string, tokenMatched: boolean): Promise<FakeReply> {
    if (!tokenMatched) return problem(401, "invalid or missing bearer token")
    const accountId = request.headers["gtmhub-accountid"]
    if (accountId === undefined || accountId === "") return problem(400, "the gtmhub-accountId header is required")
    if (accountId !== this.options.accountId) return problem(403, "the token has no access to this account")
    const limited = this.rateLimited()
    if (limited !== undefined) return limited
    if (this.paymentRequired) return problem(402, "the subscription of this account has expired")

    let pathMatched = false
    /** The first route of `routes` matching the method and path, with its params and JSON body, invoked. */
    const dispatch = <R extends Matcher & { readonly method: string }>(
      routes: ReadonlyArray<R>,
      invoke: (route: R, params: Record<string, string>, json: unknown) => FakeReply | Promise<FakeReply>,
    ): FakeReply | Promise<FakeReply> | undefined => {
      for (const route of routes) {
        const match = route.regex.exec(path)
        if (match === null) continue
        pathMatched = true
        if (route.method !== method) continue
        const params = paramsOf(route.names, match)
        if (params === undefined) return problem(400, MALFORMED_PATH)
        const body = jsonOf(request.body)
        return isReply(body) ? body : invoke(route, params, body.json)
      }
      return undefined
    }
    const user = dispatch(this.userRoutes, (route, params, json) => {
      const { authorization: _, ...headers } = request.headers
      return userReply(route, { method, path, params, query: request.url.searchParams, body: json, headers })
    })
    if (user !== undefined) return user
    const builtIn = dispatch(
      this.routes,
      (route, params, json) => route.handle({ request, params, query: request.url.searchParams, json }),
    )
    if (builtIn !== undefined) return builtIn
    return pathMatched ? problem(405, `${method} is not allowed on ${path}`) : problem(404, `no route for ${path}`)
  }
}
