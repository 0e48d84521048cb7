/**
 * What each command does once its flags are parsed: loaded only when a command runs, so that `--help` and a usage
 * error start without the client.
 *
 * @since 0.4.0
 */
import type * as FileSystem from "@effect/platform/FileSystem"
import { Accounts, Badges, Users } from "@effect-quantive/client"
import { Chunk, Effect, Layer, Option, Stream } from "effect"
import * as Bulk from "./bulk.ts"
import * as Connection from "./connection.ts"
import * as Export from "./export.ts"
import type * as Flags from "./flags.ts"
import * as Request from "./request.ts"
import { Stdio } from "./stdio.ts"
import * as Table from "./table.ts"

/** Runs a handler with the services of its connection flags. */
const connected = <A extends Flags.ConnectionFlags, E>(
  handler: (config: A) => Effect.Effect<void, E, Connection.Services | Stdio | FileSystem.FileSystem>,
) =>
(config: A) => Effect.provide(handler(config), Layer.fresh(Connection.layer(config)))

/** Writes to stdout. */
const print = (text: string) => Effect.flatMap(Stdio, (stdio) => stdio.out(text))

/**
 * `quantive account`.
 *
 * @since 0.4.0
 * @category handlers
 */
export const account = connected((config: Flags.ConnectionFlags & { readonly json: boolean }) =>
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
)

const toMap = (items: ReadonlyArray<{ readonly userId: string; readonly isSuccessful: boolean }>) =>
  new Map(items.map((item) => [item.userId, item.isSuccessful ? undefined : "the server reported no success"]))

const deactivateAction: Bulk.Action<Users> = {
  done: "deactivated",
  would: "would deactivate",
  unchanged: (user) => user.isActive === false ? "already inactive" : undefined,
  apply: (ids) => Effect.flatMap(Users, (users) => users.deactivate(ids)).pipe(Effect.map((r) => toMap(r.items))),
}

const activateAction: Bulk.Action<Users> = {
  done: "activated",
  would: "would activate",
  unchanged: (user) => user.isActive === true ? "already active" : undefined,
  apply: (ids) => Effect.flatMap(Users, (users) => users.activate(ids)).pipe(Effect.map((r) => toMap(r.items))),
}

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

const inviteAction: Bulk.Action<Users> = {
  done: "invited",
  would: "would invite",
  alreadyDone: alreadyInvited,
  apply: (ids) =>
    Effect.flatMap(Users, (users) => users.sendInvitations(ids)).pipe(
      Effect.as(new Map(ids.map((id) => [id, undefined]))),
    ),
}

/**
 * `quantive users deactivate|activate|invite`.
 *
 * @since 0.4.0
 * @category handlers
 */
export const bulk = (name: "deactivate" | "activate" | "invite") =>
  connected((config: Flags.ConnectionFlags & Omit<Bulk.BulkFlags, "flag">) =>
    Bulk.run(
      name === "deactivate" ? deactivateAction : name === "activate" ? activateAction : inviteAction,
      { ...config, flag: "--ids" },
    )
  )

/**
 * `quantive users export`.
 *
 * @since 0.4.0
 * @category handlers
 */
export const exportUsers = connected((config: Flags.ConnectionFlags & Export.ExportFlags) => Export.run(config))

/**
 * `quantive badges list`.
 *
 * @since 0.4.0
 * @category handlers
 */
export const badgesList = connected((config: Flags.ConnectionFlags & { readonly json: boolean }) =>
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
)

/**
 * `quantive badges assign`.
 *
 * @since 0.4.0
 * @category handlers
 */
export const badgesAssign = connected((
  config: Flags.ConnectionFlags & Omit<Bulk.BulkFlags, "flag"> & {
    readonly badge: string
    readonly comment: Option.Option<string>
  },
) =>
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
)

/**
 * `quantive request`.
 *
 * @since 0.4.0
 * @category handlers
 */
export const request = connected((config: Flags.ConnectionFlags & Request.RequestFlags) => Request.run(config))
