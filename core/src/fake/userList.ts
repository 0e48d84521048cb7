/**
 * The fake server's users list, `GET /v2/users`: paging (`skip`, `take`, `limit`), `filter`, `sort` and `fields`
 * over the account's users, with the filtered, sorted views cached per state.
 *
 * @internal
 */
import { type ListCache, makeListCache } from "./listCache.ts"
import {
  applyPaging,
  filterFields,
  matchAll,
  matches,
  parseFields,
  parseFilter,
  parsePaging,
  parseSort,
  project,
  sortByKeys,
} from "./query.ts"
import { type FakeReply, problem, reply } from "./reply.ts"
import type { FakeUser } from "./userData.ts"
import type { UsersState } from "./userState.ts"

const listCaches = new WeakMap<UsersState, ListCache<FakeUser>>()

/**
 * The state's cache of filtered, sorted views (one per state, shared by `GET /v2/users` and the deprecated
 * `GET /accounts/users`). See `listCache.ts` for when a view is recomputed.
 *
 * @internal
 */
export const listCacheOf = (state: UsersState): ListCache<FakeUser> => {
  let cache = listCaches.get(state)
  if (cache === undefined) {
    cache = makeListCache(() => state.version?.() ?? 0)
    listCaches.set(state, cache)
  }
  return cache
}

/** `GET /v2/users`: 200 `{ items, totalCount }`, or 400 on a malformed query parameter. @internal */
export const listUsers = (state: UsersState, query: URLSearchParams): FakeReply => {
  // `formatting` is accepted and changes nothing: users have no text-area fields.
  const paging = parsePaging(query.get("skip"), query.get("take"), query.get("limit"))
  if (!paging.ok) return problem(400, paging.error)
  const filter = parseFilter(query.get("filter"))
  if (!filter.ok) return problem(400, filter.error)
  const sort = parseSort(query.get("sort"))
  if (!sort.ok) return problem(400, sort.error)
  const fields = parseFields(query.get("fields"))
  if (!fields.ok) return problem(400, fields.error)
  state.beforeList?.({ skip: paging.value.skip, take: paging.value.take, query })
  const rawFilter = query.get("filter") ?? ""
  const rawSort = query.get("sort") ?? ""
  const fieldsRead = new Set([...sort.value.map((key) => key.path[0]!), ...filterFields(filter.value)])
  const users = state.users
  const matched = listCacheOf(state).view(
    `v2\n${rawFilter}\n${rawSort}`,
    users,
    [...fieldsRead],
    () =>
      sortByKeys(
        filter.value === matchAll ? users : users.filter((user) => matches(user, filter.value)),
        sort.value,
      ),
  )
  const items = applyPaging(matched, paging.value)
  const projection = fields.value
  return reply(200, {
    items: projection === undefined ? items : items.map((user) => project(user, projection)),
    totalCount: matched.length,
  })
}
