/**
 * Redaction of a configuration's secrets (the API token and the account id) from any text, in every form a server or
 * a runtime may write them, and the normalization of server text that comes before it.
 *
 * @internal
 */

/** A function that removes the secrets of one configuration from any text. @internal */
export type Redactor = (text: string) => string

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")

const utf8 = new TextEncoder()

/** `%2F`, `%C3%A9`: a character's UTF-8 bytes percent-encoded (hex case is matched insensitively). */
const percentEncoded = (char: string) =>
  [...utf8.encode(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("")

/**
 * The secret in any letter case, with any of its characters percent-encoded or not (so `encodeURIComponent`,
 * `encodeURI`, form encoding and a server's own partial encoding all match), a space also as `+`.
 */
const textPattern = (secret: string): string => {
  let out = ""
  for (const char of secret) {
    const forms = new Set([escapeRegExp(char), percentEncoded(char)])
    for (const variant of [char.toUpperCase(), char.toLowerCase()]) {
      // `ß` upper-cases to `SS`: a case mapping that changes the length is matched as its own text.
      forms.add([...variant].length === 1 ? percentEncoded(variant) : escapeRegExp(variant))
    }
    if (char === " ") forms.add("\\+")
    out += forms.size === 1 ? [...forms][0] : `(?:${[...forms].join("|")})`
  }
  return out
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

const base64 = (bytes: Uint8Array): string => {
  let out = ""
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + BASE64[n & 63]!
  }
  return out
}

/** The shortest base64 fragment worth redacting: shorter ones would also match innocent text. */
const MIN_BASE64_FRAGMENT = 8

/**
 * The base64 characters that depend only on the secret, wherever it sits in the encoded text (`Basic` of `token`,
 * `user:token` or `token:`): one fragment per alignment of the secret's first byte in a 3-byte group (0, 1 or 2 bytes
 * before it in its group), in standard and URL-safe alphabets.
 */
const base64Fragments = (secret: string): ReadonlyArray<string> => {
  const bytes = utf8.encode(secret)
  const fragments = new Set<string>()
  for (let before = 0; before < 3; before++) {
    const padded = new Uint8Array(before + bytes.length)
    padded.set(bytes, before)
    const start = Math.ceil((8 * before) / 6)
    const end = Math.floor((8 * (before + bytes.length)) / 6)
    const fragment = base64(padded).slice(start, end)
    if (fragment.length >= MIN_BASE64_FRAGMENT) {
      fragments.add(fragment)
      fragments.add(fragment.replace(/\+/g, "-").replace(/\//g, "_"))
    }
  }
  return [...fragments]
}

/**
 * Secrets shorter than this are matched exactly only: their other forms (another letter case, base64) would match
 * ordinary words. Real tokens and account ids are far longer.
 */
const MIN_VARIANT_LENGTH = 6

/**
 * The forms of one long secret, as regular expression source (matched case-insensitively): any letter case, any of its
 * characters percent-encoded or not, and its base64 fragments.
 */
const secretForms = (secret: string): string =>
  [textPattern(secret), ...base64Fragments(secret).map(escapeRegExp)].join("|")

/**
 * The regular expressions that find the token (group 1) or the account id (group 2), compiled once per configuration:
 * for a long secret every form (exact, any letter case: a host name built from it is lower-cased, percent- or
 * form-encoded, base64 standard or URL-safe at any offset, as in a `Basic` header), case-insensitively; for a short one
 * (or an empty one: never matched) the exact text, case-sensitively. Each secret is matched both as given and as
 * `normalize` leaves it, since the text searched is normalized first.
 *
 * @internal
 */
export const secretsPatterns = (token: string, accountId: string): ReadonlyArray<RegExp> => {
  // The secret as given (its encoded forms are made of its own characters) and as normalized text shows it.
  const group = (secret: string, long: boolean) => {
    const parts: Array<string> = []
    for (const form of new Set([secret, normalize(secret)])) {
      if (form === "" || (form.length >= MIN_VARIANT_LENGTH) !== long) continue
      parts.push(long ? secretForms(form) : escapeRegExp(form))
    }
    return parts.length === 0 ? "(?!)" : parts.join("|")
  }
  const patterns: Array<RegExp> = []
  for (const long of [true, false]) {
    const [t, a] = [group(token, long), group(accountId, long)]
    if (t !== "(?!)" || a !== "(?!)") patterns.push(new RegExp(`(${t})|(${a})`, long ? "gi" : "g"))
  }
  return patterns
}

/**
 * Terminal escape sequences: CSI (`ESC [` … final byte, or the 8-bit `\x9b`), OSC/DCS/APC/PM/SOS strings (up to BEL or
 * ST) and two-character escapes.
 */
const ESCAPES =
  // deno-lint-ignore no-control-regex
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -~]?/g

/**
 * Characters that show nothing: control characters (C0 but whitespace, DEL, C1), format characters (soft hyphen,
 * zero-width characters, bidi controls, BOM, tags), lone surrogates, and every other default-ignorable code point
 * (variation selectors, fillers).
 */
const INVISIBLE = /(?![\t\n\v\f\r])[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu

/** Text that normalization leaves as it is: printable ASCII and whitespace. */
const PLAIN = /^[\t\n\r\u0020-\u007e]*$/

const strip = (text: string) => text.replace(ESCAPES, "").replace(INVISIBLE, "")

/**
 * Server text as it will be shown: terminal escape sequences and invisible characters removed, then compatibility
 * forms folded (NFKC: fullwidth letters, ligatures, the Kelvin sign become their plain letters), then stripped again.
 * Whatever hid a secret by splitting it with characters that show nothing, or by spelling it in lookalike forms,
 * is undone here, before the secret is searched for.
 *
 * @internal
 */
export const normalize = (text: string): string => PLAIN.test(text) ? text : strip(strip(text).normalize("NFKC"))

/**
 * Normalizes `text` (see `normalize`), then replaces every form of the token with `<redacted>` and of the account id
 * with `{accountId}`: exact, upper-, lower- or mixed-case, percent- or form-encoded, base64 (standard or URL-safe, at
 * any offset). The token is matched first (it may contain the account id, never the reverse in practice). Every
 * consumer of server text (messages, request ids, header values, decode issues, drift reports) goes through this one
 * function, so nothing shown afterwards can join the pieces of a secret the redactor did not see whole.
 *
 * @internal
 */
export const makeRedactor = (token: string, accountId: string): Redactor => {
  const patterns = secretsPatterns(token, accountId)
  const replace = (_match: string, token: string | undefined) => token !== undefined ? "<redacted>" : "{accountId}"
  return (text) => {
    let out = normalize(text)
    for (const pattern of patterns) out = out.replace(pattern, replace)
    return out
  }
}

/** A tag of markup (at most 1000 characters, no nested `<`: linear on any input), except our own `<redacted>`. */
const MARKUP = /<(?!redacted>)[^<>]{0,1000}>/g

/** The most input `snippet` reads: enough for any message, bounded on a huge body. */
const MAX_INPUT = 64 * 1024

/**
 * Shortens text from a server for an error message: strips terminal escape sequences, invisible characters (as
 * `normalize` does) and markup, collapses whitespace, and cuts at `max` characters (never inside a surrogate pair).
 *
 * @internal
 */
export const snippet = (text: string, max = 200): string => {
  const flat = strip(text.slice(0, MAX_INPUT)).replace(MARKUP, " ")
    .replace(/\s+/g, " ").trim()
  if (flat.length <= max) return flat
  const code = flat.charCodeAt(max - 1)
  const cut = code >= 0xd800 && code <= 0xdbff ? max - 1 : max
  return `${flat.slice(0, cut)}…`
}
