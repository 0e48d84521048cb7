/**
 * The deprecated Users endpoints (seeds 003/004) over a real loopback socket against the fake server: the Lucene-
 * filtered `GET /accounts/users` and its pagination stream (ascending id order), the single-user `POST /users` and
 * its rate limit, and the plain-text password policy.
 */
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Stream } from "effect"
import { FakeQuantive, LegacyUsers, Users } from "#line"
import { expectStatusTags, socket, type StatusCall } from "#line/support"

const setup = Effect.all({ legacy: LegacyUsers, server: FakeQuantive.FakeServer })

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const roleIdsOf = (user: { readonly [key: string]: unknown }) =>
  ((user.roles as Array<{ id: string }> | undefined) ?? []).map((r) => r.id)

describe("LegacyUsers.list", () => {
  it.effect("answers users in ascending id order, paged with skip/take, with totalCount", () =>
    Effect.gen(function* () {
      const { legacy, server: { fake } } = yield* setup
      const page = yield* legacy.list({ skip: 5, take: 10 })
      assert.strictEqual(page.totalCount, 40)
      assert.deepStrictEqual(page.items.map((u) => u.id), [...fake.users].sort(byId).slice(5, 15).map((u) => u.id))
      assert.strictEqual(fake.requests[0]?.path, "/v1/accounts/users")
      assert.deepStrictEqual(fake.requests[0]?.query, { skip: "5", take: "10" })
      const all = yield* legacy.list()
      assert.strictEqual(all.items.length, 40)
      assert.deepStrictEqual(fake.requests[1]?.query, {})
    }).pipe(Effect.provide(socket({ users: 40 }))))

  it.effect("a Lucene filter is sent as given: email, name, roles (any of a list), AND of terms", () =>
    Effect.gen(function* () {
      const { legacy, server: { fake } } = yield* setup
      const someone = fake.users[7]!
      const byEmail = yield* legacy.list({ filter: `email:${String(someone.email)}` })
      assert.deepStrictEqual(byEmail.items.map((u) => u.id), [someone.id])
      assert.strictEqual(fake.requests[0]?.query.filter, `email:${String(someone.email)}`)

      const firstName = String(someone.firstName)
      const byName = yield* legacy.list({ filter: `name:${firstName}`, take: 1000 })
      const named = fake.users.filter((u) => String(u.name).split(" ").includes(firstName))
      assert.sameMembers(byName.items.map((u) => u.id), named.map((u) => u.id))
      assert.strictEqual(byName.totalCount, named.length)

      const [a, b] = fake.roles
      const byRoles = yield* legacy.list({ filter: `roles:${a!.id},roles:${b!.id}`, take: 1000 })
      const holders = fake.users.filter((u) => roleIdsOf(u).some((id) => id === a!.id || id === b!.id))
      assert.sameMembers(byRoles.items.map((u) => u.id), holders.map((u) => u.id))

      const both = yield* legacy.list({ filter: `roles:${a!.id} AND email:*.7@*`, take: 1000 })
      const expected = holders.filter((u) => roleIdsOf(u).includes(a!.id) && /\.7@/.test(String(u.email)))
      assert.sameMembers(both.items.map((u) => u.id), expected.map((u) => u.id))
    }).pipe(Effect.provide(socket({ users: 60 }))))

  it.effect("includeShadowedRoles: without it, only each user's own role; with it, every role", () =>
    Effect.gen(function* () {
      const { legacy, server: { fake } } = yield* setup
      const withTeamRoles = fake.users.filter((u) => roleIdsOf(u).length > 1).map((u) => u.id)
      assert.isAbove(withTeamRoles.length, 0)
      const own = yield* legacy.list({ take: 1000 })
      assert.isTrue(own.items.every((u) => (u.roles?.length ?? 0) <= 1))
      const every = yield* legacy.list({ take: 1000, includeShadowedRoles: true })
      assert.strictEqual(fake.requests.at(-1)?.query.includeShadowedRoles, "true")
      for (const user of every.items) {
        assert.deepStrictEqual(user.roles?.map((r) => r.id), roleIdsOf(fake.users.find((u) => u.id === user.id)!))
      }
    }).pipe(Effect.provide(socket({ users: 60 }))))

  it.effect("a bad filter is the server's BadRequest; bad paging is InvalidInput before any request", () =>
    Effect.gen(function* () {
      const { legacy, server: { fake } } = yield* setup
      for (const query of [{ skip: -1 }, { take: 1.5 }, { filter: 42 as unknown as string }]) {
        assert.strictEqual((yield* Effect.flip(legacy.list(query)))._tag, "InvalidInput")
      }
      assert.strictEqual(fake.requests.length, 0)
      for (const filter of ["nickname:ada", "email:a OR email:b", 'name:"open', "roles:"]) {
        const error = yield* Effect.flip(legacy.list({ filter }))
        assert.strictEqual(error._tag, "BadRequest", filter)
      }
    }).pipe(Effect.provide(socket())))
})

describe("LegacyUsers.stream", () => {
  for (const concurrency of [1, 4]) {
    it.effect(`every user exactly once, in ascending id order, concurrency ${concurrency}`, () =>
      Effect.gen(function* () {
        const { legacy, server: { fake } } = yield* setup
        const out = Array.from(yield* Stream.runCollect(legacy.stream({ pageSize: 25, concurrency })))
        const ids = out.map((u) => u.id)
        assert.deepStrictEqual(ids, [...fake.users].sort(byId).map((u) => u.id))
        assert.strictEqual(new Set(ids).size, 230)
        assert.isTrue(fake.requests.every((r) => r.path === "/v1/accounts/users" && r.query.take === "25"))
        // One user of overlap per page: 230 users in pages of 25 need 10 requests.
        assert.strictEqual(fake.requests.length, 10)
      }).pipe(Effect.provide(socket({ users: 230 }))))
  }

  it.effect("pages carry totalCount; the filter and includeShadowedRoles go with every request", () =>
    Effect.gen(function* () {
      const { legacy, server: { fake } } = yield* setup
      const role = fake.roles.find((r) => r.name === "Member")!
      const holders = fake.users.filter((u) => roleIdsOf(u).includes(role.id))
      const pages = Array.from(
        yield* Stream.runCollect(
          legacy.pages({ filter: `roles:${role.id}`, includeShadowedRoles: true, pageSize: 10 }),
        ),
      )
      assert.isTrue(pages.every((page) => page.totalCount === holders.length))
      assert.deepStrictEqual(pages.flatMap((page) => page.items.map((u) => u.id)), holders.sort(byId).map((u) => u.id))
      assert.isTrue(
        fake.requests.every((r) => r.query.filter === `roles:${role.id}` && r.query.includeShadowedRoles === "true"),
      )
    }).pipe(Effect.provide(socket({ users: 120 }))))

  it.effect("a server answering in another order fails the stream with PaginationError OrderMismatch", () =>
    Effect.gen(function* () {
      const { legacy, server: { fake } } = yield* setup
      const descending = [...fake.users].sort(byId).reverse().slice(0, 10)
      fake.inject({ _tag: "Status", status: 200, body: { items: descending, totalCount: fake.users.length } })
      const error = yield* Effect.flip(Stream.runDrain(legacy.stream({ pageSize: 10 })))
      assert.strictEqual(error._tag, "PaginationError")
      if (error._tag === "PaginationError") assert.strictEqual(error.reason, "OrderMismatch")
    }).pipe(Effect.provide(socket({ users: 30 }))))

  it.effect("distinct: true emits every user once; a non-boolean distinct is InvalidInput", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const legacy = yield* LegacyUsers
      const ids = Array.from(yield* Stream.runCollect(legacy.stream({ pageSize: 10, distinct: true }))).map((u) => u.id)
      assert.strictEqual(new Set(ids).size, ids.length)
      assert.sameMembers(ids, fake.users.map((u) => u.id))
      const before = fake.requests.length
      const error = yield* Effect.flip(Stream.runDrain(legacy.stream({ distinct: 1 as never })))
      assert.strictEqual(error._tag, "InvalidInput")
      assert.strictEqual(fake.requests.length, before)
    }).pipe(Effect.provide(socket({ users: 35 }))))

  it.effect("bad stream options fail with InvalidInput and send nothing", () =>
    Effect.gen(function* () {
      const { legacy, server: { fake } } = yield* setup
      const bad = [
        { pageSize: 1 },
        { pageSize: 1001 },
        { concurrency: 0 },
        { concurrency: 17 },
        { filter: 42 as unknown as string },
        { filter: "name:\ud800", concurrency: 4 },
      ]
      for (const query of bad) {
        const error = yield* Effect.flip(Stream.runDrain(legacy.stream(query)))
        assert.strictEqual(error._tag, "InvalidInput", JSON.stringify(query))
      }
      assert.strictEqual(fake.requests.length, 0)
    }).pipe(Effect.provide(socket())))
})

describe("LegacyUsers.create", () => {
  it.effect("one user object: 201 with the user; skipEmail is a query parameter", () =>
    Effect.gen(function* () {
      const { legacy, server: { fake } } = yield* setup
      const user = yield* legacy.create(
        { email: "john.doe@example.com", firstName: "John", lastName: "Doe", language: "English" },
        { skipEmail: true },
      )
      assert.strictEqual(user.email, "john.doe@example.com")
      assert.strictEqual(user.name, "John Doe")
      assert.strictEqual(user.dateInvited, "")
      const request = fake.requests.at(-1)!
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/v1/users")
      assert.deepStrictEqual(request.query, { skipEmail: "true" })
      assert.deepStrictEqual(request.body, {
        email: "john.doe@example.com",
        firstName: "John",
        lastName: "Doe",
        language: "English",
      })
      assert.isTrue(fake.users.some((u) => u.id === user.id))
      const invited = yield* legacy.create({ email: "jane.doe@example.com" })
      assert.notStrictEqual(invited.dateInvited, "")
      assert.deepStrictEqual(fake.requests.at(-1)?.query, {})
    }).pipe(Effect.provide(socket())))

  it.effect("past the create rate: TooManyRequests with the Retry-After", () =>
    Effect.gen(function* () {
      const { legacy, server: { fake } } = yield* setup
      fake.deprecated.createRateLimit = { requests: 2, perMillis: 60_000, retryAfterSeconds: 30 }
      yield* legacy.create({ email: "one@example.com" })
      yield* legacy.create({ email: "two@example.com" })
      const error = yield* Effect.flip(legacy.create({ email: "three@example.com" }))
      assert.strictEqual(error._tag, "TooManyRequests")
      if (error._tag === "TooManyRequests") {
        assert.strictEqual(error.status, 429)
        assert.strictEqual(error.retryAfter === undefined ? undefined : Duration.toSeconds(error.retryAfter), 30)
      }
      assert.isFalse(fake.users.some((u) => u.email === "three@example.com"))
    }).pipe(Effect.provide(socket())))

  it.effect("bad input is InvalidInput before any request; an undocumented answer is UnexpectedStatus", () =>
    Effect.gen(function* () {
      const { legacy, server: { fake } } = yield* setup
      assert.strictEqual((yield* Effect.flip(legacy.create({ email: "" })))._tag, "InvalidInput")
      assert.strictEqual(fake.requests.length, 0)
      const taken = yield* Effect.flip(legacy.create({ email: String(fake.users[3]!.email) }))
      assert.strictEqual(taken._tag, "UnexpectedStatus")
      if (taken._tag === "UnexpectedStatus") assert.strictEqual(taken.status, 409)
    }).pipe(Effect.provide(socket())))

  it.effect("arrays still reach the current bulk create (Users.create) on the same path", () =>
    Effect.gen(function* () {
      const { server: { fake } } = yield* setup
      const users = yield* Users
      fake.deprecated.createRateLimit = { requests: 0, perMillis: 60_000 }
      const page = yield* users.create([{ email: "bulk.one@example.com" }, { email: "bulk.two@example.com" }])
      assert.strictEqual(page.totalCount, 2)
      assert.strictEqual((yield* Effect.flip(users.create([{ email: "bulk.one@example.com" }])))._tag, "Conflict")
    }).pipe(Effect.provide(socket())))
})

describe("LegacyUsers.passwordPolicy", () => {
  it.effect("the plain-text policy, or the string a JSON body holds; the client id is one path segment", () =>
    Effect.gen(function* () {
      const { legacy, server: { fake } } = yield* setup
      const policy = yield* legacy.passwordPolicy("FlDjtXbTt0Wh5dLkbz5bbMr8bN3TZ2Ia")
      assert.strictEqual(policy, fake.deprecated.passwordPolicy)
      assert.include(policy, "at least 8 characters")
      assert.strictEqual(fake.requests[0]?.path, "/v1/users/password/FlDjtXbTt0Wh5dLkbz5bbMr8bN3TZ2Ia/policy")
      fake.inject({ _tag: "Raw", body: JSON.stringify("Use 12 characters or more.") })
      assert.strictEqual(yield* legacy.passwordPolicy("abc"), "Use 12 characters or more.")
      yield* legacy.passwordPolicy("a/b")
      assert.strictEqual(fake.requests.at(-1)?.path, "/v1/users/password/a%2Fb/policy")
      assert.strictEqual((yield* Effect.flip(legacy.passwordPolicy(" ")))._tag, "InvalidInput")
    }).pipe(Effect.provide(socket())))
})

describe("documented statuses map to their tags", () => {
  it.effect("for each LegacyUsers operation", () =>
    Effect.gen(function* () {
      const { legacy, server: { fake } } = yield* setup
      const calls: ReadonlyArray<StatusCall> = [
        ["create", [401, 429], legacy.create({ email: "x.y@example.com" })],
        ["list", [400, 401, 402, 403, 500], legacy.list()],
        ["stream", [400, 401, 402, 403, 500], Stream.runDrain(legacy.stream())],
        ["passwordPolicy", [401, 429, 500], legacy.passwordPolicy("client")],
        ["updateSettings", [400, 404, 500], legacy.updateSettings({ language: "english" })],
      ]
      yield* expectStatusTags(fake, calls)
      // Statuses the endpoint does not document are UnexpectedStatus, not their usual tag.
      const undocumented: ReadonlyArray<[string, Effect.Effect<unknown, { _tag: string }>]> = [
        ["create", legacy.create({ email: "z@example.com" })],
        ["passwordPolicy", legacy.passwordPolicy("c")],
      ]
      for (const [name, call] of undocumented) {
        fake.inject({ _tag: "Status", status: 400 })
        assert.strictEqual((yield* Effect.flip(call))._tag, "UnexpectedStatus", `${name} does not document 400`)
      }
      // The fake's own check: a suspended subscription answers 402.
      fake.paymentRequired = true
      assert.strictEqual((yield* Effect.flip(legacy.list()))._tag, "PaymentRequired")
    }).pipe(Effect.provide(socket())))
})
