/**
 * Parsing `Retry-After` by RFC 9110 §10.2.3 and a `retry-after-ms` as strict, through the line's reader over the core's
 * parser. A table of cases: the header as received, and the wait in milliseconds or `undefined` (ignored: the policy's
 * back-off applies).
 */
import { fc } from "#line"
import { RetryAfter } from "#line/resilience"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Option } from "effect"

const { parseHttpDate, parseRetryAfter, readRetryAfter } = RetryAfter

/** 2024-01-01T00:00:00Z, a Monday. */
const NOW = Date.UTC(2024, 0, 1)

const waitOf = (headers: Record<string, string>) =>
  Option.match(parseRetryAfter(headers, NOW), { onNone: () => undefined, onSome: Duration.toMillis })

const RETRY_AFTER: ReadonlyArray<readonly [string, number | undefined]> = [
  // delay-seconds: 1*DIGIT, nothing else
  ["0", 0],
  ["5", 5000],
  ["  7\t", 7000],
  ["007", 7000],
  ["2147483647", 2147483647000],
  ["2147483648", undefined],
  ["99999999999999999999999999", undefined],
  ["-5", undefined],
  ["+3", undefined],
  ["3.", undefined],
  ["3.5", undefined],
  [".5", undefined],
  ["1e3", undefined],
  ["0x10", undefined],
  ["NaN", undefined],
  ["Infinity", undefined],
  ["", undefined],
  ["soon", undefined],
  ["5 seconds", undefined],
  ["٣", undefined],
  // IMF-fixdate
  ["Mon, 01 Jan 2024 00:00:10 GMT", 10_000],
  ["Sun, 31 Dec 2023 23:59:00 GMT", 0],
  ["Sun, 06 Nov 1994 08:49:37 GMT", 0],
  ["Fri, 31 Dec 9999 23:59:59 GMT", Date.UTC(9999, 11, 31, 23, 59, 59) - NOW],
  ["Mon, 01 Jan 2024 00:00:10 UTC", undefined],
  ["Mon, 01 Jan 2024 00:00:10 +0000", undefined],
  ["mon, 01 Jan 2024 00:00:10 GMT", undefined],
  ["Mon, 1 Jan 2024 00:00:10 GMT", undefined],
  ["Mon,  01 Jan 2024 00:00:10 GMT", undefined],
  ["Tue, 01 Jan 2024 00:00:10 GMT", undefined],
  ["Thu, 30 Feb 2024 00:00:10 GMT", undefined],
  ["Mon, 01 Jan 2024 24:00:00 GMT", undefined],
  ["Mon, 01 Jan 2024 00:60:00 GMT", undefined],
  ["Mon, 01 Jan 2024 00:00:60 GMT", 60_000],
  // obsolete RFC 850 (two-digit year: 24 is 2024, 99 is 1999)
  ["Monday, 01-Jan-24 00:00:10 GMT", 10_000],
  ["Friday, 31-Dec-99 23:59:59 GMT", 0],
  ["Mon, 01-Jan-24 00:00:10 GMT", undefined],
  // asctime
  ["Mon Jan  1 00:00:10 2024", 10_000],
  ["Mon Jan 01 00:00:10 2024", 10_000],
  ["Mon Jan 1 00:00:10 2024", undefined],
  // what Date.parse accepts but the RFC does not
  ["2024-01-01T00:00:10Z", undefined],
  ["2024-01-01", undefined],
  ["January 1, 2024 00:00:10", undefined],
  ["1/1/2024", undefined],
  ["Mon, 01 Jan 2024 00:00:10", undefined],
  // a repeated header, joined by fetch with ", ": used only when every member is valid and all agree
  ["5, 5", 5000],
  ["5,5", 5000],
  ["5, 6", undefined],
  ["5, soon", undefined],
  ["5, ", undefined],
  ["Mon, 01 Jan 2024 00:00:10 GMT, Mon, 01 Jan 2024 00:00:10 GMT", 10_000],
  ["Mon, 01 Jan 2024 00:00:10 GMT, 10", 10_000],
  ["Mon, 01 Jan 2024 00:00:10 GMT, 5", undefined],
  ["Monday, 01-Jan-24 00:00:10 GMT, Mon Jan  1 00:00:10 2024", 10_000],
  ["Mon, 01 Jan 2024 00:00:10 GMT, Mon", undefined],
]

describe("Retry-After (RFC 9110)", () => {
  for (const [value, expected] of RETRY_AFTER) {
    it(`${JSON.stringify(value)} → ${expected === undefined ? "ignored" : `${expected} ms`}`, () => {
      assert.strictEqual(waitOf({ "retry-after": value }), expected)
    })
  }

  it("retry-after-ms is digits only and wins when valid; when invalid, Retry-After is read", () => {
    assert.strictEqual(waitOf({ "retry-after-ms": "250" }), 250)
    assert.strictEqual(waitOf({ "retry-after-ms": "250", "retry-after": "9" }), 250)
    for (const bad of ["-1", "+2", "2.5", "1e3", "NaN", "", "fast", "99999999999"]) {
      assert.strictEqual(waitOf({ "retry-after-ms": bad }), undefined, bad)
      assert.strictEqual(waitOf({ "retry-after-ms": bad, "retry-after": "2" }), 2000, bad)
    }
  })

  it("readRetryAfter says which header was ignored and why, without the value", () => {
    const none = readRetryAfter({}, NOW)
    assert.isTrue(Option.isNone(none.wait))
    assert.deepStrictEqual(none.ignored, [])
    const secret = "-5-secret-from-server"
    const bad = readRetryAfter({ "retry-after": secret, "retry-after-ms": "1.5" }, NOW)
    assert.isTrue(Option.isNone(bad.wait))
    assert.deepStrictEqual(bad.ignored.map((i) => i.header), ["retry-after-ms", "retry-after"])
    for (const { reason } of bad.ignored) assert.notInclude(reason, "secret")
    const repeated = readRetryAfter({ "retry-after": "5, 6" }, NOW)
    assert.include(repeated.ignored[0]!.reason, "repeated")
    const fine = readRetryAfter({ "retry-after": "3" }, NOW)
    assert.deepStrictEqual(fine.source, Option.some("retry-after"))
    assert.deepStrictEqual(fine.ignored, [])
  })

  it("property: every IMF-fixdate written by toUTCString is read back to the second", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
        const at = Math.floor(ms / 1000) * 1000
        assert.strictEqual(parseHttpDate(new Date(at).toUTCString(), NOW), at)
      }),
      { numRuns: 500 },
    )
  })

  it("property: any string that is not digits or a valid date is ignored, never a wait Date.parse made up", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (value) => {
        const wait = waitOf({ "retry-after": value })
        if (wait === undefined) return
        const members = value.split(",").map((m) => m.trim())
        assert.isTrue(
          members.every((m) => /^[0-9]+$/.test(m)) || parseHttpDate(value.trim(), NOW) !== undefined ||
            members.length > 1,
          value,
        )
      }),
      { numRuns: 500 },
    )
  })
})
