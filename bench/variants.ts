/**
 * What the bench runs against the static server: the typed client (`Users.stream`, `Accounts.get`), and the baselines
 * a user would write by hand (a raw `fetch` loop, a minimal Effect loop over the same `HttpClient` layer).
 */
import { HttpClient, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Effect, Layer, ManagedRuntime, Stream } from "effect"
import { Account, Accounts, Quantive, Users } from "../mod.ts"

export const TOKEN = "bench-token"
export const ACCOUNT_ID = "0123456789abcdef01234567"
export const PAGE = 100
const FIELDS = ["email", "firstName"] as const

const headers = { authorization: `Bearer ${TOKEN}`, "gtmhub-accountid": ACCOUNT_ID, accept: "application/json" }

/** The API root of the static server for `users` users answering after `delayMillis`. */
export const rootOf = (origin: string, users: number, delayMillis: number) => `${origin}/n/${users}/d/${delayMillis}`

const pageUrl = (root: string, skip: number, fields: boolean) =>
  `${root}/v2/users?sort=dateCreated,_id&skip=${skip}&take=${PAGE}${fields ? `&fields=${FIELDS.join(",")}` : ""}`

/** Skips after the first page, in batches of `concurrency` (the raw loop's and the minimal Effect loop's pattern). */
const batchesOf = (total: number, concurrency: number): Array<Array<number>> => {
  const skips: Array<number> = []
  for (let skip = PAGE; skip < total; skip += PAGE) skips.push(skip)
  const out: Array<Array<number>> = []
  for (let i = 0; i < skips.length; i += concurrency) out.push(skips.slice(i, i + concurrency))
  return out
}

type Page = { readonly items: ReadonlyArray<unknown>; readonly totalCount: number }

/** A raw `fetch` + `JSON.parse` loop: no validation, no overlap, no order checks. */
export const rawLoop = (root: string, concurrency: number, fields = false) => async (): Promise<number> => {
  const get = async (skip: number) => (await (await fetch(pageUrl(root, skip, fields), { headers })).json()) as Page
  const first = await get(0)
  let count = first.items.length
  for (const batch of batchesOf(first.totalCount, concurrency)) {
    for (const page of await Promise.all(batch.map(get))) count += page.items.length
  }
  return count
}

/**
 * A raw `fetch` + `JSON.parse` export with the client's request pattern: the first page alone, then pages of `PAGE`
 * starting at the last item of the page before (`skip` advancing by `PAGE - 1`) up to `totalCount` (so that, as for
 * the client, a full last page is followed by one more request), at most `concurrency` in flight (a new request as
 * soon as one ends), read in order. The same requests as `Users.stream`, none of its checks.
 */
export const rawSamePages = (root: string, concurrency: number) => async (): Promise<number> => {
  const get = async (skip: number) => (await (await fetch(pageUrl(root, skip, false), { headers })).json()) as Page
  const first = await get(0)
  let count = first.items.length
  if (first.items.length < PAGE) return count
  const skips: Array<number> = []
  for (let skip = PAGE - 1; skip < first.totalCount; skip += PAGE - 1) skips.push(skip)
  const inFlight: Array<Promise<Page>> = []
  let next = 0
  while (next < skips.length && inFlight.length < concurrency) inFlight.push(get(skips[next++]!))
  while (inFlight.length > 0) {
    const page = await inFlight.shift()!
    if (next < skips.length) inFlight.push(get(skips[next++]!))
    // Every page after the first starts with the last item of the one before.
    count += Math.max(0, page.items.length - 1)
  }
  return count
}

/** `calls` sequential raw `fetch` + `JSON.parse` of the account: no client, no checks. */
export const rawAccountGet = (root: string, calls: number) => async (): Promise<number> => {
  const url = `${root}/v1/accounts/${ACCOUNT_ID}`
  for (let i = 0; i < calls; i++) await (await fetch(url, { headers })).json()
  return calls
}

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
