/**
 * The progress bar of long jobs, on stderr, only when stderr is a terminal: count, total, percentage, rate and ETA,
 * redrawn at most ten times a second.
 *
 * @since 0.2.0
 */
import { escapeForTerminal } from "./terminal.ts"

/**
 * @since 0.2.0
 * @category models
 */
export interface Progress {
  /** Records progress and redraws (throttled). */
  readonly update: (count: number, total: number) => void
  /** Erases the bar (before something else is written to the same terminal); the next update redraws it. */
  readonly clear: () => void
  /** Draws the final state with a line end, and a summary (its control characters escaped). */
  readonly done: (summary: string) => void
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

const silent: Progress = { update: () => {}, clear: () => {}, done: () => {} }

/**
 * A progress bar on stderr when stderr is a terminal; one that prints nothing otherwise.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = (label: string, enabled: boolean = process.stderr.isTTY === true): Progress => {
  if (!enabled) return silent
  const started = Date.now()
  let last = 0
  let shown = false
  let count = 0
  let total = 0
  const draw = () => {
    process.stderr.write(`\r\x1b[2K${render(label, count, total, Date.now() - started)}`)
    shown = true
  }
  return {
    update: (c, t) => {
      count = c
      total = t
      const now = Date.now()
      if (now - last >= 100 || !shown) {
        last = now
        draw()
      }
    },
    clear: () => {
      if (shown) process.stderr.write("\r\x1b[2K")
      shown = false
    },
    done: (summary) => {
      draw()
      process.stderr.write(`\n${escapeForTerminal(summary)}\n`)
    },
  }
}
