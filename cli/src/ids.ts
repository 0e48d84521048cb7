/**
 * The id lists of the bulk commands (`--ids FILE|-`, `--users FILE|-`): one id or email per line, or a CSV with a
 * header naming an `id` (or `userId`, `_id`) or `email` column; and their resolution to users, by id or by email,
 * through `Users.stream` with an `$in` filter (read-only requests).
 *
 * @since 0.2.0
 */
import { Users } from "@effect-quantive/client"
import { Chunk, Effect, Stream } from "effect"
import { readFileSync } from "node:fs"
import * as Csv from "./csv.ts"
import { CliFailure } from "./errors.ts"

/**
 * One line of the list: an email when it holds `@`, an id otherwise.
 *
 * @since 0.2.0
 * @category models
 */
export interface Entry {
  readonly input: string
  readonly kind: "id" | "email"
}

const usage = (message: string) => new CliFailure({ kind: "usage", message })

const ID_COLUMNS = ["id", "userid", "_id", "user id"]
const EMAIL_COLUMNS = ["email", "e-mail", "mail", "emailaddress", "email address"]

/**
 * Parses an id list. Blank lines and lines starting with `#` are skipped; repeats are dropped (first kept).
 *
 * @since 0.2.0
 * @category parsing
 */
export const parse = (text: string, what: string): ReadonlyArray<Entry> | CliFailure => {
  const body = text.replace(/^\uFEFF/, "")
  const records = Csv.parse(body)
  if (typeof records === "string") return usage(`${what}: not a valid list or CSV (${records})`)
  const rows = records.filter((r) => !(r.length === 1 && (r[0]!.trim() === "" || r[0]!.trim().startsWith("#"))))
  if (rows.length === 0) return usage(`${what}: the list is empty; give one id or email per line`)
  const header = rows[0]!.map((cell) => cell.trim().toLowerCase())
  const idColumn = header.findIndex((cell) => ID_COLUMNS.includes(cell))
  const emailColumn = header.findIndex((cell) => EMAIL_COLUMNS.includes(cell))
  let values: Array<string>
  if (idColumn >= 0 || emailColumn >= 0) {
    values = rows.slice(1).map((row) => {
      const id = idColumn >= 0 ? (row[idColumn] ?? "").trim() : ""
      return id !== "" ? id : emailColumn >= 0 ? (row[emailColumn] ?? "").trim() : ""
    })
  } else if (rows.every((row) => row.length === 1)) {
    values = rows.map((row) => row[0]!.trim())
  } else {
    return usage(`${what}: a CSV needs a header row with an id or email column`)
  }
  const seen = new Set<string>()
  const entries: Array<Entry> = []
  for (const value of values) {
    if (value === "" || seen.has(value)) continue
    seen.add(value)
    entries.push({ input: value, kind: value.includes("@") ? "email" : "id" })
  }
  if (entries.length === 0) return usage(`${what}: no ids or emails found`)
  return entries
}

const readStdin = (): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    process.stdin.on("data", (chunk: Buffer) => chunks.push(chunk))
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    process.stdin.on("error", reject)
  })

/**
 * Reads and parses the list from a file, or from stdin for `-`.
 *
 * @since 0.2.0
 * @category parsing
 */
export const read = (source: string, flag: string): Effect.Effect<ReadonlyArray<Entry>, CliFailure> =>
  Effect.gen(function* () {
    const text = source === "-"
      ? yield* Effect.tryPromise({ try: readStdin, catch: () => usage(`${flag} -: cannot read stdin`) })
      : yield* Effect.try({
        try: () => readFileSync(source, "utf8"),
        catch: (error) => usage(`${flag} ${source}: cannot read it (${(error as NodeJS.ErrnoException).code})`),
      })
    const entries = parse(text, `${flag} ${source}`)
    return entries instanceof CliFailure ? yield* entries : entries
  })

/**
 * The user fields the bulk commands show and decide on.
 *
 * @since 0.2.0
 * @category models
 */
export interface Resolved {
  readonly id: string
  readonly email: string | undefined
  readonly isActive: boolean | undefined
}

/** How many ids or emails go into one `$in` filter. */
const RESOLVE_BATCH = 100

/**
 * Looks every entry up (by id or by email; emails match exactly): a map from each entry's input to its user, with
 * the entries that matched no user left out. Only `GET /v2/users` requests.
 *
 * @since 0.2.0
 * @category resolving
 */
export const resolve = (entries: ReadonlyArray<Entry>) =>
  Effect.gen(function* () {
    const users = yield* Users
    const found = new Map<string, Resolved>()
    for (const kind of ["id", "email"] as const) {
      const inputs = entries.filter((e) => e.kind === kind).map((e) => e.input)
      for (let i = 0; i < inputs.length; i += RESOLVE_BATCH) {
        const batch = inputs.slice(i, i + RESOLVE_BATCH)
        const filter = kind === "id" ? { id: { $in: batch } } : { email: { $in: batch } }
        const matched = yield* users.stream({ filter, fields: ["email", "isActive"], pageSize: RESOLVE_BATCH }).pipe(
          Stream.runCollect,
        )
        for (const user of Chunk.toReadonlyArray(matched)) {
          const key = kind === "id" ? user.id : user.email
          if (key !== undefined) found.set(key, { id: user.id, email: user.email, isActive: user.isActive })
        }
      }
    }
    return found
  })
