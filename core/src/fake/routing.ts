/**
 * The fake Quantive server's routing: the built-in routes and those registered with `fake.route`, matched by method
 * and path template (`/v1/metrics/{id}/checkin`), with the path's placeholders decoded and the JSON body parsed.
 * A path no route matches answers 404; a path matched by another method, 405.
 *
 * @internal
 */
import { type FakeReply, type FakeRequest, problem, reply, type Route } from "./reply.ts"

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

/** The fake's routes: the built-in ones, and those registered with `fake.route`, which come first. @internal */
export class Router {
  private readonly routes: Array<CompiledRoute> = []
  /** Registered with `route`, newest first: they take precedence over the built-in routes. */
  private readonly userRoutes: Array<UserRoute> = []

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

  /** Answers an authorised request: the user's routes first, then the built-in ones; else 405 or 404. */
  handle(request: FakeRequest, method: string, path: string): FakeReply | Promise<FakeReply> {
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
