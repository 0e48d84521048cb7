/**
 * The process's standard streams as a service: what the commands write to stdout (waiting while its buffer is full)
 * and stderr, what they read from stdin, and what they know of the terminal. `layerNode` is the process's own
 * streams; `collect` keeps the text in memory, for running a command inside a test.
 *
 * @since 0.4.0
 */
import { Context, Effect, Layer, Stream } from "effect"
import type { Writable } from "node:stream"
import { CliFailure } from "./failure.ts"

/**
 * @since 0.4.0
 * @category models
 */
export interface Service {
  /**
   * Writes text to stdout, waiting while the stream's buffer is full. Fails with a `closed` `CliFailure` once the
   * reader has gone away (`… | head`).
   */
  readonly out: (text: string) => Effect.Effect<void, CliFailure>
  /** Writes text to stderr; a stderr nobody reads any more is ignored. */
  readonly err: (text: string) => Effect.Effect<void>
  /** True when stdout is a terminal. */
  readonly outIsTerminal: boolean
  /** True when stderr is a terminal (the progress bar is drawn only then). */
  readonly errIsTerminal: boolean
  /** The width of the terminal stderr is on, in columns, when it is one. */
  readonly columns: Effect.Effect<number | undefined>
  /** The bytes of stdin. */
  readonly stdin: Stream.Stream<Uint8Array, CliFailure>
  /** The peak resident memory of the process so far, in MiB, where the runtime reports it. */
  readonly peakRssMiB: Effect.Effect<number | undefined>
}

/**
 * The standard streams of the command.
 *
 * @since 0.4.0
 * @category tags
 */
export class Stdio extends Context.Tag("@effect-quantive/cli/Stdio")<Stdio, Service>() {}

/**
 * An `Effect` that writes to a Node `Writable`, resuming once the text is buffered (or, when the buffer is full,
 * once it drains). A stream error (an `EPIPE` when the reader has gone away) fails this and every later write.
 *
 * @since 0.4.0
 * @category constructors
 */
export const writer = (stream: Writable, what: string) => {
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
      if (text === "" || stream.write(text)) return resume(Effect.void)
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
 * The process's own stdin, stdout and stderr.
 *
 * @since 0.4.0
 * @category layers
 */
export const layerNode: Layer.Layer<Stdio> = Layer.sync(Stdio, () => {
  // The summary of a bulk command goes to stderr; if that reader is gone too (`2>&1 | head -1`), no one is left.
  process.stderr.on("error", () => {})
  return {
    out: writer(process.stdout, "to stdout"),
    err: (text) =>
      Effect.sync(() => {
        try {
          process.stderr.write(text)
        } catch {
          // stderr is gone: nothing left to tell
        }
      }),
    outIsTerminal: process.stdout.isTTY === true,
    errIsTerminal: process.stderr.isTTY === true,
    columns: Effect.sync(() => process.stderr.isTTY === true ? process.stderr.columns : undefined),
    stdin: Stream.fromAsyncIterable(
      process.stdin as AsyncIterable<Uint8Array>,
      () => new CliFailure({ kind: "usage", message: "cannot read stdin" }),
    ),
    peakRssMiB: Effect.sync(() => Math.round(process.resourceUsage().maxRSS / 1024)),
  }
})

/**
 * What `collect` gives: the layer, and the text written so far.
 *
 * @since 0.4.0
 * @category models
 */
export interface Collected {
  readonly layer: Layer.Layer<Stdio>
  readonly stdout: () => string
  readonly stderr: () => string
}

/**
 * Streams held in memory: stdin is `stdin`; stdout and stderr are collected. `terminal` makes both report a
 * terminal of `columns` columns (`stdoutTerminal` sets stdout apart); `closeStdoutAfter` makes stdout fail as a closed pipe does once that many writes
 * have been taken.
 *
 * @since 0.4.0
 * @category constructors
 */
export const collect = (options: {
  readonly stdin?: string | undefined
  readonly terminal?: boolean | undefined
  /** Whether stdout is a terminal, when it differs from stderr (`quantive … | head` on a terminal). */
  readonly stdoutTerminal?: boolean | undefined
  readonly columns?: number | undefined
  readonly closeStdoutAfter?: number | undefined
} = {}): Collected => {
  const out: Array<string> = []
  const err: Array<string> = []
  let writes = 0
  const closed = new CliFailure({ kind: "closed", message: "cannot write to stdout: EPIPE" })
  const layer = Layer.succeed(Stdio, {
    out: (text) =>
      Effect.suspend(() => {
        if (options.closeStdoutAfter !== undefined && writes >= options.closeStdoutAfter) return Effect.fail(closed)
        writes++
        out.push(text)
        return Effect.void
      }),
    err: (text) => Effect.sync(() => void err.push(text)),
    outIsTerminal: options.stdoutTerminal ?? options.terminal === true,
    errIsTerminal: options.terminal === true,
    columns: Effect.succeed(options.terminal === true ? options.columns ?? 80 : undefined),
    stdin: options.stdin === undefined ? Stream.empty : Stream.make(new TextEncoder().encode(options.stdin)),
    peakRssMiB: Effect.succeed(undefined),
  })
  return { layer, stdout: () => out.join(""), stderr: () => err.join("") }
}
