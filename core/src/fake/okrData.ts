/**
 * The fake server's OKR data for the deprecated routes: goals, their metrics (key results) and the
 * announcements with their reactions, generated deterministically from a seeded generator and the account's users.
 * The records take the API's shapes (`goalMetricsLinksResponse`, `metricResponse`, `announcementResponse`) and
 * mention users with the API's markup. Plain data, no Effect; the routes that serve it live in `deprecated.ts`.
 *
 * @internal
 */
import { objectId, pick } from "./data.ts"
import type { FakeUser } from "./userData.ts"
import type { UsersState } from "./userState.ts"

/** A record of the fake's data: an id and any JSON fields, as the API sends them. @internal */
export interface FakeRecord {
  id: string
  [field: string]: unknown
}

/**
 * A goal of the fake (the `goalMetricsLinksResponse` shape, without its metrics). `locked` goals answer 423.
 *
 * @internal
 */
export interface FakeGoal extends FakeRecord {
  locked: boolean
  ownerIds: Array<string>
}

/** A metric (key result) of the fake: owned by `ownerIds`, under the goal `goalId`. @internal */
export interface FakeMetric extends FakeRecord {
  goalId: string
  ownerIds: Array<string>
}

/** The seeded OKR data of an account: what `makeOkrData` makes. @internal */
export interface OkrData {
  readonly announcements: Array<FakeRecord>
  readonly reactions: Map<string, Set<string>>
  readonly metrics: Array<FakeMetric>
  readonly goals: Array<FakeGoal>
}

/** A string field of a record, `""` when missing or not a string. @internal */
export const text = (record: Record<string, unknown> | undefined, key: string): string =>
  typeof record?.[key] === "string" ? (record[key] as string) : ""

/**
 * The id of the demo account's first key result, whatever the seed: the README's check-in example
 * (`POST /v1/metrics/5f1e0c3a9b2d4e6f7a8b9c0d/checkin`) reaches it.
 *
 * @internal
 */
export const DEMO_KEY_RESULT_ID = "5f1e0c3a9b2d4e6f7a8b9c0d"

const DAY = 86_400_000
const EPOCH = Date.UTC(2025, 0, 6, 9, 0, 0)

/** An ISO timestamp with whole seconds, as the deprecated endpoints write dates. @internal */
export const iso = (millis: number) => new Date(millis).toISOString().replace(/\.\d{3}Z$/, "Z")

/** Mention markup as the API writes it: `@[Name:email:id]`. */
const mention = (user: FakeUser | undefined) =>
  user === undefined
    ? "@[Someone:someone@example.com:000000000000000000000000]"
    : `@[${text(user, "name")}:${text(user, "email")}:${user.id}]`

/** `formatting=plainText`: markup becomes `@Name`, markdown emphasis is dropped. @internal */
export const plainText = (s: string) => s.replace(/@\[([^:\]]*):[^\]]*\]/g, "@$1").replace(/\*\*|__/g, "")

const GOAL_NAMES = [
  "Become a market leader",
  "Grow ARR by 30%",
  "Delight our customers",
  "Ship the v2 platform",
  "Build a world-class team",
  "Reduce churn below 3%",
  "Expand to the US market",
  "Make the product reliable",
]
const METRIC_NAMES = [
  "Sign 20 enterprise customers",
  "Reach an NPS of 50",
  "Cut p99 latency to 200 ms",
  "Hire 10 engineers",
  "Close 300 support tickets",
  "Publish 12 case studies",
  "Reach 99.95% uptime",
  "Launch in 3 new regions",
]
const ANNOUNCEMENTS = [
  "Welcome to the new OKR cycle, **everyone**! Thanks {m} for setting it up.",
  "Q1 check-ins are due on Friday. {m} will send the reminders.",
  "Great progress on our key results this month, {m}!",
  "The all-hands moves to Thursday; {m} has the details.",
  "Please review your team's objectives before the planning day. Questions to {m}.",
]

/** A user as the API writes a goal's or metric's `assignee`. @internal */
export const assigneeOf = (user: FakeUser | undefined, accountId: string): Record<string, unknown> => ({
  accountId,
  email: text(user, "email"),
  id: user?.id ?? "",
  isActive: user?.isActive !== false,
  name: text(user, "name"),
  picture: text(user, "picture"),
  tags: [],
  type: "user",
})

/** A user as the API writes an announcement's `author`. @internal */
export const authorOf = (user: FakeUser | undefined): Record<string, unknown> => ({
  accountId: text(user, "accountId"),
  dateCreated: text(user, "dateCreated"),
  email: text(user, "email"),
  firstName: text(user, "firstName"),
  id: user?.id ?? "",
  language: text(user, "language"),
  lastName: text(user, "lastName"),
  name: text(user, "name"),
  picture: text(user, "picture"),
})

/**
 * The goals (some `locked`), their metrics and the announcements of an account, drawn from `random`, which the caller
 * goes on using for fresh ids: the draws are the same, in the same order, for the same generator state.
 *
 * @internal
 */
export const makeOkrData = (random: () => number, usersState: UsersState, accountId: string): OkrData => {
  const users = usersState.users
  const byId = new Map(users.map((user) => [user.id, user]))
  const someone = (): FakeUser | undefined => users.length === 0 ? undefined : pick(random, users)
  const idOf = (user: FakeUser | undefined) => user?.id ?? usersState.ownerId
  const sessions = [0, 1, 2].map(() => objectId(random))

  const goals: Array<FakeGoal> = []
  const metrics: Array<FakeMetric> = []
  const goalCount = Math.max(6, Math.min(40, Math.ceil(users.length / 3)))
  for (let i = 0; i < goalCount; i++) {
    const owner = i === 0 ? byId.get(usersState.ownerId) ?? someone() : someone()
    const id = objectId(random)
    const from = EPOCH + (i % 3) * 91 * DAY
    const name = GOAL_NAMES[i % GOAL_NAMES.length]! + (i < GOAL_NAMES.length ? "" : ` ${Math.floor(i / 8) + 1}`)
    const attainment = Math.round(random() * 100) / 100
    goals.push({
      id,
      accountId,
      aggregatedAttainment: attainment,
      assignee: assigneeOf(owner, accountId),
      assignees: [assigneeOf(owner, accountId)],
      attainment,
      attainmentTypeString: "average_children",
      childrenAggregatedAttainment: 0,
      childrenCount: 0,
      closedStatus: { reason: "", status: "" },
      createdById: usersState.ownerId,
      currentUserAllowedActions: ["read", "update", "delete"],
      dateCreated: iso(from - 7 * DAY),
      dateFrom: iso(from),
      dateTo: iso(from + 90 * DAY),
      description: `${name}, owned by ${mention(owner)}.`,
      designScore: { policies: [{ isPassed: true, policy: "has-metrics", score: 1 }], totalPoints: 1 },
      duration: 90,
      fullAggregatedAttainment: attainment,
      fullSubTreeCount: 0,
      lastCalculated: iso(from + 30 * DAY),
      // Every fourth goal is locked (as a closed session locks its goals): PUT /goals/{goalId} answers 423.
      locked: i % 4 === 3,
      modifiedById: usersState.ownerId,
      name,
      nonArchivedTasksCount: 0,
      numberOfOwners: 1,
      obfuscated: false,
      orderId: i,
      ownerId: idOf(owner),
      ownerIds: [idOf(owner)],
      parentGoalSessionId: "",
      parentId: "",
      parentType: "",
      private: false,
      sessionId: sessions[i % sessions.length]!,
      subTreeCount: 0,
      tags: [],
      tasks: [],
      tasksCount: 0,
      url: `https://app.quantive.example/#/goal/${id}`,
      watchers: [idOf(owner)],
      workflow: { approvedAt: "", reviewers: [], reviewersNeeded: 0, status: "approved" },
    })
    const count = 1 + Math.floor(random() * 3)
    for (let k = 0; k < count; k++) {
      // A metric is owned by its goal's owner more often than not, else by another user.
      const metricOwner = random() < 0.6 ? owner : someone()
      const drawn = objectId(random)
      const metricId = metrics.length === 0 ? DEMO_KEY_RESULT_ID : drawn
      const target = 100
      metrics.push({
        id: metricId,
        actual: Math.floor(random() * 120),
        assignee: assigneeOf(metricOwner, accountId),
        assignees: [assigneeOf(metricOwner, accountId)],
        cascadeType: "absolute_value",
        critical: 50,
        description: `Tracked by ${mention(metricOwner)}.`,
        dueDate: iso(from + 90 * DAY).slice(0, 10),
        dynamic: false,
        format: { fractionSize: 0, prefix: "", suffix: "%" },
        goalClosedStatus: { reason: "", status: "" },
        goalDescription: `${name}, owned by ${mention(owner)}.`,
        goalId: id,
        goalName: name,
        goalOwnerId: idOf(owner),
        goalOwnerIds: [idOf(owner)],
        initialValue: 0,
        manualType: "double",
        name: METRIC_NAMES[(i * 3 + k) % METRIC_NAMES.length]!,
        numberOfOwners: 1,
        obfuscated: false,
        ownerId: idOf(metricOwner),
        ownerIds: [idOf(metricOwner)],
        private: false,
        sessionId: sessions[i % sessions.length]!,
        settings: [],
        softDueDate: iso(from + 85 * DAY).slice(0, 10),
        target,
        targetOperator: "at_least",
        tasksCount: 0,
        url: `https://app.quantive.example/#/metric/${metricId}`,
      })
    }
  }

  const announcements: Array<FakeRecord> = []
  const reactions = new Map<string, Set<string>>()
  ANNOUNCEMENTS.forEach((template, i) => {
    const author = i === 0 ? byId.get(usersState.ownerId) ?? someone() : someone()
    const mentioned = someone()
    const id = objectId(random)
    const goal = goals[i % goals.length]!
    announcements.push({
      id,
      announcementTargetId: i % 2 === 0 ? accountId : goal.id,
      announcementType: i % 2 === 0 ? "account" : "goal",
      author: authorOf(author),
      authorId: idOf(author),
      comment: template.replace("{m}", mention(mentioned)),
      dateCreated: iso(EPOCH + i * 3 * DAY),
      notificationStrategy: i % 2 === 0 ? "all" : "mentioned",
      notify: [idOf(mentioned)],
    })
    // The token's user reacted to every other announcement; a few others did too.
    const reacted = new Set<string>(i % 2 === 0 ? [usersState.ownerId] : [])
    for (let r = 0; r < 3; r++) reacted.add(idOf(someone()))
    reactions.set(id, reacted)
  })

  return { announcements, reactions, metrics, goals }
}
