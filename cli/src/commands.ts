/**
 * The commands of `quantive`, each with its help and examples.
 *
 * @since 0.2.0
 */
import { Args, Command, HelpDoc, Options } from "@effect/cli"
import { Effect } from "effect"
import { CliFailure } from "./failure.ts"
import * as Flags from "./flags.ts"
import { Stdio } from "./stdio.ts"

/** The handlers, loaded when a command runs (`--help` and usage errors do without them). */
const lazy = <A, E, R>(
  pick: (handlers: typeof import("./handlers.ts")) => (config: A) => Effect.Effect<void, E, R>,
) =>
(config: A): Effect.Effect<void, E, R> =>
  Effect.flatMap(Effect.promise(() => import("./handlers.ts")), (handlers) => pick(handlers)(config))

const help = (summary: string, examples: ReadonlyArray<string>, ...more: ReadonlyArray<HelpDoc.HelpDoc>) =>
  HelpDoc.blocks([
    HelpDoc.p(summary),
    ...more,
    HelpDoc.h2("EXAMPLES"),
    HelpDoc.p(examples.map((example) => `  $ ${example}`).join("\n")),
  ])

/**
 * The handler of a command that only groups others (`quantive users`): prints its commands on stderr, exit 2.
 */
const usageOf = (name: string, commands: ReadonlyArray<readonly [string, string]>) => () =>
  Effect.gen(function* () {
    const stdio = yield* Stdio
    const width = Math.max(...commands.map(([command]) => command.length)) + 2
    yield* stdio.err(
      `usage: quantive ${name} <command> [flags]\n\ncommands:\n` +
        commands.map(([command, summary]) => `  ${command.padEnd(width)}${summary}\n`).join("") +
        `\nquantive ${name} <command> --help shows a command's flags and examples.\n`,
    )
    return yield* new CliFailure({ kind: "shown", message: `quantive ${name}: no command given` })
  })

const json = Options.boolean("json").pipe(Options.withDescription("Print JSON instead of a table."))

// --- account ---------------------------------------------------------------------------------------------------

const account = Command.make(
  "account",
  { ...Flags.connectionOptions, json },
  lazy((h) => h.account),
).pipe(Command.withDescription(help(
  "The account's name, domain, edition and subscription.",
  ["quantive account", "quantive account --json", "quantive account --demo"],
)))

// --- users export ----------------------------------------------------------------------------------------------

const exportCommand = Command.make(
  "export",
  {
    ...Flags.connectionOptions,
    fields: Options.text("fields").pipe(
      Options.withDescription(
        "Comma-separated user fields (id is always included). Default: every field; for --format table " +
          "id,email,firstName,lastName,isActive.",
      ),
      Options.optional,
    ),
    filter: Options.text("filter").pipe(
      Options.withDescription(`A Mongo-style JSON filter, e.g. '{"isActive":true}' or '{"email":{"$in":[...]}}'.`),
      Options.optional,
    ),
    sort: Options.text("sort").pipe(
      Options.withDescription(
        "Sort keys: user fields, comma-separated, '-' before one for descending (default dateCreated; _id is added).",
      ),
      Options.optional,
    ),
    format: Options.choice("format", ["csv", "ndjson", "json", "table"]).pipe(
      Options.withDescription(
        "csv (RFC 4180), ndjson (one user per line), json (an array) or table. Default: the one the --out file's " +
          "extension names (.csv, .json, .ndjson or .jsonl), else csv.",
      ),
      Options.optional,
    ),
    out: Options.text("out").pipe(
      Options.withAlias("o"),
      Options.withDescription(
        "Write to this file (created when complete) instead of stdout; its extension sets the format, and a " +
          "--format that contradicts it is refused.",
      ),
      Options.optional,
    ),
    concurrency: Options.integer("concurrency").pipe(
      Options.withDescription("Pages requested at once, 1-16 (default 4); users stay in order."),
      Options.withDefault(4),
    ),
    pageSize: Options.integer("page-size").pipe(
      Options.withDescription("Users per request, 2-1000 (default 100)."),
      Options.withDefault(100),
    ),
    bom: Options.boolean("bom").pipe(
      Options.withDescription("Start a CSV with a UTF-8 byte order mark (for Excel on Windows)."),
    ),
    rawCsv: Options.boolean("raw-csv").pipe(
      Options.withDescription("Write CSV cells as they are, without neutralizing formulas (for machine consumers)."),
    ),
  },
  lazy((h) => h.exportUsers),
).pipe(Command.withDescription(help(
  "Streams every matching user to CSV, NDJSON, a JSON array or a table, in constant memory. A progress bar " +
    "(count, total, rate, ETA) is drawn on stderr when stderr is a terminal. " +
    "CSV cells: scalars as they are, arrays of scalars joined with ';', objects and arrays of objects as JSON.",
  [
    "quantive users export --out users.csv",
    `quantive users export --filter '{"isActive":true}' --fields email,firstName,lastName,teamIds --out active.csv`,
    "quantive users export --format ndjson --sort -dateCreated | head",
    "quantive users export --demo --format table",
  ],
)))

// --- users deactivate | activate | invite ----------------------------------------------------------------------

const bulkOptions = (flag: string, what: string) => ({
  source: Options.text(flag).pipe(
    Options.withDescription(
      `A file (or - for stdin) of ${what}: one id or email per line, or a CSV with an id or ` +
        "email column.",
    ),
  ),
  dryRun: Options.boolean("dry-run").pipe(
    Options.withDescription("Resolve the list and print what would change; send nothing that changes data."),
  ),
  json: Options.boolean("json").pipe(Options.withDescription("Print one JSON object per entry.")),
  batchSize: Options.integer("batch-size").pipe(
    Options.withDescription("Ids per request (default 100)."),
    Options.withDefault(100),
  ),
})

const bulkCommand = (name: "deactivate" | "activate" | "invite", summary: string) =>
  Command.make(
    name,
    { ...Flags.connectionOptions, ...bulkOptions("ids", "users") },
    lazy((h) => h.bulk(name)),
  ).pipe(Command.withDescription(help(
    `${summary} Emails are resolved to users first (read-only; emails match without regard to case); each entry gets one result line, and each user is ` +
      "sent once (a later entry naming the same user is a duplicate). A change whose answer was lost (a timeout, a " +
      "dropped connection, Ctrl-C) is reported unknown: it may have been applied, check it. The summary goes to " +
      "stderr, also when the run is interrupted or stdout is closed. Exit code 6 when any entry failed, did not " +
      "resolve, is unknown or was not attempted.",
    [
      `quantive users ${name} --ids leavers.txt --dry-run`,
      `quantive users ${name} --ids leavers.csv`,
      `grep -v '^#' list.txt | quantive users ${name} --ids -`,
    ],
  )))

const deactivate = bulkCommand("deactivate", "Deactivates the listed users.")

const activate = bulkCommand("activate", "Activates the listed users.")

const invite = bulkCommand(
  "invite",
  "Sends the listed users their invitation emails; users already invited are reported unchanged, not sent again.",
)

const users = Command.make(
  "users",
  {},
  usageOf("users", [
    ["export", "stream every matching user to CSV, NDJSON, a JSON array or a table"],
    ["deactivate", "deactivate the listed users (ids or emails)"],
    ["activate", "activate the listed users"],
    ["invite", "send the listed users their invitation emails"],
  ]),
).pipe(
  Command.withDescription("Export users, and deactivate, activate or invite them in bulk."),
  Command.withSubcommands([exportCommand, deactivate, activate, invite]),
)

// --- badges ----------------------------------------------------------------------------------------------------

const badgesList = Command.make(
  "list",
  { ...Flags.connectionOptions, json },
  lazy((h) => h.badgesList),
).pipe(Command.withDescription(help("The account's badges.", ["quantive badges list", "quantive badges list --json"])))

const badgesAssign = Command.make(
  "assign",
  {
    ...Flags.connectionOptions,
    ...bulkOptions("users", "the users to award the badge to"),
    badge: Options.text("badge").pipe(Options.withDescription("The badge's id (see quantive badges list).")),
    comment: Options.text("comment").pipe(Options.withDescription("A comment on the award."), Options.optional),
  },
  lazy((h) => h.badgesAssign),
).pipe(Command.withDescription(help(
  "Awards a badge to the listed users (ids or emails, resolved first), in batches. Users that already hold the " +
    "badge are reported unchanged, not awarded it again.",
  [
    "quantive badges assign --badge 5f1e... --users team.txt --dry-run",
    "quantive badges assign --badge 5f1e... --users team.csv --comment 'Q3 launch'",
  ],
)))

const badges = Command.make(
  "badges",
  {},
  usageOf("badges", [
    ["list", "the account's badges"],
    ["assign", "award a badge to the listed users (ids or emails)"],
  ]),
).pipe(
  Command.withDescription("List badges and award them."),
  Command.withSubcommands([badgesList, badgesAssign]),
)

// --- request ---------------------------------------------------------------------------------------------------

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const

const request = Command.make(
  "request",
  {
    ...Flags.connectionOptions,
    method: Args.choice(methods.map((m) => [m, m] as const), { name: "METHOD" }).pipe(
      Args.withDescription("GET, POST, PUT, PATCH or DELETE."),
    ),
    path: Args.text({ name: "PATH" }).pipe(
      Args.withDescription("The path with its version, e.g. /v2/goals or /v1/metrics/ID/checkin."),
    ),
    query: Options.keyValueMap("query").pipe(
      Options.withAlias("q"),
      Options.withDescription("A query parameter, key=value; repeat for more."),
      Options.optional,
    ),
    body: Options.text("body").pipe(
      Options.withDescription("A file (or - for stdin) holding the JSON body."),
      Options.optional,
    ),
  },
  lazy((h) => h.request),
).pipe(Command.withDescription(help(
  "Calls any endpoint through the client's pipeline (auth, retries, typed errors) and prints the JSON answer.",
  [
    "quantive request GET /v2/goals --query take=5",
    "quantive request GET /v1/users/ID",
    `echo '{"value": 42}' | quantive request POST /v1/metrics/ID/checkin --body -`,
  ],
)))

/**
 * The root command, `quantive`.
 *
 * @since 0.2.0
 * @category commands
 */
export const quantive = Command.make("quantive").pipe(
  Command.withDescription(
    "A command line for Quantive account admins, built on @effect-quantive/client. Connects with QUANTIVE_TOKEN and " +
      "QUANTIVE_ACCOUNT_ID (and QUANTIVE_REGION or QUANTIVE_BASE_URL), or the flags --token-file, --account-id, " +
      "--region, --base-url of each command; --demo runs any command against an embedded fake account.",
  ),
  Command.withSubcommands([account, users, badges, request]),
)
