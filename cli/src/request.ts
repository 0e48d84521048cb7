/**
 * `quantive request METHOD PATH`: any endpoint through `Quantive.request`, so a raw call still gets the client's auth,
 * retries, back-off, redaction and typed errors. The answer is printed as JSON (on a terminal, with control
 * characters escaped).
 *
 * @since 0.2.0
 */
import { Quantive } from "@effect-quantive/client"
import { Effect, HashMap, Option } from "effect"
import { readFileSync } from "node:fs"
import { CliFailure } from "./errors.ts"
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

const readBody = (source: string): Effect.Effect<unknown, CliFailure> =>
  Effect.gen(function* () {
    const text = yield* Effect.tryPromise({
      try: async () => {
        if (source !== "-") return readFileSync(source, "utf8")
        const chunks: Array<Buffer> = []
        for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
        return Buffer.concat(chunks).toString("utf8")
      },
      catch: (error) => usage(`--body ${source}: cannot read it (${(error as NodeJS.ErrnoException).code})`),
    })
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
    // On a terminal, line by line (JSON holds no raw line break inside a string), with control characters escaped.
    process.stdout.write(process.stdout.isTTY === true ? text.split("\n").map(escapeForTerminal).join("\n") : text)
  })
