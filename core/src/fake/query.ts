/**
 * The fake server's query engine over arrays of plain objects: Mongo-style JSON filters, sort expressions, field
 * projection and skip/take paging, as `GET /v2/users` (and the deprecated `GET /accounts/users`) take them.
 * Every parser answers a `Result`: a value, or the message a 400 carries.
 *
 * @internal
 */
import { compareCodePoints, comparePrepared, compareValues, extreme, instantOf, prepare } from "../order.ts"

/** A value, or why there is none (the message of a 400). @internal */
export type Result<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: string }

/** @internal */
export const ok = <A>(value: A): Result<A> => ({ ok: true, value })

/** @internal */
export const fail = <A = never>(error: string): Result<A> => ({ ok: false, error })

/** A JSON scalar, the only values a filter compares with. @internal */
export type Scalar = string | number | boolean | null

type Path = ReadonlyArray<string>

/**
 * A parsed filter. `And` with no filters matches everything.
 *
 * @internal
 */
export type Filter =
  | { readonly _tag: "And"; readonly filters: ReadonlyArray<Filter> }
  | { readonly _tag: "Or"; readonly filters: ReadonlyArray<Filter> }
  | { readonly _tag: "Nor"; readonly filters: ReadonlyArray<Filter> }
  | { readonly _tag: "Not"; readonly filter: Filter }
  | { readonly _tag: "Eq"; readonly path: Path; readonly value: Scalar }
  | { readonly _tag: "In"; readonly path: Path; readonly values: ReadonlySet<Scalar> }
  | { readonly _tag: "Exists"; readonly path: Path; readonly exists: boolean }
  | { readonly _tag: "Range"; readonly path: Path; readonly op: RangeOp; readonly value: string | number }

type RangeOp = "$gt" | "$gte" | "$lt" | "$lte"

/** Matches every item. @internal */
export const matchAll: Filter = { _tag: "And", filters: [] }

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const isScalar = (u: unknown): u is Scalar =>
  u === null || typeof u === "string" || typeof u === "boolean" || (typeof u === "number" && Number.isFinite(u))

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/

/** A field name or dotted path as a path; `_id` (at any depth) is the stored `id`. */
const parsePath = (name: string): Result<Path> =>
  FIELD.test(name)
    ? ok(name.split(".").map((key) => (key === "_id" ? "id" : key)))
    : fail(`invalid field name ${JSON.stringify(name)}`)

const MAX_DEPTH = 16

const parseOperators = (name: string, path: Path, ops: Record<string, unknown>): Result<Array<Filter>> => {
  const out: Array<Filter> = []
  const keys = Object.keys(ops)
  if (keys.length === 0) return fail(`the condition on ${name} is an empty object`)
  for (const op of keys) {
    const operand = ops[op]
    switch (op) {
      case "$eq":
      case "$ne": {
        if (!isScalar(operand)) return fail(`${op} on ${name} takes a string, number, boolean or null`)
        const eq: Filter = { _tag: "Eq", path, value: operand }
        out.push(op === "$eq" ? eq : { _tag: "Not", filter: eq })
        break
      }
      case "$in":
      case "$nin": {
        if (!Array.isArray(operand) || !operand.every(isScalar)) {
          return fail(`${op} on ${name} takes an array of strings, numbers, booleans or nulls`)
        }
        const inFilter: Filter = { _tag: "In", path, values: new Set(operand) }
        out.push(op === "$in" ? inFilter : { _tag: "Not", filter: inFilter })
        break
      }
      case "$gt":
      case "$gte":
      case "$lt":
      case "$lte":
        if (typeof operand !== "string" && (typeof operand !== "number" || !Number.isFinite(operand))) {
          return fail(`${op} on ${name} takes a string or a number`)
        }
        out.push({ _tag: "Range", path, op, value: operand })
        break
      case "$exists":
        if (typeof operand !== "boolean") return fail(`$exists on ${name} takes a boolean`)
        out.push({ _tag: "Exists", path, exists: operand })
        break
      default:
        return fail(
          op.startsWith("$")
            ? `unsupported operator ${op} on ${name}`
            : `matching a whole document on ${name} is not supported; use a dotted path`,
        )
    }
  }
  return ok(out)
}

const parseDocument = (doc: unknown, depth: number): Result<Filter> => {
  if (!isRecord(doc)) return fail("a filter must be a JSON object")
  if (depth > MAX_DEPTH) return fail(`a filter may nest at most ${MAX_DEPTH} levels`)
  const filters: Array<Filter> = []
  for (const [key, value] of Object.entries(doc)) {
    if (key === "$and" || key === "$or" || key === "$nor") {
      if (!Array.isArray(value) || value.length === 0) return fail(`${key} takes a non-empty array of filters`)
      const parts: Array<Filter> = []
      for (const part of value) {
        const parsed = parseDocument(part, depth + 1)
        if (!parsed.ok) return parsed
        parts.push(parsed.value)
      }
      filters.push({ _tag: key === "$and" ? "And" : key === "$or" ? "Or" : "Nor", filters: parts })
      continue
    }
    if (key.startsWith("$")) return fail(`unsupported operator ${key}`)
    const path = parsePath(key)
    if (!path.ok) return path
    if (isScalar(value)) {
      filters.push({ _tag: "Eq", path: path.value, value })
    } else if (isRecord(value)) {
      const parsed = parseOperators(key, path.value, value)
      if (!parsed.ok) return parsed
      filters.push(...parsed.value)
    } else {
      return fail(`matching a whole array on ${key} is not supported; use $in`)
    }
  }
  return ok(filters.length === 1 ? filters[0]! : { _tag: "And", filters })
}

/**
 * Parses a Mongo-style JSON filter: `{ "field": value }` (equality; `_id` is `id`; dotted paths reach into nested
 * objects and arrays of objects, as `"roles.name"`), the operators `$eq $ne $in $nin $gt $gte $lt $lte $exists`, and
 * `$and`/`$or`/`$nor`. As in Mongo, an array field equals a value when it holds it, and `null` matches a missing field.
 * No filter (absent or blank) matches everything; malformed JSON or anything else is an error.
 *
 * @internal
 */
export const parseFilter = (raw: string | null | undefined): Result<Filter> => {
  if (raw === null || raw === undefined || raw.trim() === "") return ok(matchAll)
  let doc: unknown
  try {
    doc = JSON.parse(raw)
  } catch (e) {
    return fail(`the filter is not valid JSON: ${e instanceof Error ? e.message : String(e)}`)
  }
  return parseDocument(doc, 0)
}

/** The values a path reaches: through arrays of objects, and into a final array's elements. Missing: none. */
const valuesAt = (item: unknown, path: Path): Array<unknown> => {
  let current: Array<unknown> = [item]
  for (const key of path) {
    const next: Array<unknown> = []
    for (const value of current) {
      if (Array.isArray(value)) {
        for (const element of value) if (isRecord(element) && element[key] !== undefined) next.push(element[key])
      } else if (isRecord(value) && value[key] !== undefined) {
        next.push(value[key])
      }
    }
    current = next
  }
  const out: Array<unknown> = []
  for (const value of current) {
    if (Array.isArray(value)) out.push(...value)
    else out.push(value)
  }
  return out
}

const equals = (values: ReadonlyArray<unknown>, value: Scalar): boolean =>
  value === null ? values.length === 0 || values.includes(null) : values.includes(value)

/** A range: numbers by value, date-times as instants (when both are), other strings as text. */
const inRange = (candidate: unknown, op: RangeOp, value: string | number): boolean => {
  if (typeof candidate !== typeof value) return false
  const c =
    typeof candidate === "string" && (instantOf(candidate) === undefined || instantOf(value as string) === undefined)
      ? compareCodePoints(candidate, value as string)
      : compareValues(candidate, value)
  return op === "$gt" ? c > 0 : op === "$gte" ? c >= 0 : op === "$lt" ? c < 0 : c <= 0
}

/** Whether an item matches a parsed filter. @internal */
export const matches = (item: unknown, filter: Filter): boolean => {
  switch (filter._tag) {
    case "And":
      return filter.filters.every((f) => matches(item, f))
    case "Or":
      return filter.filters.some((f) => matches(item, f))
    case "Nor":
      return !filter.filters.some((f) => matches(item, f))
    case "Not":
      return !matches(item, filter.filter)
    case "Eq":
      return equals(valuesAt(item, filter.path), filter.value)
    case "In": {
      const values = valuesAt(item, filter.path)
      if (filter.values.has(null) && (values.length === 0 || values.includes(null))) return true
      return values.some((value) => filter.values.has(value as Scalar))
    }
    case "Exists":
      return (valuesAt(item, filter.path).length > 0) === filter.exists
    case "Range":
      return valuesAt(item, filter.path).some((value) => inRange(value, filter.op, filter.value))
  }
}

/** The top-level fields a filter reads (the first key of each path), for the list cache. @internal */
export const filterFields = (filter: Filter, out: Set<string> = new Set()): Set<string> => {
  switch (filter._tag) {
    case "And":
    case "Or":
    case "Nor":
      for (const f of filter.filters) filterFields(f, out)
      break
    case "Not":
      filterFields(filter.filter, out)
      break
    default:
      out.add(filter.path[0]!)
  }
  return out
}

export { compareCodePoints, compareValues } from "../order.ts"

/** One key of a sort expression. @internal */
export interface SortKey {
  readonly path: Path
  readonly descending: boolean
}

/**
 * Parses a sort expression: comma-separated field names (dotted paths allowed, `_id` is `id`), each optionally
 * prefixed with `-` (descending) or `+` (ascending). Blank: no keys.
 *
 * @internal
 */
export const parseSort = (raw: string | null | undefined): Result<ReadonlyArray<SortKey>> => {
  if (raw === null || raw === undefined || raw.trim() === "") return ok([])
  const keys: Array<SortKey> = []
  for (const part of raw.split(",")) {
    const term = part.trim()
    const descending = term.startsWith("-")
    const name = descending || term.startsWith("+") ? term.slice(1) : term
    const path = parsePath(name)
    if (!path.ok) return fail(`invalid sort key ${JSON.stringify(part)}`)
    keys.push({ path: path.value, descending })
  }
  return ok(keys)
}

/** The value an item sorts by: as in Mongo, an array sorts by its least element ascending, its greatest descending. */
const sortValue = (item: unknown, key: SortKey): unknown => {
  if (key.path.length === 1 && isRecord(item)) {
    const value = item[key.path[0]!]
    if (!Array.isArray(value)) return value
  }
  return extreme(valuesAt(item, key.path), key.descending)
}

/** Sorts by parsed keys; ties keep their input order. Returns a new array. @internal */
export const sortByKeys = <A>(items: ReadonlyArray<A>, keys: ReadonlyArray<SortKey>): Array<A> => {
  if (keys.length === 0) return items.slice()
  // Date-times are parsed once per item, not once per comparison.
  const decorated = items.map((item, index) => ({
    item,
    index,
    values: keys.map((key) => prepare(sortValue(item, key))),
  }))
  decorated.sort((x, y) => {
    for (let i = 0; i < keys.length; i++) {
      const c = comparePrepared(x.values[i], y.values[i])
      if (c !== 0) return keys[i]!.descending ? -c : c
    }
    return x.index - y.index
  })
  return decorated.map((d) => d.item)
}

/**
 * Sorts by a sort expression (`dateCreated,-name`): a total, deterministic order (see `compareValues`: date-times
 * as instants, however their fractions and offsets are written) in which ties keep their input order. Returns a new
 * array, or the error of a malformed expression.
 *
 * @internal
 */
export const sortBy = <A>(items: ReadonlyArray<A>, expression: string | null | undefined): Result<Array<A>> => {
  const keys = parseSort(expression)
  return keys.ok ? ok(sortByKeys(items, keys.value)) : keys
}

/**
 * Parses a `fields` list (comma-separated). Blank or absent: `undefined`, every field. A dotted name keeps its whole
 * top-level field.
 *
 * @internal
 */
export const parseFields = (raw: string | null | undefined): Result<ReadonlyArray<string> | undefined> => {
  if (raw === null || raw === undefined) return ok(undefined)
  const fields: Array<string> = []
  for (const part of raw.split(",")) {
    const name = part.trim()
    if (name === "") continue
    const path = parsePath(name)
    if (!path.ok) return fail(`invalid field ${JSON.stringify(name)} in fields`)
    if (!fields.includes(path.value[0]!)) fields.push(path.value[0]!)
  }
  return ok(fields.length === 0 ? undefined : fields)
}

/** An item with only these top-level fields, and always `id`. `_id` is `id`. @internal */
export const project = (
  item: Readonly<Record<string, unknown>>,
  fields: ReadonlyArray<string>,
): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  if (item.id !== undefined) out.id = item.id
  for (const field of fields) {
    const key = field === "_id" ? "id" : field.split(".")[0]!
    if (item[key] !== undefined) out[key] = item[key]
  }
  return out
}

/** The default page size (the seed: "By default take value is 100"). @internal */
export const DEFAULT_TAKE = 100

/**
 * Paging parameters. `limit` caps the number of items a request returns, whatever `take` asks: the seed documents
 * it as "The max number of entities that can be returned by the GET query. By default take value is 100", so a page
 * holds `min(take, limit)` items from `skip` on, `take` defaulting to 100 and `limit` to no cap. `take=0` (or
 * `limit=0`) is valid and answers no items, only `totalCount`.
 *
 * @internal
 */
export interface Paging {
  readonly skip: number
  readonly take: number
  readonly limit: number | undefined
}

type RawCount = string | number | null | undefined

const parseCount = (name: string, raw: RawCount): Result<number | undefined> => {
  if (raw === null || raw === undefined) return ok(undefined)
  const n = typeof raw === "number" ? raw : /^\d+$/.test(raw) ? Number(raw) : NaN
  return Number.isSafeInteger(n) && n >= 0
    ? ok(n)
    : fail(`${name} must be a non-negative integer, not ${JSON.stringify(String(raw))}`)
}

/** Validates raw `skip`/`take`/`limit` (query strings or numbers): each absent or a non-negative integer. @internal */
export const parsePaging = (skip: RawCount, take: RawCount, limit: RawCount): Result<Paging> => {
  const s = parseCount("skip", skip)
  if (!s.ok) return s
  const t = parseCount("take", take)
  if (!t.ok) return t
  const l = parseCount("limit", limit)
  if (!l.ok) return l
  return ok({ skip: s.value ?? 0, take: t.value ?? DEFAULT_TAKE, limit: l.value })
}

/** The page of parsed paging: `min(take, limit)` items from `skip` on. @internal */
export const applyPaging = <A>(items: ReadonlyArray<A>, paging: Paging): Array<A> =>
  items.slice(paging.skip, paging.skip + Math.min(paging.take, paging.limit ?? Infinity))

/** One page by skip/take (see `Paging` for `limit`), or the error of an invalid value. @internal */
export const page = <A>(items: ReadonlyArray<A>, skip: RawCount, take: RawCount, limit: RawCount): Result<Array<A>> => {
  const paging = parsePaging(skip, take, limit)
  return paging.ok ? ok(applyPaging(items, paging.value)) : paging
}
