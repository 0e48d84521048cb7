/**
 * The transport stage: one attempt of a request, as far as the bytes of its answer. The credentials are read out of
 * their `Redacted` here; the call's span is propagated as W3C `traceparent` (and `b3`) like the platform's client
 * does; redirects are followed within the API root only; the body is read under the size cap; and the whole exchange
 * is bounded by the per-attempt deadline, a sleep on the fiber's clock.
 *
 * @internal
 */
import { type HttpClient, HttpClientRequest, HttpTraceContext } from "@effect/platform"
import * as PlatformClient from "@effect/platform/HttpClient"
import { Duration, Effect, FiberRef, Redacted, Scope } from "effect"
import type * as QE from "../../QuantiveError.ts"
import type { ResolvedConfig } from "../config.ts"
import { type CallContext, timeoutError } from "../errors.ts"
import { type Body, readBytes } from "./body.ts"
import { withDeadline } from "./deadline.ts"
import { send } from "./redirects.ts"
import { makeKeeper } from "./webResponse.ts"

/** @internal */
export const USER_AGENT = "effect-quantive/0.2.0"

/** What one attempt brought back: the status and headers of the final response, and its body's bytes. @internal */
export interface Exchange {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Body
}

/** @internal */
export interface Transport {
  /** The headers of every request: the credentials, `accept` and the user agent. */
  readonly headers: Readonly<Record<string, string>>
  /** One attempt: send (following redirects within the root), read the body under the cap, within the deadline. */
  readonly exchange: (
    request: HttpClientRequest.HttpClientRequest,
    ctx: CallContext,
  ) => Effect.Effect<Exchange, QE.TransportError | QE.UnexpectedStatus>
}

/** @internal */
export interface TransportOptions {
  /** Send the call's span as `traceparent` (and `b3`); also off where `HttpClient.currentTracerPropagation` is. */
  readonly tracerPropagation: boolean
}

/** @internal */
export const make = (
  config: ResolvedConfig,
  httpClient: HttpClient.HttpClient,
  options: TransportOptions,
): Transport => {
  // The pipeline's own span stands for the call: the platform's would carry the full URL and the account id header.
  // Each request is tied to the attempt's scope, whose closing aborts it (the deadline, a failure, an interruption).
  const client = PlatformClient.withScope(PlatformClient.withTracerDisabledWhen(httpClient, () => true))
  const headers = {
    authorization: `Bearer ${Redacted.value(config.token)}`,
    "gtmhub-accountid": Redacted.value(config.accountId),
    accept: "application/json",
    "user-agent": USER_AGENT,
  }
  const cap = config.maxResponseBytes
  const keep = makeKeeper()

  const once = (request: HttpClientRequest.HttpClientRequest, ctx: CallContext, scope: Scope.Scope) =>
    Effect.flatMap(
      Effect.provideService(send(client, request, ctx, config, 0, keep), Scope.Scope, scope),
      (sent) => {
        const responseHeaders = sent.response.headers
        return Effect.map(
          readBytes(sent, responseHeaders, ctx, cap),
          (body): Exchange => ({ status: sent.response.status, headers: responseHeaders, body }),
        )
      },
    )

  const traced = !options.tracerPropagation
    ? once
    : (request: HttpClientRequest.HttpClientRequest, ctx: CallContext, scope: Scope.Scope) =>
      Effect.flatMap(FiberRef.get(PlatformClient.currentTracerPropagation), (propagate) =>
        !propagate ? once(request, ctx, scope) : Effect.flatMap(
          Effect.option(Effect.currentSpan),
          (span) =>
            once(
              span._tag === "Some"
                ? HttpClientRequest.setHeaders(request, HttpTraceContext.toHeaders(span.value))
                : request,
              ctx,
              scope,
            ),
        ))

  const attemptTimeout = config.resilience.attemptTimeout
  const exchange = (request: HttpClientRequest.HttpClientRequest, ctx: CallContext) =>
    attemptTimeout === undefined
      ? Effect.flatMap(
        Scope.make(),
        (scope) =>
          Effect.onExit(traced(request, ctx, scope), (exit) =>
            exit._tag === "Success" ? Effect.void : Scope.close(scope, exit)),
      )
      : withDeadline(
        (scope) => traced(request, ctx, scope),
        attemptTimeout,
        () =>
          timeoutError(
            ctx,
            `no complete response within ${Duration.format(attemptTimeout)} (attemptTimeout, body included)`,
          ),
      )

  return { headers, exchange }
}
