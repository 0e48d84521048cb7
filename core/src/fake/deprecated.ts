/**
 * The fake server's deprecated routes: announcements, metrics by owner, goal and confidence
 * updates, and the deprecated users endpoints (`GET /accounts/users`, the single-user `POST /users`, the password
 * policy). The deprecated `PUT /users/settings` stays with the other Users routes in `users.ts`.
 *
 * Registered before the current Users routes: `POST /v1/users` with one user object is the deprecated create (201
 * with the user, 429 past `createRateLimit`); an array goes on to the current bulk create (`userBulk.ts`).
 *
 * This module composes the parts: the deprecated users endpoints live in `legacyUsers.ts`, the seeded goals,
 * metrics and announcements in `okrData.ts`; the announcement, metric and goal routes are here. The same goals and
 * metrics are also served as Objectives and Key Results with check-ins (`objectives.ts`), registered with these.
 *
 * @internal
 */
import { problem, reply, type Route } from "./reply.ts"
import { objectId, prng } from "./data.ts"
import { DEFAULT_PASSWORD_POLICY, legacyUserRoutes, type LegacyUsersState } from "./legacyUsers.ts"
import {
  assigneeOf,
  authorOf,
  type FakeGoal,
  type FakeMetric,
  type FakeRecord,
  iso,
  makeOkrData,
  plainText,
  text,
} from "./okrData.ts"
import { objectiveRoutes } from "./objectives.ts"
import type { Result } from "./query.ts"
import type { UsersState } from "./userState.ts"

export { DEFAULT_PASSWORD_POLICY, matchesLucene, parseLucene } from "./legacyUsers.ts"
export type { FakeGoal, FakeMetric, FakeRecord } from "./okrData.ts"

/** @internal */
export interface DeprecatedState extends LegacyUsersState {
  /** The announcements, oldest first (the `announcementResponse` shape). */
  readonly announcements: Array<FakeRecord>
  /** Who reacted to each announcement: announcement id → user ids. `removeReaction` removes the token's user. */
  readonly reactions: Map<string, Set<string>>
  /** The metrics (key results), each under a goal, owned by users of the account. */
  readonly metrics: Array<FakeMetric>
  /** The goals; some are `locked`. */
  readonly goals: Array<FakeGoal>
  /** The last confidence set on each goal: goal id → `{ value, reason }`. */
  readonly confidence: Map<string, { value: number; reason: string }>
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const isStringArray = (u: unknown): u is Array<string> => Array.isArray(u) && u.every((s) => typeof s === "string")

const isBlank = (u: unknown) => typeof u !== "string" || u.trim() === ""

const clone = <A>(a: A): A => JSON.parse(JSON.stringify(a)) as A

/** Each state's seeded generator, which goes on making ids after the seeding. */
const randoms = new WeakMap<DeprecatedState, () => number>()

/** @internal */
export const makeDeprecatedState = (seed: number, usersState: UsersState, accountId: string): DeprecatedState => {
  const random = prng((seed ^ 0x0de9ec8) >>> 0)
  const { announcements, reactions, metrics, goals } = makeOkrData(random, usersState, accountId)

  const state: DeprecatedState = {
    announcements,
    reactions,
    metrics,
    goals,
    confidence: new Map(),
    createRateLimit: { requests: 10, perMillis: 60_000 },
    passwordPolicy: DEFAULT_PASSWORD_POLICY,
    createWindow: { start: 0, count: 0 },
  }
  randoms.set(state, random)
  return state
}

const formattingOf = (query: URLSearchParams): Result<"mentionsMarkup" | "plainText"> => {
  const raw = query.get("formatting")
  if (raw === null || raw === "" || raw === "mentionsMarkup") return { ok: true, value: "mentionsMarkup" }
  if (raw === "plainText") return { ok: true, value: "plainText" }
  return { ok: false, error: `formatting must be mentionsMarkup or plainText, not ${JSON.stringify(raw)}` }
}

const withFormatting = (record: FakeRecord, key: string, formatting: "mentionsMarkup" | "plainText"): FakeRecord =>
  formatting === "plainText" && typeof record[key] === "string"
    ? { ...record, [key]: plainText(record[key] as string) }
    : record

const GOAL_FIELDS = new Set([
  "attainmentTypeString",
  "customFields",
  "description",
  "links",
  "name",
  "ownerId",
  "ownerIds",
  "parentId",
  "private",
  "sessionId",
])

/** @internal */
export const deprecatedRoutes = (state: DeprecatedState, usersState: UsersState): ReadonlyArray<Route> => {
  const findUser = (id: string) => usersState.users.find((user) => user.id === id)
  const findAnnouncement = (id: string) => state.announcements.find((a) => a.id === id)
  const findGoal = (id: string) => state.goals.find((goal) => goal.id === id)

  /** The goal as `PUT /goals/{goalId}` answers: with its metrics. */
  const goalWithMetrics = (goal: FakeGoal) => {
    const metrics = state.metrics.filter((metric) => metric.goalId === goal.id)
    return { ...goal, metrics, metricsCount: metrics.length }
  }

  /** The goal in its stored form, as `PUT /goals/{goalId}/confidence` answers. */
  const storedGoal = (goal: FakeGoal) => {
    const metrics = state.metrics.filter((metric) => metric.goalId === goal.id)
    const attainment = typeof goal.attainment === "number" ? goal.attainment : 0
    return {
      id: goal.id,
      accountId: goal.accountId,
      aggregatedAttainment: goal.aggregatedAttainment,
      attainment,
      attainmentType: 0,
      calculationStatus: 0,
      childrenAggregatedAttainment: goal.childrenAggregatedAttainment,
      childrenCount: goal.childrenCount,
      childrenKRAttainment: attainment,
      closedStatus: { Reason: "", Status: 0 },
      createdById: goal.createdById,
      dateCreated: goal.dateCreated,
      dateFrom: goal.dateFrom,
      dateTo: goal.dateTo,
      description: goal.description,
      designScore: { policies: [{ passed: true, policy: "has-metrics", score: 1 }], totalPoints: 1 },
      duration: goal.duration,
      fullAggregatedAttainment: goal.fullAggregatedAttainment,
      fullSubTreeCount: goal.fullSubTreeCount,
      inherits: true,
      isDeleted: false,
      lastCalculated: goal.lastCalculated,
      mentions: {},
      metricsAttainment: attainment,
      metricsCount: metrics.length,
      modifiedById: goal.modifiedById,
      name: goal.name,
      nonArchivedTasksCount: goal.nonArchivedTasksCount,
      orderId: goal.orderId,
      ownerIds: goal.ownerIds,
      owner_permissions: { grant: { Subtype: 0 } },
      parent: { goalId: text(goal, "parentId"), metricGoalId: "", metricId: "", sessionId: text(goal, "sessionId") },
      permissions: [],
      private: goal.private,
      sessionId: goal.sessionId,
      subTreeCount: goal.subTreeCount,
      tags: [],
      tasksCount: goal.tasksCount,
      watchers: goal.watchers,
      workflow: { ApprovedAt: "", Reviewers: [], ReviewersNeeded: 0, Status: 0 },
    }
  }

  /** Checks a goal update body: the fields of the API's sample, each of its type, owners among the users. */
  const checkGoalUpdate = (json: unknown, goalId: string): string | undefined => {
    if (!isRecord(json)) return "the body must be a goal object"
    const keys = Object.keys(json)
    if (keys.length === 0) return "the body holds no field to update"
    for (const key of keys) if (!GOAL_FIELDS.has(key)) return `unknown goal field ${JSON.stringify(key)}`
    for (const key of ["name", "attainmentTypeString", "sessionId"]) {
      if (key in json && isBlank(json[key])) return `${key} must be a non-blank string`
    }
    for (const key of ["description", "customFields", "parentId"]) {
      if (key in json && typeof json[key] !== "string") return `${key} must be a string`
    }
    if ("private" in json && typeof json.private !== "boolean") return "private must be a boolean"
    if ("links" in json && !isRecord(json.links)) return "links must be an object"
    if ("ownerId" in json && (typeof json.ownerId !== "string" || findUser(json.ownerId) === undefined)) {
      return `ownerId ${JSON.stringify(json.ownerId)} is not a user of the account`
    }
    if ("ownerIds" in json) {
      if (!isStringArray(json.ownerIds) || json.ownerIds.length === 0) {
        return "ownerIds must be a non-empty array of user ids"
      }
      const unknown = json.ownerIds.find((id) => findUser(id) === undefined)
      if (unknown !== undefined) return `owner ${unknown} is not a user of the account`
    }
    const parentId = json.parentId
    if (typeof parentId === "string" && parentId !== "") {
      if (parentId === goalId) return "a goal cannot be its own parent"
      if (findGoal(parentId) === undefined) return `parent goal ${parentId} does not exist`
    }
    return undefined
  }

  const updateGoal = (goal: FakeGoal, json: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(json)) {
      if (key !== "links") goal[key] = clone(value)
    }
    if (isStringArray(json.ownerIds)) {
      goal.ownerIds = json.ownerIds.slice()
      if (!("ownerId" in json)) goal.ownerId = goal.ownerIds[0]
    } else if (typeof json.ownerId === "string") {
      goal.ownerIds = [json.ownerId]
    }
    const owners = goal.ownerIds.map((id) => assigneeOf(findUser(id), text(goal, "accountId")))
    goal.assignee = owners[0]
    goal.assignees = owners
    goal.numberOfOwners = owners.length
    goal.modifiedById = usersState.ownerId
    for (const metric of state.metrics) {
      if (metric.goalId !== goal.id) continue
      metric.goalName = goal.name
      metric.goalDescription = goal.description
      metric.goalOwnerId = goal.ownerId
      metric.goalOwnerIds = goal.ownerIds.slice()
    }
  }
  return [
    ...legacyUserRoutes(state, usersState),
    ...objectiveRoutes({ goals: state.goals, metrics: state.metrics, ownerId: usersState.ownerId }),
    {
      method: "GET",
      api: "v1",
      path: "/announcements",
      handle: ({ query }) => {
        const formatting = formattingOf(query)
        if (!formatting.ok) return problem(400, formatting.error)
        return reply(200, {
          items: state.announcements.map((a) => withFormatting(a, "comment", formatting.value)),
          totalCount: state.announcements.length,
        })
      },
    },
    {
      method: "GET",
      api: "v1",
      path: "/announcements/{id}",
      handle: ({ params, query }) => {
        const formatting = formattingOf(query)
        if (!formatting.ok) return problem(400, formatting.error)
        const announcement = findAnnouncement(params.id)
        return announcement === undefined
          ? problem(404, `announcement ${params.id} not found`)
          : reply(200, withFormatting(announcement, "comment", formatting.value))
      },
    },
    {
      method: "POST",
      api: "v1",
      path: "/announcements",
      handle: ({ json }) => {
        if (!isRecord(json)) return problem(400, "the body must be an announcement object")
        if (isBlank(json.comment)) return problem(400, "comment must be a non-blank string")
        for (const key of ["announcementTargetId", "announcementType", "authorID", "notificationStrategy"]) {
          if (key in json && typeof json[key] !== "string") return problem(400, `${key} must be a string`)
        }
        if ("notify" in json && !isStringArray(json.notify)) return problem(400, "notify must be an array of ids")
        const authorId = typeof json.authorID === "string" && json.authorID !== "" ? json.authorID : usersState.ownerId
        const author = findUser(authorId)
        if (author === undefined) return problem(400, `author ${authorId} is not a user of the account`)
        const random = randoms.get(state) ?? Math.random
        const taken = new Set(state.announcements.map((a) => a.id))
        let id = objectId(random)
        while (taken.has(id)) id = objectId(random)
        const announcement: FakeRecord = {
          id,
          announcementTargetId: text(json, "announcementTargetId"),
          announcementType: text(json, "announcementType") || "account",
          author: authorOf(author),
          authorId,
          comment: json.comment,
          dateCreated: iso(Date.now()),
          notificationStrategy: text(json, "notificationStrategy") || "all",
          notify: isStringArray(json.notify) ? json.notify.slice() : [],
        }
        state.announcements.push(announcement)
        state.reactions.set(announcement.id, new Set())
        return reply(201, announcement)
      },
    },
    {
      // 404 is not documented here, so an unknown announcement is a 400.
      method: "PATCH",
      api: "v1",
      path: "/announcements/{id}",
      handle: ({ json, params }) => {
        if (!isRecord(json) || isBlank(json.comment)) return problem(400, "the body must be { comment: string }")
        const announcement = findAnnouncement(params.id)
        if (announcement === undefined) return problem(400, `announcement ${params.id} does not exist`)
        announcement.comment = json.comment
        return reply(200, announcement)
      },
    },
    {
      method: "DELETE",
      api: "v1",
      path: "/announcements/{id}",
      handle: ({ params }) => {
        const index = state.announcements.findIndex((a) => a.id === params.id)
        if (index < 0) return problem(400, `announcement ${params.id} does not exist`)
        state.announcements.splice(index, 1)
        state.reactions.delete(params.id)
        return reply(204)
      },
    },
    {
      // Removes the token's user's reaction; answers the announcement (also when there was none to remove).
      method: "DELETE",
      api: "v1",
      path: "/announcements/{id}/react",
      handle: ({ params }) => {
        const announcement = findAnnouncement(params.id)
        if (announcement === undefined) return problem(400, `announcement ${params.id} does not exist`)
        state.reactions.get(params.id)?.delete(usersState.ownerId)
        return reply(200, announcement)
      },
    },
    {
      // An owner with no metrics (or no such owner) has an empty page: 404 is not documented.
      method: "GET",
      api: "v1",
      path: "/metrics/owner/{ownerId}",
      handle: ({ params, query }) => {
        const formatting = formattingOf(query)
        if (!formatting.ok) return problem(400, formatting.error)
        const items = state.metrics
          .filter((metric) => metric.ownerIds.includes(params.ownerId))
          .map((metric) => withFormatting(metric, "description", formatting.value))
        return reply(200, { items, totalCount: items.length })
      },
    },
    {
      method: "PUT",
      api: "v1",
      path: "/goals/{goalId}",
      handle: ({ json, params }) => {
        const invalid = checkGoalUpdate(json, params.goalId)
        if (invalid !== undefined) return problem(400, invalid)
        const goal = findGoal(params.goalId)
        if (goal === undefined) return problem(404, `goal ${params.goalId} not found`)
        if (goal.locked) return problem(423, `goal ${params.goalId} is locked`)
        updateGoal(goal, json as Record<string, unknown>)
        return reply(200, goalWithMetrics(goal))
      },
    },
    {
      method: "PUT",
      api: "v1",
      path: "/goals/{goalId}/confidence",
      handle: ({ json, params }) => {
        if (!isRecord(json) || typeof json.value !== "number" || !Number.isFinite(json.value)) {
          return problem(400, "the body must be { value: number, reason?: string }")
        }
        if (json.value < 0 || json.value > 10) return problem(400, "value must be from 0 to 10 (the confidence scale)")
        if ("reason" in json && typeof json.reason !== "string") return problem(400, "reason must be a string")
        const goal = findGoal(params.goalId)
        if (goal === undefined) return problem(404, `goal ${params.goalId} not found`)
        state.confidence.set(goal.id, { value: json.value, reason: text(json, "reason") })
        goal.modifiedById = usersState.ownerId
        return reply(200, storedGoal(goal))
      },
    },
  ]
}
