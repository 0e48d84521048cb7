/**
 * Where the CLI connects: the environment (`QUANTIVE_TOKEN`, `QUANTIVE_ACCOUNT_ID`, `QUANTIVE_REGION` or
 * `QUANTIVE_BASE_URL`), the connection flags (which win), or `--demo`, the embedded fake server with its seeded data.
 *
 * @since 0.2.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as FileSystem from "@effect/platform/FileSystem"
import { Accounts, Badges, Quantive, type QuantiveClient, Retry, Users } from "@effect-quantive/client"
import { FakeQuantive } from "@effect-quantive/client/testing"
import { type ConfigError, Context, Effect, Layer, Option, Redacted } from "effect"
import { CliFailure } from "./failure.ts"
import { type ConnectionFlags, MAX_DEMO_USERS, type Setting } from "./flags.ts"
import { Stdio } from "./stdio.ts"

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

const configFailure = (what: string, hint: string) => new CliFailure({ kind: "config", message: `${what}: ${hint}` })

const warn = (text: string) => Effect.flatMap(Stdio, (stdio) => stdio.err(`quantive: warning: ${text}\n`))

const REASONS: Readonly<Record<string, string>> = {
  NotFound: "no such file",
  PermissionDenied: "permission denied",
}

/**
 * Reads the token file: a regular file or anything else that can be read to its end (a pipe from `<(…)`, a FIFO,
 * `/dev/stdin`). Answers the token (trimmed) and, for a regular file, its permission bits; fails with why it cannot
 * be read, never with its content.
 */
const readTokenFile = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const info = yield* fs.stat(path)
    if (info.type === "Directory") return yield* Effect.fail("it is a directory")
    const text = yield* fs.readFileString(path)
    return { token: text.trim(), mode: info.type === "File" ? info.mode & 0o777 : undefined }
  }).pipe(
    Effect.catchTag("SystemError", (error) => Effect.fail(REASONS[error.reason] ?? `cannot read it (${error.reason})`)),
    Effect.catchTag("BadArgument", () => Effect.fail("cannot read it")),
  )

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

/** The regions `--region` and `QUANTIVE_REGION` name. */
const REGIONS: ReadonlyArray<string> = ["eu", "us"]

/** A setting's value, when it is given and not empty. */
const given = <A>(setting: Option.Option<Setting<A>>): Setting<A> | undefined =>
  Option.isSome(setting) && setting.value.value !== "" ? setting.value : undefined

const live = (
  flags: ConnectionFlags,
): Effect.Effect<Layer.Layer<Services, CliFailure>, CliFailure, FileSystem.FileSystem | Stdio> =>
  Effect.gen(function* () {
    let token: Redacted.Redacted<string>
    const source = Option.getOrUndefined(flags.token)
    if (source?._tag === "File") {
      const read = yield* readTokenFile(source.path).pipe(
        Effect.mapError((reason) =>
          configFailure(`cannot read --token-file (${reason})`, "check the path and its permissions")
        ),
      )
      if (read.token === "") return yield* configFailure("the --token-file is empty", "put the API token in it")
      token = Redacted.make(read.token)
      // As ssh does for a private key: a token file other users can read is a leaked token.
      if (read.mode !== undefined && (read.mode & 0o077) !== 0) {
        yield* warn(
          `--token-file is accessible to other users (mode ${read.mode.toString(8).padStart(4, "0")}); ` +
            "restrict it with chmod 600",
        )
      }
    } else if (source !== undefined && Redacted.value(source.token) !== "") {
      token = source.token
    } else {
      return yield* configFailure(
        "no API token",
        "set QUANTIVE_TOKEN or pass --token-file FILE (tokens are issued in Settings → API tokens), or try --demo",
      )
    }
    const accountId = given(flags.accountId)
    if (accountId === undefined) {
      return yield* configFailure("no account id", "set QUANTIVE_ACCOUNT_ID or pass --account-id ID")
    }
    if (accountId.source === "--account-id") {
      yield* warn("--account-id shows in ps and in the shell history; prefer QUANTIVE_ACCOUNT_ID")
    }
    // A flag replaces the variable of the same setting; region and base URL exclude each other, so a flag for one
    // also sets the variable of the other aside.
    let region = given(flags.region)
    let baseUrl = given(flags.baseUrl)
    const isFlag = (setting: Setting<string> | undefined) => setting?.source.startsWith("--") === true
    if (isFlag(region) || isFlag(baseUrl)) {
      if (!isFlag(region)) region = undefined
      if (!isFlag(baseUrl)) baseUrl = undefined
    }
    return fromSettings(
      {
        token,
        accountId: accountId.value,
        region: region?.value as Quantive.Region | undefined,
        baseUrl: baseUrl?.value,
        retry,
      },
      {
        token: source?._tag === "File" ? "--token-file" : "QUANTIVE_TOKEN",
        accountId: accountId.source,
        region: region?.source ?? "QUANTIVE_REGION",
        baseUrl: baseUrl?.source ?? "QUANTIVE_BASE_URL",
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
export const layer = (
  flags: ConnectionFlags,
): Layer.Layer<Services, CliFailure, FileSystem.FileSystem | Stdio> => {
  const region = given(flags.region)
  if (region !== undefined && !REGIONS.includes(region.value)) {
    // Checked with --demo too, so that a typo is caught before it meets the real API.
    return Layer.fail(configFailure(`invalid ${region.source}`, `unknown region "${region.value}": give eu or us`))
  }
  return flags.demo ? demo(flags) : Layer.unwrapEffect(live(flags))
}
