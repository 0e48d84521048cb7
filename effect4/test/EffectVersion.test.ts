/**
 * The Effect 4 line's version check: which installed versions of `effect` fail, the one line that says what to
 * install, and the checked entry points that pass on every export of the plain ones.
 */
import { describe, expect, it } from "vitest"
import { checkEffectVersion, EffectVersionError, versionProblem } from "../lib/internal/effectVersion.ts"

const reader = (versions: Record<string, string | undefined>) => (name: string) => versions[name]

describe("the effect version check", () => {
  it("accepts effect ^4.1, and versions it cannot read", () => {
    for (
      const versions of [
        { effect: "4.1.0" },
        { effect: "4.7.2" },
        { effect: "4.1.0-beta.1" },
        { effect: undefined },
        { effect: "not a version" },
      ]
    ) expect(versionProblem(reader(versions)), JSON.stringify(versions)).toBeUndefined()
  })

  it("refuses Effect 3, 4.0 and a future major, naming what it found", () => {
    for (const version of ["3.22.4", "4.0.6", "5.0.0"]) {
      const problem = versionProblem(reader({ effect: version }))
      expect(problem).toContain(`found effect ${version}:`)
      expect(problem).not.toContain("\n")
    }
  })

  it("says which version to install in one line, and throws it as the error's message and stack", () => {
    const read = reader({ "@effect-quantive/client": "1.0.0", effect: "3.22.4" })
    const line = "@effect-quantive/client 1.x needs effect ^4.1 (the Effect 4 line); " +
      "found effect 3.22.4: run `npm install effect@^4.1`"
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

  it("the checked entry points load on this project's versions and export what the plain ones export", async () => {
    const pairs = [
      [await import("../lib/internal/entry/mod.ts"), await import("../mod.ts")],
      [await import("../lib/internal/entry/testing.ts"), await import("../testing.ts")],
      [await import("../lib/internal/entry/redis.ts"), await import("../redis.ts")],
    ] as const
    for (const [checked, plain] of pairs) {
      expect(Object.keys(checked).sort()).toEqual(Object.keys(plain).sort())
      for (const key of Object.keys(plain)) {
        expect((checked as Record<string, unknown>)[key]).toBe((plain as Record<string, unknown>)[key])
      }
    }
  })
})
