/**
 * Client-side helpers for list queries: the sort expression (parsed, made stable, and turned into the comparator the
 * pagination engine relies on) and the Mongo-style filter (typed object or raw string) serialized for the API.
 *
 * @internal
 */
import { Either } from "effect"
import { compareValues, extreme } from "./order.ts"

/** @internal */
export interface SortKey {
  /** The field as the item holds it (`_id` is read as `id`). */
  readonly field: string
  readonly descending: boolean
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_.]*$/

/** Parses `dateCreated,-lastName`; fails with a problem description. @internal */
export const parseSort = (sort: string): Either.Either<ReadonlyArray<SortKey>, string> => {
  const keys: Array<SortKey> = []
  for (const raw of sort.split(",")) {
    const part = raw.trim()
    const descending = part.startsWith("-")
    const field = descending ? part.slice(1) : part.startsWith("+") ? part.slice(1) : part
    if (!FIELD.test(field)) return Either.left(`"${part}" is not a field name (use name or -name, comma-separated)`)
    keys.push({ field: field === "_id" ? "id" : field, descending })
  }
  return Either.right(keys)
}

/**
 * The sort actually sent: the caller's, or the default, always ending with the id so that the order is total and
 * paging is stable (the API's own advice: "Always sort your response").
 *
 * @internal
 */
export const stableSort = (sort: string | undefined, fallback: string): Either.Either<string, string> => {
  const expression = sort === undefined || sort.trim() === "" ? fallback : sort
  return Either.map(
    parseSort(expression),
    (keys) =>
      keys.some((key) => key.field === "id")
        ? keys.map((k) => `${k.descending ? "-" : ""}${k.field === "id" ? "_id" : k.field}`).join(",")
        : `${expression.split(",").map((s) => s.trim()).join(",")},_id`,
  )
}

const read = (item: unknown, field: string): unknown => {
  let value: unknown = item
  for (const part of field.split(".")) {
    if (typeof value !== "object" || value === null) return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

/** The value an item sorts by for a key: an array by its least (ascending) or greatest (descending) element. */
const sortValue = (item: unknown, key: SortKey): unknown => {
  const value = read(item, key.field)
  return Array.isArray(value) ? extreme(value, key.descending) : value
}

/** The comparator of a parsed sort, in the order of `order.ts` (the fake server's too). @internal */
export const comparator = (keys: ReadonlyArray<SortKey>) => (a: unknown, b: unknown): number => {
  for (const key of keys) {
    const order = compareValues(sortValue(a, key), sortValue(b, key))
    if (order !== 0) return key.descending ? -order : order
  }
  return 0
}

/** The top-level fields a sort reads (for projections). @internal */
export const sortFields = (keys: ReadonlyArray<SortKey>): ReadonlyArray<string> => [
  ...new Set(keys.map((key) => key.field.split(".")[0]!)),
]

const isScalar = (u: unknown) => u === null || ["string", "number", "boolean"].includes(typeof u)

/**
 * Serializes a filter: a raw string is checked to be JSON; a typed object is checked (equality on scalars, `$in` on
 * arrays of scalars) and `id` is renamed `_id`, the API's name.
 *
 * @internal
 */
export const encodeFilter = (filter: unknown): Either.Either<string | undefined, string> => {
  if (filter === undefined) return Either.right(undefined)
  if (typeof filter === "string") {
    if (filter.trim() === "") return Either.right(undefined)
    try {
      JSON.parse(filter)
    } catch {
      return Either.left('the filter string is not JSON (the API expects Mongo syntax, e.g. {"isActive":true})')
    }
    return Either.right(filter)
  }
  if (typeof filter !== "object" || filter === null || Array.isArray(filter)) {
    return Either.left("the filter must be an object or a JSON string")
  }
  const out: Record<string, unknown> = {}
  for (const [field, condition] of Object.entries(filter)) {
    if (condition === undefined) continue
    if (isScalar(condition)) {
      out[field === "id" ? "_id" : field] = condition
      continue
    }
    const entries = typeof condition === "object" && condition !== null ? Object.entries(condition) : []
    const values = entries.length === 1 && entries[0]![0] === "$in" ? entries[0]![1] : undefined
    if (!Array.isArray(values) || !values.every(isScalar)) {
      return Either.left(`filter.${field}: expected a value or { $in: [values] }`)
    }
    out[field === "id" ? "_id" : field] = { $in: values }
  }
  return Either.right(Object.keys(out).length === 0 ? undefined : JSON.stringify(out))
}
