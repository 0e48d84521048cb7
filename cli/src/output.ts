/**
 * Where rows go: a file (written to a temporary name beside it and renamed into place only when complete, so a
 * failed export never leaves a half file under the real name) or stdout, with the stream's back-pressure respected so
 * that memory stays flat however many rows are written.
 *
 * @since 0.2.0
 */
import { Effect, Option, type Scope } from "effect"
import { closeSync, createWriteStream, openSync, renameSync, rmSync } from "node:fs"
import type { Writable } from "node:stream"
import { CliFailure } from "./errors.ts"

/**
 * @since 0.2.0
 * @category models
 */
export interface Output {
  /** True when rows go to stdout and stdout is a terminal (the progress bar then steps aside for each write). */
  readonly toTerminal: boolean
  /** Writes text, waiting while the destination's buffer is full. */
  readonly write: (text: string) => Effect.Effect<void, CliFailure>
  /** Flushes and, for a file, moves it into place. Without `commit`, a file's temporary copy is removed. */
  readonly commit: Effect.Effect<void, CliFailure>
}

const writer = (stream: Writable, what: string) => {
  let failure: CliFailure | undefined
  let waiting: ((error: CliFailure | undefined) => void) | undefined
  stream.on("error", (error: NodeJS.ErrnoException) => {
    failure = new CliFailure({
      kind: error.code === "EPIPE" ? "closed" : "api",
      message: `cannot write ${what}: ${error.code ?? error.message}`,
    })
    waiting?.(failure)
  })
  return (text: string): Effect.Effect<void, CliFailure> =>
    Effect.async<void, CliFailure>((resume) => {
      if (failure !== undefined) return resume(Effect.fail(failure))
      if (stream.write(text)) return resume(Effect.void)
      const done = (error: CliFailure | undefined) => {
        waiting = undefined
        stream.off("drain", onDrain)
        resume(error === undefined ? Effect.void : Effect.fail(error))
      }
      const onDrain = () => done(undefined)
      waiting = done
      stream.once("drain", onDrain)
    })
}

/**
 * Opens the destination of `--out FILE` (or stdout when none is given).
 *
 * @since 0.2.0
 * @category constructors
 */
export const open = (out: Option.Option<string>): Effect.Effect<Output, CliFailure, Scope.Scope> => {
  if (Option.isNone(out) || out.value === "-") {
    return Effect.succeed({
      toTerminal: process.stdout.isTTY === true,
      write: writer(process.stdout, "to stdout"),
      commit: Effect.void,
    })
  }
  const path = out.value
  const temporary = `${path}.${process.pid}.partial`
  return Effect.gen(function* () {
    const fd = yield* Effect.try({
      try: () => openSync(temporary, "w"),
      catch: (error) =>
        new CliFailure({
          kind: "usage",
          message: `cannot create --out ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        }),
    })
    const stream = createWriteStream(temporary, { fd, highWaterMark: 1 << 16 })
    let committed = false
    yield* Effect.addFinalizer(() =>
      committed ? Effect.void : Effect.sync(() => {
        stream.destroy()
        try {
          closeSync(fd)
        } catch {
          // already closed by the stream
        }
        rmSync(temporary, { force: true })
      })
    )
    return {
      toTerminal: false,
      write: writer(stream, `--out ${path}`),
      commit: Effect.async<void, CliFailure>((resume) => {
        stream.end(() => {
          try {
            renameSync(temporary, path)
            committed = true
            resume(Effect.void)
          } catch (error) {
            resume(Effect.fail(
              new CliFailure({
                kind: "api",
                message: `cannot move the export into ${path}: ${(error as NodeJS.ErrnoException).code}`,
              }),
            ))
          }
        })
      }),
    }
  })
}
