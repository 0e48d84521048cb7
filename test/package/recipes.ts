/**
 * The packed-package test's library module (scripts/package-test.mjs): a user's module that exports recipes built on
 * `Quantive.request`, `Quantive.stream`, `Quantive.paginate` and the services, compiled with the options `tsc --init`
 * writes (`declaration: true` among them). Every exported value's inferred type must be nameable from the package's
 * entry points, so `tsc` can write this module's declarations without a type annotation.
 */
import { Effect, Schema, Stream } from "effect"
import { Accounts, Quantive, Retry, Users } from "@effect-quantive/client"
import { FakeQuantive } from "@effect-quantive/client/testing"

export const Objective = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  dateCreated: Schema.String,
  ownerId: Schema.optional(Schema.String),
})

export const objectives = Quantive.stream({
  path: "/v2/goals",
  item: Objective,
  sort: "dateCreated",
  concurrency: 4,
  statuses: [400, 402, 403],
})

export const objectivePages = Quantive.paginate({ path: "/v2/goals", item: Objective, statuses: [400] })

export const checkIn = (keyResultId: string, value: number) =>
  Quantive.request({
    method: "POST",
    path: "/v1/metrics/{id}/checkin",
    params: { id: keyResultId },
    body: { actual: value },
    statuses: [400, 403, 404],
  })

export const checkInWithInfo = (keyResultId: string) => Quantive.withResponse(checkIn(keyResultId, 1))

export const allObjectives = objectives.pipe(Stream.runCollect, Effect.map((chunk) => Array.from(chunk)))

export const emails = Effect.gen(function* () {
  const users = yield* Users
  return yield* users.list({ fields: ["email"] }).pipe(Quantive.withRetry(Retry.none))
})

export const account = (id: string) => Effect.flatMap(Accounts, (accounts) => accounts.get(id))

export const testLayer = FakeQuantive.layer({ seed: 1 })
