/**
 * Text for a person at a terminal: control characters in strings that came from the server (names, emails, messages)
 * are shown as visible escapes instead of reaching the terminal, so a value cannot move the cursor, rewrite a line,
 * change the window title or write to the clipboard.
 *
 * @since 0.3.0
 */

/**
 * C0 controls (including ESC, CR, LF and TAB), DEL, C1 controls (including the one-byte CSI and OSC), the line and
 * paragraph separators, and the bidirectional embedding, override and isolate marks.
 */
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" }

const visible = (c: string): string => {
  const named = NAMED[c]
  if (named !== undefined) return named
  const code = c.charCodeAt(0)
  return code < 0x20 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`
}

/**
 * Escapes the control characters of `text` for display: LF, CR and TAB as `\n`, `\r`, `\t`; other C0 controls
 * as `\xHH` (ESC as `\x1b`); DEL, C1 controls, line separators and bidirectional marks as `\uHHHH` (so JSON text
 * stays valid JSON). Printable text, including every other non-ASCII character, is kept as it is.
 *
 * @since 0.3.0
 * @category rendering
 */
export const escapeForTerminal = (text: string): string => text.replace(CONTROL, visible)
