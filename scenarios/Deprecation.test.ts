/**
 * Deprecation, visibly: the first call of a deprecated method logs one warning naming its replacement; a
 * `Deprecation` or `Sunset` response header is logged once per operation.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { Accounts, FakeQuantive, LegacyUsers } from "#line"
import { recordingJsonLogger, socket } from "#line/support"

const warnings = (lines: ReadonlyArray<string>) =>
  lines.map((line) => JSON.parse(line) as { logLevel: string; message: unknown }).filter((e) => e.logLevel === "WARN")

describe("deprecation warnings", () => {
  it.effect("a deprecated method warns once per client, naming its replacement", () => {
    const log = recordingJsonLogger()
    return Effect.gen(function* () {
      const legacy = yield* LegacyUsers
      yield* legacy.updateSettings({ language: "french" })
      yield* legacy.updateSettings({ language: "german" })
      const warned = warnings(log.lines)
      assert.strictEqual(warned.length, 1)
      assert.include(String(warned[0]!.message), "LegacyUsers.updateSettings is deprecated")
      assert.include(String(warned[0]!.message), "Users.updateLanguage")
    }).pipe(Effect.provide(socket()), Effect.provide(log.layer))
  })

  it.effect("a Deprecation or Sunset header is logged once per operation", () => {
    const log = recordingJsonLogger()
    return Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const accounts = yield* Accounts
      const headers = { deprecation: "@1767225600", sunset: "Wed, 01 Jul 2026 00:00:00 GMT" }
      for (let i = 0; i < 3; i++) {
        fake.inject({ _tag: "Status", status: 200, body: fake.account, headers })
        yield* accounts.get(fake.accountId)
      }
      const warned = warnings(log.lines)
      assert.strictEqual(warned.length, 1)
      assert.include(String(warned[0]!.message), "Accounts.get")
      assert.include(String(warned[0]!.message), "Sunset: Wed, 01 Jul 2026")
      yield* accounts.get(fake.accountId)
      assert.strictEqual(warnings(log.lines).length, 1)
    }).pipe(Effect.provide(socket()), Effect.provide(log.layer))
  })
})
