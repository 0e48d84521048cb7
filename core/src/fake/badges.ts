/**
 * The fake server's Badges routes: the account's badges, their assignments to users and teams, and the
 * assignments waiting for approval, generated deterministically from a seed (the seeded data is made in
 * `badgeData.ts`; the state and the routes are here).
 *
 * Who is who: the current user (the token's user) is the first of the given user ids, which is the account owner in
 * the fake. An assignment made by the current user is approved at once; one made on behalf of another user
 * (`assignedById`) waits for approval (`status: "pending"`) until `POST /badges/approve/{id}` approves it or
 * `DELETE /badges/approve/{id}` rejects (deletes) it. The assignees are users (the given ids) and the fake's own
 * teams (`state.teams`, of the API's `badgeAssigneesResponse` team shape, members drawn from the given users).
 *
 * The badge routes see only user ids, not the users: `GET /badges/assign/{id}` answers each user as
 * `state.lookupUser(id)` gives it when set (a full user of the Users fake), else as `{ id }`.
 *
 * Statuses follow the seed: 404 for an unknown badge where documented (`GET /badges/{id}`,
 * `GET /badges/assign/{id}`, `PATCH /badges/{id}`), 400 otherwise (`DELETE /badges/{id}`, approvals, unassign,
 * an unknown badge or assignee in `POST /badges/assign`); 204 with no body where the seed says 204.
 *
 * @internal
 */
import { problem, reply, type Route, type RouteContext } from "./reply.ts"
import { objectId, prng } from "./data.ts"
import { COLORS, type FakeBadge, type FakeBadgeAssignment, type FakeBadgeTeam, makeBadgeData } from "./badgeData.ts"
import { isoDate } from "./userData.ts"

export type { FakeBadge, FakeBadgeAssignment, FakeBadgeTeam, FakeBadgeTeamTag } from "./badgeData.ts"

/** @internal */
export interface BadgesState {
  badges: Array<FakeBadge>
  assignments: Array<FakeBadgeAssignment>
  teams: Array<FakeBadgeTeam>
  /** The users badges can be assigned to (mutable); ignored when `lookupUser` is set. */
  userIds: Set<string>
  /** The token's user: the approver, the default assigner, and whose badges `GET /badges/current` lists. */
  currentUserId: string
  /** When set, resolves a user id to the full user served in `GET /badges/assign/{id}` (and is authoritative). */
  lookupUser: ((id: string) => { readonly id: string } | undefined) | undefined
}

const hash = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * The badges of a seed (8 to 11 of twelve realistic ones), a few teams of the given users, approved assignments to
 * some of the users and teams (the current user, the first id, holds at least one) and a few pending ones: the data
 * of `makeBadgeData`, with the assignable users and the optional `lookupUser`.
 *
 * @internal
 */
export const makeBadgesState = (
  seed: number,
  userIds: ReadonlyArray<string>,
  options: { readonly lookupUser?: (id: string) => { readonly id: string } | undefined } = {},
): BadgesState => {
  const { badges, assignments, teams, currentUserId } = makeBadgeData(seed, userIds)
  return {
    badges,
    assignments,
    teams,
    userIds: new Set(userIds),
    currentUserId,
    lookupUser: options.lookupUser,
  }
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const isStringArray = (u: unknown): u is Array<string> => Array.isArray(u) && u.every((s) => typeof s === "string")

const BADGE_FIELDS = ["assignCondition", "background", "icon", "name", "pattern", "summary", "type"] as const

/** Checks a create or update body: an object whose known fields are strings, `name` non-blank when given. */
const badgeBody = (json: unknown): Record<string, string> | string => {
  if (!isRecord(json)) return "the body must be a badge object"
  const out: Record<string, string> = {}
  for (const field of BADGE_FIELDS) {
    const value = json[field]
    if (value === undefined) continue
    if (typeof value !== "string") return `${field} must be a string`
    out[field] = value
  }
  if (out.name !== undefined && out.name.trim() === "") return "name must be a non-blank string"
  return out
}

/** @internal */
export const badgeRoutes = (state: BadgesState): ReadonlyArray<Route> => {
  const random = prng(hash(state.currentUserId) ^ 0x0bad9e)
  const freshId = () => {
    const taken = new Set([
      ...state.badges.map((b) => b.id),
      ...state.assignments.map((a) => a.id),
      ...state.teams.map((t) => t.id),
    ])
    let id = objectId(random)
    while (taken.has(id)) id = objectId(random)
    return id
  }
  // The core has checked the header against the served account before any route runs.
  const accountOf = (ctx: RouteContext) => ctx.request.headers["gtmhub-accountid"] ?? ""
  const findBadge = (id: string) => state.badges.find((badge) => badge.id === id)
  const findTeam = (id: string) => state.teams.find((team) => team.id === id)
  const findUser = (id: string): { readonly id: string } | undefined =>
    state.lookupUser !== undefined ? state.lookupUser(id) : state.userIds.has(id) ? { id } : undefined
  const isAssignee = (id: string) => findTeam(id) !== undefined || findUser(id) !== undefined

  const serveBadge = (badge: FakeBadge, accountId: string) => ({ accountId, ...badge })
  const serveAssignment = (a: FakeBadgeAssignment, accountId: string) => ({
    accountId,
    approvedBy: a.approvedBy,
    assignedById: a.assignedById,
    assignedOn: a.assignedOn,
    assigneeIds: a.assigneeIds.slice(),
    badgeId: a.badgeId,
    comment: a.comment,
    id: a.id,
    notificationStrategy: a.notificationStrategy,
    notify: a.notify.slice(),
    status: a.status,
  })
  const serveAssignmentV2 = (a: FakeBadgeAssignment, accountId: string) => {
    const { badgeId, ...rest } = serveAssignment(a, accountId)
    const badge = findBadge(badgeId)
    return badge === undefined ? rest : { ...rest, badge: serveBadge(badge, accountId) }
  }
  const serveUser = (id: string, accountId: string) => {
    const user = findUser(id)
    return user === undefined ? undefined : { accountId, ...user }
  }
  const page = <A>(items: ReadonlyArray<A>) => ({ items, totalCount: items.length })
  const approved = () => state.assignments.filter((a) => a.status === "approved")
  const findPending = (id: string) => state.assignments.find((a) => a.id === id && a.status === "pending")

  return [
    {
      method: "GET",
      api: "v1",
      path: "/badges",
      handle: (ctx) => reply(200, page(state.badges.map((badge) => serveBadge(badge, accountOf(ctx))))),
    },
    {
      method: "GET",
      api: "v1",
      path: "/badges/approve",
      handle: (ctx) =>
        reply(
          200,
          page(state.assignments.filter((a) => a.status === "pending").map((a) => serveAssignment(a, accountOf(ctx)))),
        ),
    },
    {
      // Every approved assignment of the account (the seed gives it the same summary as /badges/current).
      method: "GET",
      api: "v1",
      path: "/badges/assign",
      handle: (ctx) => reply(200, page(approved().map((a) => serveAssignmentV2(a, accountOf(ctx))))),
    },
    {
      // The current user's approved badges: assigned to them, or to a team they are a member of.
      method: "GET",
      api: "v1",
      path: "/badges/current",
      handle: (ctx) => {
        const mine = new Set([
          state.currentUserId,
          ...state.teams.filter((team) => team.members.includes(state.currentUserId)).map((team) => team.id),
        ])
        const items = approved().filter((a) => a.assigneeIds.some((id) => mine.has(id)))
        return reply(200, page(items.map((a) => serveAssignmentV2(a, accountOf(ctx)))))
      },
    },
    {
      method: "GET",
      api: "v1",
      path: "/badges/assign/{id}",
      handle: (ctx) => {
        const badge = findBadge(ctx.params.id!)
        if (badge === undefined) return problem(404, `badge ${ctx.params.id} not found`)
        const accountId = accountOf(ctx)
        const holders = [
          ...new Set(approved().filter((a) => a.badgeId === badge.id).flatMap((a) => a.assigneeIds)),
        ]
        const badgesOf = (assigneeId: string) => {
          const ids = new Set(approved().filter((a) => a.assigneeIds.includes(assigneeId)).map((a) => a.badgeId))
          return state.badges.filter((b) => ids.has(b.id)).map((b) => serveBadge(b, accountId))
        }
        const Teams = holders.flatMap((id) => {
          const team = findTeam(id)
          if (team === undefined) return []
          const manager = serveUser(team.manager, accountId)
          return [{
            accountId,
            ...team,
            members: team.members.slice(),
            badges: badgesOf(team.id),
            ...(manager === undefined ? {} : { managerInfo: manager }),
            membersInfo: team.members.flatMap((member) => serveUser(member, accountId) ?? []),
          }]
        })
        const Users = holders.flatMap((id) => (findTeam(id) === undefined ? serveUser(id, accountId) ?? [] : []))
        return reply(200, { Teams, Users })
      },
    },
    {
      method: "GET",
      api: "v1",
      path: "/badges/{id}",
      handle: (ctx) => {
        const badge = findBadge(ctx.params.id!)
        return badge === undefined
          ? problem(404, `badge ${ctx.params.id} not found`)
          : reply(200, serveBadge(badge, accountOf(ctx)))
      },
    },
    {
      method: "POST",
      api: "v1",
      path: "/badges",
      handle: (ctx) => {
        const body = badgeBody(ctx.json)
        if (typeof body === "string") return problem(400, body)
        if (body.name === undefined) return problem(400, "name is required")
        const badge: FakeBadge = {
          id: freshId(),
          name: body.name.trim(),
          summary: body.summary ?? "",
          icon: body.icon ?? "trophy",
          background: body.background ?? COLORS[0]!,
          pattern: body.pattern ?? "plain",
          type: body.type ?? "manual",
          assignmentCondition: body.assignCondition ?? "",
        }
        state.badges.push(badge)
        return reply(201, serveBadge(badge, accountOf(ctx)))
      },
    },
    {
      method: "PATCH",
      api: "v1",
      path: "/badges/{id}",
      handle: (ctx) => {
        const body = badgeBody(ctx.json)
        if (typeof body === "string") return problem(400, body)
        if (Object.keys(body).length === 0) return problem(400, "the patch changes nothing")
        const badge = findBadge(ctx.params.id!)
        if (badge === undefined) return problem(404, `badge ${ctx.params.id} not found`)
        const { assignCondition, name, ...rest } = body
        Object.assign(badge, rest)
        if (name !== undefined) badge.name = name.trim()
        if (assignCondition !== undefined) badge.assignmentCondition = assignCondition
        return reply(204)
      },
    },
    {
      // 404 is not documented here, so an unknown badge is a 400. Its assignments go with it.
      method: "DELETE",
      api: "v1",
      path: "/badges/{id}",
      handle: (ctx) => {
        const index = state.badges.findIndex((badge) => badge.id === ctx.params.id)
        if (index < 0) return problem(400, `badge ${ctx.params.id} does not exist`)
        state.badges.splice(index, 1)
        state.assignments = state.assignments.filter((a) => a.badgeId !== ctx.params.id)
        return reply(204)
      },
    },
    {
      method: "POST",
      api: "v1",
      path: "/badges/assign",
      handle: (ctx) => {
        const json = ctx.json
        if (!isRecord(json)) return problem(400, "the body must be an assignBadge object")
        if (typeof json.badgeId !== "string" || json.badgeId.trim() === "") {
          return problem(400, "badgeId is required")
        }
        if (!isStringArray(json.assigneeIds) || json.assigneeIds.length === 0) {
          return problem(400, "assigneeIds must be a non-empty array of user or team ids")
        }
        for (const key of ["assignedById", "comment", "notificationStrategy"]) {
          if (json[key] !== undefined && typeof json[key] !== "string") return problem(400, `${key} must be a string`)
        }
        if (json.notify !== undefined && !isStringArray(json.notify)) {
          return problem(400, "notify must be an array of user ids")
        }
        const badge = findBadge(json.badgeId)
        if (badge === undefined) return problem(400, `badge ${json.badgeId} does not exist`)
        const assigneeIds = [...new Set(json.assigneeIds.map((id) => id.trim()))]
        const unknown = assigneeIds.find((id) => !isAssignee(id))
        if (unknown !== undefined) return problem(400, `assignee ${JSON.stringify(unknown)} is no user or team`)
        const assignedById = (json.assignedById as string | undefined)?.trim() || state.currentUserId
        if (findUser(assignedById) === undefined && assignedById !== state.currentUserId) {
          return problem(400, `user ${assignedById} does not exist`)
        }
        // On behalf of another user: the assignment waits for the current user's approval.
        const pending = assignedById !== state.currentUserId
        const assignment: FakeBadgeAssignment = {
          id: freshId(),
          badgeId: badge.id,
          assigneeIds,
          assignedById,
          assignedOn: isoDate(Date.now()),
          approvedBy: pending ? "" : state.currentUserId,
          comment: (json.comment as string | undefined) ?? "",
          notificationStrategy: (json.notificationStrategy as string | undefined) ?? "assigneesOnly",
          notify: ((json.notify as Array<string> | undefined) ?? []).slice(),
          status: pending ? "pending" : "approved",
        }
        state.assignments.push(assignment)
        return reply(200, serveAssignment(assignment, accountOf(ctx)))
      },
    },
    {
      // 404 is not documented: an unknown or already decided request is a 400.
      method: "POST",
      api: "v1",
      path: "/badges/approve/{id}",
      handle: (ctx) => {
        const assignment = findPending(ctx.params.id!)
        if (assignment === undefined) return problem(400, `no badge assignment ${ctx.params.id} waits for approval`)
        assignment.status = "approved"
        assignment.approvedBy = state.currentUserId
        return reply(204)
      },
    },
    {
      method: "DELETE",
      api: "v1",
      path: "/badges/approve/{id}",
      handle: (ctx) => {
        const assignment = findPending(ctx.params.id!)
        if (assignment === undefined) return problem(400, `no badge assignment ${ctx.params.id} waits for approval`)
        state.assignments = state.assignments.filter((a) => a !== assignment)
        return reply(204)
      },
    },
    {
      // The assignee leaves the assignment; an assignment left with no assignee is deleted.
      method: "DELETE",
      api: "v1",
      path: "/badges/assign/{assigneeId}/{badgeAssignId}",
      handle: (ctx) => {
        const { assigneeId, badgeAssignId } = ctx.params as { assigneeId: string; badgeAssignId: string }
        const assignment = state.assignments.find((a) => a.id === badgeAssignId)
        if (assignment === undefined) return problem(400, `badge assignment ${badgeAssignId} does not exist`)
        if (!assignment.assigneeIds.includes(assigneeId)) {
          return problem(400, `${assigneeId} is not an assignee of badge assignment ${badgeAssignId}`)
        }
        assignment.assigneeIds = assignment.assigneeIds.filter((id) => id !== assigneeId)
        if (assignment.assigneeIds.length === 0) {
          state.assignments = state.assignments.filter((a) => a !== assignment)
        }
        return reply(204)
      },
    },
  ]
}
