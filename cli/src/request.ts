/**
 * `quantive request METHOD PATH`: any endpoint through `Quantive.request`, so a raw call still gets the client's auth,
 * retries, back-off, redaction and typed errors. The answer is printed as JSON (on a terminal, with control
 * characters escaped).
 *
 * @since 0.2.0
 */
import * as FileSystem from "@effect/platform/FileSystem"
import { Quantive } from "@effect-quantive/client"
import { Effect, HashMap, Option, Stream } from "effect"
import { CliFailure } from "./failure.ts"
import { Stdio } from "./stdio.ts"
import { escapeForTerminal } from "./terminal.ts"

/**
 * The parsed flags of `request`.
 *
 * @since 0.2.0
 * @category models
 */
export interface RequestFlags {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  readonly path: string
  readonly query: Option.Option<HashMap.HashMap<string, string>>
  readonly body: Option.Option<string>
}

/** The statuses a raw call maps to their own tags (the rest arrive as `UnexpectedStatus`). */
const STATUSES = [400, 402, 403, 404, 409, 423] as const

const send = (flags: RequestFlags, query: Readonly<Record<string, string>>, body: unknown) =>
  Quantive.request({
    method: flags.method,
    path: flags.path,
    query,
    ...(body === undefined ? {} : { body }),
    statuses: STATUSES,
  })

const usage = (message: string) => new CliFailure({ kind: "usage", message })

const readBody = (source: string): Effect.Effect<unknown, CliFailure, FileSystem.FileSystem | Stdio> =>
  Effect.gen(function* () {
    const text = source === "-"
      ? yield* Effect.flatMap(Stdio, (stdio) => stdio.stdin.pipe(Stream.decodeText(), Stream.mkString))
      : yield* Effect.flatMap(FileSystem.FileSystem, (fs) => fs.readFileString(source)).pipe(
        Effect.mapError((error) =>
          usage(`--body ${source}: cannot read it (${error._tag === "SystemError" ? error.reason : error.message})`)
        ),
      )
    return yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: () => usage(`--body ${source}: not JSON`),
    })
  })

/**
 * Runs the call and prints its answer.
 *
 * @since 0.2.0
 * @category commands
 */
export const run = (flags: RequestFlags) =>
  Effect.gen(function* () {
    if (!/^\/v\d+\//.test(flags.path)) {
      return yield* usage(`PATH must start with the API version, e.g. /v1/badges or /v2/goals (got ${flags.path})`)
    }
    if (flags.path.includes("?")) return yield* usage("PATH takes no query string: pass --query key=value instead")
    const query = Option.match(flags.query, {
      onNone: () => ({}),
      onSome: (map) => Object.fromEntries(HashMap.toEntries(map)),
    })
    const body = Option.isSome(flags.body) ? yield* readBody(flags.body.value) : undefined
    if (body !== undefined && (flags.method === "GET" || flags.method === "DELETE")) {
      return yield* usage(`--body: a ${flags.method} request takes no body`)
    }
    const value: unknown = yield* send(flags, query, body)
    const text = value === undefined ? "" : JSON.stringify(value, null, 2) + "\n"
    const stdio = yield* Stdio
    // On a terminal, line by line (JSON holds no raw line break inside a string), with control characters escaped.
    yield* stdio.out(stdio.outIsTerminal ? text.split("\n").map(escapeForTerminal).join("\n") : text)
  })
