/**
 * The web `Response` behind a response of the platform's `FetchHttpClient`, reached on public API, so that a large body
 * is read with the web stream's own reader rather than an Effect `Stream` per chunk (see `readBytes`).
 *
 * Each request is made through a `FetchHttpClient.Fetch` that keeps what it answers, around the fetch the request
 * would have used anyway: the one in the caller's context, else the one given to the `HttpClient`'s own layer, else
 * the global `fetch`. The platform's client puts its layer's context under the caller's, so the layer's fetch cannot be
 * read from outside; a client finds it once, on its first request made without a `Fetch` in the caller's context. That
 * request carries a `RequestInit` whose `redirect` the fetch client reads on the request's fiber, and reading it looks
 * up the `Fetch` of that fiber's context (the layer's, or none). Until then, and with an `HttpClient` that does not
 * read `RequestInit` (undici, a client of your own), nothing is kept and bodies are read through `response.stream`.
 *
 * Every request is made with `redirect: "manual"` (redirects are the pipeline's own, see `redirects.ts`).
 *
 * @internal
 */
import { FetchHttpClient, type HttpClientResponse } from "@effect/platform"
import { Context, Effect, Fiber, FiberRef, Option } from "effect"

/**
 * A response as sent: the client's response, and the web `Response` it was made from, when a fetch made it that this
 * module wrapped (undefined otherwise, or when the two differ in status, or the body was read).
 *
 * @internal
 */
export interface Sent {
  readonly response: HttpClientResponse.HttpClientResponse
  readonly web: Response | undefined
}

/** Sends one request, with `redirect: "manual"`, keeping the web `Response` where it can. @internal */
export type Keeper = <E, R>(
  execute: Effect.Effect<HttpClientResponse.HttpClientResponse, E, R>,
) => Effect.Effect<Sent, E, R>

/** A keeper for one `HttpClient` (whose layer's fetch it finds once). @internal */
export const makeKeeper = (): Keeper => {
  /** The fetch of the client's own layer (undefined: none, the global one), once `found`. */
  let layerFetch: typeof globalThis.fetch | undefined
  let found = false
  const find = () => {
    const fiber = Fiber.getCurrentFiber()
    if (Option.isNone(fiber)) return
    layerFetch = Option.getOrUndefined(
      Context.getOption(fiber.value.getFiberRef(FiberRef.currentContext), FetchHttpClient.Fetch),
    )
    found = true
  }

  return <E, R>(execute: Effect.Effect<HttpClientResponse.HttpClientResponse, E, R>) =>
    Effect.suspend(() => {
      let web: Response | undefined
      const sending = Effect.mapInputContext(execute, (context: Context.Context<R>) => {
        const init: RequestInit = {
          ...Option.getOrElse(Context.getOption(context, FetchHttpClient.RequestInit), () => ({})),
          redirect: "manual",
        }
        const own = Option.getOrUndefined(Context.getOption(context, FetchHttpClient.Fetch))
        if (own === undefined && !found) {
          Object.defineProperty(init, "redirect", {
            enumerable: true,
            get: () => {
              find()
              return "manual"
            },
          })
          return Context.add(context, FetchHttpClient.RequestInit, init)
        }
        const fetch = own ?? layerFetch
        const keeping: typeof globalThis.fetch = (input, options) =>
          (fetch ?? globalThis.fetch)(input, options).then((response) => (web = response))
        return Context.add(Context.add(context, FetchHttpClient.RequestInit, init), FetchHttpClient.Fetch, keeping)
      })
      return Effect.map(sending, (response): Sent => ({
        response,
        web: web !== undefined && web.status === response.status && !web.bodyUsed ? web : undefined,
      }))
    })
}
