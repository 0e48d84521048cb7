/**
 * The fake server's Badges routes (seed 002): the account's badges, their assignments to users and teams, and the
 * assignments waiting for approval, generated deterministically from a seed.
 *
 * Who is who: the current user (the token's user) is the first of the given user ids, which is the account owner in
 * the fake. An assignment made by the current user is approved at once; one made on behalf of another user
 * (`assignedById`) waits for approval (`status: "pending"`) until `POST /badges/approve/{id}` approves it or
 * `DELETE /badges/approve/{id}` rejects (deletes) it. The assignees are users (the given ids) and the fake's own
 * teams (`state.teams`, of the seed's `badgeAssigneesResponse` team shape, members drawn from the given users).
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
import { problem, reply, type Route, type RouteContext } from "./core.ts"
import { objectId, pick, prng } from "./data.ts"
import { isoDate } from "./userData.ts"

/** A badge as the fake stores it (`accountId` is added when served, from the verified account header). @internal */
export interface FakeBadge {
  id: string
  name: string
  summary: string
  icon: string
  background: string
  pattern: string
  type: string
  assignmentCondition: string
}

/** A badge assignment as the fake stores it (seed 002's `assignedBadgeResponse`, without `accountId`). @internal */
export interface FakeBadgeAssignment {
  id: string
  badgeId: string
  assigneeIds: Array<string>
  assignedById: string
  assignedOn: string
  /** The approver's user id; `""` while pending. */
  approvedBy: string
  comment: string
  notificationStrategy: string
  notify: Array<string>
  /** `"approved"` or `"pending"`. */
  status: string
}

/** A tag of a team, with its child tags (seed 002's `tagResponse`). @internal */
export interface FakeBadgeTeamTag {
  id: string
  name: string
  title: string
  createdBy: string
  dateCreated: string
  isActive: boolean
  items: Array<FakeBadgeTeamTag>
}

/** A team badges can be assigned to (seed 002's `badgeAssigneesResponse` team, without the derived fields). @internal */
export interface FakeBadgeTeam {
  id: string
  name: string
  description: string
  color: string
  avatar: string
  picture: string
  manager: string
  members: Array<string>
  parentId: string
  dateCreated: string
  dateDeactivated: string
  isActive: boolean
  dynamicValueType: string
  tags: Array<FakeBadgeTeamTag>
}

/** @internal */
export interface BadgesState {
  badges: Array<FakeBadge>
  assignments: Array<FakeBadgeAssignment>
  teams: Array<FakeBadgeTeam>
  /** The users badges can be assigned to (mutable); ignored when `lookupUser` is set. */
  userIds: Set<string>
  /** The token's user: the approver, the default assigner, and whose badges `GET /badges/current` lists. */
  currentUserId: string
  /** When set, resolves a user id to the full user object served in `GET /badges/assign/{id}` (and is authoritative). */
  lookupUser: ((id: string) => { readonly id: string } | undefined) | undefined
}

const DAY = 24 * 60 * 60 * 1000
const SEASON_START = Date.UTC(2025, 0, 6, 9, 0, 0)

const BADGE_DEFS: ReadonlyArray<{
  readonly name: string
  readonly summary: string
  readonly icon: string
  readonly type: "manual" | "automatic"
  readonly condition?: string
}> = [
  {
    name: "Team Player",
    summary: "Always there to help teammates reach their goals.",
    icon: "handshake",
    type: "manual",
  },
  {
    name: "Goal Crusher",
    summary: "Closed every key result of the quarter.",
    icon: "target",
    type: "automatic",
    condition: "all key results of a session at 100%",
  },
  {
    name: "Rocket Launcher",
    summary: "Shipped a launch that moved the company forward.",
    icon: "rocket",
    type: "manual",
  },
  { name: "Mentor", summary: "Coached colleagues and helped them grow.", icon: "graduation-cap", type: "manual" },
  { name: "Customer Hero", summary: "Went the extra mile for a customer.", icon: "heart", type: "manual" },
  { name: "Innovator", summary: "Brought a new idea to life.", icon: "lightbulb", type: "manual" },
  { name: "Bug Hunter", summary: "Found and fixed the hardest bugs.", icon: "bug", type: "manual" },
  {
    name: "Early Bird",
    summary: "First to check in, every week of the quarter.",
    icon: "sun",
    type: "automatic",
    condition: "a check-in in the first hour of every weekly cadence",
  },
  {
    name: "Culture Champion",
    summary: "Lives our values and makes the office a better place.",
    icon: "star",
    type: "manual",
  },
  {
    name: "OKR Master",
    summary: "Wrote ambitious, measurable OKRs and kept them up to date.",
    icon: "trophy",
    type: "automatic",
    condition: "ten key results updated on time in a session",
  },
  { name: "Problem Solver", summary: "Untangled a problem no one else could.", icon: "puzzle-piece", type: "manual" },
  { name: "Data Wizard", summary: "Turned data into decisions.", icon: "chart-line", type: "manual" },
]

const COLORS = ["#5c6bc0", "#26a69a", "#ef5350", "#ffa726", "#ab47bc", "#42a5f5", "#66bb6a", "#8d6e63", "#ec407a"]
const PATTERNS = ["dots", "stripes", "waves", "grid", "zigzag", "plain"]
const COMMENTS = [
  "Thanks for carrying the release over the line!",
  "For the amazing onboarding sessions you ran this quarter.",
  "The customer said it was the best support they ever had.",
  "Your dashboard saved us hours every week.",
  "For stepping up while half the team was out.",
  "",
]
const STRATEGIES = ["assigneesOnly", "assigneesAndManagers", "everyone", "custom"]
const TEAM_DEFS: ReadonlyArray<readonly [string, string, ReadonlyArray<readonly [string, string]>]> = [
  ["Platform", "platform", [["backend", "Backend"], ["infrastructure", "Infrastructure"]]],
  ["Customer Success", "customer-success", [["support", "Support"], ["onboarding", "Onboarding"]]],
  ["Growth", "growth", [["marketing", "Marketing"], ["experiments", "Experiments"]]],
  ["People Operations", "people", [["hiring", "Hiring"], ["wellbeing", "Wellbeing"]]],
]

const shuffled = <A>(random: () => number, items: ReadonlyArray<A>): Array<A> => {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

const hash = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * The badges of a seed (8 to 11 of twelve realistic ones), a few teams of the given users, approved assignments to
 * some of the users and teams (the current user, the first id, holds at least one) and a few pending ones.
 *
 * @internal
 */
export const makeBadgesState = (
  seed: number,
  userIds: ReadonlyArray<string>,
  options: { readonly lookupUser?: (id: string) => { readonly id: string } | undefined } = {},
): BadgesState => {
  const random = prng((seed ^ 0xbad9e5) >>> 0)
  const currentUserId = userIds[0] ?? objectId(random)
  const taken = new Set(userIds)
  const freshId = () => {
    let id = objectId(random)
    while (taken.has(id)) id = objectId(random)
    taken.add(id)
    return id
  }

  const defs = shuffled(random, BADGE_DEFS).slice(0, 8 + Math.floor(random() * 4))
  const badges: Array<FakeBadge> = defs.map((def) => ({
    id: freshId(),
    name: def.name,
    summary: def.summary,
    icon: def.icon,
    background: pick(random, COLORS),
    pattern: pick(random, PATTERNS),
    type: def.type,
    assignmentCondition: def.condition ?? "",
  }))

  const teams: Array<FakeBadgeTeam> = []
  if (userIds.length > 0) {
    const teamCount = Math.min(TEAM_DEFS.length, Math.max(1, Math.ceil(userIds.length / 8)))
    for (let i = 0; i < teamCount; i++) {
      const [name, slug, tagDefs] = TEAM_DEFS[i]!
      const size = Math.min(userIds.length, 2 + Math.floor(random() * 5))
      // The current user belongs to the first team, so that team badges reach them.
      const pool = shuffled(random, userIds.filter((id) => id !== currentUserId))
      const members = i === 0 ? [currentUserId, ...pool].slice(0, size) : pool.slice(0, size)
      const created = SEASON_START - (400 - i * 30) * DAY
      const createdBy = members[0] ?? currentUserId
      const tagAt = (offset: number) => isoDate(created + offset * DAY)
      teams.push({
        id: freshId(),
        name,
        description: `The ${name} team.`,
        color: pick(random, COLORS),
        avatar: `${slug}.svg`,
        picture: "",
        manager: members[0] ?? currentUserId,
        members,
        parentId: i === 0 ? "" : teams[0]!.id,
        dateCreated: isoDate(created),
        dateDeactivated: "",
        isActive: true,
        dynamicValueType: "",
        tags: [{
          id: freshId(),
          name: slug,
          title: name,
          createdBy,
          dateCreated: tagAt(1),
          isActive: true,
          items: tagDefs.map(([child, title], k) => ({
            id: freshId(),
            name: child,
            title,
            createdBy,
            dateCreated: tagAt(2 + k),
            isActive: true,
            items: [],
          })),
        }],
      })
    }
  }

  const assignments: Array<FakeBadgeAssignment> = []
  const others = userIds.filter((id) => id !== currentUserId)
  const assign = (
    badge: FakeBadge,
    assigneeIds: Array<string>,
    assignedById: string,
    day: number,
    pending: boolean,
  ) => {
    const strategy = pick(random, STRATEGIES)
    assignments.push({
      id: freshId(),
      badgeId: badge.id,
      assigneeIds,
      assignedById,
      assignedOn: isoDate(SEASON_START + day * DAY + Math.floor(random() * 8 * 60) * 60_000),
      approvedBy: pending ? "" : currentUserId,
      comment: pick(random, COMMENTS),
      notificationStrategy: strategy,
      notify: strategy === "custom" ? shuffled(random, userIds).slice(0, 2) : [],
      status: pending ? "pending" : "approved",
    })
  }
  if (userIds.length > 0) {
    assign(badges[0]!, [currentUserId], others[0] ?? currentUserId, 3, false)
    const approved = 6 + Math.floor(random() * 6)
    for (let i = 0; i < approved; i++) {
      const badge = pick(random, badges)
      const assignees = teams.length > 0 && random() < 0.25
        ? [pick(random, teams).id]
        : shuffled(random, userIds).slice(0, 1 + Math.floor(random() * 3))
      assign(badge, assignees, pick(random, userIds), 10 + i * 9, false)
    }
    // Requests made on behalf of other users, waiting for the current user's approval.
    for (let i = 0; i < 3 && others.length > 0; i++) {
      assign(
        pick(random, badges),
        shuffled(random, userIds).slice(0, 1 + Math.floor(random() * 2)),
        pick(random, others),
        120 + i,
        true,
      )
    }
  }

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
