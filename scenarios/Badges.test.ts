/**
 * Badges over a real loopback socket against the fake server: every operation, the requests that reach the server,
 * the fake's behaviour (approvals, assignees, unassigning), each documented status's tag, and bad input failing
 * before any request.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { Badges, FakeQuantive } from "#line"
import { expectStatusTags, socket, type StatusCall } from "#line/support"

const setup = Effect.all({ badges: Badges, server: FakeQuantive.FakeServer })

const UNKNOWN = "5be26318e5274a0007f17f61"

describe("the seeded badges", () => {
  it("are deterministic per seed, realistic, and assigned to the given users", () => {
    const a = FakeQuantive.make({ seed: 3 })
    const b = FakeQuantive.make({ seed: 3 })
    const c = FakeQuantive.make({ seed: 4 })
    assert.deepStrictEqual(JSON.stringify(a.badges), JSON.stringify(b.badges))
    assert.notStrictEqual(JSON.stringify(a.badges), JSON.stringify(c.badges))
    const state = a.badges
    assert.isAtLeast(state.badges.length, 8)
    assert.strictEqual(new Set(state.badges.map((badge) => badge.name)).size, state.badges.length)
    for (const badge of state.badges) {
      assert.match(badge.id, /^[0-9a-f]{24}$/)
      assert.match(badge.background, /^#[0-9a-f]{6}$/)
      assert.isNotEmpty(badge.icon)
      assert.isNotEmpty(badge.summary)
    }
    // The current user is the token's user: the account owner, the first user.
    assert.strictEqual(state.currentUserId, a.account.ownerId)
    assert.strictEqual(state.currentUserId, a.users[0]?.id)
    const userIds = new Set(a.users.map((user) => user.id))
    const teamIds = new Set(state.teams.map((team) => team.id))
    for (const assignment of state.assignments) {
      assert.isTrue(state.badges.some((badge) => badge.id === assignment.badgeId))
      assert.isTrue(assignment.assigneeIds.every((id) => userIds.has(id) || teamIds.has(id)))
    }
    assert.isTrue(state.assignments.some((x) => x.status === "pending"))
    assert.isTrue(state.assignments.some((x) => x.status === "approved" && x.assigneeIds.includes(state.currentUserId)))
    for (const team of state.teams) assert.isTrue(team.members.every((id) => userIds.has(id)))
  })

  it("an account with no users has badges and no assignments", () => {
    const fake = FakeQuantive.make({ users: 0 })
    assert.isAtLeast(fake.badges.badges.length, 8)
    assert.deepStrictEqual(fake.badges.assignments, [])
    assert.deepStrictEqual(fake.badges.teams, [])
  })
})

describe("Badges reads", () => {
  it.effect("list: every badge of the account, decoded", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      const page = yield* badges.list()
      assert.strictEqual(page.totalCount, fake.badges.badges.length)
      assert.deepStrictEqual(page.items.map((badge) => badge.id), fake.badges.badges.map((badge) => badge.id))
      const first = page.items[0]!
      const stored = fake.badges.badges[0]!
      assert.deepStrictEqual(first, { accountId: fake.accountId, ...stored })
      const [request] = fake.requests
      assert.strictEqual(request?.method, "GET")
      assert.strictEqual(request?.path, "/v1/badges")
      assert.isUndefined(request?.body)
    }).pipe(Effect.provide(socket())))

  it.effect("get: one badge; an unknown id is NotFound; an empty id is InvalidInput with no request", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      const stored = fake.badges.badges[2]!
      const badge = yield* badges.get(stored.id)
      assert.strictEqual(badge.name, stored.name)
      assert.strictEqual(badge.icon, stored.icon)
      assert.strictEqual(fake.requests[0]?.path, `/v1/badges/${stored.id}`)
      assert.strictEqual((yield* Effect.flip(badges.get(UNKNOWN)))._tag, "NotFound")
      const before = fake.requests.length
      assert.strictEqual((yield* Effect.flip(badges.get("")))._tag, "InvalidInput")
      assert.strictEqual((yield* Effect.flip(badges.get("..")))._tag, "InvalidInput")
      assert.strictEqual(fake.requests.length, before)
    }).pipe(Effect.provide(socket())))

  it.effect("pendingApprovals: the assignments waiting for approval, with their badge ids", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      const page = yield* badges.pendingApprovals()
      const pending = fake.badges.assignments.filter((x) => x.status === "pending")
      assert.isAbove(pending.length, 0)
      assert.strictEqual(page.totalCount, pending.length)
      assert.deepStrictEqual(page.items.map((x) => x.id), pending.map((x) => x.id))
      for (const item of page.items) {
        assert.strictEqual(item.status, "pending")
        assert.strictEqual(item.approvedBy, "")
        assert.isString(item.badgeId)
        assert.strictEqual(item.accountId, fake.accountId)
      }
      assert.strictEqual(fake.requests[0]?.method, "GET")
      assert.strictEqual(fake.requests[0]?.path, "/v1/badges/approve")
    }).pipe(Effect.provide(socket())))

  it.effect("assigned and current: approved assignments with the badge expanded; current holds the user's", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      const state = fake.badges
      const all = yield* badges.assigned()
      const approved = state.assignments.filter((x) => x.status === "approved")
      assert.deepStrictEqual(all.items.map((x) => x.id), approved.map((x) => x.id))
      for (const item of all.items) {
        const stored = state.assignments.find((x) => x.id === item.id)!
        assert.strictEqual(item.badge?.id, stored.badgeId)
        assert.strictEqual(item.badge?.name, state.badges.find((b) => b.id === stored.badgeId)?.name)
        assert.strictEqual(item.status, "approved")
        assert.strictEqual(item.approvedBy, state.currentUserId)
      }
      const mine = yield* badges.current()
      const myTeams = state.teams.filter((team) => team.members.includes(state.currentUserId)).map((team) => team.id)
      const expected = approved.filter((x) =>
        x.assigneeIds.includes(state.currentUserId) || x.assigneeIds.some((id) => myTeams.includes(id))
      )
      assert.isAbove(mine.totalCount, 0)
      assert.isBelow(mine.totalCount, all.totalCount)
      assert.deepStrictEqual(mine.items.map((x) => x.id), expected.map((x) => x.id))
      assert.deepStrictEqual(fake.requests.map((r) => `${r.method} ${r.path}`), [
        "GET /v1/badges/assign",
        "GET /v1/badges/current",
      ])
    }).pipe(Effect.provide(socket({ users: 40 }))))

  it.effect("assignees: the users and teams holding a badge; an unknown badge is NotFound", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      const state = fake.badges
      const team = state.teams[0]!
      const user = fake.users[5]!.id
      const badge = state.badges[1]!
      yield* badges.assign({ badgeId: badge.id, assigneeIds: [team.id, user] })
      const holders = new Set(
        state.assignments.filter((x) => x.status === "approved" && x.badgeId === badge.id).flatMap((x) =>
          x.assigneeIds
        ),
      )
      const assignees = yield* badges.assignees(badge.id)
      assert.strictEqual(fake.requests.at(-1)?.path, `/v1/badges/assign/${badge.id}`)
      const teamIds = (assignees.Teams ?? []).map((t) => t.id)
      const userIds = (assignees.Users ?? []).map((u) => u.id)
      assert.sameMembers([...teamIds, ...userIds], [...holders])
      assert.include(userIds, user)
      const served = assignees.Teams?.find((t) => t.id === team.id)
      assert.strictEqual(served?.name, team.name)
      assert.deepStrictEqual(served?.members, team.members)
      assert.strictEqual(served?.managerInfo?.id, team.manager)
      assert.deepStrictEqual(served?.membersInfo?.map((u) => u.id), team.members)
      assert.include(served?.badges?.map((b) => b.id) ?? [], badge.id)
      assert.strictEqual(served?.tags?.[0]?.items?.length, 2)
      assert.strictEqual(served?.tags?.[0]?.items?.[0]?.items?.length, 0)
      assert.strictEqual((yield* Effect.flip(badges.assignees(UNKNOWN)))._tag, "NotFound")
    }).pipe(Effect.provide(socket({ users: 30 }))))

  it.effect("assignees: with the Users fake wired in, users come whole", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      fake.badges.lookupUser = (id) => fake.users.find((user) => user.id === id)
      const someone = fake.users[3]!
      const team = fake.badges.teams[0]!
      const badge = fake.badges.badges[0]!
      yield* badges.assign({ badgeId: badge.id, assigneeIds: [someone.id, team.id] })
      const assignees = yield* badges.assignees(badge.id)
      const user = assignees.Users?.find((u) => u.id === someone.id)
      assert.strictEqual(user?.email, someone.email)
      assert.isAbove(user?.roles?.length ?? 0, 0)
      const served = assignees.Teams?.find((t) => t.id === team.id)
      const manager = fake.users.find((u) => u.id === team.manager)
      assert.strictEqual(served?.managerInfo?.email, manager?.email)
      assert.isTrue(served?.membersInfo?.every((u) => typeof u.email === "string"))
    }).pipe(Effect.provide(socket())))
})

describe("Badges writes", () => {
  it.effect("create: 201 with the badge; the body reaches the server as given; no name is InvalidInput", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      const body = {
        name: "Night Owl",
        summary: "Fixed production at 3 a.m.",
        icon: "moon",
        background: "#283593",
        pattern: "stars",
        type: "manual",
        assignCondition: "",
      }
      const badge = yield* badges.create(body)
      assert.strictEqual(badge.name, "Night Owl")
      assert.strictEqual(badge.accountId, fake.accountId)
      assert.match(badge.id, /^[0-9a-f]{24}$/)
      assert.isTrue(fake.badges.badges.some((b) => b.id === badge.id))
      const request = fake.requests.at(-1)
      assert.strictEqual(request?.method, "POST")
      assert.strictEqual(request?.path, "/v1/badges")
      assert.deepStrictEqual(request?.body, body)
      assert.strictEqual(request?.headers["content-type"], "application/json")
      assert.deepStrictEqual(yield* badges.get(badge.id), badge)
      const before = fake.requests.length
      assert.strictEqual((yield* Effect.flip(badges.create({ name: "  " })))._tag, "InvalidInput")
      assert.strictEqual((yield* Effect.flip(badges.create({} as never)))._tag, "InvalidInput")
      assert.strictEqual(fake.requests.length, before)
    }).pipe(Effect.provide(socket())))

  it.effect("update: 204; the patch is applied; unknown is NotFound; an empty patch is InvalidInput", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      const stored = fake.badges.badges[0]!
      const result = yield* badges.update(stored.id, { name: "Team Hero", assignCondition: "three kudos" })
      assert.isUndefined(result)
      const request = fake.requests.at(-1)
      assert.strictEqual(request?.method, "PATCH")
      assert.strictEqual(request?.path, `/v1/badges/${stored.id}`)
      assert.deepStrictEqual(request?.body, { name: "Team Hero", assignCondition: "three kudos" })
      const badge = yield* badges.get(stored.id)
      assert.strictEqual(badge.name, "Team Hero")
      assert.strictEqual(badge.assignmentCondition, "three kudos")
      assert.strictEqual(badge.summary, stored.summary)
      assert.strictEqual((yield* Effect.flip(badges.update(UNKNOWN, { icon: "x" })))._tag, "NotFound")
      const before = fake.requests.length
      assert.strictEqual((yield* Effect.flip(badges.update(stored.id, {})))._tag, "InvalidInput")
      assert.strictEqual((yield* Effect.flip(badges.update(stored.id, { name: "" })))._tag, "InvalidInput")
      assert.strictEqual((yield* Effect.flip(badges.update("", { icon: "x" })))._tag, "InvalidInput")
      assert.strictEqual(fake.requests.length, before)
    }).pipe(Effect.provide(socket())))

  it.effect("remove: 204; the badge and its assignments are gone; unknown is BadRequest (404 undocumented)", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      const held = fake.badges.assignments.find((x) => x.status === "approved")!.badgeId
      yield* badges.remove(held)
      const request = fake.requests.at(-1)
      assert.strictEqual(request?.method, "DELETE")
      assert.strictEqual(request?.path, `/v1/badges/${held}`)
      assert.isFalse(fake.badges.badges.some((b) => b.id === held))
      assert.isFalse(fake.badges.assignments.some((x) => x.badgeId === held))
      assert.strictEqual((yield* Effect.flip(badges.get(held)))._tag, "NotFound")
      assert.strictEqual((yield* Effect.flip(badges.remove(held)))._tag, "BadRequest")
    }).pipe(Effect.provide(socket())))

  it.effect("assign: by the current user it is approved at once; on behalf of another it waits for approval", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      const state = fake.badges
      const badge = state.badges[3]!
      const [a, b, c] = fake.users.slice(6, 9).map((user) => user.id)
      const body = {
        badgeId: badge.id,
        assigneeIds: [a!, b!],
        comment: "For the migration weekend",
        notificationStrategy: "custom",
        notify: [c!],
      }
      const assignment = yield* badges.assign(body)
      assert.strictEqual(assignment.status, "approved")
      assert.strictEqual(assignment.approvedBy, state.currentUserId)
      assert.strictEqual(assignment.assignedById, state.currentUserId)
      assert.deepStrictEqual(assignment.assigneeIds, [a, b])
      assert.strictEqual(assignment.badgeId, badge.id)
      assert.deepStrictEqual(assignment.notify, [c])
      assert.isString(assignment.assignedOn)
      const request = fake.requests.at(-1)
      assert.strictEqual(request?.method, "POST")
      assert.strictEqual(request?.path, "/v1/badges/assign")
      assert.deepStrictEqual(request?.body, body)
      assert.include((yield* badges.assigned()).items.map((x) => x.id), assignment.id)

      const onBehalf = yield* badges.assign({ badgeId: badge.id, assigneeIds: [c!], assignedById: a! })
      assert.strictEqual(onBehalf.status, "pending")
      assert.strictEqual(onBehalf.approvedBy, "")
      assert.include((yield* badges.pendingApprovals()).items.map((x) => x.id), onBehalf.id)
      assert.notInclude((yield* badges.assigned()).items.map((x) => x.id), onBehalf.id)

      assert.strictEqual(
        (yield* Effect.flip(badges.assign({ badgeId: UNKNOWN, assigneeIds: [a!] })))._tag,
        "BadRequest",
      )
      assert.strictEqual(
        (yield* Effect.flip(badges.assign({ badgeId: badge.id, assigneeIds: ["no-such-user"] })))._tag,
        "BadRequest",
      )
      const before = fake.requests.length
      const bad = [
        badges.assign({ badgeId: badge.id, assigneeIds: [] }),
        badges.assign({ badgeId: "", assigneeIds: [a!] }),
        badges.assign({ badgeId: badge.id, assigneeIds: [" "] }),
        badges.assign({ badgeId: badge.id, assigneeIds: [a!], assignedById: "" }),
      ]
      for (const effect of bad) assert.strictEqual((yield* Effect.flip(effect))._tag, "InvalidInput")
      assert.strictEqual(fake.requests.length, before)
    }).pipe(Effect.provide(socket())))

  it.effect("approve: 204; the assignment counts; approving twice is BadRequest", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      const state = fake.badges
      const pending = state.assignments.find((x) => x.status === "pending")!
      const result = yield* badges.approve(pending.id)
      assert.isUndefined(result)
      const request = fake.requests.at(-1)
      assert.strictEqual(request?.method, "POST")
      assert.strictEqual(request?.path, `/v1/badges/approve/${pending.id}`)
      assert.isUndefined(request?.body)
      assert.strictEqual(pending.status, "approved")
      assert.strictEqual(pending.approvedBy, state.currentUserId)
      assert.notInclude((yield* badges.pendingApprovals()).items.map((x) => x.id), pending.id)
      assert.include((yield* badges.assigned()).items.map((x) => x.id), pending.id)
      assert.strictEqual((yield* Effect.flip(badges.approve(pending.id)))._tag, "BadRequest")
      assert.strictEqual((yield* Effect.flip(badges.approve(UNKNOWN)))._tag, "BadRequest")
    }).pipe(Effect.provide(socket())))

  it.effect("reject: 204; the request is gone; rejecting an approved assignment is BadRequest", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      const state = fake.badges
      const pending = state.assignments.find((x) => x.status === "pending")!
      yield* badges.reject(pending.id)
      const request = fake.requests.at(-1)
      assert.strictEqual(request?.method, "DELETE")
      assert.strictEqual(request?.path, `/v1/badges/approve/${pending.id}`)
      assert.isFalse(state.assignments.some((x) => x.id === pending.id))
      assert.notInclude((yield* badges.pendingApprovals()).items.map((x) => x.id), pending.id)
      const approved = state.assignments.find((x) => x.status === "approved")!
      assert.strictEqual((yield* Effect.flip(badges.reject(approved.id)))._tag, "BadRequest")
    }).pipe(Effect.provide(socket())))

  it.effect("unassign: 204; the assignee leaves the assignment, the last one deletes it; paths are encoded", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      const [a, b] = fake.users.slice(10, 12).map((user) => user.id)
      const badge = fake.badges.badges[0]!
      const assignment = yield* badges.assign({ badgeId: badge.id, assigneeIds: [a!, b!] })
      yield* badges.unassign(a!, assignment.id)
      const request = fake.requests.at(-1)
      assert.strictEqual(request?.method, "DELETE")
      assert.strictEqual(request?.path, `/v1/badges/assign/${a}/${assignment.id}`)
      assert.deepStrictEqual(fake.badges.assignments.find((x) => x.id === assignment.id)?.assigneeIds, [b])
      assert.strictEqual((yield* Effect.flip(badges.unassign(a!, assignment.id)))._tag, "BadRequest")
      yield* badges.unassign(b!, assignment.id)
      assert.isFalse(fake.badges.assignments.some((x) => x.id === assignment.id))
      assert.strictEqual((yield* Effect.flip(badges.unassign(b!, assignment.id)))._tag, "BadRequest")
      // An id holding a slash stays one segment.
      assert.strictEqual((yield* Effect.flip(badges.unassign("a/b", assignment.id)))._tag, "BadRequest")
      assert.strictEqual(fake.requests.at(-1)?.path, `/v1/badges/assign/a%2Fb/${assignment.id}`)
      const before = fake.requests.length
      assert.strictEqual((yield* Effect.flip(badges.unassign("", assignment.id)))._tag, "InvalidInput")
      assert.strictEqual((yield* Effect.flip(badges.unassign(a!, " ")))._tag, "InvalidInput")
      assert.strictEqual(fake.requests.length, before)
    }).pipe(Effect.provide(socket())))

  it.effect("the 204 answers carry no body", () =>
    Effect.gen(function* () {
      const { server: { baseUrl, fake } } = yield* setup
      const headers = { authorization: `Bearer ${fake.token}`, "gtmhub-accountId": fake.accountId }
      const pending = fake.badges.assignments.filter((x) => x.status === "pending")
      const badge = fake.badges.badges[0]!
      const calls: ReadonlyArray<readonly [string, string, string?]> = [
        ["POST", `/v1/badges/approve/${pending[0]!.id}`],
        ["DELETE", `/v1/badges/approve/${pending[1]!.id}`],
        ["PATCH", `/v1/badges/${badge.id}`, JSON.stringify({ icon: "medal" })],
        ["DELETE", `/v1/badges/${badge.id}`],
      ]
      for (const [method, path, body] of calls) {
        const response = yield* Effect.promise(() =>
          fetch(`${baseUrl}${path}`, {
            method,
            headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
            ...(body === undefined ? {} : { body }),
          })
        )
        assert.strictEqual(response.status, 204, `${method} ${path}`)
        assert.strictEqual(yield* Effect.promise(() => response.text()), "", `${method} ${path}`)
      }
    }).pipe(Effect.provide(socket())))
})

describe("documented statuses map to their tags", () => {
  it.effect("for each Badges operation", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      const badge = fake.badges.badges[0]!.id
      const assignment = fake.badges.assignments[0]!.id
      const user = fake.users[1]!.id
      const calls: ReadonlyArray<StatusCall> = [
        ["list", [400, 401, 402, 403, 500], badges.list()],
        ["pendingApprovals", [400, 401, 402, 403, 500], badges.pendingApprovals()],
        ["assigned", [400, 401, 402, 403, 500], badges.assigned()],
        ["assignees", [400, 401, 402, 403, 404, 500], badges.assignees(badge)],
        ["current", [400, 401, 402, 403, 500], badges.current()],
        ["get", [400, 401, 402, 403, 404, 500], badges.get(badge)],
        ["create", [400, 401, 402, 403, 500], badges.create({ name: "Kudos" })],
        ["approve", [400, 401, 402, 403, 500], badges.approve(assignment)],
        ["assign", [400, 401, 402, 403, 500], badges.assign({ badgeId: badge, assigneeIds: [user] })],
        ["update", [400, 401, 402, 403, 404, 500], badges.update(badge, { icon: "medal" })],
        ["reject", [400, 401, 402, 403, 500], badges.reject(assignment)],
        ["unassign", [400, 401, 402, 403, 500], badges.unassign(user, assignment)],
        ["remove", [400, 401, 402, 403, 500], badges.remove(badge)],
      ]
      yield* expectStatusTags(fake, calls, { checkStatus: true })
      // Every call above was answered by the injected status: nothing changed.
      assert.strictEqual(fake.requests.length, calls.reduce((n, [, statuses]) => n + statuses.length, 0))
      assert.isTrue(fake.badges.badges.some((b) => b.id === badge))
      for (const [name, call] of [["list", badges.list()], ["remove", badges.remove(badge)]] as const) {
        fake.inject({ _tag: "Status", status: 404 })
        const error = yield* Effect.flip(call as Effect.Effect<unknown, { _tag: string }>)
        assert.strictEqual(error._tag, "UnexpectedStatus", `${name} does not document 404`)
      }
      fake.inject({ _tag: "Status", status: 409 })
      assert.strictEqual((yield* Effect.flip(badges.create({ name: "X" })))._tag, "UnexpectedStatus")
    }).pipe(Effect.provide(socket())))

  it.effect("the fake's own checks apply: a suspended account is PaymentRequired", () =>
    Effect.gen(function* () {
      const { badges, server: { fake } } = yield* setup
      fake.paymentRequired = true
      assert.strictEqual((yield* Effect.flip(badges.list()))._tag, "PaymentRequired")
      assert.strictEqual((yield* Effect.flip(badges.approve(UNKNOWN)))._tag, "PaymentRequired")
    }).pipe(Effect.provide(socket())))
})
