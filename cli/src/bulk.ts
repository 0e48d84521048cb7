/**
 * The bulk commands (`users deactivate|activate|invite`, `badges assign`): read the list, resolve every id or email
 * to a user (read-only), then either print what would change (`--dry-run`, nothing that changes data is sent) or
 * apply the change in batches, printing one result per entry. Exits non-zero when any entry failed or did not
 * resolve.
 *
 * @since 0.2.0
 */
import type { QuantiveError } from "@effect-quantive/client"
import { Effect, Either } from "effect"
import { CliFailure, describeApiError, ExitCode } from "./errors.ts"
import * as Ids from "./ids.ts"

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

type Status = "would" | "done" | "unchanged" | "not found" | "failed" | "not attempted"

interface Result {
  readonly entry: Ids.Entry
  readonly user: Ids.Resolved | undefined
  readonly status: Status
  readonly note?: string | undefined
}

const print = (action: Action<unknown>, json: boolean, result: Result) => {
  const label = result.status === "would" ? action.would : result.status === "done" ? action.done : result.status
  if (json) {
    process.stdout.write(
      JSON.stringify({
        input: result.entry.input,
        id: result.user?.id ?? null,
        email: result.user?.email ?? null,
        status: label,
        ...(result.note === undefined ? {} : { note: result.note }),
      }) + "\n",
    )
    return
  }
  const who = result.user === undefined
    ? result.entry.input
    : `${result.user.id.padEnd(24)}  ${result.user.email ?? ""}`
  process.stdout.write(
    `${label.padEnd(Math.max(18, label.length + 2))}${who}${result.note === undefined ? "" : `  (${result.note})`}\n`,
  )
}

/**
 * Runs a bulk command.
 *
 * @since 0.2.0
 * @category commands
 */
export const run = <R>(action: Action<R>, flags: BulkFlags) =>
  Effect.gen(function* () {
    if (!Number.isSafeInteger(flags.batchSize) || flags.batchSize < 1 || flags.batchSize > 1000) {
      return yield* new CliFailure({ kind: "usage", message: "--batch-size: give a whole number from 1 to 1000" })
    }
    const entries = yield* Ids.read(flags.source, flags.flag)
    const found = yield* Ids.resolve(entries)
    const counts = new Map<Status, number>()
    const emit = (result: Result) => {
      counts.set(result.status, (counts.get(result.status) ?? 0) + 1)
      print(action as Action<unknown>, flags.json, result)
    }
    const targets: Array<{ entry: Ids.Entry; user: Ids.Resolved }> = []
    for (const entry of entries) {
      const user = found.get(entry.input)
      if (user === undefined) {
        emit({ entry, user, status: "not found", note: `no user with this ${entry.kind}` })
        continue
      }
      const reason = action.unchanged?.(user)
      if (reason !== undefined) emit({ entry, user, status: "unchanged", note: reason })
      else if (flags.dryRun) emit({ entry, user, status: "would" })
      else targets.push({ entry, user })
    }
    let abort: QuantiveError.QuantiveError | undefined
    for (let i = 0; i < targets.length; i += flags.batchSize) {
      const batch = targets.slice(i, i + flags.batchSize)
      if (abort !== undefined) {
        for (const t of batch) emit({ ...t, status: "not attempted" })
        continue
      }
      // Two entries (an id and an email) may name the same user: send each id once.
      const outcome = yield* Effect.either(action.apply([...new Set(batch.map((t) => t.user.id))]))
      if (Either.isLeft(outcome)) {
        const { code, line } = describeApiError(outcome.left)
        for (const t of batch) emit({ ...t, status: "failed", note: line })
        if (code === ExitCode.auth || code === ExitCode.rateLimit) abort = outcome.left
        continue
      }
      for (const t of batch) {
        const failure = outcome.right.has(t.user.id) ? outcome.right.get(t.user.id) : "the server did not report it"
        emit({ ...t, status: failure === undefined ? "done" : "failed", note: failure })
      }
    }
    const summary = (["would", "done", "unchanged", "not found", "failed", "not attempted"] as const)
      .filter((status) => counts.has(status))
      .map((status) =>
        `${counts.get(status)} ${status === "would" ? action.would : status === "done" ? action.done : status}`
      )
      .join(", ")
    process.stderr.write(`${summary}${flags.dryRun ? " (dry run: nothing was changed)" : ""}\n`)
    if (abort !== undefined) return yield* Effect.fail(abort)
    const bad = (counts.get("not found") ?? 0) + (counts.get("failed") ?? 0)
    if (bad > 0) return yield* new CliFailure({ kind: "partial", message: `${bad} entries failed or did not resolve` })
  })
