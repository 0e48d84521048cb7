/**
 * Where the CLI connects: the environment (`QUANTIVE_TOKEN`, `QUANTIVE_ACCOUNT_ID`, `QUANTIVE_REGION` or
 * `QUANTIVE_BASE_URL`), the connection flags (which win), or `--demo`, the embedded fake server with its seeded data.
 *
 * @since 0.2.0
 */
import { Options } from "@effect/cli"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Accounts, Badges, Quantive, type QuantiveClient, Retry, Users } from "@effect-quantive/client"
import { FakeQuantive } from "@effect-quantive/client/testing"
import { type ConfigError, Context, Effect, Layer, Option, Redacted } from "effect"
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs"
import { CliFailure } from "./errors.ts"

/**
 * The most users `--demo-users` gives the embedded account (the fake holds them all in memory: 10,000 take about
 * half a second and 180 MB to build).
 *
 * @since 0.3.0
 * @category constants
 */
export const MAX_DEMO_USERS = 10_000

/**
 * The connection flags every command takes. There is deliberately no `--token`: a token on the command line ends up
 * in the shell's history and in `ps`. `--token-file` reads any readable path, a pipe included (`<(pass show …)`);
 * `--account-id` works but warns, since it shows in `ps` and the history too.
 *
 * @since 0.2.0
 * @category options
 */
export const connectionOptions = {
  tokenFile: Options.text("token-file").pipe(
    Options.withDescription(
      "Read the API token from this file or pipe, e.g. <(pass show quantive) (default: QUANTIVE_TOKEN). " +
        "Keep a file private (chmod 600): one other users can read is warned about.",
    ),
    Options.optional,
  ),
  accountId: Options.text("account-id").pipe(
    Options.withDescription(
      "The account id (default: QUANTIVE_ACCOUNT_ID, which is preferred: a flag shows in ps and the shell history).",
    ),
    Options.optional,
  ),
  region: Options.choice("region", ["eu", "us"]).pipe(
    Options.withDescription("The region: eu (app.quantive.com) or us (default: QUANTIVE_REGION, else eu)."),
    Options.optional,
  ),
  baseUrl: Options.text("base-url").pipe(
    Options.withDescription("The API root without the version (default: QUANTIVE_BASE_URL)."),
    Options.optional,
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
  readonly tokenFile: Option.Option<string>
  readonly accountId: Option.Option<string>
  readonly region: Option.Option<"eu" | "us">
  readonly baseUrl: Option.Option<string>
  readonly demo: boolean
  readonly demoUsers: Option.Option<number>
}

/**
 * The account the command works on (what `Accounts.get` needs). Never printed.
 *
 * @since 0.2.0
 * @category tags
 */
export class AccountId extends Context.Tag("@effect-quantive/cli/AccountId")<AccountId, string>() {}

/**
 * What a command's handler gets: the services it uses, the pipeline itself (for `Quantive.request`), and the
 * account id.
 *
 * @since 0.2.0
 * @category models
 */
export type Services = Accounts | Users | Badges | QuantiveClient.QuantiveClient | AccountId

/** Where each setting came from, to name it (flag or variable) in a configuration error. */
interface Sources {
  readonly token: string
  readonly accountId: string
  readonly region: string
  readonly baseUrl: string
}

const env = (name: string): string | undefined => {
  const value = process.env[name]
  return value === undefined || value === "" ? undefined : value
}

const configFailure = (what: string, hint: string) => new CliFailure({ kind: "config", message: `${what}: ${hint}` })

const warn = (text: string) =>
  Effect.sync(() => {
    process.stderr.write(`quantive: warning: ${text}\n`)
  })

/**
 * Reads the token file: a regular file or anything else that can be read to its end (a pipe from `<(…)`, a FIFO,
 * `/dev/stdin`). Answers the token (trimmed) and, for a regular file, its permission bits; the path is never
 * echoed back with the token's content.
 */
const readTokenFile = (path: string): { readonly token: string; readonly mode: number | undefined } | string => {
  let fd: number
  try {
    fd = openSync(path, "r")
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === "ENOENT"
      ? "no such file"
      : code === "EACCES"
      ? "permission denied"
      : code === "EISDIR"
      ? "it is a directory"
      : `cannot open it (${code ?? "unknown error"})`
  }
  try {
    const stat = fstatSync(fd)
    if (stat.isDirectory()) return "it is a directory"
    return { token: readFileSync(fd, "utf8").trim(), mode: stat.isFile() ? stat.mode & 0o777 : undefined }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === "EISDIR" ? "it is a directory" : `cannot read it (${code ?? "unknown error"})`
  } finally {
    closeSync(fd)
  }
}

/** The retry policy of the CLI: the library's defaults (4 attempts, Retry-After honoured up to 60 s). */
const retry = Retry.defaultPolicy

/** The first setting a `ConfigError` names, and what is wrong with it. */
const firstProblem = (error: ConfigError.ConfigError): { readonly path: string; readonly message: string } => {
  switch (error._op) {
    case "And":
    case "Or":
      return firstProblem(error.left)
    case "InvalidData":
    case "MissingData":
    case "SourceUnavailable":
    case "Unsupported":
      return { path: error.path.join("."), message: error.message }
  }
}

const fromSettings = (
  options: Quantive.Options,
  sources: Sources,
): Layer.Layer<Services, CliFailure> =>
  Layer.mergeAll(Accounts.layer, Users.layer, Badges.layer).pipe(
    Layer.provideMerge(Quantive.layerClient(options)),
    Layer.merge(Layer.succeed(AccountId, options.accountId)),
    Layer.provide(FetchHttpClient.layer),
    Layer.mapError((error: ConfigError.ConfigError) => {
      const { path, message } = firstProblem(error)
      const where = path in sources ? sources[path as keyof Sources] : "the connection settings"
      return configFailure(`invalid ${where}`, message)
    }),
  )

const live = (flags: ConnectionFlags): Effect.Effect<Layer.Layer<Services, CliFailure>, CliFailure> =>
  Effect.gen(function* () {
    let token: string | undefined
    let tokenSource = "QUANTIVE_TOKEN"
    if (Option.isSome(flags.tokenFile)) {
      tokenSource = "--token-file"
      const read = readTokenFile(flags.tokenFile.value)
      if (typeof read === "string") {
        return yield* configFailure(`cannot read --token-file (${read})`, "check the path and its permissions")
      }
      token = read.token
      if (token === "") return yield* configFailure("the --token-file is empty", "put the API token in it")
      // As ssh does for a private key: a token file other users can read is a leaked token.
      if (read.mode !== undefined && (read.mode & 0o077) !== 0) {
        yield* warn(
          `--token-file is accessible to other users (mode ${read.mode.toString(8).padStart(4, "0")}); ` +
            "restrict it with chmod 600",
        )
      }
    } else {
      token = env("QUANTIVE_TOKEN")
      if (token === undefined) {
        return yield* configFailure(
          "no API token",
          "set QUANTIVE_TOKEN or pass --token-file FILE (tokens are issued in Settings → API tokens), or try --demo",
        )
      }
    }
    if (Option.isSome(flags.accountId)) {
      yield* warn("--account-id shows in ps and in the shell history; prefer QUANTIVE_ACCOUNT_ID")
    }
    const accountId = Option.getOrUndefined(flags.accountId) ?? env("QUANTIVE_ACCOUNT_ID")
    if (accountId === undefined) {
      return yield* configFailure("no account id", "set QUANTIVE_ACCOUNT_ID or pass --account-id ID")
    }
    // A flag replaces the variable of the same setting; region and base URL exclude each other.
    const flagRegion = Option.getOrUndefined(flags.region)
    const flagBaseUrl = Option.getOrUndefined(flags.baseUrl)
    const fromFlags = flagRegion !== undefined || flagBaseUrl !== undefined
    const region = fromFlags ? flagRegion : env("QUANTIVE_REGION")
    const baseUrl = fromFlags ? flagBaseUrl : env("QUANTIVE_BASE_URL")
    return fromSettings(
      { token: Redacted.make(token), accountId, region: region as Quantive.Region | undefined, baseUrl, retry },
      {
        token: tokenSource,
        accountId: Option.isSome(flags.accountId) ? "--account-id" : "QUANTIVE_ACCOUNT_ID",
        region: flagRegion !== undefined ? "--region" : "QUANTIVE_REGION",
        baseUrl: flagBaseUrl !== undefined ? "--base-url" : "QUANTIVE_BASE_URL",
      },
    )
  })

const demo = (flags: ConnectionFlags): Layer.Layer<Services, CliFailure> => {
  const users = Option.getOrElse(flags.demoUsers, () => 25)
  if (!Number.isSafeInteger(users) || users < 0 || users > MAX_DEMO_USERS) {
    return Layer.fail(
      new CliFailure({ kind: "usage", message: `--demo-users: give a whole number from 0 to ${MAX_DEMO_USERS}` }),
    )
  }
  return Layer.unwrapScoped(Effect.gen(function* () {
    const fake = FakeQuantive.make({ users })
    const server = yield* Effect.acquireRelease(
      Effect.promise(() => FakeQuantive.listen(fake)),
      (listening) => Effect.promise(() => listening.close()),
    )
    return fromSettings(
      { token: Redacted.make(fake.token), accountId: fake.accountId, baseUrl: server.baseUrl, retry },
      { token: "--demo", accountId: "--demo", region: "--demo", baseUrl: "--demo" },
    )
  }))
}

/**
 * The Quantive services for a command's connection flags: the fake server with `--demo`, the real API otherwise.
 * Fails with a configuration `CliFailure` naming the variable or flag to fix.
 *
 * @since 0.2.0
 * @category layers
 */
export const layer = (flags: ConnectionFlags): Layer.Layer<Services, CliFailure> =>
  flags.demo ? demo(flags) : Layer.unwrapEffect(live(flags))
