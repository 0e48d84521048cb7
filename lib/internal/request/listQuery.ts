/**
 * Client-side helpers for list queries: the sort expression (parsed, made stable, and turned into the comparator the
 * pagination engine relies on) and the Mongo-style filter (typed object or raw string) serialized for the API.
 *
 * @internal
 */
import { Either } from "effect"
import { jsonProblem, stringProblem } from "../../../core/src/jsonValue.ts"
import { compareValues, extreme } from "../../../core/src/order.ts"

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

const read = (item: unknown, parts: ReadonlyArray<string>): unknown => {
  let value: unknown = item
  for (const part of parts) {
    if (typeof value !== "object" || value === null) return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

/** The comparator of a parsed sort, in the order of `order.ts` (the fake server's too). An array sorts by its least
 * (ascending) or greatest (descending) element. @internal */
export const comparator = (keys: ReadonlyArray<SortKey>) => {
  // Field paths are split once, not on every comparison.
  const compiled = keys.map((key) => ({ parts: key.field.split("."), descending: key.descending }))
  const value = (item: unknown, key: (typeof compiled)[number]) => {
    const v = read(item, key.parts)
    return Array.isArray(v) ? extreme(v, key.descending) : v
  }
  return (a: unknown, b: unknown): number => {
    for (const key of compiled) {
      const order = compareValues(value(a, key), value(b, key))
      if (order !== 0) return key.descending ? -order : order
    }
    return 0
  }
}

/** The top-level fields a sort reads (for projections). @internal */
export const sortFields = (keys: ReadonlyArray<SortKey>): ReadonlyArray<string> => [
  ...new Set(keys.map((key) => key.field.split(".")[0]!)),
]

/** A scalar a typed filter compares with: JSON's, with numbers finite and strings encodable (see `jsonProblem`). */
const scalarProblem = (value: unknown, at: string): string | undefined => {
  if (value === null || typeof value === "boolean") return undefined
  if (typeof value === "string" || typeof value === "number") return jsonProblem(value, at)
  if (typeof value === "bigint") return `${at}: a BigInt cannot be sent as JSON (give a number or a string)`
  return undefined
}

const isScalarLike = (u: unknown) => u === null || ["string", "number", "boolean", "bigint"].includes(typeof u)

/**
 * Serializes a filter: a raw string is checked to be JSON (and encodable); a typed object is checked (equality on
 * scalars, `$in` on arrays of scalars) and `id` is renamed `_id`, the API's name.
 *
 * Every own key is sent as given, `__proto__` included (never dropped); a key must be a field name (`name`,
 * `a.b`: operators such as `$where` need the raw string form); a field named twice (`id` and `_id`) is refused;
 * numbers JSON cannot carry (`NaN`, `±Infinity`), `BigInt`, strings with lone surrogates and holes in `$in` are
 * refused. `-0` is sent as `0` (equal to it).
 *
 * @internal
 */
export const encodeFilter = (filter: unknown): Either.Either<string | undefined, string> => {
  if (filter === undefined) return Either.right(undefined)
  if (typeof filter === "string") {
    if (filter.trim() === "") return Either.right(undefined)
    const problem = stringProblem(filter)
    if (problem !== undefined) return Either.left(`filter: ${problem}`)
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
  // A null prototype: `out["__proto__"] = x` makes an own key, as with any other name.
  const out: Record<string, unknown> = Object.create(null)
  const given = new Map<string, string>()
  for (const field of Object.keys(filter)) {
    const condition = (filter as Record<string, unknown>)[field]
    if (condition === undefined) continue
    const shown = JSON.stringify(field.length > 40 ? `${field.slice(0, 40)}…` : field)
    const keyProblem = stringProblem(field)
    if (keyProblem !== undefined) return Either.left(`filter: ${keyProblem.replace("a string", "a field name")}`)
    if (!FIELD.test(field)) {
      return Either.left(
        `filter: ${shown} is not a field name (letters, digits, _ and .; for operators such as $or give the filter as a JSON string)`,
      )
    }
    const name = field === "id" ? "_id" : field
    const before = given.get(name)
    if (before !== undefined) {
      return Either.left(`filter names the field ${name} twice (as ${before} and as ${field}): give it once`)
    }
    given.set(name, field)
    const at = `filter.${field}`
    if (isScalarLike(condition)) {
      const problem = scalarProblem(condition, at)
      if (problem !== undefined) return Either.left(problem)
      out[name] = condition
      continue
    }
    const entries = typeof condition === "object" && condition !== null && !Array.isArray(condition)
      ? Object.keys(condition).map((key) => [key, (condition as Record<string, unknown>)[key]] as const)
      : []
    const values = entries.length === 1 && entries[0]![0] === "$in" ? entries[0]![1] : undefined
    if (!Array.isArray(values)) return Either.left(`${at}: expected a value or { $in: [values] }`)
    for (let i = 0; i < values.length; i++) {
      if (!(i in values)) return Either.left(`${at}.$in[${i}]: a hole in an array would be sent as null`)
      if (!isScalarLike(values[i])) return Either.left(`${at}.$in[${i}]: expected a string, number, boolean or null`)
      const problem = scalarProblem(values[i], `${at}.$in[${i}]`)
      if (problem !== undefined) return Either.left(problem)
    }
    out[name] = { $in: [...values] }
  }
  return Either.right(Object.keys(out).length === 0 ? undefined : JSON.stringify(out))
}
