/**
 * The request builder: an endpoint and its input become the request to send (path parameters encoded, query
 * serialized, JSON body encoded), or the `InvalidInput` saying which part cannot be sent. Pure: no effect runs here.
 *
 * @internal
 */
import { HttpBody, HttpClientRequest } from "effect/http"
import { Result } from "effect"
import { loneSurrogateIndex } from "../../../../core/src/jsonValue.ts"
import type { Endpoint, RequestInput } from "../../QuantiveClient.ts"
import type * as QE from "../../QuantiveError.ts"
import { type CallContext, invalidInput } from "../errors.ts"
import type { Redactor } from "../redact.ts"
import { encodeJsonBody } from "./encodeBody.ts"
import { queryProblem } from "./options.ts"

/** A `.` or `..` path segment, also percent-encoded (`%2e`, `.%2E`, …), which a URL parser resolves. */
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?=$|\/)/i

const buildPath = (
  endpoint: Endpoint<any>,
  params: Readonly<Record<string, string>>,
  ctx: CallContext,
): Result.Result<string, QE.InvalidInput> => {
  let failure: QE.InvalidInput | undefined
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value: unknown = params[name]
    if (typeof value !== "string" || value.trim() === "") {
      failure ??= invalidInput(ctx, name, `${name} must be a non-empty string`)
      return ""
    }
    if (value === "." || value === "..") {
      failure ??= invalidInput(ctx, name, `${name} must not be "." or ".."`)
      return ""
    }
    if (loneSurrogateIndex(value) >= 0) {
      failure ??= invalidInput(ctx, name, `${name} holds a lone surrogate, which cannot be sent in a URL`)
      return ""
    }
    return encodeURIComponent(value)
  })
  if (failure === undefined && DOT_SEGMENT.test(path)) {
    // The path as sent (a template of `Quantive.request`, spliced with its params, e.g. `%2{x}` with x = "e"): a URL
    // parser would resolve the segment and take the request, with its token, out of the API root.
    failure = invalidInput(ctx, "path", `the path holds a "." or ".." segment, which would leave the API root`)
  }
  return failure === undefined ? Result.succeed(`/${endpoint.api}${path}`) : Result.fail(failure)
}

/**
 * Checks the query parameters and serializes them (`?a=1&b=2`, or nothing); a value that cannot be sent as given is
 * refused. Serialized once, as `URLSearchParams` does: setting them one by one on a `URL` re-parses it every time.
 */
const queryOf = (query: RequestInput["query"], ctx: CallContext): Result.Result<string, QE.InvalidInput> => {
  if (query === undefined) return Result.succeed("")
  const problem = queryProblem(query)
  if (problem !== undefined) return Result.fail(invalidInput(ctx, ctx.redact(problem.field), problem.problem))
  const params = new URLSearchParams()
  for (const key of Object.keys(query)) {
    const value = query[key]
    if (value !== undefined) params.append(key, String(value))
  }
  const serialized = params.toString()
  return Result.succeed(serialized === "" ? "" : `?${serialized}`)
}

/**
 * What an endpoint costs to prepare once per client: the names every span, log line, metric and error use (with the
 * token and account id redacted), its documented statuses and its span options.
 *
 * @internal
 */
export interface Prepared {
  readonly endpoint: Endpoint<any>
  readonly operation: string
  /** The path template as shown (redacted like the operation): the real one is `endpoint.path`. */
  readonly template: string
  readonly documented: ReadonlySet<number>
  readonly spanName: string
  readonly spanOptions: {
    readonly kind: "client"
    readonly captureStackTrace: false
    readonly attributes: Record<string, string>
  }
}

/** @internal */
export const prepare = (endpoint: Endpoint<any>, redact: Redactor): Prepared => {
  const template = redact(`/${endpoint.api}${endpoint.path}`)
  const operation = redact(String(endpoint.operation))
  return {
    endpoint,
    operation,
    template,
    documented: new Set(endpoint.statuses),
    spanName: `Quantive.${operation}`,
    spanOptions: {
      kind: "client",
      // The call site is the service method's, the same for every call: not worth a stack trace per call.
      captureStackTrace: false,
      attributes: {
        "quantive.operation": operation,
        "http.request.method": endpoint.method,
        "url.template": template,
      },
    },
  }
}

/** A request ready to send, and the context its errors are described in. @internal */
export interface Built {
  readonly request: HttpClientRequest.HttpClientRequest
  readonly ctx: CallContext
}

/**
 * Builds the request of one call under `root` (a parsed URL's origin and path, without a trailing slash), with the
 * given headers (the transport adds the credentials).
 *
 * @internal
 */
export const build = (
  prepared: Prepared,
  input: RequestInput,
  root: string,
  headers: Readonly<Record<string, string>>,
  redact: Redactor,
): Result.Result<Built, QE.InvalidInput> => {
  const { endpoint, operation, template } = prepared
  const templateCtx: CallContext = { operation, method: endpoint.method, path: template, redact, template }
  const path = buildPath(endpoint, input.params ?? {}, templateCtx)
  if (Result.isFailure(path)) return Result.fail(path.failure)
  const ctx: CallContext = { ...templateCtx, path: redact(path.success) }
  const query = queryOf(input.query, ctx)
  if (Result.isFailure(query)) return Result.fail(query.failure)
  // `root` and the encoded path hold nothing for a URL parser to normalize: the string is sent as it is (the platform
  // parses it once).
  let request = HttpClientRequest.make(endpoint.method)(root + path.success + query.success, { headers })
  if (input.body !== undefined) {
    const encoded = encodeJsonBody(input.body.schema, input.body.value, ctx)
    if (Result.isFailure(encoded)) return Result.fail(encoded.failure)
    request = HttpClientRequest.setBody(request, HttpBody.text(encoded.success, "application/json"))
  }
  return Result.succeed({ request, ctx })
}
