/**
 * What a plain-JS caller may pass where the types say otherwise: `null` or a non-object for an options argument, an
 * option of the wrong type, a query value that is not a string, a finite number or a boolean. Each is an
 * `InvalidInput` naming the field, returned as an effect (never a thrown exception nor a defect), and no request is
 * sent. Over a real loopback socket whose fake counts every request.
 */
import { Announcements, FakeQuantive, LegacyUsers, Metrics, Quantive, Users } from "#line"
import { isStream, soleFailure } from "#line/requests"
import { socket } from "#line/support"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema, Stream } from "effect"

const Item = Schema.Struct({ id: Schema.String })

/**
 * Runs a call (an effect, or a stream drained): what is wrong with its outcome, or undefined when it is an
 * `InvalidInput` naming `field` (a thrown exception, a defect, a success or another error is wrong).
 */
const refusal = (
  label: string,
  call: () => Effect.Effect<unknown, unknown, any> | Stream.Stream<unknown, unknown, any>,
  field: string,
): Effect.Effect<string | undefined, never, any> =>
  Effect.gen(function* () {
    let made: Effect.Effect<unknown, unknown, any> | Stream.Stream<unknown, unknown, any>
    try {
      made = call()
    } catch (thrown) {
      return `${label}: threw ${String(thrown)}`
    }
    const effect = isStream(made)
      ? Stream.runDrain(made as Stream.Stream<unknown, unknown, any>)
      : made as Effect.Effect<unknown, unknown, any>
    const exit = yield* Effect.exit(effect)
    const failed = soleFailure(exit)
    if (failed === undefined) return `${label}: ${String(exit).slice(0, 300)}`
    const error = failed.error as { _tag: string; field?: string; message: string }
    if (error._tag !== "InvalidInput") return `${label}: ${error._tag} ${error.message}`
    if (error.field !== field) return `${label}: field ${error.field} (${error.message})`
    if (!error.message.includes("no request was sent")) return `${label}: ${error.message}`
    return undefined
  })

/** Every case's problem (none expected). */
const refusals = (cases: ReadonlyArray<readonly [string, () => any, string]>) =>
  Effect.map(
    Effect.forEach(cases, ([label, call, field]) => refusal(label, call, field)),
    (problems) => problems.filter((problem) => problem !== undefined),
  )

describe("options of the wrong type are InvalidInput before anything is sent (socket)", () => {
  it.effect("Users, LegacyUsers and the deprecated services", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const users = yield* Users
      const legacy = yield* LegacyUsers
      const announcements = yield* Announcements
      const metrics = yield* Metrics
      const id = fake.users[0]!.id
      const user = { email: "x@example.com", firstName: "X", lastName: "Y" }
      const cases: ReadonlyArray<readonly [string, () => any, string]> = [
        ["Users.list(null)", () => users.list(null as any), "query"],
        ["Users.list('x')", () => users.list("x" as any), "query"],
        ["Users.list([])", () => users.list([] as any), "query"],
        ["Users.list({ sort: 5 })", () => users.list({ sort: 5 } as any), "sort"],
        ["Users.list({ formatting: 'html' })", () => users.list({ formatting: "html" } as any), "formatting"],
        ["Users.list({ fields: 'email' })", () => users.list({ fields: "email" } as any), "fields"],
        ["Users.get(id, null)", () => users.get(id, null as any), "options"],
        ["Users.get(id, 'plainText')", () => users.get(id, "plainText" as any), "options"],
        ["Users.get(id, { formatting: 5 })", () => users.get(id, { formatting: 5 } as any), "formatting"],
        ["Users.stream(null)", () => users.stream(null as any), "query"],
        ["Users.stream({ sort: 5 })", () => users.stream({ sort: 5 } as any), "sort"],
        ["Users.pages({ fields: 'email' })", () => users.pages({ fields: "email" } as any), "fields"],
        ["Users.stream({ distinct: 'yes' })", () => users.stream({ distinct: "yes" } as any), "distinct"],
        ["Users.stream({ pageSize: '10' })", () => users.stream({ pageSize: "10" } as any), "pageSize"],
        ["LegacyUsers.list(null)", () => legacy.list(null as any), "query"],
        ["LegacyUsers.list({ includeShadowedRoles: 1 })", () =>
          legacy.list({ includeShadowedRoles: 1 } as any), "includeShadowedRoles"],
        ["LegacyUsers.stream(null)", () =>
          legacy.stream(null as any), "query"],
        ["LegacyUsers.stream({ filter: 5 })", () =>
          legacy.stream({ filter: 5 } as any), "filter"],
        ["LegacyUsers.create(user, null)", () => legacy.create(user as never, null as any), "options"],
        ["LegacyUsers.create(user, { skipEmail: 'no' })", () =>
          legacy.create(user as never, { skipEmail: "no" } as any), "skipEmail"],
        // Reaching the pipeline as a query value: refused there, for every endpoint.
        ["Announcements.list({ formatting: [] })", () =>
          announcements.list({ formatting: [] } as any), "formatting"],
        ["Metrics.byOwner(id, { formatting: {} })", () =>
          metrics.byOwner(id, { formatting: {} } as any), "formatting"],
        ["Announcements.list(null)", () =>
          announcements.list(null as any), "options"],
        ["Announcements.get(id, null)", () => announcements.get("a", null as any), "options"],
        ["Announcements.get(id, 'plainText')", () => announcements.get("a", "plainText" as any), "options"],
        ["Metrics.byOwner(id, null)", () => metrics.byOwner(id, null as any), "options"],
        // Per-call settings from plain JavaScript: refused by the pipeline, for calls and streams alike.
        ["withRetry(null)", () => users.get(id).pipe(Quantive.withRetry(null as any)), "retry"],
        ["withRetry(self, {})", () => Quantive.withRetry(users.get(id), {} as any), "retry"],
        ["withRetry(stream, null)", () => Stream.runDrain(Quantive.withRetry(users.stream(), null as any)), "retry"],
        ["withDecode('bogus')", () => users.get(id).pipe(Quantive.withDecode("bogus" as any)), "decode"],
        ["withDecode(self, null)", () => Quantive.withDecode(users.get(id), null as any), "decode"],
      ]
      assert.deepStrictEqual(yield* refusals(cases), [])
      assert.strictEqual(fake.requests.length, 0)
    }).pipe(Effect.provide(socket())))

  it.effect("Quantive.request, stream and paginate", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const get = { method: "GET", path: "/v2/goals" } as const
      const list = { path: "/v2/goals", item: Item } as const
      const cases: ReadonlyArray<readonly [string, () => any, string]> = [
        ["request(null)", () => Quantive.request(null as any), "options"],
        ["request('GET /v2/goals')", () => Quantive.request("GET /v2/goals" as any), "options"],
        ["request({ statuses: 404 })", () => Quantive.request({ ...get, statuses: 404 } as any), "statuses"],
        ["request({ statuses: ['404'] })", () => Quantive.request({ ...get, statuses: ["404"] } as any), "statuses"],
        ["request({ success: 'json' })", () => Quantive.request({ ...get, success: "json" } as any), "success"],
        ["request({ success: 5 })", () => Quantive.request({ ...get, success: 5 } as any), "success"],
        [
          "request({ bodySchema: {} })",
          () => Quantive.request({ ...get, body: 1, bodySchema: {} } as any),
          "bodySchema",
        ],
        ["request({ params: 'x' })", () => Quantive.request({ ...get, params: "x" } as any), "params"],
        [
          "request({ version: 2 })",
          () => Quantive.request({ method: "GET", path: "/goals", version: 2 } as any),
          "version",
        ],
        ["request({ operation: 5 })", () => Quantive.request({ ...get, operation: 5 } as any), "operation"],
        ["request({ method: 5 })", () => Quantive.request({ method: 5, path: "/v2/goals" } as any), "method"],
        ["request({ query: null })", () => Quantive.request({ ...get, query: null } as any), "query"],
        ["request({ query: ['a'] })", () => Quantive.request({ ...get, query: ["a"] } as any), "query"],
        ["request({ query: new Date() })", () => Quantive.request({ ...get, query: new Date(0) } as any), "query"],
        ["query value array", () => Quantive.request({ ...get, query: { ids: ["a,b", "c"] } } as any), "ids"],
        ["query value Date", () => Quantive.request({ ...get, query: { since: new Date(0) } } as any), "since"],
        ["query value object", () => Quantive.request({ ...get, query: { filter: { a: 1 } } } as any), "filter"],
        ["query value null", () => Quantive.request({ ...get, query: { a: null } } as any), "a"],
        ["query value BigInt", () => Quantive.request({ ...get, query: { a: 1n } } as any), "a"],
        ["query value NaN", () => Quantive.request({ ...get, query: { a: NaN } } as any), "a"],
        ["stream(null)", () => Quantive.stream(null as any), "options"],
        ["stream({ item: undefined })", () => Quantive.stream({ ...list, item: undefined } as any), "item"],
        ["stream({ item: 'User' })", () => Quantive.stream({ ...list, item: "User" } as any), "item"],
        ["stream({ sort: 5 })", () => Quantive.stream({ ...list, sort: 5 } as any), "sort"],
        ["stream({ idField: 5 })", () => Quantive.stream({ ...list, idField: 5 } as any), "idField"],
        ["stream({ query: 'a=1' })", () => Quantive.stream({ ...list, query: "a=1" } as any), "query"],
        [
          "stream({ query: { ids: [1, 2] } })",
          () => Quantive.stream({ ...list, query: { ids: [1, 2] } } as any),
          "ids",
        ],
        ["stream({ statuses: 404 })", () => Quantive.stream({ ...list, statuses: 404 } as any), "statuses"],
        ["stream({ distinct: 1 })", () => Quantive.stream({ ...list, distinct: 1 } as any), "distinct"],
        ["paginate({ params: null })", () => Quantive.paginate({ ...list, params: null } as any), "params"],
        ["paginate({ item: undefined })", () => Quantive.paginate({ ...list, item: undefined } as any), "item"],
      ]
      assert.deepStrictEqual(yield* refusals(cases), [])
      assert.strictEqual(fake.requests.length, 0)

      // What a query may hold is sent as given: strings, finite numbers, booleans; undefined leaves a key out.
      yield* Effect.match(Quantive.request({ ...get, query: { a: "x,y", b: 2, c: false, d: undefined, e: -0 } }), {
        onFailure: () => undefined,
        onSuccess: () => undefined,
      })
      assert.strictEqual(fake.requests.length, 1)
      const query = fake.requests[0]!.query
      assert.deepStrictEqual({ ...query }, { a: "x,y", b: "2", c: "false", e: "0" })
    }).pipe(Effect.provide(socket())))
})
