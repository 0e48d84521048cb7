/**
 * The one order of sort values, shared by the client (the pagination stream's comparator) and the fake server (its
 * sorts), modelled on MongoDB's: the stream is only correct if both sides agree.
 *
 * Dates travel as text but the server orders them as dates: a string that is an ISO-8601 date-time with a zone
 * (`2024-01-01T00:00:00.1Z`, `…T01:00:00+01:00`) is compared as an instant (epoch milliseconds, then the
 * sub-millisecond fraction), whatever its fraction digits or offset, and sorts as a date (after booleans, as in
 * BSON). Other strings sort as text.
 *
 * A comparison answers its sign, and its magnitude says whether the server is known to order the pair the same way:
 * 1 when it is, 0.5 when the answer is the client's best guess (text that looks like a date-time but does not parse
 * strictly, or a date against a value of another kind). The pagination stream never drops an item on a guess.
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

/** A point in time: epoch milliseconds, and the digits of the fraction below the millisecond (no trailing zeros). */
interface Instant {
  readonly millis: number
  readonly below: string
}

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}

/** The number the digits at `from` (`count` of them) write, or -1. */
const digits = (s: string, from: number, count: number): number => {
  let n = 0
  for (let i = from; i < from + count; i++) {
    const d = digit(s, i)
    if (d < 0) return -1
    n = n * 10 + d
  }
  return n
}

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`). */
const daysFromCivil = (y: number, m: number, d: number): number => {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** Whether a string starts like a date-time (`YYYY-MM-DDTHH:MM`, `T`, `t` or a space between): cheap, no parse. */
const looksLikeDateTime = (s: string): boolean => {
  if (s.length < 16) return false
  const sep = s.charCodeAt(10)
  return s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && (sep === 84 || sep === 116 || sep === 32) &&
    s.charCodeAt(13) === 58 && digit(s, 0) >= 0 && digit(s, 11) >= 0
}

/**
 * Parses an ISO-8601 date-time strictly: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of any length, and a zone (`Z`,
 * `±HH:MM`, `±HHMM` or `±HH`); `t` and `z` may be lower case. The fields must exist (no 30 February, no leap second
 * 60). Anything else is not a date-time: `undefined`.
 *
 * @internal
 */
export const instantOf = (s: string): Instant | undefined => {
  if (!looksLikeDateTime(s) || s.charCodeAt(10) === 32 || s.charCodeAt(16) !== 58) return undefined
  const year = digits(s, 0, 4)
  const month = digits(s, 5, 2)
  const day = digits(s, 8, 2)
  const hour = digits(s, 11, 2)
  const minute = digits(s, 14, 2)
  const second = digits(s, 17, 2)
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return undefined
  }
  if (second < 0 || second > 59) return undefined
  if (day > (month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1]!)) return undefined
  let i = 19
  let fraction = ""
  if (s.charCodeAt(i) === 46) {
    const start = ++i
    while (digit(s, i) >= 0) i++
    if (i === start) return undefined
    fraction = s.slice(start, i)
  }
  let offset = 0
  const zone = s.charCodeAt(i)
  if (zone === 90 || zone === 122) {
    i++
  } else if (zone === 43 || zone === 45) {
    const oh = digits(s, i + 1, 2)
    if (oh < 0 || oh > 23) return undefined
    i += 3
    let om = 0
    if (i < s.length) {
      if (s.charCodeAt(i) === 58) i++
      om = digits(s, i, 2)
      if (om < 0 || om > 59) return undefined
      i += 2
    }
    offset = (zone === 45 ? -1 : 1) * (oh * 60 + om)
  } else {
    return undefined
  }
  if (i !== s.length) return undefined
  const millisOfSecond = fraction === "" ? 0 : Number(fraction.slice(0, 3).padEnd(3, "0"))
  const minutes = daysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offset
  return { millis: (minutes * 60 + second) * 1000 + millisOfSecond, below: fraction.slice(3).replace(/0+$/, "") }
}

const compareInstants = (a: Instant, b: Instant): number =>
  a.millis !== b.millis ? a.millis < b.millis ? -1 : 1 : a.below === b.below ? 0 : a.below < b.below ? -1 : 1

/** Whether two strings have the same shape: the same length, digits where the other has digits, else the same. */
const sameShape = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y && !(x >= 48 && x <= 57 && y >= 48 && y <= 57)) return false
  }
  return true
}

/** The weight of an answer the server may not share (see the module's doc). */
const GUESS = 0.5

/** Two strings, with their instants if they are date-times (parsed already): see `compareStrings`. */
const compareParsed = (a: string, ia: Instant | undefined, b: string, ib: Instant | undefined): number => {
  if (ia !== undefined && ib !== undefined) return compareInstants(ia, ib)
  if (ia === undefined && ib === undefined) {
    // Date-like text that does not parse: as text; the server agrees if both are written alike.
    const c = compareCodePoints(a, b)
    return sameShape(a, b) ? c : c * GUESS
  }
  // A date against other text: dates sort after strings; the empty string sorts first either way.
  const c = ia !== undefined ? 1 : -1
  return (ia !== undefined ? b : a) === "" ? c : c * GUESS
}

/** Two strings: date-times as instants (after other strings), other strings as text. */
const compareStrings = (a: string, b: string): number => {
  const da = looksLikeDateTime(a)
  const db = looksLikeDateTime(b)
  if (!da && !db) return compareCodePoints(a, b)
  return compareParsed(a, da ? instantOf(a) : undefined, b, db ? instantOf(b) : undefined)
}

/** Date-like text with its instant, parsed once (see `prepare`). */
class DateLike {
  constructor(readonly text: string, readonly instant: Instant | undefined) {}
}

/**
 * A value made ready to be compared many times (a sort): date-like text is parsed once. Compare prepared values with
 * `comparePrepared` only.
 *
 * @internal
 */
export const prepare = (u: unknown): unknown =>
  typeof u === "string" && looksLikeDateTime(u) ? new DateLike(u, instantOf(u)) : u

/**
 * `compareValues` on values from `prepare`.
 *
 * @internal
 */
export const comparePrepared = (a: unknown, b: unknown): number => {
  const pa = a instanceof DateLike
  const pb = b instanceof DateLike
  if (pa && pb) return compareParsed(a.text, a.instant, b.text, b.instant)
  if (!pa && !pb) return compareValues(a, b)
  return compareValues(pa ? a.text : a, pb ? (b as DateLike).text : b)
}

/** BSON's order of types: missing and null, numbers, strings, objects, arrays, booleans, dates. */
const rank = (u: unknown): number =>
  u === undefined || u === null
    ? 0
    : typeof u === "number"
    ? 1
    : typeof u === "string"
    ? looksLikeDateTime(u) && instantOf(u) !== undefined ? 6 : 2
    : Array.isArray(u)
    ? 4
    : typeof u === "object"
    ? 3
    : typeof u === "boolean"
    ? 5
    : 7

/**
 * A total, deterministic order on JSON values: missing/null first, then numbers (numerically), strings (by code
 * point), objects and arrays (by their JSON), booleans (false before true), date-times (as instants: equal instants
 * written differently are equal). The sign is the order; a magnitude below 1 marks a guess (see the module's doc).
 *
 * @internal
 */
export const compareValues = (a: unknown, b: unknown): number => {
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b)
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) {
    const c = ra < rb ? -1 : 1
    // A date against a boolean, an object or an array: as a string it would sort before them.
    return (ra === 6 && rb >= 3) || (rb === 6 && ra >= 3) ? c * GUESS : c
  }
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
