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
import { readFileSync } from "node:fs"
import { CliFailure } from "./errors.ts"

/**
 * The connection flags every command takes. There is deliberately no `--token`: a token on the command line ends up
 * in the shell's history and in `ps`.
 *
 * @since 0.2.0
 * @category options
 */
export const connectionOptions = {
  tokenFile: Options.file("token-file").pipe(
    Options.withDescription("Read the API token from this file (default: QUANTIVE_TOKEN)."),
    Options.optional,
  ),
  accountId: Options.text("account-id").pipe(
    Options.withDescription("The account id (default: QUANTIVE_ACCOUNT_ID)."),
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
    Options.withDescription("How many users the --demo account has (default 25)."),
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
      try {
        token = readFileSync(flags.tokenFile.value, "utf8").trim()
      } catch {
        return yield* configFailure("cannot read --token-file", "check the path and its permissions")
      }
      if (token === "") return yield* configFailure("the --token-file is empty", "put the API token in it")
    } else {
      token = env("QUANTIVE_TOKEN")
      if (token === undefined) {
        return yield* configFailure(
          "no API token",
          "set QUANTIVE_TOKEN or pass --token-file FILE (tokens are issued in Settings → API tokens), or try --demo",
        )
      }
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
  if (!Number.isSafeInteger(users) || users < 0) {
    return Layer.fail(new CliFailure({ kind: "usage", message: "--demo-users must be a non-negative integer" }))
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
