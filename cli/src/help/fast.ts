/**
 * The fast help: `quantive [command…] --help` (or `-h`) printed from the texts rendered when the bundle was built,
 * without loading the program. Anything else, and `QUANTIVE_CLI_NO_FAST_HELP` set, takes the full path. This module
 * imports nothing, so that answering `--help` costs no more than reading the bundle.
 *
 * @since 0.4.0
 */

/**
 * The help of one command path, as the full path prints it to stdout: `ansi` on a terminal, `plain` elsewhere or
 * when `NO_COLOR` is set.
 *
 * @since 0.4.0
 * @category models
 */
export interface HelpText {
  readonly plain: string
  readonly ansi: string
}

/**
 * The rendered help of each command path, keyed by the path's words joined with a space (`""` is `quantive`,
 * `"users export"` is `quantive users export`).
 *
 * @since 0.4.0
 * @category models
 */
export type HelpTexts = Readonly<Record<string, HelpText>>

/**
 * The settings that make the full path print something else than the help alone.
 *
 * @since 0.4.0
 * @category constants
 */
export const FULL_PATH_SETTINGS = ["QUANTIVE_CLI_NO_FAST_HELP", "QUANTIVE_CLI_REPORT_RSS"] as const

/**
 * The help `args` (the arguments after the runtime and the script) ask for, when they are exactly a command path
 * followed by `--help` or `-h`; `undefined` otherwise.
 *
 * @since 0.4.0
 * @category lookup
 */
export const helpFor = (
  texts: HelpTexts,
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>>,
): HelpText | undefined => {
  if (FULL_PATH_SETTINGS.some((name) => env[name] !== undefined)) return undefined
  const last = args[args.length - 1]
  if (last !== "--help" && last !== "-h") return undefined
  const key = args.slice(0, -1).join(" ")
  return Object.hasOwn(texts, key) ? texts[key] : undefined
}

/**
 * Prints the help the process's arguments ask for, when there is a rendered one; answers whether it did.
 *
 * @since 0.4.0
 * @category running
 */
export const printHelp = (texts: HelpTexts | undefined): boolean => {
  if (texts === undefined) return false
  const help = helpFor(texts, process.argv.slice(2), process.env)
  if (help === undefined) return false
  const colour = process.stdout.isTTY === true && process.env.NO_COLOR === undefined
  // A reader that has gone away (`quantive --help | head -1`) ends the help quietly, as on the full path.
  process.stdout.on("error", () => {})
  process.stdout.write(colour ? help.ansi : help.plain)
  return true
}
