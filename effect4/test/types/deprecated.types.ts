/**
 * Type tests for the deprecated groups, checked by `tsc --noEmit` in `npm test`: each method's exact error union,
 * success types, and that `Effect.catchTag("Locked", ...)` compiles for `Goals.update` but not for
 * `Announcements.list`.
 *
 * Nothing here runs; a wrong type fails the type-check step.
 */
import { Effect, Stream } from "effect"
import type { Equals, ErrorTags, Success, Universal } from "./util.ts"
import {
  type Announcement,
  Announcements,
  type AnnouncementsPage,
  type AnnouncementsService,
  type Goal,
  Goals,
  type GoalsService,
  type GoalWithMetrics,
  type LegacyUsersPage,
  type LegacyUsersService,
  type MetricsPage,
  type MetricsService,
  type User,
} from "../../mod.ts"

type StreamErrorTags<F> = F extends (...args: any) => Stream.Stream<any, infer E, any>
  ? E extends { _tag: infer T } ? T : never
  : never

type Common = Universal | "BadRequest" | "PaymentRequired" | "Forbidden"

// LegacyUsers

export const legacyCreateErrors: Equals<ErrorTags<LegacyUsersService["create"]>, Universal> = true
export const legacyListErrors: Equals<ErrorTags<LegacyUsersService["list"]>, Common> = true
export const legacyStreamErrors: Equals<StreamErrorTags<LegacyUsersService["stream"]>, Common | "PaginationError"> =
  true
export const legacyPagesErrors: Equals<StreamErrorTags<LegacyUsersService["pages"]>, Common | "PaginationError"> = true
export const legacyPasswordPolicyErrors: Equals<ErrorTags<LegacyUsersService["passwordPolicy"]>, Universal> = true
export const legacyUpdateSettingsErrors: Equals<
  ErrorTags<LegacyUsersService["updateSettings"]>,
  Universal | "BadRequest" | "NotFound"
> = true

export const legacyCreateSuccess: Equals<Success<LegacyUsersService["create"]>, User> = true
export const legacyListSuccess: Equals<Success<LegacyUsersService["list"]>, LegacyUsersPage> = true
export const legacyPasswordPolicySuccess: Equals<Success<LegacyUsersService["passwordPolicy"]>, string> = true

// Announcements

export const announcementsListErrors: Equals<ErrorTags<AnnouncementsService["list"]>, Common> = true
export const announcementsGetErrors: Equals<ErrorTags<AnnouncementsService["get"]>, Common | "NotFound"> = true
export const announcementsCreateErrors: Equals<ErrorTags<AnnouncementsService["create"]>, Common> = true
export const announcementsUpdateErrors: Equals<ErrorTags<AnnouncementsService["update"]>, Common> = true
export const announcementsRemoveErrors: Equals<ErrorTags<AnnouncementsService["remove"]>, Common> = true
export const announcementsRemoveReactionErrors: Equals<ErrorTags<AnnouncementsService["removeReaction"]>, Common> = true

export const announcementsListSuccess: Equals<Success<AnnouncementsService["list"]>, AnnouncementsPage> = true
export const announcementsCreateSuccess: Equals<Success<AnnouncementsService["create"]>, Announcement> = true
export const announcementsRemoveSuccess: Equals<Success<AnnouncementsService["remove"]>, void> = true

// Metrics

export const metricsByOwnerErrors: Equals<ErrorTags<MetricsService["byOwner"]>, Common> = true
export const metricsByOwnerSuccess: Equals<Success<MetricsService["byOwner"]>, MetricsPage> = true

// Goals

export const goalsUpdateErrors: Equals<ErrorTags<GoalsService["update"]>, Common | "NotFound" | "Locked"> = true
export const goalsUpdateConfidenceErrors: Equals<ErrorTags<GoalsService["updateConfidence"]>, Common | "NotFound"> =
  true
export const goalsUpdateIncludesLocked: "Locked" extends ErrorTags<GoalsService["update"]> ? true : false = true
export const goalsUpdateSuccess: Equals<Success<GoalsService["update"]>, GoalWithMetrics> = true
export const goalsUpdateConfidenceSuccess: Equals<Success<GoalsService["updateConfidence"]>, Goal> = true

export const lockedIsCatchable = Effect.gen(function* () {
  const goals = yield* Goals
  return yield* goals.update("g", { name: "x" }).pipe(Effect.catchTag("Locked", (e) => Effect.succeed(e.status)))
})

export const lockedIsNotAnAnnouncementsError = Effect.gen(function* () {
  const announcements = yield* Announcements
  // @ts-expect-error: Announcements.list documents no 423, so there is no Locked to catch
  return yield* announcements.list().pipe(Effect.catchTag("Locked", () => Effect.succeed(undefined)))
})

export const notFoundIsNotAConfidenceUpdateLockedError = Effect.gen(function* () {
  const goals = yield* Goals
  // @ts-expect-error: Goals.updateConfidence documents no 423
  return yield* goals.updateConfidence("g", { value: 1 }).pipe(Effect.catchTag("Locked", () => Effect.void))
})
