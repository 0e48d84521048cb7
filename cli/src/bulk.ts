/**
 * The bulk commands (`users deactivate|activate|invite`, `badges assign`): read the list, resolve every id or email
 * to a user (read-only), drop the entries that name a user an earlier entry already named, look up which users are
 * already in the target state, then either print what would change (`--dry-run`, nothing that changes data is sent)
 * or apply the change in batches, printing one result per entry. Every user is sent at most once per run, and a rerun
 * after an interruption reports the users already changed as `unchanged` instead of sending them again.
 *
 * A change whose request was sent but whose answer never came (a timeout, a connection lost mid-answer, Ctrl-C) is
 * reported `unknown`: it may have been applied. The summary (on stderr) is printed however the run ends: complete,
 * aborted by a 401/403/429, interrupted, or cut short because the reader of stdout went away. Exits non-zero when any
 * entry failed, is unknown, was not attempted, or did not resolve.
 *
 * @since 0.2.0
 */
import type { QuantiveError } from "@effect-quantive/client"
import { Effect, Either } from "effect"
import { describeApiError } from "./errors.ts"
import { CliFailure, ExitCode } from "./failure.ts"
import * as Ids from "./ids.ts"
import { Stdio } from "./stdio.ts"
import { escapeForTerminal } from "./terminal.ts"

/**
 * What a bulk command does.
 *
 * @since 0.2.0
 * @category models
 */
export interface Action<R> {
  /** The verb of the result lines: "deactivated", "invited", "assigned". */
  readonly done: string
  /** The verb of the dry run: "would deactivate". */
  readonly would: string
  /** Why a user needs no change ("already inactive"), or undefined. */
  readonly unchanged?: (user: Ids.Resolved) => string | undefined
  /**
   * Looks up (read-only) which of the users are already in the target state: a map from user id to why it needs no
   * change ("already invited"). Asked once, before anything is sent, and in a dry run too.
   *
   * @since 0.3.0
   */
  readonly alreadyDone?: (
    users: ReadonlyArray<Ids.Resolved>,
  ) => Effect.Effect<ReadonlyMap<string, string>, QuantiveError.QuantiveError, R>
  /** Applies the change to one batch of user ids; answers, per id, undefined for success or why it failed. */
  readonly apply: (
    ids: ReadonlyArray<string>,
  ) => Effect.Effect<ReadonlyMap<string, string | undefined>, QuantiveError.QuantiveError, R>
}

/**
 * The flags every bulk command takes.
 *
 * @since 0.2.0
 * @category models
 */
export interface BulkFlags {
  readonly source: string
  readonly flag: string
  readonly dryRun: boolean
  readonly json: boolean
  readonly batchSize: number
}

type Status = "would" | "done" | "unchanged" | "duplicate" | "not found" | "failed" | "unknown" | "not attempted"

const ORDER: ReadonlyArray<Status> = [
  "would",
  "done",
  "unchanged",
  "duplicate",
  "not found",
  "failed",
  "unknown",
  "not attempted",
]

interface Result {
  readonly entry: Ids.Entry
  readonly user: Ids.Resolved | undefined
  readonly status: Status
  readonly note?: string | undefined
}

interface Target {
  readonly entry: Ids.Entry
  readonly user: Ids.Resolved
}

/**
 * Whether a failed change may nevertheless have been applied: the request went out and its answer was lost (a
 * timeout, a reset or a body cut short after sending, an answer that could not be read). A connection that was never
 * made, and every status the server answered with, mean it was not applied.
 *
 * @since 0.3.0
 * @category errors
 */
export const mayHaveApplied = (error: QuantiveError.QuantiveError): boolean =>
  (error._tag === "TransportError" && error.reason !== "Connect") ||
  (error._tag === "DecodeError" && error.status >= 200 && error.status < 300)

/**
 * Runs a bulk command.
 *
 * @since 0.2.0
 * @category commands
 */
export const run = <R>(action: Action<R>, flags: BulkFlags) =>
  Effect.gen(function* () {
    const stdio = yield* Stdio
    if (!Number.isSafeInteger(flags.batchSize) || flags.batchSize < 1 || flags.batchSize > 1000) {
      return yield* new CliFailure({ kind: "usage", message: "--batch-size: give a whole number from 1 to 1000" })
    }
    // Read-only so far: an interruption here has nothing to report but that.
    const { already, entries, firstEntry, found } = yield* Effect.gen(function* () {
      const entries = yield* Ids.read(flags.source, flags.flag)
      const found = yield* Ids.resolve(entries)
      // Each user once per run: the first entry that names it stands for it, later ones are duplicates.
      const firstEntry = new Map<string, Ids.Entry>()
      const unique: Array<Ids.Resolved> = []
      for (const entry of entries) {
        const user = found.get(entry.input)
        if (user !== undefined && !firstEntry.has(user.id)) {
          firstEntry.set(user.id, entry)
          unique.push(user)
        }
      }
      const already = action.alreadyDone === undefined || unique.length === 0
        ? new Map<string, string>()
        : yield* action.alreadyDone(unique)
      return { already, entries, firstEntry, found }
    }).pipe(Effect.onInterrupt(() => stdio.err("interrupted: nothing was sent\n")))

    // Lines for stdout stop, instead of failing, when the reader goes away (`… | head -1`): the run then sends no
    // further change.
    let closed = false
    const write = (text: string) =>
      closed ? Effect.void : stdio.out(text).pipe(Effect.catchAll(() => Effect.sync(() => void (closed = true))))
    const counts = new Map<Status, number>()
    const labelOf = (status: Status) => status === "would" ? action.would : status === "done" ? action.done : status
    const print = (result: Result) => {
      const label = labelOf(result.status)
      if (flags.json) {
        return write(
          JSON.stringify({
            input: result.entry.input,
            id: result.user?.id ?? null,
            email: result.user?.email ?? null,
            status: label,
            ...(result.note === undefined ? {} : { note: result.note }),
          }) + "\n",
        )
      }
      const who = result.user === undefined
        ? result.entry.input
        : `${result.user.id.padEnd(24)}  ${result.user.email ?? ""}`
      const note = result.note === undefined ? "" : `  (${result.note})`
      return write(escapeForTerminal(`${label.padEnd(Math.max(18, label.length + 2))}${who}${note}`) + "\n")
    }
    const emit = (result: Result) =>
      Effect.suspend(() => {
        counts.set(result.status, (counts.get(result.status) ?? 0) + 1)
        return print(result)
      })
    const count = (status: Status, n: number) => {
      if (n > 0) counts.set(status, (counts.get(status) ?? 0) + n)
    }

    const targets: Array<Target> = []
    for (const entry of entries) {
      const user = found.get(entry.input)
      if (user === undefined) {
        yield* emit({ entry, user, status: "not found", note: `no user with this ${entry.kind}` })
        continue
      }
      const first = firstEntry.get(user.id)!
      if (first !== entry) {
        yield* emit({ entry, user, status: "duplicate", note: `same user as ${first.input}; sent once` })
        continue
      }
      const reason = action.unchanged?.(user) ?? already.get(user.id)
      if (reason !== undefined) yield* emit({ entry, user, status: "unchanged", note: reason })
      else if (flags.dryRun) yield* emit({ entry, user, status: "would" })
      else targets.push({ entry, user })
    }

    // What has been sent so far, for the summary however the run ends.
    let next = 0
    let inFlight: ReadonlyArray<Target> = []
    let stop: "interrupted" | "closed" | undefined
    let abort: QuantiveError.QuantiveError | undefined
    const summary = () => {
      const parts = ORDER.filter((status) => counts.has(status)).map((status) =>
        `${counts.get(status)} ${labelOf(status)}`
      )
      const head = stop === "interrupted" ? "interrupted: " : stop === "closed" ? "stopped, stdout was closed: " : ""
      const tail = flags.dryRun
        ? " (dry run: nothing was changed)"
        : counts.has("unknown")
        ? "; check the unknown ones (the change may have been applied), then rerun: users already changed show as " +
          "unchanged"
        : counts.has("not attempted")
        ? "; rerun to finish: users already changed show as unchanged"
        : ""
      return stdio.err(
        `${escapeForTerminal(`${head}${parts.length === 0 ? "nothing to do" : parts.join(", ")}`)}${tail}\n`,
      )
    }

    yield* Effect.gen(function* () {
      while (next < targets.length) {
        const batch = targets.slice(next, next + flags.batchSize)
        if (abort !== undefined) {
          for (const t of batch) yield* emit({ ...t, status: "not attempted" })
          next += batch.length
          continue
        }
        if (closed) {
          stop = "closed"
          count("not attempted", targets.length - next)
          next = targets.length
          break
        }
        inFlight = batch
        const outcome = yield* Effect.either(action.apply(batch.map((t) => t.user.id)))
        inFlight = []
        next += batch.length
        if (Either.isLeft(outcome)) {
          const { code, line } = describeApiError(outcome.left)
          const unknown = mayHaveApplied(outcome.left)
          for (const t of batch) {
            yield* emit({
              ...t,
              status: unknown ? "unknown" : "failed",
              note: unknown ? `may have been applied, check: ${line}` : line,
            })
          }
          if (code === ExitCode.auth || code === ExitCode.rateLimit) abort = outcome.left
          continue
        }
        for (const t of batch) {
          const failure = outcome.right.has(t.user.id) ? outcome.right.get(t.user.id) : "the server did not report it"
          yield* emit({ ...t, status: failure === undefined ? "done" : "failed", note: failure })
        }
      }
    }).pipe(
      Effect.onInterrupt(() =>
        Effect.gen(function* () {
          stop = "interrupted"
          for (const t of inFlight) {
            yield* emit({
              ...t,
              status: "unknown",
              note: "interrupted while the request was out: may have been applied, check",
            })
          }
          count("not attempted", targets.length - next - inFlight.length)
          yield* summary()
        })
      ),
    )
    yield* summary()
    if (abort !== undefined) return yield* Effect.fail(abort)
    const bad = ["not found", "failed", "unknown", "not attempted"].reduce(
      (sum, status) => sum + (counts.get(status as Status) ?? 0),
      0,
    )
    if (bad > 0) {
      return yield* new CliFailure({ kind: "partial", message: `${bad} entries failed, are unknown or were not done` })
    }
  })
