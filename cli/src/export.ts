/**
 * `quantive users export`: every matching user, streamed page by page to CSV, NDJSON, a JSON array or a table, with
 * a progress bar on a terminal and constant memory (nothing is collected: each page is written and dropped).
 *
 * @since 0.2.0
 */
import { User, type UserField, Users } from "@effect-quantive/client"
import { Effect, Either, Option, SchemaAST, Stream } from "effect"
import * as Csv from "../../core/src/csv.ts"
import { CliFailure } from "./failure.ts"
import * as Output from "./output.ts"
import * as Progress from "./progress.ts"
import * as Table from "./table.ts"
import { escapeForTerminal } from "./terminal.ts"

/**
 * Every field of a user, `id` first, then in the order of the `User` schema.
 *
 * @since 0.2.0
 * @category constants
 */
export const userFields: ReadonlyArray<UserField> = (() => {
  const ast = User.ast
  const names = SchemaAST.isTypeLiteral(ast) ? ast.propertySignatures.map((p) => String(p.name)) : ["id"]
  return ["id", ...names.filter((name) => name !== "id")] as Array<UserField>
})()

/**
 * The columns of `--format table` when no `--fields` are given.
 *
 * @since 0.2.0
 * @category constants
 */
export const tableFields: ReadonlyArray<UserField> = ["id", "email", "firstName", "lastName", "isActive"]

/**
 * The output formats.
 *
 * @since 0.2.0
 * @category models
 */
export type Format = "csv" | "ndjson" | "json" | "table"

/**
 * The parsed flags of `users export`.
 *
 * @since 0.2.0
 * @category models
 */
export interface ExportFlags {
  readonly fields: Option.Option<string>
  readonly filter: Option.Option<string>
  readonly sort: Option.Option<string>
  /** The format asked for; without it, the extension of `--out` decides, else CSV. */
  readonly format: Option.Option<Format>
  readonly out: Option.Option<string>
  readonly concurrency: number
  readonly pageSize: number
  readonly bom: boolean
  /** Writes CSV cells as they are, without neutralizing those a spreadsheet would run as formulas. */
  readonly rawCsv: boolean
}

type Row = Readonly<Record<string, unknown>>

interface Writer {
  readonly begin: string
  readonly rows: (items: ReadonlyArray<Row>) => string
  readonly end: (count: number) => string
}

const pick = (item: Row, columns: ReadonlyArray<string>): Row => {
  const out: Record<string, unknown> = {}
  for (const column of columns) if (item[column] !== undefined) out[column] = item[column]
  return out
}

interface WriterOptions {
  readonly columns: ReadonlyArray<string>
  /** Only the asked fields go into JSON and NDJSON. */
  readonly projected: boolean
  readonly bom: boolean
  /** CSV cells as they are (no formula neutralizing). */
  readonly rawCsv: boolean
  /** A person reads the output: control characters are escaped. */
  readonly toTerminal: boolean
}

/**
 * A CSV cell: the flattened value, neutralized when it is text a spreadsheet would run as a formula (numbers and
 * booleans are left alone: `-5` is a number there, not a formula).
 */
const csvCell = (value: unknown, raw: boolean): string => {
  const text = Csv.flatten(value)
  return raw || typeof value === "number" || typeof value === "boolean" ? text : Csv.neutralize(text)
}

const writers = (options: WriterOptions): Record<Format, () => Writer> => {
  const { bom, columns, projected } = options
  // For a person, every cell and JSON text is escaped; the line ends between records stay.
  const shown = options.toTerminal ? escapeForTerminal : (text: string) => text
  const json = (item: Row) => shown(JSON.stringify(projected ? pick(item, columns) : item))
  return {
    csv: () => ({
      begin: (bom ? "\uFEFF" : "") + Csv.record(columns),
      rows: (items) =>
        items.map((item) => Csv.record(columns.map((column) => shown(csvCell(item[column], options.rawCsv))))).join(
          "",
        ),
      end: () => "",
    }),
    ndjson: () => ({
      begin: "",
      rows: (items) => items.map((item) => json(item) + "\n").join(""),
      end: () => "",
    }),
    json: () => {
      let first = true
      return {
        begin: "[",
        rows: (items) =>
          items.map((item) => {
            const text = (first ? "\n" : ",\n") + json(item)
            first = false
            return text
          }).join(""),
        end: (count) => count === 0 ? "]\n" : "\n]\n",
      }
    },
    table: () => {
      // Widths come from the header and the first page; later cells are cut to them, so nothing is held back. The
      // table escapes control characters itself, wherever it is written.
      let widths: Array<number> | undefined
      return {
        begin: "",
        rows: (items) => {
          const cells = items.map((item) => columns.map((column) => Csv.flatten(item[column])))
          let text = ""
          if (widths === undefined) {
            widths = Table.widths(columns, cells)
            text = Table.line(columns, widths) + Table.line(widths.map((n) => "-".repeat(n)), widths)
          }
          const w = widths
          return text + cells.map((row) => Table.line(row, w)).join("")
        },
        end: () => widths === undefined ? Table.render(columns, []) : "",
      }
    },
  }
}

const usage = (message: string) => new CliFailure({ kind: "usage", message })

/**
 * The format each file extension of `--out` stands for.
 *
 * @since 0.4.0
 * @category constants
 */
export const formatOfExtension: Readonly<Record<string, Format>> = {
  ".csv": "csv",
  ".json": "json",
  ".ndjson": "ndjson",
  ".jsonl": "ndjson",
}

const extensionOf = (path: string): string | undefined => {
  const match = /(\.[A-Za-z0-9]+)$/.exec(path)
  return match === null ? undefined : match[1]!.toLowerCase()
}

/**
 * The format of an export: `--format` when given, else the one the extension of `--out` names, else CSV. A
 * `--format` that contradicts the extension (`--format csv --out users.json`) is refused.
 *
 * @since 0.4.0
 * @category parsing
 */
export const formatOf = (
  format: Option.Option<Format>,
  out: Option.Option<string>,
): Either.Either<Format, CliFailure> => {
  const extension = Option.isSome(out) ? extensionOf(out.value) : undefined
  const implied = extension === undefined ? undefined : formatOfExtension[extension]
  if (Option.isNone(format)) return Either.right(implied ?? "csv")
  if (implied !== undefined && implied !== format.value) {
    return Either.left(usage(
      `--out ${Option.getOrElse(out, () => "")} names a ${implied} file but --format is ${format.value}; ` +
        `give --format ${implied}, or another file name`,
    ))
  }
  return Either.right(format.value)
}

/**
 * Checks a `--sort` expression against the user's fields: each key is a field (or a path into one), `-` before it
 * for descending. Answers the problem, naming the allowed keys, or undefined.
 *
 * @since 0.4.0
 * @category parsing
 */
export const checkSort = (sort: string): string | undefined => {
  const keys = sort.split(",").map((key) => key.trim())
  if (keys.some((key) => key === "" || key === "-" || key === "+")) {
    return "--sort: give field names, comma-separated, '-' before one for descending, e.g. --sort -dateCreated,email"
  }
  const unknown = keys.map((key) => key.replace(/^[-+]/, "")).filter((key) => {
    const top = key.split(".")[0]!
    return top !== "_id" && !userFields.includes(top as UserField)
  })
  if (unknown.length === 0) return undefined
  return `--sort: unknown sort key ${unknown.join(", ")}; the keys are the user fields (${userFields.join(", ")}), ` +
    "'-' before one for descending"
}

/** Checks the flags before anything is sent or written. */
const check = (flags: ExportFlags) =>
  Effect.gen(function* () {
    const format = yield* formatOf(flags.format, flags.out)
    if (Option.isSome(flags.sort)) {
      const problem = checkSort(flags.sort.value)
      if (problem !== undefined) return yield* usage(problem)
    }
    let fields: Array<UserField> | undefined
    if (Option.isSome(flags.fields)) {
      const asked = flags.fields.value.split(",").map((f) => f.trim()).filter((f) => f !== "")
      const unknown = asked.filter((f) => !userFields.includes(f as UserField))
      if (asked.length === 0) return yield* usage("--fields: give at least one field, e.g. --fields email,firstName")
      if (unknown.length > 0) {
        return yield* usage(
          `--fields: unknown user field ${unknown.join(", ")}; the fields are ${userFields.join(", ")}`,
        )
      }
      fields = [...new Set(asked)] as Array<UserField>
    } else if (format === "table") {
      fields = [...tableFields]
    }
    let filter: string | undefined
    if (Option.isSome(flags.filter)) {
      let parsed: unknown
      try {
        parsed = JSON.parse(flags.filter.value)
      } catch {
        return yield* usage(`--filter: not JSON; the API takes a Mongo-style filter, e.g. --filter '{"isActive":true}'`)
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        return yield* usage(`--filter: expected a JSON object, e.g. --filter '{"isActive":true}'`)
      }
      filter = flags.filter.value
    }
    if (!Number.isSafeInteger(flags.concurrency) || flags.concurrency < 1 || flags.concurrency > 16) {
      return yield* usage("--concurrency: give a whole number from 1 to 16")
    }
    if (!Number.isSafeInteger(flags.pageSize) || flags.pageSize < 2 || flags.pageSize > 1000) {
      return yield* usage("--page-size: give a whole number from 2 to 1000")
    }
    const columns = fields === undefined ? userFields : fields.includes("id") ? fields : ["id", ...fields]
    return { fields, filter, columns, format }
  })

/**
 * Runs the export.
 *
 * @since 0.2.0
 * @category commands
 */
export const run = (flags: ExportFlags) =>
  Effect.gen(function* () {
    const { columns, fields, filter, format } = yield* check(flags)
    const users = yield* Users
    const output = yield* Output.open(flags.out)
    const writer = writers({
      columns,
      projected: fields !== undefined,
      bom: flags.bom,
      rawCsv: flags.rawCsv,
      toTerminal: output.toTerminal,
    })[format]()
    const progress = yield* Progress.make("users")
    const query = {
      filter,
      pageSize: flags.pageSize,
      concurrency: flags.concurrency,
      ...(Option.isSome(flags.sort) ? { sort: flags.sort.value } : {}),
    }
    const pages = fields === undefined ? users.pages(query) : users.pages({ ...query, fields })
    let count = 0
    let total = 0
    yield* output.write(writer.begin)
    yield* pages.pipe(Stream.runForEach((page) => {
      const text = writer.rows(page.items as unknown as ReadonlyArray<Row>)
      count += page.items.length
      total = Math.max(page.totalCount, count)
      return (output.toTerminal ? progress.clear : Effect.void).pipe(
        Effect.zipRight(output.write(text)),
        Effect.zipRight(progress.update(count, total)),
      )
    }))
    yield* output.write(writer.end(count))
    yield* output.commit
    yield* progress.done(
      `exported ${count.toLocaleString("en-US")} users${Option.isSome(flags.out) ? ` to ${flags.out.value}` : ""}`,
    )
  }).pipe(Effect.scoped)
