/**
 * Issue 10, item 1 (input side): any argument becomes a request or an `InvalidInput` before anything is sent. Bodies
 * JSON cannot represent faithfully (`jsonProblem`), filters with odd keys or a field named twice, id lists whose ids
 * hold the separator. Over a real loopback socket where a request could be sent.
 */
import { FakeQuantive, fc, LegacyUsers, Users } from "#line"
import { encodeFilter } from "#line/requests"
import { socket } from "#line/support"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { jsonProblem } from "../core/src/jsonValue.ts"

const deep = (depth: number, leaf: unknown): unknown => {
  let value = leaf
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

const cyclic = () => {
  const value: { items: Array<unknown> } = { items: [1] }
  value.items.push({ back: value })
  return value
}

describe("jsonProblem", () => {
  it("refuses what JSON cannot send faithfully, naming the path", () => {
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [{ items: [0, 1, 2, { x: NaN }] }, "body.items[3].x: NaN cannot be sent as JSON"],
      [{ a: Infinity }, "body.a: Infinity cannot be sent as JSON"],
      [[-Infinity], "body[0]: -Infinity cannot be sent as JSON"],
      [{ n: 10n }, "body.n: a BigInt cannot be sent as JSON"],
      [cyclic(), "body.items[1].back: a cycle"],
      [[undefined], "body[0]: undefined in an array would be sent as null"],
      [[() => 1], "body[0]: a function cannot be sent as JSON"],
      [{ f: () => 1 }, "body.f: a function cannot be sent as JSON"],
      [{ s: Symbol("x") }, "body.s: a symbol cannot be sent as JSON"],
      // deno-lint-ignore no-sparse-arrays
      [[1, , 3], "body[1]: a hole in an array would be sent as null"],
      [{ when: new Date(0) }, "body.when: a Date cannot be sent as JSON faithfully"],
      [{ m: new Map([["a", 1]]) }, "body.m: a Map cannot be sent as JSON faithfully"],
      [{ b: new Number(1) }, "body.b: a Number cannot be sent as JSON faithfully"],
      [{ t: { toJSON: () => "x" } }, "body.t: an object with its own toJSON"],
      [{ name: "a\ud800b" }, "body.name: a string with a lone surrogate (U+D800 at index 1)"],
      [{ ["k\udc00"]: 1 }, "body: a key with a lone surrogate (U+DC00 at index 1)"],
      [{ "a b": [{ "é": NaN }] }, 'body["a b"][0]["é"]: NaN'],
    ]
    for (const [value, expected] of cases) {
      const problem = jsonProblem(value)
      assert.isDefined(problem, expected)
      assert.isTrue(problem!.startsWith(expected), `${problem} should start with ${expected}`)
    }
  })

  it("accepts what JSON sends as given: -0, undefined properties, own __proto__ keys, shared references", () => {
    const shared = { x: 1 }
    const values: ReadonlyArray<unknown> = [
      null,
      -0,
      2 ** 60,
      "a😀b",
      { a: undefined, b: [shared, shared] },
      JSON.parse('{"__proto__": {"x": 1}, "constructor": 2}'),
      Object.assign(Object.create(null), { a: 1 }),
      [],
      {},
    ]
    for (const value of values) assert.isUndefined(jsonProblem(value), JSON.stringify(value))
  })

  it("answers on a value nested 100 000 levels deep, with a short path", () => {
    const problem = jsonProblem(deep(100_000, NaN), "body")
    assert.isDefined(problem)
    assert.include(problem!, "more levels")
    assert.isBelow(problem!.length, 200)
    assert.isUndefined(jsonProblem(deep(100_000, 1)))
  })

  it("property: every JSON value is accepted; one NaN anywhere is found, with a path a reader can follow", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assert.isUndefined(jsonProblem(value))
      }),
      { numRuns: 200 },
    )
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 5 }), fc.nat(), (values, at) => {
        const items: Array<unknown> = [...values]
        const index = at % (items.length + 1)
        items.splice(index, 0, { deeper: [NaN] })
        assert.strictEqual(
          jsonProblem({ items }),
          `body.items[${index}].deeper[0]: NaN cannot be sent as JSON (it would be sent as null)`,
        )
      }),
      { numRuns: 100 },
    )
  })
})

describe("encodeFilter", () => {
  const left = (filter: unknown) => !encodeFilter(filter).ok
  const problem = (filter: unknown) => {
    const encoded = encodeFilter(filter)
    return encoded.ok ? "" : String(encoded.problem)
  }

  it("sends __proto__ and other own keys as given, never dropped", () => {
    const parsed = JSON.parse('{"__proto__": "x", "email": "a@b.c"}')
    assert.deepStrictEqual(encodeFilter(parsed), { ok: true, value: '{"__proto__":"x","email":"a@b.c"}' })
    const computed = { ["__proto__"]: { $in: ["a", "b"] } }
    assert.deepStrictEqual(encodeFilter(computed), { ok: true, value: '{"__proto__":{"$in":["a","b"]}}' })
    assert.deepStrictEqual(encodeFilter({ constructor: 1 }), { ok: true, value: '{"constructor":1}' })
  })

  it("refuses a field named twice, operators in the typed form, and values JSON cannot carry", () => {
    assert.include(problem({ id: "a", _id: "b" }), "filter names the field _id twice (as id and as _id)")
    assert.include(problem({ $where: "sleep(1)" }), "is not a field name")
    for (const value of [NaN, Infinity, -Infinity, 1n, "a\ud800"]) {
      assert.isTrue(left({ score: value }), `scalar ${String(value)}`)
      assert.isTrue(left({ score: { $in: [1, value] } }), `$in ${String(value)}`)
    }
    assert.include(problem({ score: { $in: [1, NaN] } }), "filter.score.$in[1]: NaN")
    // deno-lint-ignore no-sparse-arrays
    assert.include(problem({ score: { $in: [1, , 2] } }), "filter.score.$in[1]: a hole")
    assert.include(problem({ score: { $in: [{ a: 1 }] } }), "filter.score.$in[0]: expected a string")
    assert.include(problem('{"email":"\ud800"}'), "lone surrogate")
    assert.deepStrictEqual(encodeFilter({ score: -0 }), { ok: true, value: '{"score":0}' })
  })
})

describe("input refused before anything is sent (socket)", () => {
  it.effect("Users.removeRoles: a role id holding the separator is refused, never split into two ids", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const users = yield* Users
      const user = fake.users[1]!.id
      for (const roleIds of [["a,b"], ["ok", "x,"], ["\ud800"], [""], []]) {
        const error = yield* Effect.flip(users.removeRoles(user, roleIds))
        assert.strictEqual(error._tag, "InvalidInput", JSON.stringify(roleIds))
      }
      const comma = yield* Effect.flip(users.removeRoles(user, ["ok", "a,b"]))
      assert.include(comma.message, "roleIds[1] contains a comma")
      assert.strictEqual(fake.requests.length, 0)
    }).pipe(Effect.provide(socket())))

  it.effect("Users.list and Users.stream: bad filters are InvalidInput; __proto__ reaches the server as given", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const users = yield* Users
      for (
        const filter of [
          { id: "a", _id: "b" },
          { isActive: NaN },
          { email: { $in: ["a", Infinity] } },
          { email: "\udfff" },
        ] as const
      ) {
        const listed = yield* Effect.flip(users.list({ filter: filter as never }))
        assert.strictEqual(listed._tag, "InvalidInput")
        const streamed = yield* Effect.flip(Stream.runDrain(users.stream({ filter: filter as never })))
        assert.strictEqual(streamed._tag, "InvalidInput")
      }
      assert.strictEqual(fake.requests.length, 0)
      yield* Effect.match(users.list({ filter: JSON.parse('{"__proto__":"x"}') }), {
        onFailure: () => undefined,
        onSuccess: () => undefined,
      })
      assert.strictEqual(fake.requests.length, 1)
      assert.deepStrictEqual(fake.requests[0]!.query.filter, '{"__proto__":"x"}')
    }).pipe(Effect.provide(socket())))

  it.effect("LegacyUsers.list: a filter with a lone surrogate is InvalidInput (it would be sent as U+FFFD)", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const legacy = yield* LegacyUsers
      const error = yield* Effect.flip(legacy.list({ filter: "email:\ud800" }))
      assert.strictEqual(error._tag, "InvalidInput")
      assert.strictEqual(fake.requests.length, 0)
    }).pipe(Effect.provide(socket())))
})
