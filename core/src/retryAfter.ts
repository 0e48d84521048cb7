/**
 * `Retry-After` (RFC 9110 §10.2.3) and `retry-after-ms`, parsed strictly.
 *
 * - `retry-after-ms`: digits only (milliseconds). When present and valid it wins over `Retry-After`.
 * - `Retry-After`: `delay-seconds` (`1*DIGIT`, nothing else: no sign, no fraction, no exponent) or an `HTTP-date` in
 *   one of RFC 9110's three formats: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 format
 *   (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`), with a real calendar date, a
 *   weekday that matches it, and `GMT`. A date in the past is a zero wait.
 * - A value of more than 2^31 - 1 (seconds or milliseconds) is ignored as out of range (the bound RFC 9111 §1.2.2
 *   gives delta-seconds).
 * - A repeated header (fetch joins the field lines with ", "; the comma inside an IMF-fixdate or RFC 850 date is told
 *   apart): Retry-After is a singleton field, so it is used only when every member is valid and all ask for the same
 *   wait; otherwise the whole header is ignored.
 * - Anything else is ignored: the retry policy's own back-off applies. `readRetryAfter` says why, without echoing the
 *   value (which comes from the server).
 *
 * @internal
 */
/** The largest delay accepted, in the header's unit. */
const MAX_DELAY = 2 ** 31 - 1

const DIGITS = /^[0-9]+$/

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const
const LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const

const DAY = DAYS.join("|")
const LONG_DAY = LONG_DAYS.join("|")
const MONTH = MONTHS.join("|")
const TIME = "([0-9]{2}):([0-9]{2}):([0-9]{2})"

/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE = new RegExp(`^(${DAY}), ([0-9]{2}) (${MONTH}) ([0-9]{4}) ${TIME} GMT$`)
/** `Sunday, 06-Nov-94 08:49:37 GMT` */
const RFC_850 = new RegExp(`^(${LONG_DAY}), ([0-9]{2})-(${MONTH})-([0-9]{2}) ${TIME} GMT$`)
/** `Sun Nov  6 08:49:37 1994` (a one-digit day is padded with a space) */
const ASCTIME = new RegExp(`^(${DAY}) (${MONTH}) ([0-9]{2}| [0-9]) ${TIME} ([0-9]{4})$`)

/** A weekday name alone: the part of a date before its comma, when fetch's ", " join is split. */
const WEEKDAY_ONLY = new RegExp(`^\\s*(${DAY}|${LONG_DAY})$`)

/** The instant of a valid date, or undefined (day out of the month's range, bad time, weekday that disagrees). */
const instant = (
  weekday: number,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number | undefined => {
  if (year < 100 || hour > 23 || minute > 59 || second > 60) return undefined
  const date = new Date(Date.UTC(year, month, day))
  if (date.getUTCMonth() !== month || date.getUTCDate() !== day || date.getUTCDay() !== weekday) return undefined
  // A leap second (:60) is the next minute's first instant.
  return Date.UTC(year, month, day, hour, minute, second)
}

/**
 * The instant of an HTTP-date in one of RFC 9110's three formats, or undefined. A two-digit RFC 850 year that would be
 * more than 50 years in the future is read as the most recent past year with those digits (RFC 9110 §5.6.7).
 *
 * @internal
 */
export const parseHttpDate = (text: string, now: number): number | undefined => {
  let m = IMF_FIXDATE.exec(text)
  if (m) {
    return instant(DAYS.indexOf(m[1] as never), +m[4]!, MONTHS.indexOf(m[3] as never), +m[2]!, +m[5]!, +m[6]!, +m[7]!)
  }
  m = RFC_850.exec(text)
  if (m) {
    const thisYear = new Date(now).getUTCFullYear()
    let year = Math.floor(thisYear / 100) * 100 + +m[4]!
    if (year > thisYear + 50) year -= 100
    return instant(
      LONG_DAYS.indexOf(m[1] as never),
      year,
      MONTHS.indexOf(m[3] as never),
      +m[2]!,
      +m[5]!,
      +m[6]!,
      +m[7]!,
    )
  }
  m = ASCTIME.exec(text)
  if (m) {
    return instant(
      DAYS.indexOf(m[1] as never),
      +m[7]!,
      MONTHS.indexOf(m[2] as never),
      +m[3]!.trim(),
      +m[4]!,
      +m[5]!,
      +m[6]!,
    )
  }
  return undefined
}

/** Digits only, within range; the number or undefined. */
const parseDigits = (text: string): number | undefined => {
  if (!DIGITS.test(text)) return undefined
  const significant = text.replace(/^0+(?=.)/, "")
  if (significant.length > 10) return undefined
  const value = Number(significant)
  return value <= MAX_DELAY ? value : undefined
}

/** The optional whitespace HTTP allows around a field value (space and tab only). */
const trimOws = (text: string) => text.replace(/^[ \t]+|[ \t]+$/g, "")

/**
 * Splits a header fetch joined with ", " into its members, keeping the comma of an IMF-fixdate or RFC 850 date inside
 * its member.
 */
const members = (value: string): ReadonlyArray<string> => {
  const parts = value.split(",")
  const out: Array<string> = []
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    if (WEEKDAY_ONLY.test(part) && i + 1 < parts.length) {
      out.push(trimOws(`${part},${parts[++i]}`))
    } else {
      out.push(trimOws(part))
    }
  }
  return out
}

/** One member of `Retry-After`: the wait in milliseconds, or why not. */
const parseMember = (member: string, now: number): number | string => {
  if (member === "") return "an empty value"
  if (DIGITS.test(member)) {
    const seconds = parseDigits(member)
    return seconds === undefined ? `delay-seconds above ${MAX_DELAY}` : seconds * 1000
  }
  const date = parseHttpDate(member, now)
  if (date !== undefined) return Math.max(0, date - now)
  return /^[+-]?[0-9.eE+-]+$/.test(member)
    ? "not delay-seconds (digits only: no sign, fraction or exponent)"
    : "neither delay-seconds nor an HTTP-date in one of RFC 9110's three formats"
}

/**
 * The wait a response asks for, and the headers that were present but ignored, each with why (no header value is
 * repeated: it comes from the server).
 *
 * @internal
 */
export interface RetryAfterReading {
  /** The wait, in milliseconds; undefined for none. */
  readonly waitMillis: number | undefined
  /** The header the wait was taken from. */
  readonly source: "retry-after-ms" | "retry-after" | undefined
  readonly ignored: ReadonlyArray<{ readonly header: "retry-after-ms" | "retry-after"; readonly reason: string }>
}

/**
 * Reads `retry-after-ms`, then `Retry-After` (see the module's rules), relative to `now` (epoch milliseconds).
 *
 * @internal
 */
export const readRetryAfter = (
  headers: Readonly<Record<string, string | undefined>>,
  now: number,
): RetryAfterReading => {
  const ignored: Array<{ readonly header: "retry-after-ms" | "retry-after"; readonly reason: string }> = []
  const ms = headers["retry-after-ms"]
  if (ms !== undefined) {
    const value = trimOws(ms)
    const millis = parseDigits(value)
    if (millis !== undefined) {
      return { waitMillis: millis, source: "retry-after-ms", ignored }
    }
    ignored.push({
      header: "retry-after-ms",
      reason: DIGITS.test(value)
        ? `milliseconds above ${MAX_DELAY}`
        : "not a number of milliseconds (digits only: no sign, fraction or exponent)",
    })
  }
  const header = headers["retry-after"]
  if (header === undefined) return { waitMillis: undefined, source: undefined, ignored }
  const parts = members(header)
  const waits: Array<number> = []
  for (const member of parts) {
    const result = parseMember(member, now)
    if (typeof result === "string") {
      ignored.push({
        header: "retry-after",
        reason: parts.length > 1 ? `a repeated header with an invalid member (${result})` : result,
      })
      return { waitMillis: undefined, source: undefined, ignored }
    }
    waits.push(result)
  }
  if (waits.some((wait) => wait !== waits[0])) {
    ignored.push({ header: "retry-after", reason: `a repeated header whose ${waits.length} values disagree` })
    return { waitMillis: undefined, source: undefined, ignored }
  }
  return { waitMillis: waits[0]!, source: "retry-after", ignored }
}
