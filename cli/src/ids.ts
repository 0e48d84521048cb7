/**
 * The id lists of the bulk commands (`--ids FILE|-`, `--users FILE|-`): one id or email per line, or a CSV with a
 * header naming an `id` (or `userId`, `_id`) or `email` column; and their resolution to users, by id or by email,
 * through `Users.stream` with an `$in` filter (read-only requests).
 *
 * @since 0.2.0
 */
import { Users } from "@effect-quantive/client"
import { Chunk, Effect, Stream } from "effect"
import { createReadStream, statSync } from "node:fs"
import type { Readable } from "node:stream"
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

/**
 * The largest list the bulk commands read, in bytes (64 MiB). A longer list is refused before it is read whole.
 *
 * @since 0.3.0
 * @category constants
 */
export const MAX_LIST_BYTES = 64 * 1024 * 1024

const ID_COLUMNS = ["id", "userid", "_id", "user id"]
const EMAIL_COLUMNS = ["email", "e-mail", "mail", "emailaddress", "email address"]

/** A copy of a value that holds no reference to the (larger) text it was sliced from. */
const detach = (value: string): string => value.length < 16 ? value : (" " + value).slice(1)

/**
 * Collects the entries of a list from its CSV records, one batch at a time, keeping only the ids and emails.
 */
const collector = (what: string) => {
  let header: "pending" | "none" | { readonly id: number; readonly email: number } = "pending"
  const seen = new Set<string>()
  const entries: Array<Entry> = []
  const add = (raw: string) => {
    const value = raw.trim()
    if (value === "" || seen.has(value)) return
    const kept = detach(value)
    seen.add(kept)
    entries.push({ input: kept, kind: kept.includes("@") ? "email" : "id" })
  }
  let rows = 0
  return {
    records: (records: ReadonlyArray<ReadonlyArray<string>>): CliFailure | undefined => {
      for (const row of records) {
        if (row.length === 1 && (row[0]!.trim() === "" || row[0]!.trim().startsWith("#"))) continue
        rows++
        if (header === "pending") {
          const cells = row.map((cell) => cell.trim().toLowerCase())
          const id = cells.findIndex((cell) => ID_COLUMNS.includes(cell))
          const email = cells.findIndex((cell) => EMAIL_COLUMNS.includes(cell))
          if (id >= 0 || email >= 0) {
            header = { id, email }
            continue
          }
          header = "none"
        }
        if (header === "none") {
          if (row.length !== 1) return usage(`${what}: a CSV needs a header row with an id or email column`)
          add(row[0]!)
        } else {
          const id = header.id >= 0 ? (row[header.id] ?? "").trim() : ""
          add(id !== "" ? id : header.email >= 0 ? (row[header.email] ?? "") : "")
        }
      }
      return undefined
    },
    end: (): ReadonlyArray<Entry> | CliFailure => {
      if (rows === 0) return usage(`${what}: the list is empty; give one id or email per line`)
      if (entries.length === 0) return usage(`${what}: no ids or emails found`)
      return entries
    },
  }
}

/**
 * Parses an id list. Blank lines and lines starting with `#` are skipped; repeats are dropped (first kept).
 *
 * @since 0.2.0
 * @category parsing
 */
export const parse = (text: string, what: string): ReadonlyArray<Entry> | CliFailure => {
  const csv = Csv.reader()
  const list = collector(what)
  for (const records of [csv.push(text.replace(/^\uFEFF/, "")), csv.end()]) {
    if (typeof records === "string") return usage(`${what}: not a valid list or CSV (${records})`)
    const failure = list.records(records)
    if (failure !== undefined) return failure
  }
  return list.end()
}

const bytes = (n: number) => `${n.toLocaleString("en-US")} bytes`

const tooLarge = (what: string, size: number | undefined) =>
  usage(
    `${what}: the list is ${size === undefined ? "larger than 64 MiB" : bytes(size)}; the CLI reads at most 64 MiB ` +
      `(${bytes(MAX_LIST_BYTES)}). Keep only the id or email column (e.g. cut -d, -f1 users.csv > ids.txt) or ` +
      "split the list",
  )

/**
 * Reads the list a piece at a time, parsing as it goes: memory holds the ids and emails, not the text.
 */
const readList = async (
  source: string,
  what: string,
  signal: AbortSignal,
): Promise<ReadonlyArray<Entry> | CliFailure> => {
  if (source !== "-") {
    let size: number
    try {
      const stats = statSync(source)
      if (stats.isDirectory()) return usage(`${what}: cannot read it (it is a directory)`)
      size = stats.isFile() ? stats.size : 0
    } catch (error) {
      return usage(`${what}: cannot read it (${(error as NodeJS.ErrnoException).code})`)
    }
    if (size > MAX_LIST_BYTES) return tooLarge(what, size)
  }
  const input: Readable = source === "-" ? process.stdin : createReadStream(source, { highWaterMark: 1 << 16 })
  const decoder = new TextDecoder("utf-8")
  const csv = Csv.reader()
  const list = collector(what)
  const take = (records: Array<Array<string>> | string) =>
    typeof records === "string" ? usage(`${what}: not a valid list or CSV (${records})`) : list.records(records)
  let taken = 0
  const stop = () => {
    if (source !== "-") input.destroy()
  }
  signal.addEventListener("abort", stop)
  try {
    for await (const chunk of input) {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk as Buffer
      taken += buffer.length
      if (taken > MAX_LIST_BYTES) return tooLarge(what, undefined)
      const failure = take(csv.push(decoder.decode(buffer, { stream: true })))
      if (failure !== undefined) return failure
    }
    const failure = take(csv.push(decoder.decode())) ?? take(csv.end())
    return failure ?? list.end()
  } catch (error) {
    return source === "-"
      ? usage(`${what}: cannot read stdin`)
      : usage(`${what}: cannot read it (${(error as NodeJS.ErrnoException).code})`)
  } finally {
    signal.removeEventListener("abort", stop)
    stop()
  }
}

/**
 * Reads and parses the list from a file, or from stdin for `-`, a piece at a time. A list over `MAX_LIST_BYTES` is
 * refused with a usage error.
 *
 * @since 0.2.0
 * @category parsing
 */
export const read = (source: string, flag: string): Effect.Effect<ReadonlyArray<Entry>, CliFailure> =>
  Effect.gen(function* () {
    const what = `${flag} ${source}`
    const entries = yield* Effect.tryPromise({
      try: (signal) => readList(source, what, signal),
      catch: () => usage(`${what}: cannot read it`),
    })
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
