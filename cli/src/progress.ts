/**
 * The progress bar of long jobs, on stderr, only when stderr is a terminal: count, total, percentage, rate and ETA,
 * redrawn at most ten times a second, on one line that never wraps (it is cut to the terminal's width), and erased
 * however the job ends (complete, failed, interrupted, stdout closed) so that the next output starts on a clean line.
 *
 * @since 0.2.0
 */
import { Clock, Effect, type Scope } from "effect"
import { Stdio } from "./stdio.ts"
import { escapeForTerminal } from "./terminal.ts"

/**
 * @since 0.2.0
 * @category models
 */
export interface Progress {
  /** Records progress and redraws (at most ten times a second). */
  readonly update: (count: number, total: number) => Effect.Effect<void>
  /** Erases the bar (before something else is written to the same terminal); the next update redraws it. */
  readonly clear: Effect.Effect<void>
  /** Draws the final state with a line end, and a summary (its control characters escaped). */
  readonly done: (summary: string) => Effect.Effect<void>
}

const number = new Intl.NumberFormat("en-US")

const clock = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return "--:--"
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const pad = (n: number) => String(n).padStart(2, "0")
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`
}

/**
 * One line of the bar: `users  [########----------------]  1,200/2,000  60%  350/s  ETA 00:02`.
 *
 * @since 0.2.0
 * @category rendering
 */
export const render = (label: string, count: number, total: number, elapsedMillis: number): string => {
  const width = 24
  const ratio = total > 0 ? Math.min(1, count / total) : 1
  const filled = Math.round(ratio * width)
  const rate = elapsedMillis > 0 ? count / (elapsedMillis / 1000) : 0
  const eta = rate > 0 ? (total - count) / rate : Infinity
  return `${label}  [${"#".repeat(filled)}${"-".repeat(width - filled)}]  ${number.format(count)}/${
    number.format(total)
  }  ${Math.floor(ratio * 100)}%  ${number.format(Math.round(rate))}/s  ETA ${clock(eta)}`
}

/**
 * A line cut to fit a terminal of `columns` columns without wrapping (one column is left free: some terminals wrap
 * a line that fills the last column).
 *
 * @since 0.4.0
 * @category rendering
 */
export const fit = (line: string, columns: number | undefined): string =>
  columns === undefined || columns <= 1 || line.length < columns ? line : line.slice(0, columns - 1)

/** Moves to the start of the line and erases it. */
const ERASE = "\r\x1b[2K"

const silent: Progress = { update: () => Effect.void, clear: Effect.void, done: () => Effect.void }

/**
 * A progress bar on stderr when stderr is a terminal; one that prints nothing otherwise. The bar is erased when the
 * scope closes with the bar still drawn (an interruption, a failure, a closed stdout).
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = (label: string): Effect.Effect<Progress, never, Stdio | Scope.Scope> =>
  Effect.gen(function* () {
    const stdio = yield* Stdio
    if (!stdio.errIsTerminal) return silent
    const started = yield* Clock.currentTimeMillis
    let last = 0
    let shown = false
    let count = 0
    let total = 0
    const draw = Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const columns = yield* stdio.columns
      yield* stdio.err(`${ERASE}${fit(render(label, count, total, now - started), columns)}`)
      shown = true
    })
    const clear = Effect.suspend(() => {
      if (!shown) return Effect.void
      shown = false
      return stdio.err(ERASE)
    })
    yield* Effect.addFinalizer(() => clear)
    return {
      update: (c, t) =>
        Effect.gen(function* () {
          count = c
          total = t
          const now = yield* Clock.currentTimeMillis
          if (now - last >= 100 || !shown) {
            last = now
            yield* draw
          }
        }),
      clear,
      done: (summary) =>
        Effect.gen(function* () {
          yield* draw
          shown = false
          yield* stdio.err(`\n${escapeForTerminal(summary)}\n`)
        }),
    }
  })
