/**
 * The one order of sort values, shared by the client (the pagination stream's comparator) and the fake server (its
 * sorts), modelled on MongoDB's: the stream is only correct if both sides agree.
 *
 * @internal
 */

/** Compares strings by Unicode code point (JavaScript's `<` compares UTF-16 code units). @internal */
export const compareCodePoints = (a: string, b: string): number => {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i)
    let y = b.charCodeAt(i)
    if (x === y) continue
    // Surrogates (U+D800–DFFF) encode code points above U+FFFF, so they sort after U+E000–FFFF.
    if (x >= 0xd800) x += x < 0xe000 ? 0x2000 : -0x800
    if (y >= 0xd800) y += y < 0xe000 ? 0x2000 : -0x800
    return x < y ? -1 : 1
  }
  return a.length < b.length ? -1 : 1
}

/** BSON's order of types: missing and null, numbers, strings, objects, arrays, booleans. */
const rank = (u: unknown): number =>
  u === undefined || u === null
    ? 0
    : typeof u === "number"
    ? 1
    : typeof u === "string"
    ? 2
    : Array.isArray(u)
    ? 4
    : typeof u === "object"
    ? 3
    : typeof u === "boolean"
    ? 5
    : 6

/**
 * A total, deterministic order on JSON values: missing/null first, then numbers (numerically), strings (by code
 * point), objects and arrays (by their JSON), booleans (false before true).
 *
 * @internal
 */
export const compareValues = (a: unknown, b: unknown): number => {
  if (typeof a === "string" && typeof b === "string") return compareCodePoints(a, b)
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return ra < rb ? -1 : 1
  switch (ra) {
    case 0:
      return 0
    case 1: {
      const x = a as number
      const y = b as number
      return x < y ? -1 : x > y ? 1 : 0
    }
    case 2:
      return compareCodePoints(a as string, b as string)
    case 5:
      return a === b ? 0 : a === false ? -1 : 1
    default:
      return compareCodePoints(JSON.stringify(a) ?? "", JSON.stringify(b) ?? "")
  }
}

/**
 * The value an array sorts by, as in MongoDB: its least element ascending, its greatest descending. A single value is
 * itself; an empty list is absent.
 *
 * @internal
 */
export const extreme = (values: ReadonlyArray<unknown>, descending: boolean): unknown => {
  if (values.length <= 1) return values[0]
  let best = values[0]
  for (let i = 1; i < values.length; i++) {
    const c = compareValues(values[i], best)
    if (descending ? c > 0 : c < 0) best = values[i]
  }
  return best
}
