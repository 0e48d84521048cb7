/**
 * The redactor normalizes server text before it looks for the secrets: a token or account id split by characters
 * that show nothing (soft hyphen, zero-width characters, bidi controls, C0/C1 controls, terminal escapes, variation
 * selectors, tags, lone surrogates) or spelled in compatibility forms (fullwidth letters) is found and replaced, so
 * that nothing shown afterwards (a snippet strips those characters) can reassemble it.
 */
import { assert, describe, it } from "@effect/vitest"
import { FastCheck as fc, Redacted } from "effect"
import { makeRedactor, normalize, snippet } from "../lib/internal/redact.ts"

/** Characters and sequences that show nothing, as a hostile server puts them between a secret's characters. */
const SPLITTERS: ReadonlyArray<string> = [
  "\u00ad", // soft hyphen
  "\u200b", // zero-width space
  "\u200c",
  "\u200d",
  "\u2060", // word joiner
  "\ufeff", // BOM
  "\u202e", // bidi override
  "\u2066", // bidi isolate
  "\u200e", // left-to-right mark
  "\u061c", // Arabic letter mark
  "\u0085", // C1: next line
  "\u0081", // C1
  "\u0000",
  "\u0007",
  "\u007f",
  "\u001b[31m", // ANSI colour
  "\u001b[0m",
  "\u001b]0;x\u0007", // OSC title
  "\u009b1m", // 8-bit CSI
  "\ufe0f", // variation selector
  "\u034f", // combining grapheme joiner
  "\u{e0041}", // tag
  "\ud800", // lone surrogate
  "\u3164", // hangul filler
]

/** ASCII as fullwidth forms (NFKC folds them back). */
const fullwidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))

/** The secret with `splitter` between every two characters. */
const split = (secret: string, splitter: string) => [...secret].join(splitter)

/** Every disguise of `secret`: each splitter alone, all of them in turn, fullwidth, fullwidth and split. */
const disguises = (secret: string): ReadonlyArray<string> => [
  ...SPLITTERS.map((s) => split(secret, s)),
  [...secret].map((c, i) => c + SPLITTERS[i % SPLITTERS.length]).join(""),
  fullwidth(secret),
  split(fullwidth(secret), "\u00ad\u200b"),
  split(secret.toUpperCase(), "\u200b"),
]

/** What a reader sees once the characters that show nothing are gone (an independent, test-side reduction). */
const visible = (text: string) =>
  text
    // deno-lint-ignore no-control-regex
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u009b[0-?]*[@-~]/g, "")
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu, "")
    .normalize("NFKC")
    .toLowerCase()

const tokenChars = fc.string({
  unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=!*'()"),
  minLength: 20,
  maxLength: 40,
})
const accountIds = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 24, maxLength: 24 })

describe("makeRedactor normalizes before it redacts", () => {
  it("property: a secret split by invisible characters or in fullwidth form never survives redact + snippet", () => {
    fc.assert(
      fc.property(tokenChars.map((t) => `qt_${t}`), accountIds, (token, accountId) => {
        const redact = makeRedactor({ token: Redacted.make(token), accountId: Redacted.make(accountId) })
        for (
          const [name, secret, replacement] of [["token", token, "<redacted>"], [
            "account id",
            accountId,
            "{accountId}",
          ]]
        ) {
          for (const form of disguises(secret!)) {
            const raw = `before ${form} after`
            const redacted = redact(raw)
            for (const shown of [redacted, snippet(redacted), snippet(redacted, 40)]) {
              assert.notInclude(visible(shown), secret!.toLowerCase(), `${name}: ${JSON.stringify(form)}`)
            }
            assert.strictEqual(snippet(redacted), `before ${replacement} after`, JSON.stringify(form))
          }
        }
      }),
      { numRuns: 60 },
    )
  })

  it("keeps ordinary text, accents and whitespace as they are", () => {
    const redact = makeRedactor({ token: Redacted.make("qt_SecretToken42"), accountId: Redacted.make("acc0123456") })
    assert.strictEqual(redact("plain ASCII, tabs\tand\nlines"), "plain ASCII, tabs\tand\nlines")
    assert.strictEqual(redact("Café crème, Ünïcödé 日本語 😀"), "Café crème, Ünïcödé 日本語 😀")
    assert.strictEqual(redact("soft\u00adhyphen, zero\u200bwidth"), "softhyphen, zerowidth")
    assert.strictEqual(redact("ｆｕｌｌｗｉｄｔｈ"), "fullwidth")
  })

  it("a secret holding characters normalization changes is still found, as given and as normalized", () => {
    const token = "qt_µ\u00adﬁ\u212aToken42"
    const redact = makeRedactor({ token: Redacted.make(token), accountId: Redacted.make("5f3c9a1b2c3d4e5f6a7b8c9d") })
    assert.strictEqual(redact(`a ${token} b`), "a <redacted> b")
    assert.strictEqual(redact(`a ${normalize(token)} b`), "a <redacted> b")
    assert.strictEqual(redact(`a ${encodeURIComponent(token)} b`), "a <redacted> b")
    // a secret that normalizes to nothing matches nothing (never every position)
    const empty = makeRedactor({
      token: Redacted.make("\u200b\u200b\u200b\u200b\u200b\u200b"),
      accountId: Redacted.make(""),
    })
    assert.strictEqual(empty("text stays"), "text stays")
  })

  it("stays fast on a large text full of invisible characters", () => {
    const redact = makeRedactor({
      token: Redacted.make("qt_0123456789abcdef0123456789abcdef01234567"),
      accountId: Redacted.make("5f3c9a1b2c3d4e5f6a7b8c9d"),
    })
    const text = "x\u200b".repeat(32 * 1024) + split("qt_0123456789abcdef0123456789abcdef01234567", "\u00ad")
    assert.isTrue(redact(text).endsWith("<redacted>"))
  })
})
