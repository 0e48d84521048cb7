/**
 * Type tests for Badges, checked by `tsc --noEmit` in `npm test`: each method's exact error union and success type,
 * and that `Effect.catchTag` only accepts the tags a method can fail with.
 *
 * Nothing here runs; a wrong type fails the type-check step.
 */
import { Effect } from "effect"
import type { Equals, ErrorTags, Success, Universal } from "./util.ts"
import {
  type AssignedBadge,
  type AssignedBadgesPage,
  type AssignedBadgesV2,
  type Badge,
  type BadgeAssignees,
  Badges,
  type BadgesPage,
  type BadgesService,
} from "../../mod.ts"

/** 400, 401, 402, 403, 500: the statuses most Badges operations document. */
type Common = Universal | "BadRequest" | "PaymentRequired" | "Forbidden"

export const listErrors: Equals<ErrorTags<BadgesService["list"]>, Common> = true
export const pendingApprovalsErrors: Equals<ErrorTags<BadgesService["pendingApprovals"]>, Common> = true
export const assignedErrors: Equals<ErrorTags<BadgesService["assigned"]>, Common> = true
export const assigneesErrors: Equals<ErrorTags<BadgesService["assignees"]>, Common | "NotFound"> = true
export const currentErrors: Equals<ErrorTags<BadgesService["current"]>, Common> = true
export const getErrors: Equals<ErrorTags<BadgesService["get"]>, Common | "NotFound"> = true
export const createErrors: Equals<ErrorTags<BadgesService["create"]>, Common> = true
export const approveErrors: Equals<ErrorTags<BadgesService["approve"]>, Common> = true
export const assignErrors: Equals<ErrorTags<BadgesService["assign"]>, Common> = true
export const updateErrors: Equals<ErrorTags<BadgesService["update"]>, Common | "NotFound"> = true
export const rejectErrors: Equals<ErrorTags<BadgesService["reject"]>, Common> = true
export const unassignErrors: Equals<ErrorTags<BadgesService["unassign"]>, Common> = true
export const removeErrors: Equals<ErrorTags<BadgesService["remove"]>, Common> = true

// The success types.
export const listSuccess: Equals<Success<BadgesService["list"]>, BadgesPage> = true
export const pendingApprovalsSuccess: Equals<Success<BadgesService["pendingApprovals"]>, AssignedBadgesPage> = true
export const assignedSuccess: Equals<Success<BadgesService["assigned"]>, AssignedBadgesV2> = true
export const assigneesSuccess: Equals<Success<BadgesService["assignees"]>, BadgeAssignees> = true
export const currentSuccess: Equals<Success<BadgesService["current"]>, AssignedBadgesV2> = true
export const getSuccess: Equals<Success<BadgesService["get"]>, Badge> = true
export const createSuccess: Equals<Success<BadgesService["create"]>, Badge> = true
export const approveSuccess: Equals<Success<BadgesService["approve"]>, void> = true
export const assignSuccess: Equals<Success<BadgesService["assign"]>, AssignedBadge> = true
export const updateSuccess: Equals<Success<BadgesService["update"]>, void> = true
export const rejectSuccess: Equals<Success<BadgesService["reject"]>, void> = true
export const unassignSuccess: Equals<Success<BadgesService["unassign"]>, void> = true
export const removeSuccess: Equals<Success<BadgesService["remove"]>, void> = true
export const badgeIdIsRequired: Equals<Badge["id"], string> = true

export const notFoundIsCatchable = Effect.gen(function* () {
  const badges = yield* Badges
  return yield* badges.get("id").pipe(Effect.catchTag("NotFound", () => Effect.succeed(null)))
})

export const conflictIsNotInList = Effect.gen(function* () {
  const badges = yield* Badges
  return yield* badges.list().pipe(
    // @ts-expect-error: Badges.list does not document 409, so "Conflict" is not in its error union
    Effect.catchTag("Conflict", () => Effect.succeed(null)),
  )
})

export const notFoundIsNotInRemove = Effect.gen(function* () {
  const badges = yield* Badges
  return yield* badges.remove("id").pipe(
    // @ts-expect-error: Badges.remove does not document 404
    Effect.catchTag("NotFound", () => Effect.succeed(null)),
  )
})

export const bodiesAreTyped = Effect.gen(function* () {
  const badges = yield* Badges
  yield* badges.create({ name: "Kudos", icon: "star" })
  // @ts-expect-error: a badge needs a name
  yield* badges.create({ icon: "star" })
  // @ts-expect-error: assigneeIds is a list of ids
  yield* badges.assign({ badgeId: "b", assigneeIds: "u" })
})
