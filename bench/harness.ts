/**
 * The bench's measuring tools: interleaved rounds with medians, a peak-RSS sampler, and the table.
 */

/** A measured variant: its median time over the rounds, and what it did. */
export interface Sample {
  readonly name: string
  readonly medianMs: number
  readonly runs: number
  /** Items (users, calls) the last run produced. */
  readonly items: number
  /** API requests the last run sent (counted by the static server). */
  readonly requests: number
  /** The peak RSS of the variant's own process. */
  readonly peakRss: number
}

/** A run timed where it ran (in a variant worker): its time, its items, that process's peak RSS so far. */
export interface Timed {
  readonly ms: number
  readonly items: number
  readonly rss: number
}

/** One run of a variant, timed in the process it ran in. */
export type Run = () => Promise<Timed>

export const median = (xs: ReadonlyArray<number>): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Runs the variants interleaved (round after round, each variant once per round, after one warm-up run each) and
 * answers each one's median. `requests` reads and resets the static server's request count. Each round starts at the
 * next variant, so that no variant always runs after the same one.
 */
export const interleaved = async (
  variants: ReadonlyArray<readonly [string, Run]>,
  rounds: number,
  requests: () => Promise<number>,
): Promise<Array<Sample>> => {
  const times = variants.map(() => [] as Array<number>)
  const items = variants.map(() => 0)
  const counts = variants.map(() => 0)
  const rss = variants.map(() => 0)
  for (const [, run] of variants) await run()
  await requests()
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (round + k) % variants.length
      const result = await variants[i]![1]()
      items[i] = result.items
      times[i]!.push(result.ms)
      rss[i] = Math.max(rss[i]!, result.rss)
      counts[i] = await requests()
    }
  }
  return variants.map(([name], i) => ({
    name,
    medianMs: median(times[i]!),
    runs: rounds,
    items: items[i]!,
    requests: counts[i]!,
    peakRss: rss[i]!,
  }))
}

/** Samples this process's RSS every few milliseconds; `stop` answers the peak in bytes. */
export const rssSampler = (everyMillis = 5) => {
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss()
    if (rss > peak) peak = rss
  }, everyMillis)
  return {
    peak: () => Math.max(peak, process.memoryUsage.rss()),
    stop: () => {
      clearInterval(timer)
      return Math.max(peak, process.memoryUsage.rss())
    },
  }
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

/** One line of the printed table. */
export interface Row {
  readonly runtime: string
  readonly figure: string
  readonly measured: string
  readonly ratio: number
  readonly goal: number
  readonly detail: string
}

export const verdict = (row: Row) => (row.ratio <= row.goal ? "meets" : "misses")

export const printTable = (rows: ReadonlyArray<Row>) => {
  const header = ["runtime", "figure", "ratio", "goal", "verdict", "measured", "detail"]
  const cells = rows.map((row) => [
    row.runtime,
    row.figure,
    `${row.ratio.toFixed(2)}x`,
    `<= ${row.goal}x`,
    verdict(row),
    row.measured,
    row.detail,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: ReadonlyArray<string>) => `| ${c.map((s, i) => s.padEnd(widths[i]!)).join(" | ")} |`
  console.log(line(header))
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`)
  for (const c of cells) console.log(line(c))
}
