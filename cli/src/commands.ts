/**
 * The commands of `quantive`, each with its help and examples.
 *
 * @since 0.2.0
 */
import { Args, Command, HelpDoc, Options } from "@effect/cli"
import { Accounts, Badges, Users } from "@effect-quantive/client"
import type * as FileSystem from "@effect/platform/FileSystem"
import { Chunk, Effect, Layer, Option, Stream } from "effect"
import * as Bulk from "./bulk.ts"
import * as Connection from "./connection.ts"
import { CliFailure } from "./errors.ts"
import * as Export from "./export.ts"
import * as Request from "./request.ts"
import { Stdio } from "./stdio.ts"
import * as Table from "./table.ts"

const help = (summary: string, examples: ReadonlyArray<string>, ...more: ReadonlyArray<HelpDoc.HelpDoc>) =>
  HelpDoc.blocks([
    HelpDoc.p(summary),
    ...more,
    HelpDoc.h2("EXAMPLES"),
    HelpDoc.p(examples.map((example) => `  $ ${example}`).join("\n")),
  ])

/** Runs a handler with the services of its connection flags. */
const connected = <A extends Connection.ConnectionFlags, E>(
  handler: (config: A) => Effect.Effect<void, E, Connection.Services | Stdio | FileSystem.FileSystem>,
) =>
(config: A) => Effect.provide(handler(config), Layer.fresh(Connection.layer(config)))

/** Writes to stdout. */
const print = (text: string) => Effect.flatMap(Stdio, (stdio) => stdio.out(text))

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
  { ...Connection.connectionOptions, json },
  connected((config) =>
    Effect.gen(function* () {
      const accounts = yield* Accounts
      const id = yield* Connection.AccountId
      const a = yield* accounts.get(id)
      const subscriptions = a.subscriptions ?? []
      if (config.json) {
        const out = {
          name: a.name,
          domain: a.domain,
          edition: a.edition?.name,
          isActive: a.isActive,
          trialEnds: a.trialEnds,
          subscriptions,
        }
        return yield* print(JSON.stringify(out, null, 2) + "\n")
      }
      const rows: Array<[string, string]> = [["name", a.name], ["domain", a.domain]]
      if (a.edition?.name !== undefined) rows.push(["edition", a.edition.name])
      if (a.trialEnds !== undefined) rows.push(["trial ends", a.trialEnds])
      for (const s of subscriptions) {
        const users = s.usersCount === undefined
          ? ""
          : `, ${s.usersCount} users${s.usersAllowed === undefined ? "" : ` of ${s.usersAllowed} allowed`}`
        rows.push(["subscription", `${s.type ?? "unknown"}${users}${s.isConverted === false ? " (trial)" : ""}`])
      }
      if (subscriptions.length === 0) rows.push(["subscription", "none"])
      yield* print(Table.render(["field", "value"], rows))
    })
  ),
).pipe(Command.withDescription(help(
  "The account's name, domain, edition and subscription.",
  ["quantive account", "quantive account --json", "quantive account --demo"],
)))

// --- users export ----------------------------------------------------------------------------------------------

const exportCommand = Command.make(
  "export",
  {
    ...Connection.connectionOptions,
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
  connected((config) => Export.run(config)),
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

const toMap = (items: ReadonlyArray<{ readonly userId: string; readonly isSuccessful: boolean }>) =>
  new Map(items.map((item) => [item.userId, item.isSuccessful ? undefined : "the server reported no success"]))

const bulkCommand = (
  name: "deactivate" | "activate" | "invite",
  action: Bulk.Action<Users>,
  summary: string,
) =>
  Command.make(
    name,
    { ...Connection.connectionOptions, ...bulkOptions("ids", "users") },
    connected((config) => Bulk.run(action, { ...config, flag: "--ids" })),
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

const deactivate = bulkCommand("deactivate", {
  done: "deactivated",
  would: "would deactivate",
  unchanged: (user) => user.isActive === false ? "already inactive" : undefined,
  apply: (ids) => Effect.flatMap(Users, (users) => users.deactivate(ids)).pipe(Effect.map((r) => toMap(r.items))),
}, "Deactivates the listed users.")

const activate = bulkCommand("activate", {
  done: "activated",
  would: "would activate",
  unchanged: (user) => user.isActive === true ? "already active" : undefined,
  apply: (ids) => Effect.flatMap(Users, (users) => users.activate(ids)).pipe(Effect.map((r) => toMap(r.items))),
}, "Activates the listed users.")

/** How many ids go into one `$in` filter when looking users up. */
const LOOKUP_BATCH = 100

/**
 * The users that were already sent an invitation (a non-empty `dateInvited`): the invitation endpoint sends a new
 * email every time, so a rerun must not reach them again.
 */
const alreadyInvited = (users: ReadonlyArray<{ readonly id: string }>) =>
  Effect.gen(function* () {
    const service = yield* Users
    const invited = new Map<string, string>()
    for (let i = 0; i < users.length; i += LOOKUP_BATCH) {
      const ids = users.slice(i, i + LOOKUP_BATCH).map((user) => user.id)
      const page = yield* service.stream({
        filter: { id: { $in: ids } },
        fields: ["dateInvited"],
        pageSize: LOOKUP_BATCH,
      })
        .pipe(Stream.runCollect)
      for (const user of Chunk.toReadonlyArray(page)) {
        if (user.dateInvited !== undefined && user.dateInvited !== "") {
          invited.set(user.id, `already invited on ${user.dateInvited.slice(0, 10)}`)
        }
      }
    }
    return invited as ReadonlyMap<string, string>
  })

const invite = bulkCommand("invite", {
  done: "invited",
  would: "would invite",
  alreadyDone: alreadyInvited,
  apply: (ids) =>
    Effect.flatMap(Users, (users) => users.sendInvitations(ids)).pipe(
      Effect.as(new Map(ids.map((id) => [id, undefined]))),
    ),
}, "Sends the listed users their invitation emails; users already invited are reported unchanged, not sent again.")

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
  { ...Connection.connectionOptions, json },
  connected((config) =>
    Effect.gen(function* () {
      const badges = yield* Badges
      const page = yield* badges.list()
      if (config.json) {
        return yield* print(JSON.stringify(page.items, null, 2) + "\n")
      }
      yield* print(
        Table.render(["id", "name", "summary"], page.items.map((b) => [b.id, b.name ?? "", b.summary ?? ""])),
      )
    })
  ),
).pipe(Command.withDescription(help("The account's badges.", ["quantive badges list", "quantive badges list --json"])))

const badgesAssign = Command.make(
  "assign",
  {
    ...Connection.connectionOptions,
    ...bulkOptions("users", "the users to award the badge to"),
    badge: Options.text("badge").pipe(Options.withDescription("The badge's id (see quantive badges list).")),
    comment: Options.text("comment").pipe(Options.withDescription("A comment on the award."), Options.optional),
  },
  connected((config) =>
    Effect.gen(function* () {
      const badges = yield* Badges
      const badge = yield* badges.get(config.badge)
      const name = badge.name ?? badge.id
      yield* Bulk.run({
        done: `assigned ${name}`,
        would: `would assign ${name}`,
        // The users that already hold the badge are not awarded it again.
        alreadyDone: () =>
          badges.assignees(badge.id).pipe(
            Effect.map((holders) =>
              new Map((holders.Users ?? []).map((user) => [user.id, "already holds the badge"])) as ReadonlyMap<
                string,
                string
              >
            ),
          ),
        apply: (ids) =>
          badges.assign({
            badgeId: badge.id,
            assigneeIds: ids,
            ...(Option.isSome(config.comment) ? { comment: config.comment.value } : {}),
          }).pipe(Effect.as(new Map(ids.map((id) => [id, undefined])))),
      }, { ...config, flag: "--users" })
    })
  ),
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
    ...Connection.connectionOptions,
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
  connected((config) => Request.run(config)),
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
