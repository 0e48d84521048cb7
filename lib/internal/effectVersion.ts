/**
 * The versions of `effect` and `@effect/platform` this package runs on (the Effect 3 line), checked when an entry
 * point is loaded on Node or Deno before any module that needs them: with Effect 4 installed, the program fails with
 * one line that says what to install, instead of a file missing deep inside `effect`.
 *
 * A version that cannot be read (a bundle, an import map, a runtime without `require`) is not checked.
 *
 * @internal
 */
import { createRequire } from "node:module"

/** What this package needs, by peer dependency. @internal */
export const required: ReadonlyArray<{ readonly name: string; readonly range: string }> = [
  { name: "effect", range: "^3.22" },
  { name: "@effect/platform", range: "^0.97" },
]

/** `version` satisfies a caret range of a major and a minor (`^3.22`, `^0.97`), or it is not a version at all. */
const satisfies = (version: string, range: string): boolean => {
  const want = /^\^(\d+)\.(\d+)$/.exec(range)
  const have = /^(\d+)\.(\d+)\.\d+/.exec(version)
  if (want === null || have === null) return true
  const [major, minor] = [Number(have[1]), Number(have[2])]
  const [wantMajor, wantMinor] = [Number(want[1]), Number(want[2])]
  if (major !== wantMajor) return false
  return wantMajor === 0 ? minor === wantMinor : minor >= wantMinor
}

/** The installed version of a package, as Node would resolve it from this module; `undefined` when unreadable. */
const installedVersion = (name: string): string | undefined => {
  try {
    const version = createRequire(import.meta.url)(`${name}/package.json`)?.version
    return typeof version === "string" ? version : undefined
  } catch {
    return undefined
  }
}

/**
 * The one line that says what to install, when an installed version is off its range; `undefined` when every
 * version read fits.
 *
 * @internal
 */
export const versionProblem = (
  read: (name: string) => string | undefined = installedVersion,
): string | undefined => {
  const off = required.flatMap(({ name, range }) => {
    const version = read(name)
    return version !== undefined && !satisfies(version, range) ? [`${name} ${version}`] : []
  })
  if (off.length === 0) return undefined
  const self = /^(\d+)\./.exec(read("@effect-quantive/client") ?? "")?.[1]
  const needs = required.map(({ name, range }) => `${name} ${range}`).join(" and ")
  const install = required.map(({ name, range }) => `${name}@${range}`).join(" ")
  const four = off.some((found) => found.startsWith("effect 4."))
  return `@effect-quantive/client${self === undefined ? "" : ` ${self}.x`} needs ${needs} (the Effect 3 line); ` +
    `found ${off.join(", ")}: run \`npm install ${install}\`` +
    (four ? ", or \`npm install @effect-quantive/client@^1\` for the Effect 4 line" : "")
}

/** The error of a wrong `effect` or `@effect/platform`: its message and its stack are the one line. @internal */
export class EffectVersionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "EffectVersionError"
    Object.defineProperty(this, "stack", { value: `${this.name}: ${message}`, configurable: true, writable: true })
  }
}

/** Throws `EffectVersionError` when an installed version is off its range. @internal */
export const checkEffectVersion = (read?: (name: string) => string | undefined): void => {
  const problem = versionProblem(read)
  if (problem !== undefined) throw new EffectVersionError(problem)
}
