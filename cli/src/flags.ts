/**
 * The connection flags every command takes, each with the environment variable it falls back to (declared with
 * `Options.withFallbackConfig`, so read through `Config`).
 *
 * @since 0.4.0
 */
import { Options } from "@effect/cli"
import { Config, type Option, type Redacted } from "effect"

/**
 * The most users `--demo-users` gives the embedded account (the fake holds them all in memory: 10,000 take about
 * half a second and 180 MB to build).
 *
 * @since 0.3.0
 * @category constants
 */
export const MAX_DEMO_USERS = 10_000

/**
 * A connection setting and where it came from: the flag or the environment variable, named in messages.
 *
 * @since 0.4.0
 * @category models
 */
export interface Setting<A> {
  readonly value: A
  readonly source: string
}

/**
 * Where the token comes from: a file (or pipe) named by `--token-file`, or `QUANTIVE_TOKEN`.
 *
 * @since 0.4.0
 * @category models
 */
export type TokenSource =
  | { readonly _tag: "File"; readonly path: string }
  | { readonly _tag: "Variable"; readonly token: Redacted.Redacted<string> }

/** A text flag that falls back to an environment variable, remembering which of the two gave the value. */
const withVariable = (flag: string, variable: string) =>
  Options.text(flag).pipe(
    Options.map((value): Setting<string> => ({ value, source: `--${flag}` })),
    Options.withFallbackConfig(
      Config.string(variable).pipe(Config.map((value): Setting<string> => ({ value, source: variable }))),
    ),
    Options.optional,
  )

/**
 * The connection flags every command takes, each falling back to its environment variable. There is deliberately
 * no `--token`: a token on the command line ends up in the shell's history and in `ps`. `--token-file` reads any
 * readable path, a pipe included (`<(pass show …)`); `--account-id` works but warns, since it shows in `ps` and the
 * history too.
 *
 * @since 0.2.0
 * @category options
 */
export const connectionOptions = {
  token: Options.text("token-file").pipe(
    Options.map((path): TokenSource => ({ _tag: "File", path })),
    Options.withFallbackConfig(
      Config.redacted("QUANTIVE_TOKEN").pipe(Config.map((token): TokenSource => ({ _tag: "Variable", token }))),
    ),
    Options.withDescription(
      "Read the API token from this file or pipe, e.g. <(pass show quantive) (default: QUANTIVE_TOKEN). " +
        "Keep a file private (chmod 600): one other users can read is warned about.",
    ),
    Options.optional,
  ),
  accountId: withVariable("account-id", "QUANTIVE_ACCOUNT_ID").pipe(
    Options.withDescription(
      "The account id (default: QUANTIVE_ACCOUNT_ID, which is preferred: a flag shows in ps and the shell history).",
    ),
  ),
  region: withVariable("region", "QUANTIVE_REGION").pipe(
    Options.withDescription("The region: eu (app.quantive.com) or us (default: QUANTIVE_REGION, else eu)."),
  ),
  baseUrl: withVariable("base-url", "QUANTIVE_BASE_URL").pipe(
    Options.withDescription("The API root without the version (default: QUANTIVE_BASE_URL)."),
  ),
  demo: Options.boolean("demo").pipe(
    Options.withDescription("Run against the embedded fake server and its seeded data: no account needed."),
  ),
  demoUsers: Options.integer("demo-users").pipe(
    Options.withDescription(`How many users the --demo account has, 0-${MAX_DEMO_USERS} (default 25).`),
    Options.optional,
  ),
}

/**
 * The parsed connection flags.
 *
 * @since 0.2.0
 * @category models
 */
export interface ConnectionFlags {
  readonly token: Option.Option<TokenSource>
  readonly accountId: Option.Option<Setting<string>>
  readonly region: Option.Option<Setting<string>>
  readonly baseUrl: Option.Option<Setting<string>>
  readonly demo: boolean
  readonly demoUsers: Option.Option<number>
}
