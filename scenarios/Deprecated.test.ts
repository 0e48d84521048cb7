/**
 * The deprecated Announcements, Metrics and Goals endpoints (seed 003) over a real loopback socket against the fake
 * server: every operation, their documented statuses (a locked goal is `Locked`), and the one deprecation warning
 * each logs on its first call.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { Announcements, FakeQuantive, Goals, LegacyUsers, Metrics } from "#line"
import { expectStatusTags, recordingJsonLogger, socket, type StatusCall, TAG_OF_STATUS } from "#line/support"

const setup = Effect.all({
  announcements: Announcements,
  metrics: Metrics,
  goals: Goals,
  server: FakeQuantive.FakeServer,
})

const UNKNOWN_ID = "5be26318e5274a0007f17f61"

describe("Announcements", () => {
  it.effect("list and get, with mention markup or plain text", () =>
    Effect.gen(function* () {
      const { announcements, server: { fake } } = yield* setup
      const page = yield* announcements.list()
      assert.strictEqual(page.totalCount, fake.deprecated.announcements.length)
      assert.deepStrictEqual(page.items.map((a) => a.id), fake.deprecated.announcements.map((a) => a.id))
      assert.match(page.items[0]!.comment!, /@\[[^\]]+:[^\]]+:[0-9a-f]{24}\]/)
      assert.strictEqual(page.items[0]!.author?.id, page.items[0]!.authorId)
      const plain = yield* announcements.list({ formatting: "plainText" })
      assert.isTrue(plain.items.every((a) => !a.comment!.includes("@[")))
      assert.strictEqual(fake.requests.at(-1)?.query.formatting, "plainText")

      const id = page.items[1]!.id
      const one = yield* announcements.get(id)
      assert.deepStrictEqual(one, page.items[1])
      const onePlain = yield* announcements.get(id, { formatting: "plainText" })
      assert.notInclude(onePlain.comment!, "@[")
      assert.strictEqual((yield* Effect.flip(announcements.get(UNKNOWN_ID)))._tag, "NotFound")
      assert.strictEqual((yield* Effect.flip(announcements.get("")))._tag, "InvalidInput")
      const badFormatting = yield* Effect.flip(announcements.list({ formatting: "html" as never }))
      assert.strictEqual(badFormatting._tag, "BadRequest")
    }).pipe(Effect.provide(socket())))

  it.effect("create (201), update, removeReaction and remove", () =>
    Effect.gen(function* () {
      const { announcements, server: { fake } } = yield* setup
      const author = fake.users[3]!
      const created = yield* announcements.create({
        comment: "Planning day is **Monday**.",
        announcementType: "account",
        announcementTargetId: fake.accountId,
        authorID: author.id,
        notificationStrategy: "all",
        notify: [fake.users[4]!.id],
      })
      assert.strictEqual(created.comment, "Planning day is **Monday**.")
      assert.strictEqual(created.authorId, author.id)
      assert.strictEqual(created.author?.email, author.email)
      assert.deepStrictEqual(created.notify, [fake.users[4]!.id])
      assert.strictEqual(fake.requests.at(-1)?.method, "POST")
      assert.strictEqual((fake.requests.at(-1)?.body as { authorID?: string }).authorID, author.id)
      assert.isTrue(fake.deprecated.announcements.some((a) => a.id === created.id))

      const updated = yield* announcements.update(created.id, { comment: "Planning day moves to Tuesday." })
      assert.strictEqual(updated.comment, "Planning day moves to Tuesday.")
      assert.strictEqual(fake.requests.at(-1)?.method, "PATCH")

      const reacted = fake.deprecated.announcements.find((a) =>
        fake.deprecated.reactions.get(a.id)?.has(fake.account.ownerId!)
      )!
      const afterReaction = yield* announcements.removeReaction(reacted.id)
      assert.strictEqual(afterReaction.id, reacted.id)
      assert.isFalse(fake.deprecated.reactions.get(reacted.id)!.has(fake.account.ownerId!))
      assert.strictEqual(fake.requests.at(-1)?.path, `/v1/announcements/${reacted.id}/react`)

      yield* announcements.remove(created.id)
      assert.isFalse(fake.deprecated.announcements.some((a) => a.id === created.id))
      // 404 is not documented for these: the fake answers 400, which is BadRequest.
      assert.strictEqual((yield* Effect.flip(announcements.remove(created.id)))._tag, "BadRequest")
      assert.strictEqual((yield* Effect.flip(announcements.update(created.id, { comment: "x" })))._tag, "BadRequest")
      assert.strictEqual((yield* Effect.flip(announcements.removeReaction(created.id)))._tag, "BadRequest")
      const unknownAuthor = yield* Effect.flip(announcements.create({ comment: "Hi", authorID: UNKNOWN_ID }))
      assert.strictEqual(unknownAuthor._tag, "BadRequest")
      const before = fake.requests.length
      assert.strictEqual((yield* Effect.flip(announcements.create({ comment: " " })))._tag, "InvalidInput")
      assert.strictEqual((yield* Effect.flip(announcements.update(created.id, { comment: "" })))._tag, "InvalidInput")
      assert.strictEqual(fake.requests.length, before)
    }).pipe(Effect.provide(socket())))

  it.effect("documented statuses map to their tags, for each operation", () =>
    Effect.gen(function* () {
      const { announcements, server: { fake } } = yield* setup
      const id = fake.deprecated.announcements[0]!.id
      const common = [400, 401, 402, 403, 500]
      const calls: ReadonlyArray<StatusCall> = [
        ["list", common, announcements.list()],
        ["get", [...common, 404], announcements.get(id)],
        ["create", common, announcements.create({ comment: "Hello" })],
        ["update", common, announcements.update(id, { comment: "Hello" })],
        ["remove", common, announcements.remove(id)],
        ["removeReaction", common, announcements.removeReaction(id)],
      ]
      yield* expectStatusTags(fake, calls)
      fake.inject({ _tag: "Status", status: 404 })
      assert.strictEqual((yield* Effect.flip(announcements.update(id, { comment: "x" })))._tag, "UnexpectedStatus")
      fake.paymentRequired = true
      assert.strictEqual((yield* Effect.flip(announcements.list()))._tag, "PaymentRequired")
    }).pipe(Effect.provide(socket())))
})

describe("Metrics.byOwner", () => {
  it.effect("the metrics an owner owns, with markup or plain text; an owner with none has an empty page", () =>
    Effect.gen(function* () {
      const { metrics, server: { fake } } = yield* setup
      const owner = fake.deprecated.metrics[0]!.ownerIds[0]!
      const expected = fake.deprecated.metrics.filter((m) => m.ownerIds.includes(owner))
      const page = yield* metrics.byOwner(owner)
      assert.strictEqual(page.totalCount, expected.length)
      assert.deepStrictEqual(page.items.map((m) => m.id), expected.map((m) => m.id))
      assert.isTrue(page.items.every((m) => m.ownerIds?.includes(owner) && m.goalId !== undefined))
      assert.include(page.items[0]!.description!, "@[")
      assert.strictEqual(fake.requests.at(-1)?.path, `/v1/metrics/owner/${owner}`)
      const plain = yield* metrics.byOwner(owner, { formatting: "plainText" })
      assert.isTrue(plain.items.every((m) => !m.description!.includes("@[")))
      const none = yield* metrics.byOwner(UNKNOWN_ID)
      assert.deepStrictEqual(none, { items: [], totalCount: 0 })
      assert.strictEqual((yield* Effect.flip(metrics.byOwner(owner, { formatting: "md" as never })))._tag, "BadRequest")
      assert.strictEqual((yield* Effect.flip(metrics.byOwner("..")))._tag, "InvalidInput")
    }).pipe(Effect.provide(socket())))

  it.effect("documented statuses map to their tags", () =>
    Effect.gen(function* () {
      const { metrics, server: { fake } } = yield* setup
      for (const status of [400, 401, 402, 403, 500]) {
        fake.inject({ _tag: "Status", status })
        assert.strictEqual(
          (yield* Effect.flip(metrics.byOwner(fake.users[0]!.id)))._tag,
          TAG_OF_STATUS[status],
          `${status}`,
        )
      }
      fake.inject({ _tag: "Status", status: 404 })
      assert.strictEqual((yield* Effect.flip(metrics.byOwner(fake.users[0]!.id)))._tag, "UnexpectedStatus")
    }).pipe(Effect.provide(socket())))
})

describe("Goals", () => {
  it.effect("update: answers the goal with its metrics; owners and name change", () =>
    Effect.gen(function* () {
      const { goals, server: { fake } } = yield* setup
      const goal = fake.deprecated.goals.find((g) => !g.locked)!
      const newOwner = fake.users[6]!.id
      const updated = yield* goals.update(goal.id, {
        name: "Become the market leader",
        description: "Careful planning and hard work.",
        ownerIds: [newOwner],
        private: true,
        customFields: 'customFieldMultiselectDropdown:["602b8dc804f94000010daae1"]',
      })
      assert.strictEqual(updated.id, goal.id)
      assert.strictEqual(updated.name, "Become the market leader")
      assert.deepStrictEqual(updated.ownerIds, [newOwner])
      assert.strictEqual(updated.ownerId, newOwner)
      assert.strictEqual(updated.assignee?.id, newOwner)
      assert.isTrue(updated.private)
      assert.isFalse(updated.locked)
      const metricIds = fake.deprecated.metrics.filter((m) => m.goalId === goal.id).map((m) => m.id)
      assert.deepStrictEqual(updated.metrics?.map((m) => m.id), metricIds)
      assert.isTrue(updated.metrics!.every((m) => m.goalName === "Become the market leader"))
      assert.strictEqual(updated.metricsCount, metricIds.length)
      assert.strictEqual(fake.requests.at(-1)?.method, "PUT")
      assert.strictEqual(fake.requests.at(-1)?.path, `/v1/goals/${goal.id}`)
    }).pipe(Effect.provide(socket())))

  it.effect("update: a locked goal is Locked; an unknown one NotFound; a bad owner BadRequest", () =>
    Effect.gen(function* () {
      const { goals, server: { fake } } = yield* setup
      const locked = fake.deprecated.goals.find((g) => g.locked)!
      const error = yield* Effect.flip(goals.update(locked.id, { name: "Renamed" }))
      assert.strictEqual(error._tag, "Locked")
      if (error._tag === "Locked") assert.strictEqual(error.status, 423)
      assert.include(error.message, "locked")
      assert.notStrictEqual(locked.name, "Renamed")
      const recovered = yield* goals.update(locked.id, { name: "Renamed" }).pipe(
        Effect.catchTag("Locked", () => Effect.succeed(undefined)),
      )
      assert.isUndefined(recovered)
      assert.strictEqual((yield* Effect.flip(goals.update(UNKNOWN_ID, { name: "X" })))._tag, "NotFound")
      const open = fake.deprecated.goals.find((g) => !g.locked)!
      assert.strictEqual((yield* Effect.flip(goals.update(open.id, { ownerIds: [UNKNOWN_ID] })))._tag, "BadRequest")
      const before = fake.requests.length
      assert.strictEqual((yield* Effect.flip(goals.update(open.id, {})))._tag, "InvalidInput")
      assert.strictEqual((yield* Effect.flip(goals.update(open.id, { name: "" })))._tag, "InvalidInput")
      assert.strictEqual((yield* Effect.flip(goals.update("", { name: "X" })))._tag, "InvalidInput")
      assert.strictEqual(fake.requests.length, before)
    }).pipe(Effect.provide(socket())))

  it.effect("updateConfidence: answers the stored goal; the value is checked", () =>
    Effect.gen(function* () {
      const { goals, server: { fake } } = yield* setup
      const goal = fake.deprecated.goals[0]!
      const stored = yield* goals.updateConfidence(goal.id, { value: 7, reason: "On track" })
      assert.strictEqual(stored.id, goal.id)
      assert.strictEqual(stored.name, goal.name)
      assert.deepStrictEqual(stored.ownerIds, goal.ownerIds)
      assert.strictEqual(stored.closedStatus?.Status, 0)
      assert.deepStrictEqual(fake.deprecated.confidence.get(goal.id), { value: 7, reason: "On track" })
      assert.deepStrictEqual(fake.requests.at(-1)?.body, { value: 7, reason: "On track" })
      // A locked goal's confidence can still be set (423 is documented only for the goal update).
      const locked = fake.deprecated.goals.find((g) => g.locked)!
      yield* goals.updateConfidence(locked.id, { value: 3 })
      assert.strictEqual((yield* Effect.flip(goals.updateConfidence(goal.id, { value: 42 })))._tag, "BadRequest")
      assert.strictEqual((yield* Effect.flip(goals.updateConfidence(UNKNOWN_ID, { value: 5 })))._tag, "NotFound")
      assert.strictEqual((yield* Effect.flip(goals.updateConfidence(goal.id, { value: NaN })))._tag, "InvalidInput")
    }).pipe(Effect.provide(socket())))

  it.effect("documented statuses map to their tags; 423 is documented for update only", () =>
    Effect.gen(function* () {
      const { goals, server: { fake } } = yield* setup
      const id = fake.deprecated.goals.find((g) => !g.locked)!.id
      const calls: ReadonlyArray<StatusCall> = [
        ["update", [400, 401, 402, 403, 404, 423, 500], goals.update(id, { name: "X" })],
        ["updateConfidence", [400, 401, 402, 403, 404, 500], goals.updateConfidence(id, { value: 5 })],
      ]
      yield* expectStatusTags(fake, calls)
      fake.inject({ _tag: "Status", status: 423 })
      const undocumented = yield* Effect.flip(goals.updateConfidence(id, { value: 5 }))
      assert.strictEqual(undocumented._tag, "UnexpectedStatus")
    }).pipe(Effect.provide(socket())))
})

const warnings = (lines: ReadonlyArray<string>) =>
  lines.map((line) => JSON.parse(line) as { logLevel: string; message: unknown }).filter((e) => e.logLevel === "WARN")

describe("deprecation warnings", () => {
  it.effect("each deprecated method warns once per client, naming its replacement", () => {
    const log = recordingJsonLogger()
    return Effect.gen(function* () {
      const { announcements, goals, metrics, server: { fake } } = yield* setup
      const legacy = yield* LegacyUsers
      const announcementId = fake.deprecated.announcements[0]!.id
      const goalId = fake.deprecated.goals.find((g) => !g.locked)!.id
      const expected: ReadonlyArray<[string, string, Effect.Effect<unknown, unknown>]> = [
        ["Announcements.list", "sunset on 2022-03-15", announcements.list()],
        ["Announcements.get", "sunset on 2022-03-15", announcements.get(announcementId)],
        ["Announcements.update", "sunset on 2022-03-15", announcements.update(announcementId, { comment: "x" })],
        ["Announcements.removeReaction", "sunset on 2022-03-15", announcements.removeReaction(announcementId)],
        ["Announcements.create", "sunset on 2022-03-15", announcements.create({ comment: "y" })],
        ["Announcements.remove", "sunset on 2022-03-15", announcements.remove(announcementId)],
        ["Metrics.byOwner", "Key Results API", metrics.byOwner(fake.users[0]!.id)],
        ["Goals.update", "PATCH Objective", goals.update(goalId, { name: "Z" })],
        ["Goals.updateConfidence", "PATCH Key Result", goals.updateConfidence(goalId, { value: 1 })],
        ["LegacyUsers.create", "Users.create", legacy.create({ email: "w@example.com" })],
        ["LegacyUsers.list", "Users.list", legacy.list()],
        ["LegacyUsers.passwordPolicy", "no replacement", legacy.passwordPolicy("c")],
      ]
      for (const [operation, replacement, call] of expected) {
        const before = warnings(log.lines).length
        yield* call
        yield* Effect.ignore(call)
        const warned = warnings(log.lines).slice(before)
        assert.strictEqual(warned.length, 1, operation)
        assert.include(String(warned[0]!.message), `${operation} is deprecated`)
        assert.include(String(warned[0]!.message), replacement)
      }
    }).pipe(Effect.provide(socket()), Effect.provide(log.layer))
  })
})
