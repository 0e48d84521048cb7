/**
 * The order of sort values shared by the client and the fake: date-times compare as instants (trimmed fractions,
 * whole seconds, offsets), and the pagination stream never drops a user on a comparison the server would not make.
 * The stream runs over a real loopback socket against the fake, which orders dates as instants like the API.
 */
import { FakeQuantive, Users } from "#line"
import { Paginate } from "#line/internal"
import { sortKeys } from "#line/requests"
import { socket } from "#line/support"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { compareValues, instantOf } from "../core/src/order.ts"

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0)

describe("order of date-times", () => {
  it("compares date-times as instants, whatever their fraction digits, zone or offset", () => {
    const ascending = [
      "2023-12-31T23:59:59.999Z",
      "2024-01-01T00:00:00Z",
      "2024-01-01T00:00:00.05Z",
      "2024-01-01T01:00:00.1+01:00",
      "2024-01-01T00:00:00.15z",
      "2023-12-31T19:00:00.2-0500",
      "2024-01-01T00:00:00.2000001Z",
      "2024-01-01T00:00:01Z",
      "2024-02-29T00:00:00Z",
    ]
    for (let i = 0; i < ascending.length; i++) {
      for (let j = 0; j < ascending.length; j++) {
        const c = compareValues(ascending[i], ascending[j])
        assert.strictEqual(sign(c), sign(i - j), `${ascending[i]} vs ${ascending[j]}`)
        // Both parse: the server orders them the same way (no guess).
        if (i !== j) assert.strictEqual(Math.abs(c), 1)
      }
    }
  })

  it("equal instants written differently are equal (the id breaks the tie)", () => {
    assert.strictEqual(compareValues("2024-01-01T00:00:00.1Z", "2024-01-01T00:00:00.100Z"), 0)
    assert.strictEqual(compareValues("2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000Z"), 0)
    assert.strictEqual(compareValues("2024-01-01T01:30:00+01:30", "2024-01-01T00:00:00Z"), 0)
    assert.strictEqual(compareValues("2024-01-01T00:00:00.0000001Z", "2024-01-01T00:00:00.00000010Z"), 0)
  })

  it("parses strictly: what is not a date-time with a zone sorts as text", () => {
    for (
      const text of [
        "2024-01-01",
        "2024-01-01T00:00:00",
        "2024-01-01 00:00:00Z",
        "2024-02-30T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2024-01-01T24:00:00Z",
        "2024-01-01T00:00:60Z",
        "2024-01-01T00:00:00.Z",
        "2024-01-01T00:00:00+1:00",
        "2024-01-01T00:00:00Zjunk",
        "",
      ]
    ) assert.isUndefined(instantOf(text), text)
    assert.deepStrictEqual(instantOf("1970-01-01T00:00:00.0015Z"), { millis: 1, below: "5" })
    assert.strictEqual(instantOf("2024-02-29T12:34:56.789Z")?.millis, Date.parse("2024-02-29T12:34:56.789Z"))
    // Text against text, as before.
    assert.strictEqual(compareValues("Aalto", "Zed"), -1)
  })

  it("a comparison the server may not share is marked as a guess (magnitude below 1)", () => {
    // Date-like text that does not parse, written differently: text order, a guess.
    assert.strictEqual(compareValues("2024-01-01 00:00:00.15", "2024-01-01 00:00:00.1"), 0.5)
    // The same shape: text order is the server's too.
    assert.strictEqual(compareValues("2024-01-01 00:00:00.15", "2024-01-01 00:00:00.25"), -1)
    // A date against other text: a guess, except the empty string (first either way).
    assert.strictEqual(compareValues("2024-01-01T00:00:00Z", "n/a"), 0.5)
    assert.strictEqual(compareValues("", "2024-01-01T00:00:00Z"), -1)
    assert.strictEqual(compareValues(null, "2024-01-01T00:00:00Z"), -1)
  })
})

/** Creation dates in instant order whose text order differs at `.1Z` / `.15Z` (text: `.15Z` < `.1Z`). */
const TRIMMED = [
  "2024-01-01T00:00:00.01Z",
  "2024-01-01T00:00:00.05Z",
  "2024-01-01T00:00:00.1Z",
  "2024-01-01T00:00:00.15Z",
  "2024-01-01T00:00:00.2Z",
  "2024-01-01T00:00:00.3Z",
  "2024-01-01T00:00:00.4Z",
  "2024-01-01T00:00:00.5Z",
]

/** Gives the fake's users these creation dates (the users keep their random ids); answers the ids in date order. */
const dated = (fake: FakeQuantive.FakeQuantive, dates: ReadonlyArray<string>): Array<string> => {
  assert.strictEqual(fake.users.length, dates.length)
  fake.users.forEach((user, i) => {
    user.dateCreated = dates[i]!
  })
  return fake.users.map((user) => user.id)
}

const setup = Effect.all({ users: Users, server: FakeQuantive.FakeServer })

describe("Users.stream over trimmed-fraction dates (socket)", () => {
  it.effect("no change between pages: every user once, in instant order", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const ids = dated(fake, TRIMMED)
      for (const concurrency of [1, 3]) {
        const out = Array.from(yield* Stream.runCollect(users.stream({ pageSize: 3, concurrency })))
        assert.deepStrictEqual(out.map((u) => u.id), ids)
      }
    }).pipe(Effect.provide(socket({ users: TRIMMED.length }))))

  it.effect("whole seconds, fractions and offsets mixed: the fake serves them in instant order", () =>
    Effect.gen(function* () {
      const { server: { fake }, users } = yield* setup
      const dates = [
        "2024-01-01T00:00:00Z",
        "2024-01-01T00:00:00.05Z",
        "2024-01-01T01:00:00.1+01:00",
        "2024-01-01T00:00:00.15Z",
        "2023-12-31T19:00:00.2-05:00",
        "2024-01-01T00:00:01Z",
      ]
      const ids = dated(fake, [...dates].reverse()).reverse()
      const out = Array.from(yield* Stream.runCollect(users.stream({ pageSize: 4 })))
      assert.deepStrictEqual(out.map((u) => u.id), ids)
      const descending = Array.from(yield* Stream.runCollect(users.stream({ pageSize: 4, sort: "-dateCreated" })))
      assert.deepStrictEqual(descending.map((u) => u.id), [...ids].reverse())
    }).pipe(Effect.provide(socket({ users: 6 }))))

  for (const concurrency of [1, 2]) {
    it.effect(
      `the overlap user deleted between pages: every user present throughout once (concurrency ${concurrency})`,
      () =>
        Effect.gen(function* () {
          const { server: { fake }, users } = yield* setup
          const ids = dated(fake, TRIMMED)
          // Page 1 (take 3) ends with the `.1Z` user; it is deleted before page 2, which then starts with `.15Z`.
          const overlap = ids[2]!
          let requests = 0
          fake.beforeList = () => {
            if (++requests === 2) fake.users.splice(fake.users.findIndex((u) => u.id === overlap), 1)
          }
          const out = Array.from(yield* Stream.runCollect(users.stream({ pageSize: 3, concurrency })))
          assert.isAtLeast(requests, 2)
          assert.notInclude(fake.users.map((u) => u.id), overlap)
          // The overlap user was emitted with page 1; the `.15Z` user after it must not be lost.
          assert.include(out.map((u) => u.id), ids[3]!)
          assert.deepStrictEqual(out.map((u) => u.id), ids)
        }).pipe(Effect.provide(socket({ users: TRIMMED.length }))),
    )
  }
})

describe("the stream never drops an item on a guess", () => {
  interface Item {
    readonly id: string
    readonly dateCreated: string
  }
  /** Date-like text the client cannot parse (a space, no zone), in the order a server reading it as dates keeps. */
  const GUESSED = TRIMMED.map((date, i) => ({ id: `u${i}`, dateCreated: date.replace("T", " ") }))
  const serverOrder = (a: Item, b: Item) =>
    Date.parse(a.dateCreated.replace(" ", "T")) - Date.parse(b.dateCreated.replace(" ", "T"))
  const { compare } = sortKeys("dateCreated,_id")

  const run = (distinct: boolean) => {
    const items = [...GUESSED].sort(serverOrder)
    let requests = 0
    return Paginate.pages<Item, never>({
      fetch: (skip, take) =>
        Effect.sync(() => {
          // The overlap item (`.1`) is deleted before the second page.
          if (++requests === 2) items.splice(2, 1)
          return { items: items.slice(skip, skip + take), totalCount: items.length }
        }),
      compare,
      idOf: (item) => item.id,
      pageSize: 3,
      concurrency: 1,
      distinct,
      operation: "Test.stream",
      method: "GET",
      path: "/v2/users",
    }).pipe(
      Stream.flatMap((page) => Stream.fromIterable(page.items)),
      Stream.runCollect,
      Effect.map((items) => Array.from(items)),
    )
  }

  it.effect("by default: fails with OrderMismatch instead of dropping the next item", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(run(false))
      assert.strictEqual(error._tag, "PaginationError")
      assert.strictEqual(error.reason, "OrderMismatch")
      assert.include(error.message, "distinct")
    }))

  it.effect("with distinct: keeps it; every item comes once", () =>
    Effect.gen(function* () {
      const out = yield* run(true)
      assert.deepStrictEqual(out.map((item) => item.id), ["u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7"])
    }))
})
