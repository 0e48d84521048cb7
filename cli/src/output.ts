/**
 * Where rows go: a file (written to a private temporary file beside it and renamed into place only when complete,
 * so a failed or interrupted export never leaves a half file under the real name), a device or FIFO (written
 * directly), or stdout, with the stream's back-pressure respected so that memory stays flat however many rows are
 * written.
 *
 * @since 0.2.0
 */
import { Effect, Option, type Scope } from "effect"
import { randomBytes } from "node:crypto"
import {
  closeSync,
  constants,
  createWriteStream,
  fchmodSync,
  fchownSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
} from "node:fs"
import { basename, dirname, join } from "node:path"
import { isatty } from "node:tty"
import { CliFailure } from "./failure.ts"
import { Stdio, writer } from "./stdio.ts"

/**
 * @since 0.2.0
 * @category models
 */
export interface Output {
  /** True when rows go to a terminal (a person reads them; the progress bar steps aside for each write). */
  readonly toTerminal: boolean
  /** Writes text, waiting while the destination's buffer is full. */
  readonly write: (text: string) => Effect.Effect<void, CliFailure>
  /** Flushes and, for a file, moves it into place. Without `commit`, a file's temporary copy is removed. */
  readonly commit: Effect.Effect<void, CliFailure>
}

/**
 * The mode of a new `--out` file: owner read and write only, since an export holds personal data.
 *
 * @since 0.3.0
 * @category constants
 */
export const NEW_FILE_MODE = 0o600

/** Temporary files not yet committed or removed: removed on the way out, whatever ends the process. */
const temporaries = new Set<string>()
let exitHook = false

const removeTemporaries = () => {
  for (const path of temporaries) {
    try {
      rmSync(path, { force: true })
    } catch {
      // nothing more can be done while exiting
    }
  }
  temporaries.clear()
}

const code = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error)

const usage = (message: string) => new CliFailure({ kind: "usage", message })

const statOf = (path: string): Stats | undefined => {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

/** A device, FIFO or socket (`/dev/stdout`, `/dev/null`, a named pipe): written directly, with no temporary file. */
const openDirect = (path: string, fifo: boolean): Effect.Effect<Output, CliFailure, Scope.Scope> =>
  Effect.gen(function* () {
    const fd = yield* Effect.try({
      try: () => {
        if (!fifo || constants.O_NONBLOCK === undefined) return openSync(path, "w")
        // Opening a FIFO for writing waits for a reader; a non-blocking open fails at once instead when there is
        // none. The blocking descriptor is opened before the probe is closed, so a reader never sees an early end.
        const probe = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK)
        try {
          return openSync(path, "w")
        } finally {
          closeSync(probe)
        }
      },
      catch: (error) =>
        usage(
          fifo && code(error) === "ENXIO"
            ? `cannot write --out ${path}: nothing is reading it (for stdout, leave out --out or give --out -)`
            : `cannot write --out ${path}: ${code(error)} (for stdout, leave out --out or give --out -)`,
        ),
    })
    const stream = createWriteStream(path, { fd, highWaterMark: 1 << 16 })
    yield* Effect.addFinalizer(() => Effect.sync(() => stream.destroy()))
    return {
      toTerminal: isatty(fd),
      write: writer(stream, `--out ${path}`),
      commit: Effect.async<void, CliFailure>((resume) => {
        stream.end(() => resume(Effect.void))
      }),
    }
  })

/** The names of stdout: written as stdout is (a pipe, socket, file or terminal). */
const STDOUT = /^\/(dev\/stdout|dev\/fd\/1|proc\/self\/fd\/1)$/

/** The names of another open descriptor of this process (stderr when no number). */
const DESCRIPTOR = /^\/(?:dev\/stderr|dev\/fd\/(\d+)|proc\/self\/fd\/(\d+))$/

/** An already open descriptor (`/dev/stderr`, `/dev/fd/N`): written as it is, never closed. */
const openDescriptor = (path: string, fd: number): Effect.Effect<Output, CliFailure, Scope.Scope> =>
  Effect.gen(function* () {
    const stream = createWriteStream("", { fd, autoClose: false, highWaterMark: 1 << 16 })
    yield* Effect.addFinalizer(() => Effect.sync(() => stream.destroy()))
    return {
      toTerminal: isatty(fd),
      write: writer(stream, `--out ${path}`),
      commit: Effect.async<void, CliFailure>((resume) => {
        stream.end(() => resume(Effect.void))
      }),
    }
  })

/** How many fresh temporary names are tried before giving up. */
const ATTEMPTS = 8

/**
 * Creates the temporary file beside `path`: a fresh random name opened exclusively (`O_CREAT | O_EXCL`, so an
 * existing file or planted symlink is never opened), with the mode (and, when allowed, the owner) of the file it will
 * replace, or `NEW_FILE_MODE`.
 */
const createTemporary = (path: string, replaced: Stats | undefined): { readonly fd: number; readonly name: string } => {
  let lastError: unknown
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const name = join(dirname(path), `${basename(path)}.${randomBytes(8).toString("hex")}.partial`)
    let fd: number
    try {
      fd = openSync(name, "wx", NEW_FILE_MODE)
    } catch (error) {
      lastError = error
      if (code(error) === "EEXIST") continue
      throw error
    }
    temporaries.add(name)
    try {
      fchmodSync(fd, replaced === undefined ? NEW_FILE_MODE : replaced.mode & 0o777)
      if (replaced !== undefined) {
        try {
          fchownSync(fd, replaced.uid, replaced.gid)
        } catch {
          // only root may give a file away; the file is then the exporter's
        }
      }
    } catch (error) {
      closeSync(fd)
      rmSync(name, { force: true })
      temporaries.delete(name)
      throw error
    }
    return { fd, name }
  }
  throw lastError
}

/**
 * Opens the destination of `--out FILE` (or stdout when none is given, or `-`).
 *
 * A regular file is written to a temporary file beside it, named `<name>.<random>.partial`, created exclusively,
 * and renamed over `FILE` only when the export is complete; it is removed when the export fails or the process is
 * ended by a signal. The new file keeps the mode of the file it replaces; a new file gets `NEW_FILE_MODE`.
 * `/dev/stdout` is stdout, `/dev/stderr` and `/dev/fd/N` that descriptor; another device or a FIFO (a named pipe) is
 * written directly, and a FIFO nobody reads is refused.
 *
 * @since 0.2.0
 * @category constructors
 */
export const open = (out: Option.Option<string>): Effect.Effect<Output, CliFailure, Scope.Scope | Stdio> => {
  if (Option.isNone(out) || out.value === "-" || STDOUT.test(out.value)) {
    return Effect.map(Stdio, (stdio) => ({ toTerminal: stdio.outIsTerminal, write: stdio.out, commit: Effect.void }))
  }
  const path = out.value
  const descriptor = DESCRIPTOR.exec(path)
  if (descriptor !== null) return openDescriptor(path, Number(descriptor[1] ?? descriptor[2] ?? 2))
  const existing = statOf(path)
  if (existing !== undefined && existing.isDirectory()) {
    return Effect.fail(usage(`cannot write --out ${path}: it is a directory`))
  }
  if (existing !== undefined && !existing.isFile()) return openDirect(path, existing.isFIFO())
  if (existing !== undefined && /^\/(dev|proc)\//.test(path)) return openDirect(path, false)
  return Effect.gen(function* () {
    if (!exitHook) {
      exitHook = true
      process.on("exit", removeTemporaries)
    }
    const { fd, name } = yield* Effect.try({
      try: () => createTemporary(path, existing),
      catch: (error) => usage(`cannot create --out ${path}: ${code(error)}`),
    })
    const stream = createWriteStream(name, { fd, autoClose: false, highWaterMark: 1 << 16 })
    let closed = false
    const close = () => {
      if (closed) return
      closed = true
      closeSync(fd)
    }
    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        stream.destroy()
        try {
          close()
        } catch {
          // already closed
        }
        if (temporaries.delete(name)) rmSync(name, { force: true })
      })
    )
    return {
      toTerminal: false,
      write: writer(stream, `--out ${path}`),
      commit: Effect.async<void, CliFailure>((resume) => {
        stream.end((error?: Error | null) => {
          if (error) {
            return resume(Effect.fail(
              new CliFailure({ kind: "api", message: `cannot write --out ${path}: ${code(error)}` }),
            ))
          }
          try {
            fsyncSync(fd)
            close()
            renameSync(name, path)
            temporaries.delete(name)
            resume(Effect.void)
          } catch (error) {
            resume(Effect.fail(
              new CliFailure({ kind: "api", message: `cannot move the export into ${path}: ${code(error)}` }),
            ))
          }
        })
      }),
    }
  })
}
