/**
 * RFC 4180 CSV: writing rows (a header row, CRLF line ends, fields quoted when they hold a comma, a double quote, CR
 * or LF, quotes doubled) and reading them back (for `--ids` files); and the rule that flattens a user's nested
 * values into cells.
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

/**
 * Parses CSV text into records (RFC 4180; a final line end is optional; LF alone is accepted as a line end). Returns
 * an error message for an unterminated quoted field or a quote inside an unquoted field.
 *
 * @since 0.2.0
 * @category reading
 */
export const parse = (text: string): Array<Array<string>> | string => {
  const records: Array<Array<string>> = []
  let fields: Array<string> = []
  let current = ""
  let quoted = false
  let i = 0
  let line = 1
  const endRecord = () => {
    fields.push(current)
    records.push(fields)
    fields = []
    current = ""
  }
  while (i < text.length) {
    const c = text[i]!
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          current += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        const next = text[i]
        if (next !== undefined && next !== "," && next !== "\r" && next !== "\n") {
          return `line ${line}: unexpected character after a closing quote`
        }
        continue
      }
      if (c === "\n") line++
      current += c
      i++
      continue
    }
    if (c === '"') {
      if (current !== "") return `line ${line}: a quote inside an unquoted field`
      quoted = true
      i++
    } else if (c === ",") {
      fields.push(current)
      current = ""
      i++
    } else if (c === "\r" && text[i + 1] === "\n") {
      endRecord()
      line++
      i += 2
    } else if (c === "\n") {
      endRecord()
      line++
      i++
    } else {
      current += c
      i++
    }
  }
  if (quoted) return `line ${line}: a quoted field is not closed`
  if (current !== "" || fields.length > 0) endRecord()
  return records
}
