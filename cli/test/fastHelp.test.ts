// The fast help: `quantive [command…] --help` (and `-h`) printed from the texts rendered when the bundle was built
// is byte for byte what the program itself prints, for every command path, to a pipe, with and without NO_COLOR,
// and on a terminal; the program is not loaded to print it; anything else takes the full path.
import { execFileSync } from "node:child_process"
import { describe, expect, it } from "vitest"
import { FULL_PATH_SETTINGS, helpFor, type HelpTexts } from "../src/help/fast.ts"
import { commandPaths } from "../src/help/render.ts"
import { cliMain, type Run, run, spawnCli } from "./helpers.ts"

const paths = commandPaths()

/** Runs the bundle with the full path forced (or not), and tells whether Effect's runtime was loaded. */
const probe = `data:text/javascript,${
  encodeURIComponent(
    `process.on("exit", () => { if (globalThis["effect/GlobalValue"] !== undefined) process.stderr.write("[effect loaded]") })`,
  )
}`

const bundle = (args: ReadonlyArray<string>, env: Record<string, string>, full: boolean): Promise<Run> =>
  spawnCli(args, { env: full ? { ...env, QUANTIVE_CLI_NO_FAST_HELP: "1" } : env })

const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" })
    return true
  } catch {
    return false
  }
})()

describe("the command paths", () => {
  it("are every command of quantive", () => {
    expect(paths.map((path) => path.join(" "))).toEqual([
      "",
      "account",
      "users",
      "users export",
      "users deactivate",
      "users activate",
      "users invite",
      "badges",
      "badges list",
      "badges assign",
      "request",
    ])
  })
})

describe("helpFor", () => {
  const texts: HelpTexts = { "": { plain: "root", ansi: "ROOT" }, "users export": { plain: "ue", ansi: "UE" } }

  it("answers a command path followed by --help or -h", () => {
    expect(helpFor(texts, ["--help"], {})?.plain).toBe("root")
    expect(helpFor(texts, ["users", "export", "-h"], {})?.ansi).toBe("UE")
  })

  it("answers nothing for anything else", () => {
    for (
      const args of [[], ["users", "--help"], ["--help", "users"], ["users", "export"], ["toString", "--help"], [
        "users",
        "export",
        "--help",
        "--help",
      ]]
    ) expect(helpFor(texts, args, {})).toBeUndefined()
  })

  it("answers nothing when a setting asks for the full path", () => {
    for (const name of FULL_PATH_SETTINGS) expect(helpFor(texts, ["--help"], { [name]: "" })).toBeUndefined()
  })
})

describe("the bundle's fast help", () => {
  for (const path of paths) {
    for (const flag of ["--help", "-h"]) {
      const args = [...path, flag]
      it(`quantive ${args.join(" ")} prints what the program prints`, async () => {
        for (const env of [{ NO_COLOR: "1" }, {}]) {
          const [fast, full] = await Promise.all([bundle(args, env, false), bundle(args, env, true)])
          expect(full.code).toBe(0)
          expect(full.stdout).toContain("USAGE")
          expect(fast).toEqual(full)
        }
      })
    }
  }

  it("does not load the program to print the help, and the full path does", async () => {
    const spawn = (env: Record<string, string>) =>
      run(process.execPath, ["--import", probe, cliMain, "users", "export", "--help"], { env })
    const [fast, full] = await Promise.all([spawn({}), spawn({ QUANTIVE_CLI_NO_FAST_HELP: "1" })])
    expect(fast.stderr).toBe("")
    expect(full.stderr).toBe("[effect loaded]")
    expect(fast.stdout).toBe(full.stdout)
  })

  it.skipIf(!hasScript)("prints the same colours as the program on a terminal", async () => {
    const onTerminal = (full: boolean) =>
      // script(1) runs the command with stdout on a pseudo-terminal; NO_COLOR is left unset.
      run("env", [
        "-u",
        "NO_COLOR",
        "script",
        "-qfec",
        `${process.execPath} ${cliMain} users export --help`,
        "/dev/null",
      ], { env: full ? { QUANTIVE_CLI_NO_FAST_HELP: "1" } : {} })
    const [fast, full] = await Promise.all([onTerminal(false), onTerminal(true)])
    expect(full.code).toBe(0)
    expect(full.stdout).toContain("\x1b[")
    expect(fast).toEqual(full)
  })
})
