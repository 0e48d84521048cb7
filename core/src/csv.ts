/**
 * RFC 4180 CSV: writing rows (a header row, CRLF line ends, fields quoted when they hold a comma, a double quote, CR
 * or LF, quotes doubled) and reading them back (for `--ids` files, a piece at a time); the rule that flattens a
 * user's nested values into cells; and the neutralizing of cells a spreadsheet would run as formulas.
 *
 * @since 0.2.0
 */

/**
 * Flattens one value into a cell:
 *
 * - absent or `null`: an empty cell;
 * - a string as it is; a number in JavaScript's notation; a boolean as `true` or `false`;
 * - an array of scalars (strings, numbers, booleans) with no `;` in any string: the items joined with `;`
 *   (`teamIds`, `permissions`); an empty array is an empty cell;
 * - anything else (an object, an array holding objects, a string holding `;`): compact JSON (`roles`, `identities`).
 *
 * @since 0.2.0
 * @category flattening
 */
export const flatten = (value: unknown): string => {
  if (value === undefined || value === null) return ""
  if (typeof value === "string") return value
  if (typeof value === "number" || typeof value === "boolean") return String(value)
  if (
    Array.isArray(value) &&
    value.every((item) =>
      typeof item === "number" || typeof item === "boolean" || (typeof item === "string" && !item.includes(";"))
    )
  ) {
    return value.join(";")
  }
  return JSON.stringify(value)
}

const needsQuotes = /[",\r\n]/

/**
 * One field, quoted when RFC 4180 requires it.
 *
 * @since 0.2.0
 * @category writing
 */
export const field = (text: string): string => needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text

/**
 * One record: the fields joined with commas, ended with CRLF.
 *
 * @since 0.2.0
 * @category writing
 */
export const record = (fields: ReadonlyArray<string>): string => fields.map(field).join(",") + "\r\n"

const FORMULA = /^[=+\-@\t\r]/

/**
 * Neutralizes a cell that a spreadsheet would read as a formula (one starting with `=`, `+`, `-`, `@`, a tab or a
 * CR) by prefixing a `'`, which spreadsheets take as "text" and do not show. Other cells are returned as they are.
 *
 * @since 0.3.0
 * @category writing
 */
export const neutralize = (text: string): string => FORMULA.test(text) ? `'${text}` : text

/**
 * A CSV reader fed a piece of text at a time: it holds only the record being read, so memory stays proportional to
 * the longest record rather than to the whole input.
 *
 * @since 0.3.0
 * @category reading
 */
export interface Reader {
  /** Adds text; answers the records it completed, or an error message. */
  readonly push: (text: string) => Array<Array<string>> | string
  /** Ends the input; answers the remaining records, or an error message. */
  readonly end: () => Array<Array<string>> | string
}

const MORE = "more" as const

interface Parsed {
  readonly fields: Array<string>
  readonly next: number
  readonly lines: number
}

const SPECIAL = /[",\r\n]/g

const newlines = (text: string, from: number, to: number): number => {
  let n = 0
  for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) n++
  return n
}

/** Reads one record of `text` from `start`: the record, `MORE` when the text ends inside it, or an error message. */
const parseRecord = (text: string, start: number, final: boolean, line: number): Parsed | typeof MORE | string => {
  const fields: Array<string> = []
  let i = start
  let lines = 0
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      const parts: Array<string> = []
      let j = i + 1
      for (;;) {
        const q = text.indexOf('"', j)
        if (q < 0) {
          return final ? `line ${line + lines + newlines(text, j, text.length)}: a quoted field is not closed` : MORE
        }
        if (q + 1 >= text.length && !final) return MORE
        lines += newlines(text, j, q)
        if (text.charCodeAt(q + 1) === 34) {
          parts.push(text.slice(j, q + 1))
          j = q + 2
          continue
        }
        parts.push(text.slice(j, q))
        i = q + 1
        break
      }
      fields.push(parts.length === 1 ? parts[0]! : parts.join(""))
      if (i >= text.length) return { fields, next: i, lines }
      const c = text[i]
      if (c === ",") {
        i++
        continue
      }
      if (c === "\n") return { fields, next: i + 1, lines }
      if (c === "\r") {
        if (i + 1 >= text.length && !final) return MORE
        if (text[i + 1] === "\n") return { fields, next: i + 2, lines }
      }
      return `line ${line + lines}: unexpected character after a closing quote`
    }
    let k = i
    let comma = false
    while (!comma) {
      SPECIAL.lastIndex = k
      const match = SPECIAL.exec(text)
      if (match === null) {
        if (!final) return MORE
        fields.push(text.slice(i))
        return { fields, next: text.length, lines }
      }
      const p = match.index
      const c = match[0]
      if (c === '"') return `line ${line + lines}: a quote inside an unquoted field`
      if (c === "\r") {
        if (p + 1 >= text.length && !final) return MORE
        if (text[p + 1] !== "\n") {
          k = p + 1
          continue
        }
        fields.push(text.slice(i, p))
        return { fields, next: p + 2, lines }
      }
      fields.push(text.slice(i, p))
      if (c === "\n") return { fields, next: p + 1, lines }
      i = p + 1
      comma = true
    }
  }
}

/**
 * A streaming reader of RFC 4180 CSV (a final line end is optional; LF alone is accepted as a line end). Fields are
 * sliced from the input, never built a character at a time. Reports an unterminated quoted field or a quote inside
 * an unquoted field, with its line.
 *
 * @since 0.3.0
 * @category reading
 */
export const reader = (): Reader => {
  let rest = ""
  let pending: Array<string> = []
  let pendingLength = 0
  // An incomplete record is read again only once the text has doubled, so a long record costs linear time.
  let wanted = 0
  let line = 1
  const drain = (final: boolean): Array<Array<string>> | string => {
    const text = rest + pending.join("")
    pending = []
    pendingLength = 0
    const records: Array<Array<string>> = []
    let pos = 0
    while (pos < text.length) {
      const parsed = parseRecord(text, pos, final, line)
      if (parsed === MORE) break
      if (typeof parsed === "string") return parsed
      records.push(parsed.fields)
      line += 1 + parsed.lines
      pos = parsed.next
    }
    rest = text.slice(pos)
    wanted = rest.length * 2
    return records
  }
  return {
    push: (text) => {
      pending.push(text)
      pendingLength += text.length
      return rest.length + pendingLength < wanted ? [] : drain(false)
    },
    end: () => drain(true),
  }
}

/**
 * Parses CSV text into records (RFC 4180; a final line end is optional; LF alone is accepted as a line end). Returns
 * an error message for an unterminated quoted field or a quote inside an unquoted field.
 *
 * @since 0.2.0
 * @category reading
 */
export const parse = (text: string): Array<Array<string>> | string => {
  const csv = reader()
  const first = csv.push(text)
  if (typeof first === "string") return first
  const last = csv.end()
  return typeof last === "string" ? last : [...first, ...last]
}
