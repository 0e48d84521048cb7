// Test helpers: a fake Quantive on a loopback socket in the test process; the CLI run in this process (its output
// collected, its environment a map) or spawned as the bundled executable; and an RFC 4180 parser of our own
// (independent of the CLI's) to read its CSV back.
import * as NodeContext from "@effect/platform-node/NodeContext"
import { FakeQuantive } from "@effect-quantive/client/testing"
import { Cause, ConfigProvider, Effect, Layer } from "effect"
import { type ChildProcess, spawn } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { main } from "../src/app.ts"
import * as Stdio from "../src/stdio.ts"

export const cliRoot = join(dirname(fileURLToPath(import.meta.url)), "..")
export const repoRoot = join(cliRoot, "..")
/** The bundled executable (built by the suite's global setup). */
export const cliMain = join(cliRoot, "dist", "quantive.js")

export interface Served {
  readonly fake: FakeQuantive.FakeQuantive
  readonly env: Record<string, string>
  readonly close: () => Promise<void>
}

/** A fake on 127.0.0.1 and the environment that points the CLI at it. */
export const serve = async (options: FakeQuantive.Options = {}): Promise<Served> => {
  const fake = FakeQuantive.make(options)
  const listening = await FakeQuantive.listen(fake)
  return {
    fake,
    env: { QUANTIVE_BASE_URL: listening.baseUrl, QUANTIVE_TOKEN: fake.token, QUANTIVE_ACCOUNT_ID: fake.accountId },
    close: listening.close,
  }
}

export interface Run {
  readonly code: number | null
  /** The signal that ended the process, when one did. */
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** The environment of a run: this process's, without any QUANTIVE_* setting, plus `env`. */
const environment = (env: Record<string, string>) => {
  const base: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith("QUANTIVE_") && key !== "FORCE_COLOR") base[key] = value
  }
  return { ...base, NO_COLOR: "1", ...env }
}

/** How a command is run in this process. */
export interface InProcess {
  readonly env?: Record<string, string>
  readonly stdin?: string
  /** stdout and stderr are a terminal of `columns` columns. */
  readonly terminal?: boolean
  readonly columns?: number
  /** stdout alone is (or is not) a terminal. */
  readonly stdoutTerminal?: boolean
  /** stdout fails as a closed pipe does after this many writes. */
  readonly closeStdoutAfter?: number
  /** The streams, when the test reads them while the command runs. */
  readonly stdio?: Stdio.Collected
  /** Interrupts the command, as Ctrl-C does (the exit code is then 130). */
  readonly signal?: AbortSignal
}

/**
 * Runs `quantive ...args` in this process, as `main.ts` does but with the standard streams held in memory and the
 * environment given by `env` alone (as a `ConfigProvider`, with `NO_COLOR` set).
 */
export const cli = async (args: ReadonlyArray<string>, options: InProcess = {}): Promise<Run> => {
  const stdio = options.stdio ?? Stdio.collect(options)
  const env = new Map(Object.entries({ NO_COLOR: "1", ...options.env }))
  const exit = await main(["node", "quantive", ...args]).pipe(
    Effect.provide(Layer.merge(NodeContext.layer, stdio.layer)),
    Effect.withConfigProvider(ConfigProvider.fromMap(env)),
    (effect) => Effect.runPromiseExit(effect, options.signal === undefined ? undefined : { signal: options.signal }),
  )
  if (exit._tag === "Failure" && !Cause.isInterruptedOnly(exit.cause)) throw Cause.squash(exit.cause)
  const code = exit._tag === "Success" ? exit.value : 130
  return { code, signal: null, stdout: stdio.stdout(), stderr: stdio.stderr() }
}

/** Runs `node cli/dist/quantive.js ...args` (asynchronously: the fake answering it lives in this process). */
export const spawnCli = (
  args: ReadonlyArray<string>,
  options: { readonly env?: Record<string, string>; readonly stdin?: string } = {},
): Promise<Run> => run(process.execPath, [cliMain, ...args], options)

/** Runs any command with the CLI's test environment. */
export const run = (
  command: string,
  args: ReadonlyArray<string>,
  options: { readonly env?: Record<string, string>; readonly stdin?: string } = {},
): Promise<Run> => start(command, args, options).done

/** A process started with the CLI's test environment, and its run once it has ended. */
export interface Started {
  readonly child: ChildProcess
  readonly done: Promise<Run>
}

/** Starts any command with the CLI's test environment (its stdin is ended at once). */
export const start = (
  command: string,
  args: ReadonlyArray<string>,
  options: { readonly env?: Record<string, string>; readonly stdin?: string } = {},
): Started => {
  const child = spawn(command, args, { env: environment(options.env ?? {}), stdio: ["pipe", "pipe", "pipe"] })
  const done = new Promise<Run>((resolve, reject) => {
    const out: Array<Buffer> = []
    const err: Array<Buffer> = []
    child.stdout!.on("data", (chunk: Buffer) => out.push(chunk))
    child.stderr!.on("data", (chunk: Buffer) => err.push(chunk))
    child.on("error", reject)
    child.on("close", (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }))
  })
  // A process may stop reading its stdin early (a refused input): that is its answer, not the test's failure.
  child.stdin!.on("error", () => {})
  child.stdin!.end(options.stdin ?? "")
  return { child, done }
}

/** An RFC 4180 parser: records end with CRLF; quoted fields may hold commas, CRLF and doubled quotes. */
export const parseCsv = (text: string): Array<Array<string>> => {
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let cell = ""
  let i = 0
  let inQuotes = false
  let quotedCell = false
  while (i < text.length) {
    const c = text[i]!
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i += 2
      } else if (c === '"') {
        inQuotes = false
        i++
      } else {
        cell += c
        i++
      }
    } else if (c === '"') {
      if (cell !== "" || quotedCell) throw new Error(`stray quote at ${i}`)
      inQuotes = true
      quotedCell = true
      i++
    } else if (c === ",") {
      row.push(cell)
      cell = ""
      quotedCell = false
      i++
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ""
      quotedCell = false
      i += 2
    } else if (c === "\n" || c === "\r") {
      throw new Error(`a bare line break outside quotes at ${i} (RFC 4180 wants CRLF)`)
    } else {
      cell += c
      i++
    }
  }
  if (inQuotes) throw new Error("unterminated quoted field")
  if (cell !== "" || row.length > 0) throw new Error("the last record does not end with CRLF")
  return rows
}

/** The documented flattening rule, written out again from the README for the tests. */
export const expectedCell = (value: unknown): string => {
  if (value === undefined || value === null) return ""
  if (typeof value === "string") return value
  if (typeof value === "number" || typeof value === "boolean") return String(value)
  if (
    Array.isArray(value) &&
    value.every((v) => ["number", "boolean"].includes(typeof v) || (typeof v === "string" && !v.includes(";")))
  ) return value.join(";")
  return "JSON"
}

/** Orders users as the CLI's default sort does: dateCreated, then id. */
export const byDefaultSort = <U extends { readonly id: string }>(users: ReadonlyArray<U>): Array<U> =>
  [...users].sort((a, b) => {
    const da = String((a as Record<string, unknown>).dateCreated ?? "")
    const db = String((b as Record<string, unknown>).dateCreated ?? "")
    return da < db ? -1 : da > db ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })
