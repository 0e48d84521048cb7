/**
 * What the README's examples call on the demo fake, with no route of the user's: the seeded Objectives
 * (`GET /v2/goals`, with `dateCreated`, streamed by `Quantive.stream` with the README's `Objective` schema), the Key
 * Results (`GET /v2/metrics`, filtered by owner), a check-in (`POST /v1/metrics/{id}/checkin`) and the badge and key
 * result with the README's id.
 */
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Schema, Stream } from "effect"
import { Badges, Quantive } from "../../mod.ts"
import { FakeQuantive } from "../../testing.ts"

const README_ID = "5f1e0c3a9b2d4e6f7a8b9c0d"

const Objective = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  dateCreated: Schema.String,
  ownerId: Schema.optional(Schema.String),
  attainment: Schema.optional(Schema.Number),
})

const KeyResult = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  dateCreated: Schema.String,
  goalId: Schema.optional(Schema.String),
  actual: Schema.optional(Schema.Number),
  target: Schema.optional(Schema.Number),
  ownerIds: Schema.optional(Schema.Array(Schema.String)),
})

describe("the demo fake serves the README's examples", () => {
  it.effect("Objectives: every seeded goal, oldest first, through Quantive.stream with the README's schema", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const objectives = yield* Quantive.stream({
        path: "/v2/goals",
        item: Objective,
        sort: "dateCreated",
        pageSize: 4,
        concurrency: 4,
        statuses: [400, 402, 403],
      }).pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
      const seeded = fake.deprecated.goals
      assert.isAbove(seeded.length, 4)
      assert.deepStrictEqual(new Set(objectives.map((o) => o.id)), new Set(seeded.map((g) => g.id)))
      const dates = objectives.map((o) => Date.parse(o.dateCreated))
      assert.deepStrictEqual(dates, [...dates].sort((a, b) => a - b))
      assert.isTrue(objectives.every((o) => typeof o.ownerId === "string" && typeof o.attainment === "number"))
    }).pipe(Effect.provide(FakeQuantive.layer({ seed: 5 }))))

  it.effect("Key Results: filtered by owner, each with its dateCreated; the README's id is one of them", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const all = yield* Quantive.stream({ path: "/v2/metrics", item: KeyResult, sort: "dateCreated" }).pipe(
        Stream.runCollect,
        Effect.map(Chunk.toReadonlyArray),
      )
      assert.strictEqual(all.length, fake.deprecated.metrics.length)
      assert.isTrue(all.some((kr) => kr.id === README_ID))
      const owner = all[0]!.ownerIds![0]!
      const mine = yield* Quantive.stream({
        path: "/v2/metrics",
        item: KeyResult,
        sort: "dateCreated",
        query: { filter: JSON.stringify({ ownerIds: { $in: [owner] } }) },
        statuses: [400, 403],
      }).pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
      assert.isAbove(mine.length, 0)
      assert.isBelow(mine.length, all.length + 1)
      assert.isTrue(mine.every((kr) => kr.ownerIds!.includes(owner)))
    }).pipe(Effect.provide(FakeQuantive.layer({ seed: 5 }))))

  it.effect("a check-in on the README's key result sets its actual value; an unknown id is a typed NotFound", () =>
    Effect.gen(function* () {
      const { fake } = yield* FakeQuantive.FakeServer
      const checkIn = (id: string, value: number) =>
        Quantive.request({
          method: "POST",
          path: "/v1/metrics/{id}/checkin",
          params: { id },
          body: { actual: value, comment: "on track" },
          statuses: [400, 403, 404],
        })
      const answer = yield* checkIn(README_ID, 42)
      assert.deepInclude(answer as object, { metricId: README_ID, actual: 42, comment: "on track" })
      assert.strictEqual(fake.deprecated.metrics.find((m) => m.id === README_ID)?.actual, 42)
      const missing = yield* Effect.flip(checkIn("000000000000000000000000", 1))
      assert.strictEqual(missing._tag, "NotFound")
      const bad = yield* Effect.flip(
        Quantive.request({
          method: "POST",
          path: "/v1/metrics/{id}/checkin",
          params: { id: README_ID },
          body: { actual: "high" },
          statuses: [400],
        }),
      )
      assert.strictEqual(bad._tag, "BadRequest")
    }).pipe(Effect.provide(FakeQuantive.layer({ seed: 9 }))))

  it.effect("the badge with the README's id exists whatever the seed", () =>
    Effect.gen(function* () {
      const badges = yield* Badges
      const badge = yield* badges.get(README_ID)
      assert.strictEqual(badge.id, README_ID)
      const listed = yield* badges.list()
      assert.strictEqual(new Set(listed.items.map((b) => b.id)).size, listed.items.length)
    }).pipe(Effect.provide(FakeQuantive.layer({ seed: 123 }))))
})
