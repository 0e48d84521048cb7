/**
 * The fake server's Badges data: the account's badges, a few teams of the given users, and the badge
 * assignments (approved, and a few waiting for approval), generated deterministically from a seed. Plain data, no
 * Effect; the routes that serve it live in `badges.ts`.
 *
 * @internal
 */
import { objectId, pick, prng } from "./data.ts"
import { isoDate } from "./seeded.ts"

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

/** A badge assignment as the fake stores it (the API's `assignedBadgeResponse`, without `accountId`). @internal */
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

/** A tag of a team, with its child tags (the API's `tagResponse`). @internal */
export interface FakeBadgeTeamTag {
  id: string
  name: string
  title: string
  createdBy: string
  dateCreated: string
  isActive: boolean
  items: Array<FakeBadgeTeamTag>
}

/** A team badges can be assigned to (the API's `badgeAssigneesResponse` team, without the derived fields). @internal */
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

/** The seeded badges data: what `makeBadgeData` makes. @internal */
export interface BadgeData {
  readonly badges: Array<FakeBadge>
  readonly assignments: Array<FakeBadgeAssignment>
  readonly teams: Array<FakeBadgeTeam>
  /** The token's user: the first of the given user ids (a fresh id when there are none). */
  readonly currentUserId: string
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

/** The badge backgrounds; the first is the default of a badge created with none. @internal */
export const COLORS = [
  "#5c6bc0",
  "#26a69a",
  "#ef5350",
  "#ffa726",
  "#ab47bc",
  "#42a5f5",
  "#66bb6a",
  "#8d6e63",
  "#ec407a",
]
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
/**
 * The id of the first badge of every seed: the README's `quantive badges assign --badge 5f1e0c3a9b2d4e6f7a8b9c0d`
 * reaches it.
 *
 * @internal
 */
export const DEMO_BADGE_ID = "5f1e0c3a9b2d4e6f7a8b9c0d"

/**
 * The badges of a seed (8 to 11 of twelve realistic ones), a few teams of the given users, approved assignments to
 * some of the users and teams (the current user, the first id, holds at least one) and a few pending ones.
 *
 * @internal
 */
export const makeBadgeData = (seed: number, userIds: ReadonlyArray<string>): BadgeData => {
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
  taken.add(DEMO_BADGE_ID)
  const badges: Array<FakeBadge> = defs.map((def, index) => {
    // An id is drawn for every badge, so the seed's other draws stay what they were.
    const drawn = freshId()
    return {
      id: index === 0 ? DEMO_BADGE_ID : drawn,
      name: def.name,
      summary: def.summary,
      icon: def.icon,
      background: pick(random, COLORS),
      pattern: pick(random, PATTERNS),
      type: def.type,
      assignmentCondition: def.condition ?? "",
    }
  })

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

  return { badges, assignments, teams, currentUserId }
}
