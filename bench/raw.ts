/**
 * The baselines a user would write by hand, with no Effect at all: a raw `fetch` + `JSON.parse` export and a raw
 * small call, against the static server. Both lines' benches measure against these same loops.
 */

export const TOKEN = "bench-token"
export const ACCOUNT_ID = "0123456789abcdef01234567"
export const PAGE = 100
export const FIELDS = ["email", "firstName"] as const

export const headers = { authorization: `Bearer ${TOKEN}`, "gtmhub-accountid": ACCOUNT_ID, accept: "application/json" }

/** The API root of the static server for `users` users answering after `delayMillis`. */
export const rootOf = (origin: string, users: number, delayMillis: number) => `${origin}/n/${users}/d/${delayMillis}`

export const pageUrl = (root: string, skip: number, fields: boolean) =>
  `${root}/v2/users?sort=dateCreated,_id&skip=${skip}&take=${PAGE}${fields ? `&fields=${FIELDS.join(",")}` : ""}`

/** Skips after the first page, in batches of `concurrency` (the raw loop's and the minimal Effect loop's pattern). */
export const batchesOf = (total: number, concurrency: number): Array<Array<number>> => {
  const skips: Array<number> = []
  for (let skip = PAGE; skip < total; skip += PAGE) skips.push(skip)
  const out: Array<Array<number>> = []
  for (let i = 0; i < skips.length; i += concurrency) out.push(skips.slice(i, i + concurrency))
  return out
}

export type Page = { readonly items: ReadonlyArray<unknown>; readonly totalCount: number }

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
