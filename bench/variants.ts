/**
 * What the bench runs against the static server: the typed client (`Users.stream`, `Accounts.get`), and the baselines
 * a user would write by hand (a raw `fetch` loop, a minimal Effect loop over the same `HttpClient` layer).
 */
import { HttpClient, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Effect, Layer, ManagedRuntime, Stream } from "effect"
import { Account, Accounts, Quantive, Users } from "../mod.ts"
import { ACCOUNT_ID, batchesOf, FIELDS, headers, PAGE, type Page, pageUrl, TOKEN } from "./raw.ts"

export { ACCOUNT_ID, PAGE, rawAccountGet, rawLoop, rawSamePages, rootOf, TOKEN } from "./raw.ts"

/** The client's services over an `HttpClient` layer, built once (as an application does). */
export const clientRuntime = (root: string, http: Layer.Layer<HttpClient.HttpClient>) =>
  ManagedRuntime.make(
    Layer.merge(Quantive.layer({ token: TOKEN, accountId: ACCOUNT_ID, baseUrl: root }).pipe(Layer.orDie), http).pipe(
      Layer.provide(http),
    ),
  )

type Runtime = ReturnType<typeof clientRuntime>

/** The typed export: `Users.stream`, full users or the two fields. */
export const typedStream = (runtime: Runtime, concurrency: number, fields = false) => (): Promise<number> =>
  runtime.runPromise(Effect.flatMap(Users, (users) =>
    Stream.runCount(
      fields
        ? users.stream({ pageSize: PAGE, concurrency, fields: FIELDS })
        : users.stream({ pageSize: PAGE, concurrency }),
    )))

/** A minimal Effect loop: `HttpClient.get` + `response.json`, the raw loop's pages, over the same layer. */
export const effectLoop =
  (runtime: Runtime, root: string, concurrency: number, fields = false) => (): Promise<number> =>
    runtime.runPromise(Effect.gen(function* () {
      const client = yield* HttpClient.HttpClient
      const get = (skip: number) =>
        Effect.flatMap(
          client.get(pageUrl(root, skip, fields), { headers }),
          (response) => response.json as Effect.Effect<unknown, unknown>,
        ).pipe(Effect.map((u) => u as Page), Effect.scoped)
      const first = yield* get(0)
      let count = first.items.length
      for (const batch of batchesOf(first.totalCount, concurrency)) {
        const pages = yield* Effect.forEach(batch, get, { concurrency })
        for (const page of pages) count += page.items.length
      }
      return count
    }))

/** `calls` sequential `Accounts.get`. */
export const accountsGet = (runtime: Runtime, calls: number) => (): Promise<number> =>
  runtime.runPromise(Effect.gen(function* () {
    const accounts = yield* Accounts
    for (let i = 0; i < calls; i++) yield* accounts.get(ACCOUNT_ID)
    return calls
  }))

/** `calls` sequential `HttpClient.get` + `response.json` of the account: the transport alone, no decoding. */
export const plainAccountGet = (runtime: Runtime, root: string, calls: number) => (): Promise<number> =>
  runtime.runPromise(Effect.gen(function* () {
    const client = yield* HttpClient.HttpClient
    const request = HttpClientRequest.get(`${root}/v1/accounts/${ACCOUNT_ID}`).pipe(
      HttpClientRequest.setHeaders(headers),
    )
    for (let i = 0; i < calls; i++) yield* Effect.flatMap(client.execute(request), (response) => response.json)
    return calls
  }))

/** `calls` sequential minimal Effect calls: `HttpClient.get` + `HttpClientResponse.schemaBodyJson(Account)`. */
export const minimalAccountGet = (runtime: Runtime, root: string, calls: number) => (): Promise<number> =>
  runtime.runPromise(Effect.gen(function* () {
    const client = yield* HttpClient.HttpClient
    const request = HttpClientRequest.get(`${root}/v1/accounts/${ACCOUNT_ID}`).pipe(
      HttpClientRequest.setHeaders(headers),
    )
    const decode = HttpClientResponse.schemaBodyJson(Account)
    for (let i = 0; i < calls; i++) yield* Effect.scoped(Effect.flatMap(client.execute(request), decode))
    return calls
  }))
