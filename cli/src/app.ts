/**
 * The application: parses the command line, runs the command, prints the one-line message of a failure on stderr,
 * and answers the exit code. Everything it prints goes through the `Stdio` service, and the environment is read
 * through `Config` (the flags' declared fallbacks, `NO_COLOR`, `QUANTIVE_DEBUG`).
 *
 * @since 0.2.0
 */
import { CliConfig, Command, HelpDoc } from "@effect/cli"
import { Cause, Config, Effect, Exit, Option } from "effect"
import { quantive } from "./commands.ts"
import { exitCodeTable } from "./failure.ts"
import { Stdio } from "./stdio.ts"
import { escapeForTerminal } from "./terminal.ts"

/**
 * The version printed by `--version`.
 *
 * @since 0.2.0
 * @category constants
 */
export const VERSION = "0.1.0"

/**
 * The widest line of the help.
 *
 * @since 0.4.0
 * @category constants
 */
export const HELP_WIDTH = 100

const cli = Command.run(quantive, {
  name: "quantive",
  version: VERSION,
  footer: HelpDoc.blocks([HelpDoc.h1("EXIT CODES"), HelpDoc.p(exitCodeTable)]),
})

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g

const visibleLength = (text: string) => text.replace(ANSI, "").length

/**
 * Wraps each line of `text` longer than `width` columns at spaces, continuing it under its first word (under the
 * text of a `- ` item); trailing spaces are dropped. A single word longer than the width stays whole.
 *
 * @since 0.4.0
 * @category rendering
 */
export const wrap = (text: string, width: number): string =>
  text.split("\n").map((line) => {
    const trimmed = line.trimEnd()
    if (visibleLength(trimmed) <= width) return trimmed
    const plain = trimmed.replace(ANSI, "")
    const indent = /^\s*(?:- )?/.exec(plain)![0].length
    const lines: Array<string> = []
    let current = trimmed.slice(0, indent)
    let empty = true
    for (const word of trimmed.slice(indent).split(/ +/)) {
      if (word === "") continue
      if (!empty && visibleLength(current) + 1 + visibleLength(word) > width) {
        lines.push(current)
        current = " ".repeat(indent)
        empty = true
      }
      current += empty ? word : ` ${word}`
      empty = false
    }
    lines.push(current)
    return lines.join("\n")
  }).join("\n")

/** A setting of the environment, read through `Config`; absent (or unreadable) is `undefined`. */
const setting = (name: string) =>
  Config.string(name).pipe(Config.option, Effect.map(Option.getOrUndefined), Effect.orElseSucceed(() => undefined))

/**
 * What `@effect/cli` prints (help, usage errors) goes to the `Stdio` service: wrapped to `HELP_WIDTH` columns, and
 * without colour codes when the stream is not a terminal or `NO_COLOR` is set.
 */
const throughStdio = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R | Stdio> =>
  Effect.gen(function* () {
    const stdio = yield* Stdio
    const noColor = (yield* setting("NO_COLOR")) !== undefined
    const console = yield* Effect.console
    const show = (args: ReadonlyArray<unknown>, terminal: boolean) => {
      const text = wrap(args.map((arg) => typeof arg === "string" ? arg : String(arg)).join(" "), HELP_WIDTH)
      return `${terminal && !noColor ? text : text.replace(ANSI, "")}\n`
    }
    return yield* Effect.withConsole(self, {
      ...console,
      log: (...args) => stdio.out(show(args, stdio.outIsTerminal)).pipe(Effect.ignore),
      error: (...args) => stdio.err(show(args, stdio.errIsTerminal)),
    })
  })

/**
 * Runs the CLI on `process.argv`-style arguments (the first two are the runtime and the script); succeeds with the
 * exit code.
 *
 * @since 0.2.0
 * @category running
 */
export const main = (argv: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const stdio = yield* Stdio
    const exit = yield* cli(argv).pipe(
      throughStdio,
      Effect.provide(CliConfig.layer({ showBuiltIns: false })),
      Effect.exit,
    )
    let code = 0
    if (Exit.isFailure(exit)) {
      // The messages of the client's errors are loaded only when something failed.
      const { describe } = yield* Effect.promise(() => import("./errors.ts"))
      const described = describe(exit.cause)
      code = described.code
      // The line may quote the server (its message, an id): control characters are shown escaped.
      if (described.line !== undefined) yield* stdio.err(`quantive: ${escapeForTerminal(described.line)}\n`)
      if ((yield* setting("QUANTIVE_DEBUG")) === "1") yield* stdio.err(`${Cause.pretty(exit.cause)}\n`)
    }
    if ((yield* setting("QUANTIVE_CLI_REPORT_RSS")) === "1") {
      const rss = yield* stdio.peakRssMiB
      if (rss !== undefined) yield* stdio.err(`quantive: peak rss ${rss} MiB\n`)
    }
    return code
  })
