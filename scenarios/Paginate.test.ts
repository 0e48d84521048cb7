/**
 * The pagination engine against an in-memory collection that shifts between requests (property-based), and against
 * servers that misbehave.
 */
import { assert, describe, it } from "@effect/vitest"
import { fc } from "#line"
import { Paginate } from "#line/internal"
import { Effect, Stream } from "effect"

interface Item {
  readonly id: string
  readonly key: number
}

const compare = (a: Item, b: Item) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** A sorted collection whose `mutate` hook runs before every page request is answered. */
const collection = (initial: ReadonlyArray<Item>, mutate: (items: Array<Item>, request: number) => void) => {
  const items = [...initial].sort(compare)
  let requests = 0
  const fetch = (skip: number, take: number) =>
    Effect.sync(() => {
      mutate(items, requests++)
      items.sort(compare)
      return { items: items.slice(skip, skip + take), totalCount: items.length }
    })
  return { items, fetch, requests: () => requests }
}

const run = (
  fetch: NonNullable<Paginate.PaginateOptions<Item, never>["fetch"]>,
  pageSize: number,
  concurrency: number,
  distinct = false,
) =>
  Paginate.pages({
    fetch,
    compare,
    idOf: (item) => item.id,
    pageSize,
    concurrency,
    distinct,
    operation: "Test.stream",
    method: "GET",
    path: "/v2/users",
  }).pipe(
    Stream.flatMap((page) => Stream.fromIterable(page.items)),
    Stream.runCollect,
    Effect.map((items) => Array.from(items)),
  )

const arbitraryCase = fc.record({
  size: fc.integer({ min: 0, max: 120 }),
  pageSize: fc.integer({ min: 2, max: 25 }),
  concurrency: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer(),
  // Mutations applied before given requests: inserts and deletes anywhere.
  mutations: fc.array(
    fc.record({
      atRequest: fc.integer({ min: 0, max: 30 }),
      kind: fc.constantFrom("insert", "delete"),
      key: fc.integer({ min: 0, max: 50 }),
      position: fc.nat(),
    }),
    { maxLength: 25 },
  ),
})

describe("pagination engine", () => {
  it.effect("property: ends, no id twice, every item present throughout exactly once, in order", () =>
    Effect.promise(() =>
      fc.assert(
        fc.asyncProperty(arbitraryCase, async ({ concurrency, mutations, pageSize, seed, size }) => {
          const initial = Array.from({ length: size }, (_, i) => ({ id: `u${seed}-${i}`, key: (i * 7919) % 50 }))
          const deleted = new Set<string>()
          let fresh = 0
          const { fetch } = collection(initial, (items, request) => {
            for (const m of mutations) {
              if (m.atRequest !== request) continue
              if (m.kind === "insert") items.push({ id: `new-${fresh++}`, key: m.key })
              else if (items.length > 0) deleted.add(items.splice(m.position % items.length, 1)[0]!.id)
            }
          })
          const out = await Effect.runPromise(run(fetch, pageSize, concurrency))
          const ids = out.map((item) => item.id)
          assert.strictEqual(new Set(ids).size, ids.length, "an id was emitted twice")
          for (const item of initial) {
            if (!deleted.has(item.id)) assert.include(ids, item.id, "an item present throughout is missing")
          }
          for (let i = 1; i < out.length; i++) assert.isBelow(compare(out[i - 1]!, out[i]!), 0, "out of order")
        }),
        { numRuns: 300 },
      )
    ))

  it.effect("stable data: pages concatenate to the collection, no duplicate, no gap (row 15)", () =>
    Effect.gen(function* () {
      const initial = Array.from({ length: 1000 }, (_, i) => ({ id: `id-${String(i).padStart(4, "0")}`, key: i % 13 }))
      for (const concurrency of [1, 3]) {
        const { fetch, requests } = collection(initial, () => {})
        const out = yield* run(fetch, 100, concurrency)
        assert.deepStrictEqual(out.map((i) => i.id), [...initial].sort(compare).map((i) => i.id))
        assert.strictEqual(requests(), 11) // ceil(999 / 99) pages after the first, overlapping by one
      }
    }))

  it.effect("a server that ignores skip fails with NoProgress instead of looping", () =>
    Effect.gen(function* () {
      const all = Array.from({ length: 500 }, (_, i) => ({ id: `id-${String(i).padStart(3, "0")}`, key: 0 }))
      let requests = 0
      const error = yield* Effect.flip(run(
        (_skip, take) => Effect.sync(() => (requests++, { items: all.slice(0, take), totalCount: all.length })),
        10,
        1,
      ))
      assert.strictEqual(error._tag, "PaginationError")
      assert.strictEqual(error.reason, "NoProgress")
      assert.isAtMost(requests, Paginate.MAX_PAGES_WITHOUT_PROGRESS + 2)
    }))

  it.effect("a totalCount that lies fails with InconsistentPage", () =>
    Effect.gen(function* () {
      const all = Array.from({ length: 30 }, (_, i) => ({ id: `id-${String(i).padStart(3, "0")}`, key: 0 }))
      const claimsMore = yield* Effect.flip(run(
        (skip, take) => Effect.succeed({ items: all.slice(skip, skip + take), totalCount: 1000 }),
        10,
        2,
      ))
      assert.strictEqual(claimsMore.reason, "InconsistentPage")
      const claimsLess = yield* Effect.flip(run(
        (skip, take) => Effect.succeed({ items: all.slice(skip, skip + take), totalCount: 5 }),
        10,
        1,
      ))
      assert.strictEqual(claimsLess.reason, "InconsistentPage")
    }))

  it.effect("a server sorting differently fails with OrderMismatch", () =>
    Effect.gen(function* () {
      const all = Array.from({ length: 30 }, (_, i) => ({ id: `id-${i}`, key: 30 - i }))
      const error = yield* Effect.flip(run(
        (skip, take) => Effect.succeed({ items: all.slice(skip, skip + take), totalCount: all.length }),
        10,
        1,
      ))
      assert.strictEqual(error.reason, "OrderMismatch")
    }))

  it.live("items stay in order with concurrency, whatever order the responses arrive in", () =>
    Effect.gen(function* () {
      const all = Array.from({ length: 300 }, (_, i) => ({ id: `id-${String(i).padStart(3, "0")}`, key: 0 }))
      const out = yield* run(
        (skip, take) =>
          Effect.sleep(`${(7 * skip) % 13} millis`).pipe(
            Effect.as({ items: all.slice(skip, skip + take), totalCount: all.length }),
          ),
        20,
        4,
      )
      assert.deepStrictEqual(out.map((i) => i.id), all.map((i) => i.id))
    }))

  it.effect("the same id twice anywhere in a page (positions 0 and 5) fails with InconsistentPage", () =>
    Effect.gen(function* () {
      // In the stream's order (keys rise), so only a check of the whole page sees the repeat.
      const page: Array<Item> = [
        { id: "a", key: 0 },
        { id: "b", key: 1 },
        { id: "c", key: 2 },
        { id: "d", key: 3 },
        { id: "e", key: 4 },
        { id: "a", key: 5 },
        { id: "f", key: 6 },
      ]
      for (const concurrency of [1, 2]) {
        const error = yield* Effect.flip(run(
          (skip, take) => Effect.succeed({ items: page.slice(skip, skip + take), totalCount: page.length }),
          10,
          concurrency,
        ))
        assert.strictEqual(error.reason, "InconsistentPage")
        assert.include(error.message, "positions 0 and 5")
        assert.notInclude(error.message, '"a"')
      }
    }))

  /** A collection where one item's sort key rises past the cursor after the first page: seen twice by skip/take. */
  const movingKey = () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ id: `id-${String(i).padStart(2, "0")}`, key: i }))
    return collection(items, (all, request) => {
      if (request === 1) (all.find((item) => item.id === "id-02") as { key: number }).key = 100
    })
  }

  it.effect("a sort key that changes during the export: seen twice by default, once with distinct", () =>
    Effect.gen(function* () {
      const plain = yield* run(movingKey().fetch, 10, 1)
      assert.strictEqual(plain.filter((item) => item.id === "id-02").length, 2)
      const distinct = yield* run(movingKey().fetch, 10, 1, true)
      const ids = distinct.map((item) => item.id)
      assert.strictEqual(new Set(ids).size, ids.length)
      assert.strictEqual(ids.length, 30)
    }))

  it.effect("property: with distinct, no id twice whatever keys change, inserts and deletes happen", () =>
    Effect.promise(() =>
      fc.assert(
        fc.asyncProperty(
          arbitraryCase,
          fc.array(fc.record({ atRequest: fc.nat(30), position: fc.nat(), key: fc.integer({ min: 0, max: 50 }) }), {
            maxLength: 20,
          }),
          async ({ concurrency, mutations, pageSize, seed, size }, rekeys) => {
            const initial = Array.from({ length: size }, (_, i) => ({ id: `u${seed}-${i}`, key: (i * 7919) % 50 }))
            let fresh = 0
            const { fetch } = collection(initial.map((item) => ({ ...item })), (items, request) => {
              for (const m of mutations) {
                if (m.atRequest !== request) continue
                if (m.kind === "insert") items.push({ id: `new-${fresh++}`, key: m.key })
                else if (items.length > 0) items.splice(m.position % items.length, 1)
              }
              for (const r of rekeys) {
                if (r.atRequest === request && items.length > 0) {
                  const at = r.position % items.length
                  items[at] = { ...items[at]!, key: r.key }
                }
              }
            })
            const out = await Effect.runPromise(run(fetch, pageSize, concurrency, true))
            const ids = out.map((item) => item.id)
            assert.strictEqual(new Set(ids).size, ids.length, "an id was emitted twice")
          },
        ),
        { numRuns: 200 },
      )
    ))
})
