/**
 * The drift reports of one client (tolerant decoding): one report per (operation, field shape), bounded.
 *
 * @internal
 */

/** One report: an operation's field off its schema, how many times, and the first problem seen (redacted). */
export interface Report {
  readonly operation: string
  /** The field's shape: `items[].customFields.*.value`. */
  readonly path: string
  count: number
  readonly message: string
}

/**
 * The most distinct (operation, field shape) drift reports kept by one client. Past it, drifts of a new shape are
 * counted together under one report, operation and path `DRIFT_OVERFLOW`, which is also their metric's tags: the
 * reports, their warnings and the counter's series stay bounded whatever the server sends.
 *
 * @internal
 */
export const MAX_DRIFT_REPORTS = 256

/** The operation and path of the report counting the drifts past `MAX_DRIFT_REPORTS` shapes. @internal */
export const DRIFT_OVERFLOW = "(other fields)"

/** The overflow report's key: every other key holds a NUL between operation and path. */
const OVERFLOW_KEY = "overflow"

/**
 * The drifts one client has seen, by operation and field shape; owned by the client (each layer builds its own).
 *
 * @internal
 */
export class DriftLog {
  private readonly reports = new Map<string, Report>()

  /** The report a drift of this operation and shape counts in, and whether it is new (the first of its kind). */
  reportOf(operation: string, path: string, message: string): readonly [Report, boolean] {
    const reports = this.reports
    const key = `${operation}\u0000${path}`
    const seen = reports.get(key) ?? (reports.size < MAX_DRIFT_REPORTS ? undefined : reports.get(OVERFLOW_KEY))
    if (seen !== undefined) return [seen, false]
    const fresh: Report = reports.size < MAX_DRIFT_REPORTS
      ? { operation, path, count: 0, message }
      : { operation: DRIFT_OVERFLOW, path: DRIFT_OVERFLOW, count: 0, message }
    reports.set(fresh.operation === DRIFT_OVERFLOW ? OVERFLOW_KEY : key, fresh)
    return [fresh, true]
  }

  /** Every report so far, as copies. */
  snapshot(): ReadonlyArray<Readonly<Report>> {
    return [...this.reports.values()].map((report) => ({ ...report }))
  }
}

