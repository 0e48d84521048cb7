/**
 * Issue 10, item 4 (the redactor and the snippet): the token and account id are removed when they come back changed
 * (letter case, percent and form encoding, base64 and base64url at any offset as in a `Basic` header, a host built
 * from them), and server text is stripped of terminal escapes and control characters before it enters a message.
 */
import { assert, describe, it } from "@effect/vitest"
import { FastCheck as fc, Redacted } from "effect"
import { Buffer } from "node:buffer"
import { makeRedactor, snippet } from "../lib/internal/redact.ts"

/** Printable ASCII and Latin-1 secrets (what a header can carry), 8 to 48 characters. */
const secret = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0xa1, max: 0xff }).map((c) => String.fromCharCode(c)),
  ),
  minLength: 8,
  maxLength: 48,
})

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64")
const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url")

/** Every changed form of a secret the redactor must catch, each embedded in surrounding text. */
const forms = (value: string, other: string): Record<string, string> => ({
  exact: value,
  upper: value.toUpperCase(),
  lower: value.toLowerCase(),
  percent: encodeURIComponent(value),
  percentLower: encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
  form: new URLSearchParams({ q: value }).toString().slice(2),
  encodeURI: encodeURI(value),
  base64: base64(value),
  basicUserToken: base64(`user:${value}`),
  basicTokenColon: base64(`${value}:`),
  basicBoth: base64(`${other}:${value}`),
  offset1: base64(`x${value}`),
  offset2: base64(`xy${value}`),
  base64url: base64url(`u:${value}`),
  host: `https://${value.toLowerCase()}.evil.test/`,
})

/** Whether `text` still holds a form of `value`: any 3-character window of the secret or of its base64 forms. */
const leaks = (text: string, value: string): boolean =>
  Object.values(forms(value, "")).some((form) => {
    const core = form.replace(/^https:\/\//, "").replace(/\.evil\.test\/$/, "")
    // The middle of each form: what depends on the secret alone (the ends of base64 mix in the neighbours' bits).
    const inner = core.length > 12 ? core.slice(6, -6) : core
    return inner.length >= 6 && text.includes(inner)
  })

describe("makeRedactor: changed forms of the secrets", () => {
  it("property: random tokens and account ids, in every form, are removed", () => {
    fc.assert(
      fc.property(secret, secret, (token, accountId) => {
        fc.pre(!token.includes(accountId) && !accountId.includes(token))
        const redact = makeRedactor({ token: Redacted.make(token), accountId: Redacted.make(accountId) })
        for (const [name, form] of Object.entries(forms(token, accountId))) {
          const out = redact(`before ${form} after`)
          assert.isFalse(leaks(out, token), `token ${name}: ${JSON.stringify(out)}`)
          assert.isTrue(out.startsWith("before ") && out.endsWith(" after"), `${name}: ${JSON.stringify(out)}`)
        }
        for (const [name, form] of Object.entries(forms(accountId, token))) {
          if (name === "basicBoth") continue
          const out = redact(`[${form}]`)
          assert.isFalse(leaks(out, accountId), `account id ${name}: ${JSON.stringify(out)}`)
        }
        const header = redact(`Authorization: Basic ${base64(`${accountId}:${token}`)}`)
        assert.isFalse(leaks(header, token), header)
        assert.isFalse(leaks(header, accountId), header)
      }),
      { numRuns: 300 },
    )
  })

  it("replaces the token with <redacted> and the account id with {accountId}, case-insensitively", () => {
    const redact = makeRedactor({
      token: Redacted.make("qt_SecretToken42"),
      accountId: Redacted.make("5f3c9a1b2c3d4e5f6a7b8c9d"),
    })
    assert.strictEqual(
      redact("Bearer QT_SECRETTOKEN42 at https://5F3C9A1B2C3D4E5F6A7B8C9D.evil.test/x"),
      "Bearer <redacted> at https://{accountId}.evil.test/x",
    )
    assert.strictEqual(redact("no secret here"), "no secret here")
  })

  it("short secrets are matched exactly only (their other forms would match ordinary words)", () => {
    const redact = makeRedactor({ token: Redacted.make("tok"), accountId: Redacted.make("acc") })
    assert.strictEqual(redact("Accounts tok"), "Accounts <redacted>")
  })

  it("is fast on a large text: one precompiled expression", () => {
    const redact = makeRedactor({
      token: Redacted.make("qt_0123456789abcdef0123456789abcdef01234567"),
      accountId: Redacted.make("5f3c9a1b2c3d4e5f6a7b8c9d"),
    })
    const text = "x".repeat(1_000_000) + "QT_0123456789ABCDEF0123456789ABCDEF01234567"
    const out = redact(text)
    assert.isTrue(out.endsWith("<redacted>"))
  })
})

describe("snippet: server text enters messages without control characters", () => {
  it("strips ANSI CSI and OSC sequences, C0/C1 controls, DEL, zero-width and bidi characters", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["\u001b[31mred\u001b[0m text", "red text"],
      ["\u001b[1;38;5;196mbold\u001b[m", "bold"],
      ["\u001b]0;window title\u0007after", "after"],
      ["\u001b]8;;https://evil.test\u001b\\link\u001b]8;;\u001b\\", "link"],
      ["\u009b31mC1 CSI", "C1 CSI"],
      ["a\u0000b\u0007c\u007fd\u0085e", "abcde"],
      ["line1\r\nline2\tend", "line1 line2 end"],
      ["\u202eevil\u202c \u200bzero\ufeff", "evil zero"],
      ["<html><body>Error <b>500</b></body></html>", "Error 500"],
      ["Bearer <redacted> kept", "Bearer <redacted> kept"],
      ["\u001bc reset", "reset"],
    ]
    for (const [input, expected] of cases) assert.strictEqual(snippet(input), expected, JSON.stringify(input))
  })

  it("property: no control character survives, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        // deno-lint-ignore no-control-regex
        assert.notMatch(snippet(text), /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/)
      }),
      { numRuns: 500 },
    )
  })

  it("cuts long text without splitting a surrogate pair, and stays linear on hostile markup", () => {
    const cut = snippet("a".repeat(199) + "😀😀", 200)
    assert.strictEqual(cut, "a".repeat(199) + "…")
    const hostile = "<".repeat(200_000)
    assert.isAtMost(snippet(hostile).length, 201)
  })
})
