/**
 * The fake server's cache of list orders: a filtered, sorted view of a collection, kept per (filter, sort) key so that
 * serving a page costs a slice, not a filter and a sort of the whole collection.
 *
 * A cached view is used only while all of these hold, and recomputed otherwise:
 * - the fake's data version is unchanged: every request with a method other than `GET`/`HEAD` bumps it (so every
 *   change the API makes, however deep, is seen);
 * - the collection is the same array, of the same length, holding the same objects at the same positions (so a test's
 *   `push`, `splice`, `sort` or replacement of `fake.users[i]` is seen);
 * - every item still holds the same values (compared with `===`) in the top-level fields the filter and the sort read
 *   (so a test's `fake.users[3].dateCreated = …` or `user.roles = […]` is seen).
 *
 * What is not seen: an in-place change inside a nested value that a filter or sort reads (`user.roles.push(…)`,
 * `user.roles[0].name = …`): replace the top-level field instead (`user.roles = […]`), as the API's routes do. Most
 * nested values of the seeded users are shared between users and frozen, so such an edit throws rather than going
 * unseen.
 * The check costs a few property reads per item, far less than the page's `JSON.stringify`.
 *
 * @internal
 */

interface Entry<A> {
  readonly version: number
  readonly source: ReadonlyArray<A>
  readonly snapshot: ReadonlyArray<A>
  /** Per field, the value each item held. */
  readonly values: ReadonlyArray<ReadonlyArray<unknown>>
  readonly fields: ReadonlyArray<string>
  readonly view: ReadonlyArray<A>
}

/** At most this many (filter, sort) views are kept; the oldest goes first. */
const MAX_ENTRIES = 16

/** @internal */
export interface ListCache<A> {
  /**
   * The view of `items` under `key`: cached while valid (see the module doc), else `compute()`d and cached. `fields`
   * are the top-level fields the view depends on.
   */
  readonly view: (
    key: string,
    items: ReadonlyArray<A>,
    fields: ReadonlyArray<string>,
    compute: () => ReadonlyArray<A>,
  ) => ReadonlyArray<A>
}

/** The values of each field, field after field (one column per field: each loop reads one name, which is fast). */
const valuesOf = <A>(items: ReadonlyArray<A>, fields: ReadonlyArray<string>): Array<ReadonlyArray<unknown>> =>
  fields.map((field) => items.map((item) => (item as Record<string, unknown>)[field]))

type Column = ReadonlyArray<unknown>
type ColumnCheck = (items: ReadonlyArray<unknown>, field: string, column: Column) => boolean

/** Whether every item still holds its value in `field`: one keyed read per item (a slow read when names vary). */
const sameColumn: ColumnCheck = (items, field, column) => {
  for (let i = 0; i < items.length; i++) if ((items[i] as Record<string, unknown>)[field] !== column[i]) return false
  return true
}

/**
 * The default sort's fields (`dateCreated,_id`) read by name: a keyed read whose name changes from call to call is
 * several times slower than a named one, and this check runs on every page.
 */
const NAMED_CHECKS: Readonly<Record<string, ColumnCheck>> = {
  id: (items, _, column) => {
    for (let i = 0; i < items.length; i++) if ((items[i] as { id?: unknown }).id !== column[i]) return false
    return true
  },
  dateCreated: (items, _, column) => {
    for (let i = 0; i < items.length; i++) {
      if ((items[i] as { dateCreated?: unknown }).dateCreated !== column[i]) return false
    }
    return true
  },
}

const isValid = <A>(entry: Entry<A>, version: number, items: ReadonlyArray<A>): boolean => {
  const { fields, snapshot, values } = entry
  if (entry.version !== version || entry.source !== items || snapshot.length !== items.length) return false
  for (let i = 0; i < items.length; i++) if (items[i] !== snapshot[i]) return false
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f]!
    const check = Object.hasOwn(NAMED_CHECKS, field) ? NAMED_CHECKS[field]! : sameColumn
    if (!check(items, field, values[f]!)) return false
  }
  return true
}

/**
 * A cache of views over a collection, read against `version()`, the fake's data version.
 *
 * @internal
 */
export const makeListCache = <A>(version: () => number): ListCache<A> => {
  const entries = new Map<string, Entry<A>>()
  return {
    view: (key, items, fields, compute) => {
      const now = version()
      const cached = entries.get(key)
      if (cached !== undefined && isValid(cached, now, items)) return cached.view
      const view = compute()
      entries.delete(key)
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!)
      entries.set(key, {
        version: now,
        source: items,
        snapshot: items.slice(),
        values: valuesOf(items, fields),
        fields,
        view,
      })
      return view
    },
  }
}
