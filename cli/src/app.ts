/**
 * The application: parses the command line, runs the command, prints the one-line message of a failure on stderr,
 * and answers the exit code.
 *
 * @since 0.2.0
 */
import { CliConfig, Command, HelpDoc } from "@effect/cli"
import { Cause, Console, Effect, Exit } from "effect"
import { quantive } from "./commands.ts"
import { describe, exitCodeTable } from "./errors.ts"
import { escapeForTerminal } from "./terminal.ts"

/**
 * The version printed by `--version`.
 *
 * @since 0.2.0
 * @category constants
 */
export const VERSION = "0.1.0"

const cli = Command.run(quantive, {
  name: "quantive",
  version: VERSION,
  footer: HelpDoc.blocks([HelpDoc.h1("EXIT CODES"), HelpDoc.p(exitCodeTable)]),
})

const ANSI = /\x1b\[[0-9;]*m/g

/** Help and usage errors without colour codes when the stream is not a terminal (or NO_COLOR is set). */
const plainWhenPiped = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Console.consoleWith((console) => {
    const plain = (tty: boolean | undefined) => (tty !== true || process.env.NO_COLOR !== undefined)
    const strip = (args: ReadonlyArray<unknown>) => args.map((a) => typeof a === "string" ? a.replace(ANSI, "") : a)
    return Effect.withConsole(self, {
      ...console,
      log: (...args) => console.log(...(plain(process.stdout.isTTY) ? strip(args) : args)),
      error: (...args) => console.error(...(plain(process.stderr.isTTY) ? strip(args) : args)),
    })
  })

/**
 * Runs the CLI on `process.argv`-style arguments; succeeds with the exit code.
 *
 * @since 0.2.0
 * @category running
 */
export const main = (argv: ReadonlyArray<string>) =>
  cli(argv).pipe(
    plainWhenPiped,
    Effect.provide(CliConfig.layer({ showBuiltIns: false })),
    Effect.exit,
    Effect.flatMap((exit) => {
      if (Exit.isSuccess(exit)) return Effect.succeed(0)
      const { code, line } = describe(exit.cause)
      return Effect.sync(() => {
        // The line may quote the server (its message, an id): control characters are shown escaped.
        if (line !== undefined) process.stderr.write(`quantive: ${escapeForTerminal(line)}\n`)
        if (process.env.QUANTIVE_DEBUG === "1") process.stderr.write(`${Cause.pretty(exit.cause)}\n`)
        return code
      })
    }),
    Effect.tap(() =>
      Effect.sync(() => {
        if (process.env.QUANTIVE_CLI_REPORT_RSS === "1") {
          process.stderr.write(`quantive: peak rss ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB\n`)
        }
      })
    ),
  )
