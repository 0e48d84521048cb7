/**
 * Sending a request with the redirect policy: redirects are followed by the pipeline itself (the fetch is made with
 * `redirect: "manual"`), within the configured API root only — same origin, no userinfo, under the base path — and at
 * most `maxRedirects` hops; a 303 becomes a GET. Anything else is refused with `UnexpectedStatus`, since a runtime's
 * fetch would forward the `gtmhub-accountId` header (and, for some, the token) to wherever the redirect points.
 *
 * @internal
 */
import { HttpBody, type HttpClient, type HttpClientError, HttpClientRequest } from "@effect/platform"
import { Effect, type Scope } from "effect"
import * as QE from "../../QuantiveError.ts"
import { readBytes } from "./body.ts"
import type { ResolvedConfig } from "../config.ts"
import { type CallContext, describe, fromHttpClientError } from "../errors.ts"
import type { Keeper, Sent } from "./webResponse.ts"

const isRedirect = (status: number) =>
  status === 301 || status === 302 || status === 303 || status === 307 || status === 308

/** Why a redirect target is refused, or undefined when it may be followed. */
const refusal = (next: URL, config: ResolvedConfig): string | undefined => {
  const base = config.baseUrl
  if (next.origin !== base.origin) return `redirect to another origin refused: credentials stay with the API root`
  if (next.username !== "" || next.password !== "") return "redirect carrying credentials in the URL refused"
  const root = base.pathname.replace(/\/+$/, "")
  if (root !== "" && next.pathname !== root && !next.pathname.startsWith(`${root}/`)) {
    return "redirect out of the configured API root refused"
  }
  return undefined
}

/**
 * Sends, following redirects within the API root only.
 *
 * @internal
 */
export const send = (
  client: HttpClient.HttpClient.With<HttpClientError.HttpClientError, Scope.Scope>,
  request: HttpClientRequest.HttpClientRequest,
  ctx: CallContext,
  config: ResolvedConfig,
  hops: number,
  keep: Keeper,
): Effect.Effect<Sent, QE.TransportError | QE.UnexpectedStatus, Scope.Scope> =>
  keep(client.execute(request)).pipe(
    Effect.mapError((error) => fromHttpClientError(error, ctx)),
    Effect.flatMap((sent) => {
      const response = sent.response
      if (!isRedirect(response.status)) return Effect.succeed(sent)
      const headers = response.headers
      const location = headers["location"]
      if (location === undefined) return Effect.succeed(sent)
      // Read to the end (so the connection can be reused), never decoded.
      const drain = Effect.ignore(readBytes(sent, headers, ctx, config.maxResponseBytes))
      const refuse = (why: string) =>
        Effect.zipRight(
          drain,
          Effect.fail(
            new QE.UnexpectedStatus({
              message: describe("UnexpectedStatus", ctx, response.status, why, undefined),
              method: ctx.method,
              path: ctx.path,
              status: response.status,
            }),
          ),
        )
      let next: URL
      try {
        next = new URL(location, request.url)
      } catch {
        return refuse("redirect to an invalid location refused")
      }
      const why = refusal(next, config)
      if (why !== undefined) return refuse(why)
      if (hops >= config.maxRedirects) return refuse(`more than ${config.maxRedirects} redirects`)
      const redirected = response.status === 303
        ? HttpClientRequest.setMethod(HttpClientRequest.setBody(request, HttpBody.empty), "GET")
        : request
      return Effect.zipRight(
        drain,
        send(client, HttpClientRequest.setUrl(redirected, next.href), ctx, config, hops + 1, keep),
      )
    }),
  )
