/**
 * The fake server's deprecated routes (seeds 003 and 004): announcements, metrics by owner, goal and confidence
 * updates, and the deprecated users endpoints (`GET /accounts/users`, the single-user `POST /users`, the password
 * policy). The deprecated `PUT /users/settings` stays with the other Users routes in `users.ts`.
 *
 * Registered before the current Users routes: `POST /v1/users` with one user object is the deprecated create (201
 * with the user, 429 past `createRateLimit`); an array goes on to the current bulk create of `users.ts`.
 *
 * @internal
 */
import { compareValues } from "../order.ts"
import { type FakeReply, problem, type RateLimit, reply, type Route } from "./core.ts"
import { objectId, pick, prng } from "./data.ts"
import { parsePaging, type Result } from "./query.ts"
import { bulkCreate, createUsers, type FakeUser, type UsersState } from "./users.ts"

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

/** @internal */
export interface DeprecatedState {
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
  /** The legacy single-user create's rate: past `requests` creates within `perMillis`, 429 with `Retry-After`. */
  createRateLimit: RateLimit
  /** The text `GET /users/password/{clientId}/policy` answers. */
  passwordPolicy: string
  /** The current window of the create rate limit. */
  readonly createWindow: { start: number; count: number }
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const isStringArray = (u: unknown): u is Array<string> => Array.isArray(u) && u.every((s) => typeof s === "string")

const isBlank = (u: unknown) => typeof u !== "string" || u.trim() === ""

const text = (record: Record<string, unknown> | undefined, key: string): string =>
  typeof record?.[key] === "string" ? (record[key] as string) : ""

const clone = <A>(a: A): A => JSON.parse(JSON.stringify(a)) as A

const DAY = 86_400_000
const EPOCH = Date.UTC(2025, 0, 6, 9, 0, 0)
const iso = (millis: number) => new Date(millis).toISOString().replace(/\.\d{3}Z$/, "Z")

/** Mention markup as the API writes it: `@[Name:email:id]`. */
const mention = (user: FakeUser | undefined) =>
  user === undefined
    ? "@[Someone:someone@example.com:000000000000000000000000]"
    : `@[${text(user, "name")}:${text(user, "email")}:${user.id}]`

/** `formatting=plainText`: markup becomes `@Name`, markdown emphasis is dropped. */
const plainText = (s: string) => s.replace(/@\[([^:\]]*):[^\]]*\]/g, "@$1").replace(/\*\*|__/g, "")

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

/** The policy text, as Auth0's "good" password policy words it. @internal */
export const DEFAULT_PASSWORD_POLICY =
  "Your password must be at least 8 characters long and contain at least 3 of the following: lower case letters " +
  "(a-z), upper case letters (A-Z), numbers (0-9), special characters (e.g. !@#$%^&*)."

const assigneeOf = (user: FakeUser | undefined, accountId: string): Record<string, unknown> => ({
  accountId,
  email: text(user, "email"),
  id: user?.id ?? "",
  isActive: user?.isActive !== false,
  name: text(user, "name"),
  picture: text(user, "picture"),
  tags: [],
  type: "user",
})

const authorOf = (user: FakeUser | undefined): Record<string, unknown> => ({
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

/** Each state's seeded generator, which goes on making ids after the seeding. */
const randoms = new WeakMap<DeprecatedState, () => number>()

/** @internal */
export const makeDeprecatedState = (seed: number, usersState: UsersState, accountId: string): DeprecatedState => {
  const random = prng((seed ^ 0x0de9ec8) >>> 0)
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
      const metricId = objectId(random)
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

// ---------------------------------------------------------------------------------------------------------------------
// The Lucene-style filter of GET /accounts/users

/** One term: `field:value[,value…]`, matching when any of its values matches. */
interface LuceneTerm {
  readonly field: "email" | "name" | "roles"
  readonly values: ReadonlyArray<string>
}

const FIELDS = new Set(["email", "name", "roles"])

/** Splits on `separator` outside double quotes; `undefined` when a quote is left open. */
const splitOutsideQuotes = (s: string, separator: RegExp): Array<string> | undefined => {
  const parts: Array<string> = []
  let current = ""
  let quoted = false
  for (const ch of s) {
    if (ch === '"') quoted = !quoted
    if (!quoted && separator.test(ch)) {
      parts.push(current)
      current = ""
    } else {
      current += ch
    }
  }
  if (quoted) return undefined
  parts.push(current)
  return parts
}

const unquote = (s: string) => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s)

/**
 * Parses the filter: whitespace-separated `property:value` terms, all of which must match (`AND` and `&&` between
 * terms, and a leading `+`, are accepted and mean the same). A term's value may list alternatives with commas, each
 * optionally repeating the property (the seed's `roles:a,roles:b`): any of them matches. Values may be quoted and may
 * hold `*`/`?` wildcards. Properties: `email`, `name`, `roles` (role ids). Anything else (`OR`, `NOT`, groups, other
 * properties) is a 400.
 *
 * @internal
 */
export const parseLucene = (raw: string | null): Result<ReadonlyArray<LuceneTerm>> => {
  if (raw === null || raw.trim() === "") return { ok: true, value: [] }
  const tokens = splitOutsideQuotes(raw.trim(), /\s/)
  if (tokens === undefined) return { ok: false, error: "the filter has an unclosed quote" }
  const terms: Array<LuceneTerm> = []
  for (const token of tokens) {
    if (token === "" || token === "AND" || token === "&&") continue
    if (token === "OR" || token === "||" || token === "NOT" || /^[-!(]|\)$/.test(token)) {
      return { ok: false, error: `the filter supports AND of property:value terms only, not ${JSON.stringify(token)}` }
    }
    const term = token.startsWith("+") ? token.slice(1) : token
    const colon = term.indexOf(":")
    const field = colon < 0 ? "" : term.slice(0, colon)
    if (!FIELDS.has(field)) {
      return {
        ok: false,
        error: `${JSON.stringify(term)} is not a property:value term on email, name or roles (filter=property:value)`,
      }
    }
    const values: Array<string> = []
    for (const part of splitOutsideQuotes(term.slice(colon + 1), /,/) ?? []) {
      const prefixed = /^(\w+):/.exec(part)
      if (prefixed !== null && FIELDS.has(prefixed[1]!) && prefixed[1] !== field) {
        return { ok: false, error: `one term cannot mix ${field} and ${prefixed[1]}: use separate terms` }
      }
      const value = unquote(prefixed !== null && prefixed[1] === field ? part.slice(field.length + 1) : part).trim()
      if (value === "") return { ok: false, error: `the ${field} term has an empty value` }
      values.push(value)
    }
    terms.push({ field: field as LuceneTerm["field"], values })
  }
  return { ok: true, value: terms }
}

const glob = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`,
    "i",
  )

const like = (pattern: string, value: string) =>
  /[*?]/.test(pattern) ? glob(pattern).test(value) : pattern.toLowerCase() === value.toLowerCase()

const roleIdsOf = (user: FakeUser): Array<string> =>
  Array.isArray(user.roles) ? user.roles.flatMap((role) => (isRecord(role) ? [text(role, "id")] : [])) : []

/** Whether a user matches every term: e-mail whole, name whole or any word of it, roles by id. @internal */
export const matchesLucene = (user: FakeUser, terms: ReadonlyArray<LuceneTerm>): boolean =>
  terms.every((term) =>
    term.values.some((value) => {
      switch (term.field) {
        case "email":
          return like(value, text(user, "email"))
        case "name": {
          const name = text(user, "name")
          return like(value, name) || name.split(/\s+/).some((word) => like(value, word))
        }
        case "roles":
          return roleIdsOf(user).includes(value)
      }
    })
  )

/**
 * A user as `GET /accounts/users` answers it: without `includeShadowedRoles`, only the user's own role (the first);
 * the fake treats a user's further roles as held through a team, that is shadowed.
 */
const legacyView = (user: FakeUser, includeShadowedRoles: boolean): FakeUser =>
  includeShadowedRoles || !Array.isArray(user.roles) ? user : { ...user, roles: user.roles.slice(0, 1) }

// ---------------------------------------------------------------------------------------------------------------------

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

const textReply = (status: number, body: string): FakeReply => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8" },
  body,
})

/** Counts a legacy create against `createRateLimit`; the 429 to answer past it. */
const createLimited = (state: DeprecatedState): FakeReply | undefined => {
  const limit = state.createRateLimit
  const window = state.createWindow
  const now = Date.now()
  if (now - window.start >= limit.perMillis) {
    window.start = now
    window.count = 0
  }
  window.count += 1
  if (window.count <= limit.requests) return undefined
  const seconds = limit.retryAfterSeconds ?? Math.max(1, Math.ceil((window.start + limit.perMillis - now) / 1000))
  return reply(
    429,
    { statusCode: 429, message: `too many user creations: at most ${limit.requests} per ${limit.perMillis} ms` },
    { "retry-after": String(seconds) },
  )
}

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

  /** Checks a goal update body: the fields of the seed's sample, each of its type, owners among the users. */
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
    {
      // The deprecated single-user create (seeds 003/004): one user object, 201 with the user, 429 past the rate.
      // An array is the current bulk create (seed 001), handled as `users.ts` does.
      method: "POST",
      api: "v1",
      path: "/users",
      handle: ({ json, query }) => {
        const skipEmail = query.get("skipEmail") === "true"
        if (!isRecord(json)) return bulkCreate(usersState, json, skipEmail)
        return createLimited(state) ?? createUsers(usersState, [json], skipEmail, true)
      },
    },
    {
      // Ascending id order (MongoDB's default `_id` order): the endpoint takes no sort.
      method: "GET",
      api: "v1",
      path: "/accounts/users",
      handle: ({ query }) => {
        const paging = parsePaging(query.get("skip"), query.get("take"), null)
        if (!paging.ok) return problem(400, paging.error)
        const filter = parseLucene(query.get("filter"))
        if (!filter.ok) return problem(400, filter.error)
        const shadowed = query.get("includeShadowedRoles")
        if (shadowed !== null && shadowed !== "true" && shadowed !== "false") {
          return problem(400, "includeShadowedRoles must be true or false")
        }
        const matched = usersState.users
          .filter((user) => matchesLucene(user, filter.value))
          .sort((a, b) => compareValues(a.id, b.id))
        const { skip, take } = paging.value
        return reply(200, {
          items: matched.slice(skip, skip + take).map((user) => legacyView(user, shadowed === "true")),
          totalCount: matched.length,
        })
      },
    },
    {
      method: "GET",
      api: "v1",
      path: "/users/password/{clientId}/policy",
      handle: () => textReply(200, state.passwordPolicy),
    },
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
