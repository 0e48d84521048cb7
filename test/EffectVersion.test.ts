/**
 * The Effect 3 line's version check: which installed versions of `effect` and `@effect/platform` fail, the one line
 * that says what to install, and the checked entry points that pass on every export of the plain ones.
 */
import { describe, expect, it } from "vitest"
import { checkEffectVersion, EffectVersionError, versionProblem } from "../lib/internal/effectVersion.ts"

const reader = (versions: Record<string, string | undefined>) => (name: string) => versions[name]

describe("the effect version check", () => {
  it("accepts effect ^3.22 with @effect/platform ^0.97, and versions it cannot read", () => {
    for (
      const versions of [
        { effect: "3.22.4", "@effect/platform": "0.97.1" },
        { effect: "3.40.0", "@effect/platform": "0.97.9" },
        { effect: "3.22.0-beta.1", "@effect/platform": undefined },
        { effect: undefined, "@effect/platform": undefined },
        { effect: "not a version", "@effect/platform": "0.97.0" },
      ]
    ) expect(versionProblem(reader(versions)), JSON.stringify(versions)).toBeUndefined()
  })

  it("refuses Effect 4, an older 3.x and another @effect/platform minor, naming what it found", () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ effect: "4.1.0", "@effect/platform": "0.97.2" }, "found effect 4.1.0:"],
      [{ effect: "3.21.9", "@effect/platform": "0.97.2" }, "found effect 3.21.9:"],
      [{ effect: "3.22.4", "@effect/platform": "0.98.0" }, "found @effect/platform 0.98.0:"],
      [{ effect: "4.0.0", "@effect/platform": "0.96.1" }, "found effect 4.0.0, @effect/platform 0.96.1:"],
    ]
    for (const [versions, found] of cases) {
      const problem = versionProblem(reader(versions))
      expect(problem).toContain(found)
      expect(problem).not.toContain("\n")
    }
  })

  it("says which versions to install in one line, and throws it as the error's message and stack", () => {
    const read = reader({ "@effect-quantive/client": "0.1.0", effect: "4.1.0", "@effect/platform": "0.97.2" })
    const line = "@effect-quantive/client 0.x needs effect ^3.22 and @effect/platform ^0.97 (the Effect 3 line); " +
      "found effect 4.1.0: run `npm install effect@^3.22 @effect/platform@^0.97`, " +
      "or `npm install @effect-quantive/client@^1` for the Effect 4 line"
    expect(versionProblem(read)).toBe(line)
    const error = (() => {
      try {
        checkEffectVersion(read)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(EffectVersionError)
    expect((error as Error).message).toBe(line)
    expect((error as Error).stack).toBe(`EffectVersionError: ${line}`)
  })

  it("the checked entry points load on this repository's versions and export what the plain ones export", async () => {
    const pairs = [
      [await import("../lib/internal/entry/mod.ts"), await import("../mod.ts")],
      [await import("../lib/internal/entry/testing.ts"), await import("../testing.ts")],
    ] as const
    for (const [checked, plain] of pairs) {
      expect(Object.keys(checked).sort()).toEqual(Object.keys(plain).sort())
      for (const key of Object.keys(plain)) {
        expect((checked as Record<string, unknown>)[key]).toBe((plain as Record<string, unknown>)[key])
      }
    }
  })
})
