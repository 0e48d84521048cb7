/**
 * Plain text tables for terminals: columns padded to their widest cell (capped), cells cut with `…` past the cap.
 * Line breaks and tabs in a cell become spaces, and other control characters are shown escaped, so a cell cannot
 * move the cursor or send the terminal a command.
 *
 * @since 0.2.0
 */
import { escapeForTerminal } from "./terminal.ts"

/** The widest a column gets before its cells are cut. */
const MAX_WIDTH = 40

/** A cell as the table shows it, on one line with its control characters escaped. */
const shown = (text: string): string => escapeForTerminal(text.replace(/[\r\n\t]+/g, " "))

const cut = (text: string, width: number): string => {
  const flat = shown(text)
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat
}

/**
 * Column widths that fit the header and these rows, each capped.
 *
 * @since 0.2.0
 * @category rendering
 */
export const widths = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): Array<number> =>
  header.map((title, i) =>
    Math.min(MAX_WIDTH, Math.max(title.length, ...rows.map((row) => shown(row[i] ?? "").length)))
  )

/**
 * One line of a table, its cells padded or cut to the widths.
 *
 * @since 0.2.0
 * @category rendering
 */
export const line = (cells: ReadonlyArray<string>, columnWidths: ReadonlyArray<number>): string =>
  cells.map((cell, i) => cut(cell, columnWidths[i]!).padEnd(columnWidths[i]!)).join("  ").trimEnd() + "\n"

/**
 * A whole table: the header, a rule, the rows.
 *
 * @since 0.2.0
 * @category rendering
 */
export const render = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const w = widths(header, rows)
  return line(header, w) + line(w.map((n) => "-".repeat(n)), w) + rows.map((row) => line(row, w)).join("")
}
