/**
 * The fake Quantive server's core: the request log, auth and account checks, and the order a request goes through
 * (faults, auth, rate limit, payment, routes). Transport-neutral: the socket adapter and the in-process fetch both
 * call `dispatch`. Requests and replies live in `reply.ts`, routing in `routing.ts`, faults in `faults.ts` and rate
 * limiting in `rateLimit.ts`; their names are re-exported here.
 *
 * @internal
 */
import { type Fault, type FaultOptions, faultOutcome, FaultQueue } from "./faults.ts"
import { overLimit, type RateLimit, type RateWindow } from "./rateLimit.ts"
import { type FakeReply, type FakeRequest, problem, type Route, type TransportFault } from "./reply.ts"
import { type RouteHandler, Router } from "./routing.ts"

export type { Fault, FaultOptions } from "./faults.ts"
export { overLimit, type RateLimit, type RateWindow } from "./rateLimit.ts"
export {
  type FakeReply,
  type FakeRequest,
  problem,
  reply,
  type Route,
  type RouteContext,
  type TransportFault,
} from "./reply.ts"
export type { RouteHandler, RouteRequest, RouteResponse } from "./routing.ts"

/**
 * A request the fake received, as recorded in `fake.requests`. The bearer token is not recorded, only whether it
 * matched.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedRequest {
  readonly method: string
  /** The raw (still percent-encoded) path from the version on, no `/results/api` prefix: `/v1/accounts/abc`. */
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headers: Readonly<Record<string, string>>
  readonly tokenMatched: boolean
  readonly body: unknown
  readonly at: number
}

/** @internal */
export interface CoreOptions {
  readonly token: string
  readonly accountId: string
  readonly latencyMillis?: number | undefined
  readonly rateLimit?: RateLimit | undefined
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
  private readonly router = new Router()
  private readonly faults = new FaultQueue()
  private readonly window: RateWindow = { start: 0, count: 0 }
  private counter = 0

  constructor(readonly options: CoreOptions) {
    this.latencyMillis = options.latencyMillis ?? 0
    this.rateLimit = options.rateLimit
  }

  addRoutes(routes: ReadonlyArray<Route>): void {
    this.router.addRoutes(routes)
  }

  /**
   * Registers a route of the user's: matched before every built-in route, the newest registration first. Returns a
   * function that removes it.
   */
  route(method: string, path: string, handler: RouteHandler): () => void {
    return this.router.route(method, path, handler)
  }

  inject(fault: Fault, options: FaultOptions = {}): void {
    this.faults.inject(fault, options)
  }

  clearFaults(): void {
    this.faults.clear()
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

    let fault = this.faults.take(method, path)
    while (fault?._tag === "Latency") {
      await sleep(fault.millis)
      fault = this.faults.take(method, path)
    }
    let transport: TransportFault | undefined
    if (fault !== undefined) {
      const outcome = faultOutcome(fault)
      if ("reply" in outcome) return outcome.reply
      transport = outcome.transport
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
    return this.router.handle(request, method, path)
  }
}
