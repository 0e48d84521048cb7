/**
 * Users over a real loopback socket against the fake server: every operation, list queries and projection, and the
 * pagination stream (order, concurrency, interruption).
 */
import { FakeQuantive, LegacyUsers, Users } from "#line"
import { fork } from "#line/effect"
import { expectStatusTags, socket, type StatusCall } from "#line/support"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Stream } from "effect"

const setup = Effect.all({ users: Users, server: FakeQuantive.FakeServer })

const byDateThenId = (a: { dateCreated?: unknown; id: string }, b: { dateCreated?: unknown; id: string }) =>
  String(a.dateCreated ?? "") < String(b.dateCreated ?? "")
    ? -1
    : String(a.dateCreated ?? "") > String(b.dateCreated ?? "")
    ? 1
    : a.id < b.id
    ? -1
    : a.id > b.id
    ? 1
    : 0

describe("Users.list", () => {
  it.effect("pages with skip/take, counts the filtered set, and sends the query as given", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const page = yield* users.list({ sort: "dateCreated,_id", skip: 5, take: 10 })
      assert.strictEqual(page.totalCount, 60)
      const expected = [...fake.users].sort(byDateThenId).slice(5, 15).map((u) => u.id)
      assert.deepStrictEqual(page.items.map((u) => u.id), expected)
      assert.deepStrictEqual(fake.requests[0]?.query, { sort: "dateCreated,_id", skip: "5", take: "10" })
      assert.strictEqual(fake.requests[0]?.path, "/v2/users")
    }).pipe(Effect.provide(socket({ users: 60 }))))

  it.effect("a typed filter: equality and $in, with id sent as _id", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const active = yield* users.list({ filter: { isActive: false }, take: 1000 })
      assert.strictEqual(active.totalCount, fake.users.filter((u) => u.isActive === false).length)
      assert.isTrue(active.items.every((u) => u.isActive === false))
      const picked = fake.users.slice(3, 6).map((u) => u.id)
      const some = yield* users.list({ filter: { id: { $in: picked } } })
      assert.sameMembers(some.items.map((u) => u.id), picked)
      assert.deepStrictEqual(JSON.parse(fake.requests[1]!.query.filter!), { _id: { $in: picked } })
      const email = String(fake.users[7]!.email)
      const one = yield* users.list({ filter: `{"email":${JSON.stringify(email)}}` })
      assert.deepStrictEqual(one.items.map((u) => u.email), [email])
    }).pipe(Effect.provide(socket({ users: 40 }))))

  it.effect("fields: items hold just those fields and id", () =>
    Effect.gen(function* () {
      const { users } = yield* setup
      const page = yield* users.list({ fields: ["email", "firstName"], take: 5 })
      for (const item of page.items) assert.sameMembers(Object.keys(item), ["id", "email", "firstName"])
    }).pipe(Effect.provide(socket())))

  it.effect("bad queries fail with InvalidInput before any request; the server's 400 is BadRequest", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const cases = [
        users.list({ fields: ["nope" as never] }),
        users.list({ filter: "{not json" }),
        users.list({ sort: "date Created" }),
        users.list({ skip: -1 }),
        users.list({ take: 1.5 }),
      ]
      for (const effect of cases) assert.strictEqual((yield* Effect.flip(effect))._tag, "InvalidInput")
      assert.strictEqual(fake.requests.length, 0)
      const error = yield* Effect.flip(users.list({ filter: `{"email":{"$regex":"x"}}` }))
      assert.strictEqual(error._tag, "BadRequest")
    }).pipe(Effect.provide(socket())))
})

describe("Users.stream", () => {
  for (const concurrency of [1, 4]) {
    it.effect(`every user once, in the default order (dateCreated, id), concurrency ${concurrency}`, () =>
      Effect.gen(function* () {
        const { server: { fake }, users } = yield* setup
        const out = Array.from(yield* Stream.runCollect(users.stream({ pageSize: 25, concurrency })))
        assert.deepStrictEqual(out.map((u) => u.id), [...fake.users].sort(byDateThenId).map((u) => u.id))
        assert.strictEqual(fake.requests[0]?.query.sort, "dateCreated,_id")
      }).pipe(Effect.provide(socket({ users: 230 }))))
  }

  it.effect("a descending sort, a filter and a projection (the sort's fields are fetched too)", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const out = Array.from(
        yield* Stream.runCollect(users.stream({ sort: "-dateCreated", filter: { isActive: true }, fields: ["email"] })),
      )
      const expected = fake.users.filter((u) => u.isActive === true).sort(byDateThenId).reverse()
      // `-dateCreated,_id`: ties on the date stay in ascending id order.
      const ids = out.map((u) => u.id)
      assert.sameMembers(ids, expected.map((u) => u.id))
      assert.strictEqual(new Set(ids).size, ids.length)
      assert.strictEqual(fake.requests[0]?.query.sort, "-dateCreated,_id")
      assert.strictEqual(fake.requests[0]?.query.fields, "email,dateCreated")
      assert.isString(out[0]?.email)
    }).pipe(Effect.provide(socket({ users: 120 }))))

  it.effect("pages carry the collection's size, for progress", () =>
    Effect.gen(function* () {
      const { users } = yield* setup
      const pages = Array.from(yield* Stream.runCollect(users.pages({ pageSize: 10 })))
      assert.isTrue(pages.every((page) => page.totalCount === 35))
      assert.strictEqual(pages.reduce((n, page) => n + page.items.length, 0), 35)
    }).pipe(Effect.provide(socket({ users: 35 }))))

  it.live("after Stream.take(n), no further requests reach the server (one page at a time)", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const taken = yield* Stream.runCollect(users.stream({ pageSize: 10 }).pipe(Stream.take(15)))
      assert.strictEqual(taken.length, 15)
      assert.deepStrictEqual(fake.requests.map((r) => r.query.skip), ["0", "9"])
      yield* Effect.sleep("150 millis")
      assert.strictEqual(fake.requests.length, 2)
    }).pipe(Effect.provide(socket({ users: 500 }))))

  it.live("with concurrency, requests made ahead are bounded and stop when the stream is taken", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      fake.latencyMillis = 20
      yield* Stream.runDrain(users.stream({ pageSize: 10, concurrency: 3 }).pipe(Stream.take(15)))
      // Generous waits (two shared cores): a request cancelled in flight may still reach the server late.
      yield* Effect.sleep("600 millis")
      const settled = fake.requests.length
      // The first page, 3 ahead, and the one refilled while the second page was read (cancelled in flight).
      assert.isAtMost(settled, 5)
      yield* Effect.sleep("400 millis")
      assert.strictEqual(fake.requests.length, settled)
    }).pipe(Effect.provide(socket({ users: 500 }))))

  it.live("interrupting a stream aborts its request in flight: the server sees the connection closed", () =>
    Effect.gen(function* () {
      const { abandoned, fake } = yield* FakeQuantive.FakeServer
      const users = yield* Users
      fake.inject({ _tag: "NoHeaders" }, { path: "/users" })
      const fiber = yield* fork(Stream.runDrain(users.stream({ pageSize: 10 })))
      while (fake.requests.length === 0) yield* Effect.sleep("5 millis")
      yield* Fiber.interrupt(fiber)
      for (let i = 0; i < 2000 && abandoned() === 0; i++) yield* Effect.sleep("5 millis")
      assert.strictEqual(abandoned(), 1)
      assert.strictEqual(fake.requests.length, 1)
    }).pipe(Effect.provide(socket({ users: 50 }))))

  it.effect("bad stream options fail with InvalidInput and send nothing", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const bad = [{ pageSize: 1 }, { pageSize: 5000 }, { concurrency: 0 }, { sort: "a b" }, { filter: "{not json" }]
      for (const query of bad) {
        const error = yield* Effect.flip(Stream.runDrain(users.stream(query)))
        assert.strictEqual(error._tag, "InvalidInput")
      }
      assert.strictEqual(fake.requests.length, 0)
    }).pipe(Effect.provide(socket())))
})

describe("Users.stream distinct (issue 10, item 8)", () => {
  /** After the first page, the earliest user (already emitted) gets a later creation date: it moves past the cursor. */
  const moveFirstUserLater = (fake: FakeQuantive.FakeQuantive) => {
    const first = [...fake.users].sort(byDateThenId)[0]!
    let pages = 0
    fake.beforeList = () => {
      if (++pages === 2) first.dateCreated = "2999-01-01T00:00:00.000Z"
    }
    return first.id
  }

  it.effect("a user whose sort key changes during the export: twice by default, once with distinct", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const moved = moveFirstUserLater(fake)
      const ids = Array.from(yield* Stream.runCollect(users.stream({ pageSize: 10 }))).map((u) => u.id)
      assert.strictEqual(ids.filter((id) => id === moved).length, 2)
    }).pipe(Effect.provide(socket({ users: 30 }))))

  it.effect("with distinct: true, no user twice, every user present", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const moved = moveFirstUserLater(fake)
      for (const concurrency of [1, 3]) {
        const ids = Array.from(yield* Stream.runCollect(users.stream({ pageSize: 10, concurrency, distinct: true })))
          .map((u) => u.id)
        assert.strictEqual(new Set(ids).size, ids.length)
        assert.sameMembers(ids, fake.users.map((u) => u.id))
        assert.include(ids, moved)
      }
    }).pipe(Effect.provide(socket({ users: 30 }))))

  it.effect("distinct must be a boolean (InvalidInput, nothing sent)", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const error = yield* Effect.flip(Stream.runDrain(users.stream({ distinct: "yes" as never })))
      assert.strictEqual(error._tag, "InvalidInput")
      assert.strictEqual(fake.requests.length, 0)
    }).pipe(Effect.provide(socket())))
})

describe("single-user operations", () => {
  it.effect("get, managers, and their 404s", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const someone = fake.users[4]!
      const user = yield* users.get(someone.id, { formatting: "plainText" })
      assert.strictEqual(user.email, someone.email)
      assert.strictEqual(fake.requests[0]?.query.formatting, "plainText")
      const managers = yield* users.managers(someone.id)
      assert.strictEqual(managers.count, managers.managers.length)
      assert.strictEqual((yield* Effect.flip(users.get("5be26318e5274a0007f17f61")))._tag, "NotFound")
      assert.strictEqual((yield* Effect.flip(users.managers("5be26318e5274a0007f17f61")))._tag, "NotFound")
      assert.strictEqual((yield* Effect.flip(users.get("")))._tag, "InvalidInput")
    }).pipe(Effect.provide(socket())))

  it.effect("updateName, updateInfo, updateLanguage, sendChangePasswordEmail", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const id = fake.users[2]!.id
      yield* users.updateName(id, { firstName: "Ada", lastName: "Lovelace" })
      assert.strictEqual((yield* users.get(id)).firstName, "Ada")
      yield* users.updateInfo(id, { lastName: "Byron" })
      assert.strictEqual((yield* users.get(id)).lastName, "Byron")
      yield* users.updateLanguage(id, { language: "german", notificationSettings: { subjectsOptedOut: ["badges"] } })
      assert.strictEqual((yield* users.get(id)).language, "german")
      yield* users.sendChangePasswordEmail(id)
      assert.strictEqual(
        (yield* Effect.flip(users.updateName("5be26318e5274a0007f17f61", { firstName: "X" })))._tag,
        "NotFound",
      )
      assert.strictEqual((yield* Effect.flip(users.updateName(id, {})))._tag, "InvalidInput")
      assert.strictEqual(
        (yield* Effect.flip(users.sendChangePasswordEmail("5be26318e5274a0007f17f61")))._tag,
        "BadRequest",
      )
    }).pipe(Effect.provide(socket())))

  it.effect("roles: assignRole, removeRole, removeRoles, with their 404 and 409", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const user = fake.users[5]!
      const [first, second, third] = fake.roles
      yield* users.assignRole(user.id, { roleId: first!.id })
      yield* users.assignRole(user.id, { roleId: second!.id })
      yield* users.assignRole(user.id, { roleId: third!.id })
      const roleIds = () => (fake.users.find((u) => u.id === user.id)!.roles as Array<{ id: string }>).map((r) => r.id)
      assert.includeMembers(roleIds(), [first!.id, second!.id, third!.id])
      yield* users.removeRole(user.id, first!.id)
      assert.notInclude(roleIds(), first!.id)
      yield* users.removeRoles(user.id, [second!.id])
      assert.notInclude(roleIds(), second!.id)
      assert.deepStrictEqual(fake.requests.at(-1)?.query, { ids: second!.id })
      assert.strictEqual((yield* Effect.flip(users.removeRoles(user.id, roleIds())))._tag, "Conflict")
      assert.strictEqual((yield* Effect.flip(users.assignRole(user.id, { roleId: "nope" })))._tag, "NotFound")
      assert.strictEqual((yield* Effect.flip(users.removeRole("5be26318e5274a0007f17f61", first!.id)))._tag, "NotFound")
      assert.strictEqual((yield* Effect.flip(users.removeRoles(user.id, [])))._tag, "InvalidInput")
    }).pipe(Effect.provide(socket())))

  it.effect("remove: deletes a user; the account owner is a Conflict", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const victim = fake.users[9]!.id
      yield* users.remove(victim)
      assert.isFalse(fake.users.some((u) => u.id === victim))
      const owner = fake.account.ownerId!
      assert.strictEqual((yield* Effect.flip(users.remove(owner)))._tag, "Conflict")
    }).pipe(Effect.provide(socket())))
})

describe("bulk operations", () => {
  it.effect("create: 201 with the created users; a taken email is Conflict; an empty list sends nothing", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const created = yield* users.create([
        { email: "new.person@example.com", firstName: "New", lastName: "Person" },
        { email: "other.person@example.com", firstName: "Other", lastName: "Person" },
      ])
      assert.deepStrictEqual(created.items.map((u) => u.email), ["new.person@example.com", "other.person@example.com"])
      assert.strictEqual(fake.users.length, 27)
      const taken = yield* Effect.flip(users.create([{ email: "new.person@example.com" }]))
      assert.strictEqual(taken._tag, "Conflict")
      const before = fake.requests.length
      assert.strictEqual((yield* Effect.flip(users.create([])))._tag, "InvalidInput")
      assert.strictEqual(fake.requests.length, before)
    }).pipe(Effect.provide(socket())))

  it.effect("activate/deactivate tell which ids succeeded; empty lists send nothing", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const ids = fake.users.slice(3, 6).map((u) => u.id)
      const result = yield* users.deactivate([...ids, "5be26318e5274a0007f17f61"])
      assert.isTrue(result.hasFailures)
      assert.deepStrictEqual(result.items.filter((i) => i.isSuccessful).map((i) => i.userId), ids)
      assert.deepStrictEqual(result.items.filter((i) => !i.isSuccessful).map((i) => i.userId), [
        "5be26318e5274a0007f17f61",
      ])
      assert.isTrue(fake.users.filter((u) => ids.includes(u.id)).every((u) => u.isActive === false))
      const back = yield* users.activate(ids)
      assert.isFalse(back.hasFailures)
      assert.isTrue(fake.users.filter((u) => ids.includes(u.id)).every((u) => u.isActive === true))
      const before = fake.requests.length
      const empties: ReadonlyArray<Effect.Effect<unknown, { readonly _tag: string }>> = [
        users.activate([]),
        users.deactivate([]),
        users.removeMany([]),
        users.sendInvitations([]),
      ]
      for (const empty of empties) {
        assert.strictEqual((yield* Effect.flip(empty))._tag, "InvalidInput")
      }
      assert.strictEqual((yield* Effect.flip(users.activate([""])))._tag, "InvalidInput")
      assert.strictEqual(fake.requests.length, before)
    }).pipe(Effect.provide(socket())))

  it.effect("removeMany removes the known ids; all-unknown is NotFound; invitations answer 204", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const ids = fake.users.slice(10, 12).map((u) => u.id)
      yield* users.sendInvitations(ids)
      const result = yield* users.removeMany(ids)
      assert.deepStrictEqual(result.items.map((i) => i.isSuccessful), [true, true])
      assert.isFalse(fake.users.some((u) => ids.includes(u.id)))
      assert.strictEqual((yield* Effect.flip(users.removeMany(ids)))._tag, "NotFound")
    }).pipe(Effect.provide(socket())))

  it.effect("updateRoles: unknown roles are reported per user", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const userIds = fake.users.slice(1, 3).map((u) => u.id)
      const result = yield* users.updateRoles({ roleIds: [fake.roles[1]!.id, "no-such-role"], userIds })
      assert.isTrue(result.hasFailures)
      assert.strictEqual(result.updatedUsersCount, 2)
      for (const item of result.items) {
        assert.deepStrictEqual(item.failedAddings?.map((f) => f.roleId), ["no-such-role"])
      }
      assert.strictEqual((yield* Effect.flip(users.updateRoles({ roleIds: [], userIds })))._tag, "InvalidInput")
    }).pipe(Effect.provide(socket())))

  it.effect("LegacyUsers.updateSettings (deprecated PUT /users/settings)", () =>
    Effect.gen(function* () {
      const legacy = yield* LegacyUsers
      const { fake } = yield* FakeQuantive.FakeServer
      yield* legacy.updateSettings({ language: "french" })
      assert.strictEqual(fake.requests.at(-1)?.path, "/v1/users/settings")
      assert.strictEqual(fake.requests.at(-1)?.method, "PUT")
      const owner = fake.users.find((u) => u.id === fake.account.ownerId)
      assert.strictEqual(owner?.language, "french")
    }).pipe(Effect.provide(socket())))
})

describe("documented statuses map to their tags", () => {
  it.effect("for each Users operation", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const id = fake.users[1]!.id
      const calls: ReadonlyArray<StatusCall> = [
        ["list", [400, 401, 402, 403, 500], users.list()],
        ["get", [400, 403, 404, 500], users.get(id)],
        ["managers", [400, 404, 500], users.managers(id)],
        ["create", [400, 401, 403, 409, 500], users.create([{ email: "x.y@example.com" }])],
        ["activate", [400, 403, 500], users.activate([id])],
        ["removeMany", [400, 403, 404, 500], users.removeMany([id])],
        ["sendInvitations", [400, 401, 402, 403, 500], users.sendInvitations([id])],
        ["assignRole", [400, 404], users.assignRole(id, { roleId: "r" })],
        ["updateLanguage", [400, 500], users.updateLanguage(id, { language: "english" })],
        ["remove", [400, 401, 402, 403, 409, 500], users.remove(id)],
        ["removeRole", [400, 404, 409, 500], users.removeRole(id, "r")],
        ["removeRoles", [400, 409, 500], users.removeRoles(id, ["r"])],
      ]
      yield* expectStatusTags(fake, calls)
      fake.inject({ _tag: "Status", status: 404 })
      assert.strictEqual((yield* Effect.flip(users.list()))._tag, "UnexpectedStatus", "list does not document 404")
    }).pipe(Effect.provide(socket())))
})
