/**
 * The id lists of the bulk commands (`--ids FILE|-`, `--users FILE|-`): one id or email per line, or a CSV with a
 * header naming an `id` (or `userId`, `_id`) or `email` column; and their resolution to users, by id or by email,
 * through `Users.stream` with an `$in` filter (read-only requests).
 *
 * @since 0.2.0
 */
import * as FileSystem from "@effect/platform/FileSystem"
import { Users } from "@effect-quantive/client"
import { Chunk, Effect, Stream } from "effect"
import * as Csv from "../../core/src/csv.ts"
import { CliFailure } from "./failure.ts"
import { Stdio } from "./stdio.ts"

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

/** Why a file cannot be read, in a few words. */
const reason = (error: { readonly _tag: string; readonly message: string; readonly reason?: string }) =>
  error._tag === "SystemError" && error.reason === "NotFound"
    ? "no such file"
    : error._tag === "SystemError" && error.reason === "PermissionDenied"
    ? "permission denied"
    : error.reason ?? error.message

/**
 * Reads and parses the list from a file, or from stdin for `-`, a piece at a time: memory holds the ids and emails,
 * not the text. A list over `MAX_LIST_BYTES` is refused with a usage error.
 *
 * @since 0.2.0
 * @category parsing
 */
export const read = (
  source: string,
  flag: string,
): Effect.Effect<ReadonlyArray<Entry>, CliFailure, FileSystem.FileSystem | Stdio> =>
  Effect.gen(function* () {
    const what = `${flag} ${source}`
    let bytes: Stream.Stream<Uint8Array, CliFailure>
    if (source === "-") {
      bytes = (yield* Stdio).stdin.pipe(Stream.mapError(() => usage(`${what}: cannot read stdin`)))
    } else {
      const fs = yield* FileSystem.FileSystem
      const info = yield* fs.stat(source).pipe(
        Effect.mapError((error) => usage(`${what}: cannot read it (${reason(error)})`)),
      )
      if (info.type === "Directory") return yield* usage(`${what}: cannot read it (it is a directory)`)
      if (info.type === "File" && Number(info.size) > MAX_LIST_BYTES) {
        return yield* tooLarge(what, Number(info.size))
      }
      bytes = fs.stream(source, { chunkSize: FileSystem.KiB(64) }).pipe(
        Stream.mapError((error) => usage(`${what}: cannot read it (${reason(error)})`)),
      )
    }
    const decoder = new TextDecoder("utf-8")
    const csv = Csv.reader()
    const list = collector(what)
    const take = (records: Array<Array<string>> | string) =>
      typeof records === "string" ? usage(`${what}: not a valid list or CSV (${records})`) : list.records(records)
    let taken = 0
    yield* bytes.pipe(Stream.runForEach((chunk) =>
      Effect.suspend(() => {
        taken += chunk.length
        if (taken > MAX_LIST_BYTES) return Effect.fail(tooLarge(what, undefined))
        const failure = take(csv.push(decoder.decode(chunk, { stream: true })))
        return failure === undefined ? Effect.void : Effect.fail(failure)
      })
    ))
    const failure = take(csv.push(decoder.decode())) ?? take(csv.end())
    if (failure !== undefined) return yield* failure
    const entries = list.end()
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
 * Looks every entry up, by id or by email: a map from each entry's input to its user, with the entries that matched
 * no user left out. Emails match without regard to case (`LEA.KHAN@example.com` finds `lea.khan@example.com`): each
 * is looked up as given and in lower case, and the answers are compared in lower case. Only `GET /v2/users` requests.
 *
 * @since 0.2.0
 * @category resolving
 */
export const resolve = (entries: ReadonlyArray<Entry>) =>
  Effect.gen(function* () {
    const users = yield* Users
    const found = new Map<string, Resolved>()
    const lookup = (filter: Record<string, unknown>) =>
      users.stream({ filter, fields: ["email", "isActive"], pageSize: RESOLVE_BATCH }).pipe(
        Stream.runCollect,
        Effect.map(Chunk.toReadonlyArray),
      )
    const ids = entries.filter((e) => e.kind === "id").map((e) => e.input)
    for (let i = 0; i < ids.length; i += RESOLVE_BATCH) {
      for (const user of yield* lookup({ id: { $in: ids.slice(i, i + RESOLVE_BATCH) } })) {
        found.set(user.id, { id: user.id, email: user.email, isActive: user.isActive })
      }
    }
    // The inputs of each email, by its lower-case form.
    const emails = new Map<string, Array<string>>()
    for (const entry of entries) {
      if (entry.kind !== "email") continue
      const key = entry.input.toLowerCase()
      emails.set(key, [...(emails.get(key) ?? []), entry.input])
    }
    const keys = [...emails.keys()]
    for (let i = 0; i < keys.length; i += RESOLVE_BATCH / 2) {
      const batch = keys.slice(i, i + RESOLVE_BATCH / 2)
      const spellings = [...new Set(batch.flatMap((key) => [key, ...emails.get(key)!]))]
      for (const user of yield* lookup({ email: { $in: spellings } })) {
        if (user.email === undefined) continue
        for (const input of emails.get(user.email.toLowerCase()) ?? []) {
          found.set(input, { id: user.id, email: user.email, isActive: user.isActive })
        }
      }
    }
    return found
  })
