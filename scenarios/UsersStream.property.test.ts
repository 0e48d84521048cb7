/**
 * Property tests of `Users.stream` against the fake server (in-process, so that hundreds of cases run quickly; the
 * socket path is covered by Users.test.ts): for random collection sizes, page sizes, concurrency, sorts, and random
 * inserts and deletes between page requests, the stream ends, emits no id twice, emits every user present throughout
 * exactly once, and follows the sort. Creation dates may be written as the API's serializers write them: fractions
 * with trailing zeros trimmed, whole seconds, offsets (the server orders them as instants).
 */
import { assert, describe, it } from "@effect/vitest"
import { FakeQuantive, fc, Users } from "#line"
import { Effect, Stream } from "effect"

const SORTS = ["dateCreated", "-dateCreated", "lastName", "-email", "isActive,-lastName"] as const

/** An independent reference of the order a sort expression means (then id ascending). */
const referenceOrder = (sort: string) => {
  const keys = sort.split(",").map((k) => ({ field: k.replace(/^-/, ""), descending: k.startsWith("-") }))
  const value = (u: Record<string, unknown>, field: string) =>
    field === "dateCreated" && typeof u[field] === "string" ? Date.parse(u[field] as string) : u[field]
  const cmp = (a: unknown, b: unknown) => {
    if (a === b) return 0
    if (a === undefined) return -1
    if (b === undefined) return 1
    if (typeof a === "boolean" || typeof a === "number") return Number(a) - Number(b)
    return String(a) < String(b) ? -1 : 1
  }
  return (a: Record<string, unknown>, b: Record<string, unknown>) => {
    for (const key of keys) {
      const order = cmp(value(a, key.field), value(b, key.field))
      if (order !== 0) return key.descending ? -order : order
    }
    return cmp(a.id, b.id)
  }
}

const hex = (n: number) => n.toString(16).padStart(24, "0")

/** One instant (`YYYY-06-15T12:00:00` plus `tenths`/10 s, UTC) written in one of the ways serializers write it. */
const written = (year: number, tenths: number, style: number): string => {
  const fraction = tenths === 0 ? "" : `.${tenths}`
  switch (style % 4) {
    case 0:
      return `${year}-06-15T12:00:00${fraction}Z`
    case 1:
      return `${year}-06-15T12:00:00${tenths === 0 ? ".000" : `${fraction}00`}Z`
    case 2:
      return `${year}-06-15T13:00:00${fraction}+01:00`
    default:
      return `${year}-06-15T07:00:00${fraction}-05:00`
  }
}

/** Rewrites a seeded `…:SSZ` date with a trimmed fraction and another zone, same second (the order changes little). */
const rewritten = (date: string, i: number): string => {
  const millis = Date.parse(date) + (i % 10) * 100
  const offset = [0, 60, -300, 330][i % 4]!
  const local = new Date(millis + offset * 60_000).toISOString().slice(0, 19)
  const fraction = i % 10 === 0 ? "" : `.${i % 10}`
  const zone = offset === 0
    ? "Z"
    : `${offset > 0 ? "+" : "-"}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0")}:${
      String(Math.abs(offset) % 60).padStart(2, "0")
    }`
  return `${local}${fraction}${zone}`
}

const arbitrary = fc.record({
  size: fc.integer({ min: 0, max: 150 }),
  pageSize: fc.integer({ min: 2, max: 40 }),
  concurrency: fc.integer({ min: 1, max: 4 }),
  sort: fc.constantFrom(...SORTS),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  /** Write the seeded users' creation dates with trimmed fractions and offsets. */
  trimmed: fc.boolean(),
  mutations: fc.array(
    fc.record({
      atRequest: fc.integer({ min: 0, max: 20 }),
      kind: fc.constantFrom("insert", "delete"),
      position: fc.nat(),
      // For inserts: the new user's dateCreated and lastName, in the same ranges the data set uses.
      year: fc.integer({ min: 2021, max: 2025 }),
      tenths: fc.integer({ min: 0, max: 9 }),
      style: fc.nat({ max: 3 }),
      lastName: fc.constantFrom("Aalto", "Ivanova", "Novak", "Zed"),
    }),
    { maxLength: 30 },
  ),
})

describe("Users.stream (property)", () => {
  it.effect(
    "ends; no id twice; every user present throughout exactly once; follows the sort",
    () =>
      Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(arbitrary, async ({ concurrency, mutations, pageSize, seed, size, sort, trimmed }) => {
            const fake = FakeQuantive.make({ seed, users: size })
            if (trimmed) {
              fake.users.forEach((user, i) => {
                user.dateCreated = rewritten(user.dateCreated as string, i)
              })
            }
            const initial = new Set(fake.users.map((u) => u.id))
            const deleted = new Set<string>()
            let requests = 0
            let inserted = 0
            fake.beforeList = () => {
              for (const m of mutations) {
                if (m.atRequest !== requests) continue
                if (m.kind === "delete") {
                  if (fake.users.length === 0) continue
                  const [gone] = fake.users.splice(m.position % fake.users.length, 1)
                  deleted.add(gone!.id)
                } else if (fake.users.length > 0) {
                  const template = fake.users[m.position % fake.users.length]!
                  fake.users.push({
                    ...structuredClone(template),
                    id: hex(0xfffff000 + inserted++),
                    email: `inserted.${inserted}@example.com`,
                    lastName: m.lastName,
                    dateCreated: written(m.year, m.tenths, m.style),
                  })
                }
              }
              requests++
            }
            const out = await Effect.gen(function* () {
              const users = yield* Users
              return Array.from(yield* Stream.runCollect(users.stream({ sort, pageSize, concurrency })))
            }).pipe(
              Effect.provide(FakeQuantive.layerQuantive),
              Effect.provide(FakeQuantive.layerInProcessOf(fake)),
              Effect.runPromise,
            )
            const ids = out.map((u) => u.id)
            assert.strictEqual(new Set(ids).size, ids.length, "an id was emitted twice")
            const emitted = new Set(ids)
            for (const id of initial) {
              if (!deleted.has(id)) assert.isTrue(emitted.has(id), `user ${id}, present throughout, is missing`)
            }
            const order = referenceOrder(sort)
            for (let i = 1; i < out.length; i++) {
              assert.isBelow(order(out[i - 1]! as never, out[i]! as never), 0, `out of ${sort} order at ${i}`)
            }
          }),
          {
            numRuns: 200,
            // Regressions found by this property: deletions that shrink the collection below the next skip.
            examples: [[{
              size: 13,
              pageSize: 2,
              concurrency: 1,
              sort: "dateCreated",
              seed: 1,
              trimmed: false,
              mutations: [
                { atRequest: 14, kind: "delete", position: 0, year: 2021, lastName: "Aalto", tenths: 0, style: 0 },
                { atRequest: 0, kind: "insert", position: 0, year: 2021, lastName: "Aalto", tenths: 0, style: 0 },
                { atRequest: 0, kind: "insert", position: 0, year: 2021, lastName: "Aalto", tenths: 0, style: 0 },
                { atRequest: 14, kind: "delete", position: 0, year: 2021, lastName: "Aalto", tenths: 0, style: 0 },
              ],
            }]],
          },
        )
      ),
    120_000,
  )
})
