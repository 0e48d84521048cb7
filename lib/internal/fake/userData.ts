/**
 * The fake server's Users data (seed 001): roles, teams and users with every field of the seed's user sample,
 * generated deterministically from a seed. Plain data, no Effect.
 *
 * @internal
 */
import { pick, prng } from "./data.ts"

/** A user as the fake stores it: the seed 001 user shape, loosely typed so tests may insert their own. @internal */
export interface FakeUser {
  id: string
  [field: string]: unknown
}

/** A role of the account. @internal */
export interface FakeRole {
  id: string
  name: string
  description: string
}

/** A role as a user carries it: the role and, nested, a team of the user (the seed's `roles[].team`). @internal */
export interface FakeUserRole {
  accountId: string
  description: string
  id: string
  name: string
  team: FakeTeam
}

/** A team object of the seed's shape (`roles[].team`). @internal */
export interface FakeTeam {
  id: string
  manager: string
  [field: string]: unknown
}

const ROLE_DEFS: ReadonlyArray<readonly [string, string, ReadonlyArray<string>]> = [
  ["Admin", "Full access: account settings, billing, users, teams and every OKR.", [
    "ManageAccountSettings",
    "ManageBilling",
    "ManageUsers",
    "ManageTeams",
    "ManageSessions",
    "ManageGoals",
    "ManageMetrics",
    "ManageIntegrations",
    "ManageData",
    "AccessInsightboards",
    "AccessReportsAndExport",
    "AccessKPIs",
    "ApiAccess",
  ]],
  ["Manager", "Manages teams and sessions, and the OKRs of their teams.", [
    "ManageTeams",
    "ManageSessions",
    "ManageGoals",
    "ManageMetrics",
    "AccessInsightboards",
    "AccessReportsAndExport",
    "AccessKPIs",
  ]],
  ["Team Lead", "Leads a team: edits the team's OKRs and runs its check-ins.", [
    "ManageGoals",
    "ManageMetrics",
    "AccessInsightboards",
    "AccessReportsAndExport",
    "AccessKPIs",
  ]],
  ["Member", "Creates and updates their own OKRs, KPIs and tasks.", [
    "ManageGoals",
    "ManageMetrics",
    "AccessInsightboards",
    "AccessKPIs",
  ]],
  ["Contributor", "Updates the OKRs and tasks they are assigned to.", ["ManageMetrics", "AccessInsightboards"]],
  ["Viewer", "Read-only access to OKRs, KPIs and insightboards.", ["AccessInsightboards"]],
]

const PERMISSIONS = new Map(ROLE_DEFS.map(([name, , permissions]) => [name, permissions]))
const permissionSets = new Map<string, ReadonlyArray<string>>()

/** The permissions a user with these roles has (the union, in a stable order). @internal */
export const permissionsFor = (roleNames: ReadonlyArray<string>): Array<string> => {
  const key = roleNames.join("\n")
  let permissions = permissionSets.get(key)
  if (permissions === undefined) {
    const out = new Set<string>()
    for (const name of roleNames) for (const permission of PERMISSIONS.get(name) ?? []) out.add(permission)
    permissions = [...out]
    permissionSets.set(key, permissions)
  }
  return permissions.slice()
}

/** The account's roles: Admin, Manager, Team Lead, Member, Contributor, Viewer, with seeded ids. @internal */
export const makeRoles = (seed: number): Array<FakeRole> => {
  const random = prng(seed ^ 0x0201e5)
  return ROLE_DEFS.map(([name, description]) => ({ id: hexId(random), name, description }))
}

// deno-fmt-ignore
const FIRST_NAMES = [
  "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Mia", "Lucas", "Zoë", "José", "Aisha",
  "Mateo", "Chloé", "Björn", "Ingrid", "Hiroshi", "Yuki", "Priya", "Arjun", "Fatima", "Omar", "Chen", "Wei", "Mei",
  "Nikolai", "Elena", "Dimitar", "Maria", "Ivan", "Anna", "Jakub", "Sofía", "Ramón", "Siobhán", "Seán", "Kwame",
  "Amara", "Thandiwe", "Lars", "Freya", "Matteo", "Giulia", "François", "Renée", "João", "Kerem", "Ayşe", "Emre",
  "Hana", "Tomáš", "Petra", "Lukas", "Jonas", "Léa", "Hugo", "Noor", "Yara", "Diego", "Camila", "Raj", "Ananya", "Sven",
]

// deno-fmt-ignore
const LAST_NAMES = [
  "Smith", "Johnson", "García", "Müller", "Rossi", "Dubois", "Kowalski", "Novák", "Petrov", "Ivanova", "Georgiev",
  "Dimitrova", "Nguyen", "Tanaka", "Sato", "Kim", "Park", "Chen", "Wang", "Singh", "Patel", "Khan", "Hassan", "O'Brien",
  "MacLeod", "van der Berg", "Silva", "Santos", "Fernández", "López", "Martínez", "Jensen", "Nielsen", "Andersson",
  "Johansson", "Virtanen", "Korhonen", "Öztürk", "Çelik", "Okafor", "Mensah", "Adeyemi", "Cohen", "Levi", "Schmidt",
  "Schneider", "Fischer", "Weber", "Bauer", "Horváth", "Nagy", "Popescu", "Ionescu", "Papadopoulos", "Costa",
  "Ferreira", "Brown", "Taylor", "Wilson", "Moreau", "Lefèvre", "Bianchi", "Romano", "Kovač",
]

/** An ASCII e-mail part from a name: `Lefèvre` → `lefevre`, `van der Berg` → `vanderberg`. */
const slug = (name: string): string =>
  name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]/g, "")

const FIRST = FIRST_NAMES.map((name) => [name, slug(name)] as const)
const LAST = LAST_NAMES.map((name) => [name, slug(name)] as const)

// deno-fmt-ignore
const DEPARTMENTS = [
  "Leadership", "Engineering", "Product", "Design", "Sales", "Marketing", "Customer Success", "Finance",
  "People", "Operations", "Legal", "Data", "Security", "Support", "Partnerships", "Platform",
]
const COLORS = ["#1e88e5", "#43a047", "#e53935", "#8e24aa", "#fb8c00", "#00897b", "#3949ab", "#6d4c41"]
const AVATARS = ["rocket", "star", "bolt", "leaf", "flag", "compass", "target", "globe"]
const LANGUAGES = ["english", "english", "english", "english", "english", "german", "french", "spanish", "bulgarian"]
const SUBJECTS = ["weekly-digest", "checkin-reminder", "mentions", "comments", "okr-updates", "badge-assigned"]
const TAGS: ReadonlyArray<readonly [string, string]> = [
  ["engineering", "Engineering"],
  ["go-to-market", "Go to market"],
  ["core", "Core"],
  ["growth", "Growth"],
  ["platform", "Platform"],
  ["customer", "Customer"],
]

const DAY = 86_400_000
const MINUTE = 60_000
/** When the users' history begins (the seeded account's `dateCreated`). */
const EPOCH = Date.UTC(2021, 2, 4, 10, 20, 30)

const dayPrefixes = new Map<number, string>()
const pad2 = (n: number) => (n < 10 ? "0" : "") + n

/** An ISO timestamp with whole seconds (`2021-03-04T10:20:30Z`), the form every date of the fake takes. @internal */
export const isoDate = (millis: number): string => {
  const day = Math.floor(millis / DAY)
  let prefix = dayPrefixes.get(day)
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11)
    dayPrefixes.set(day, prefix)
  }
  const seconds = Math.floor((millis - day * DAY) / 1000)
  return `${prefix}${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}Z`
}

const BYTES = Array.from({ length: 256 }, (_, i) => (i + 256).toString(16).slice(1))
const hex8 = (random: () => number) => {
  const x = Math.floor(random() * 0x100000000)
  return BYTES[x >>> 24]! + BYTES[(x >>> 16) & 255]! + BYTES[(x >>> 8) & 255]! + BYTES[x & 255]!
}

/** A Mongo-style 24-hex-digit id from the seeded generator (as `data.ts`'s `objectId`, in 3 draws, not 24). @internal */
export const hexId = (random: () => number): string => hex8(random) + hex8(random) + hex8(random)

const either = <A>(random: () => number, a: A, b: A): A => (random() < 0.5 ? a : b)
const FAVS = ["Grow ARR", "Ship v2", "Hire 10 engineers"]
const HOME_SCREENS = ["home", "home", "okrs", "insightboards"]

/** What the users of one account share. @internal */
export interface UserContext {
  readonly accountId: string
  readonly accountName: string
  readonly accountDomain: string
  readonly clientId: string
  readonly ownerId: string
  readonly sessions: ReadonlyArray<{ readonly id: string; readonly name: string }>
}

interface TeamSpec {
  readonly id: string
  readonly name: string
  readonly color: string
  readonly avatar: string
  readonly dateCreated: string
  readonly parentId: string
  readonly external: boolean
  readonly badgeId: string
  readonly badgeAssignmentId: string
  readonly tagId: string
  readonly tag: readonly [string, string]
  readonly counts: readonly [number, number, number, number]
  readonly description: string
  readonly summary: string
  readonly externalId: string
  manager: string
  readonly members: Array<string>
}

const teamSpec = (random: () => number, ownerId: string, index: number, parents: ReadonlyArray<TeamSpec>): TeamSpec => {
  const department = DEPARTMENTS[index % DEPARTMENTS.length]!
  const round = Math.floor(index / DEPARTMENTS.length)
  const id = hexId(random)
  const name = round === 0 ? department : `${department} ${round + 1}`
  return {
    id,
    name,
    color: pick(random, COLORS),
    avatar: pick(random, AVATARS),
    dateCreated: isoDate(EPOCH + index * DAY + Math.floor(random() * 480) * MINUTE),
    parentId: parents.length === 0 ? "" : parents[Math.floor(random() * Math.min(parents.length, 8))]!.id,
    external: random() < 0.3,
    badgeId: hexId(random),
    badgeAssignmentId: hexId(random),
    tagId: hexId(random),
    tag: pick(random, TAGS),
    counts: [Math.floor(random() * 6), Math.floor(random() * 12), Math.floor(random() * 40), Math.floor(random() * 9)],
    description: `The ${name} team.`,
    summary: `Awarded to ${name} for shipping its key results.`,
    externalId: `hr-${id.slice(-6)}`,
    manager: ownerId,
    members: [],
  }
}

/** A fresh team object of the seed's shape (every user gets its own copies). */
const teamObject = (spec: TeamSpec, accountId: string, ownerId: string): FakeTeam => ({
  ExternalTeamMapping: spec.external
    ? { ExternalId: spec.externalId, ExternalSystem: "workday" }
    : { ExternalId: "", ExternalSystem: "" },
  accountId,
  avatar: spec.avatar,
  badges: [{
    assigneeIds: [spec.id],
    badge: {
      accountId,
      assignmentCondition: "manual",
      background: spec.color,
      icon: "trophy",
      id: spec.badgeId,
      name: "Team Player",
      pattern: "dots",
      summary: spec.summary,
      type: "team",
    },
    id: spec.badgeAssignmentId,
  }],
  color: spec.color,
  createdById: ownerId,
  dateCreated: spec.dateCreated,
  description: spec.description,
  dynamicMetricCount: spec.counts[0],
  id: spec.id,
  isActive: { DateDeactivated: "", IsActive: true },
  manager: spec.manager,
  manualMetricCount: spec.counts[1],
  members: spec.members.slice(),
  membersGoalCount: spec.counts[2],
  mentions: {},
  modifiedById: ownerId,
  movedExternalMembers: [],
  name: spec.name,
  parentId: spec.parentId,
  picture: "",
  tags: [{
    id: spec.tagId,
    isActive: { DateDeactivated: "", IsActive: true },
    name: spec.tag[0],
    title: spec.tag[1],
  }],
  teamGoalCount: spec.counts[3],
})

/** A team with no members, for a user who has none (a user created through the API in an empty account). @internal */
export const blankTeam = (random: () => number, accountId: string, ownerId: string): FakeTeam =>
  teamObject(teamSpec(random, ownerId, 0, []), accountId, ownerId)

/** A role as a user carries it. @internal */
export const roleEntry = (role: FakeRole, accountId: string, team: FakeTeam): FakeUserRole => ({
  accountId,
  description: role.description,
  id: role.id,
  name: role.name,
  team,
})

const chance = (random: () => number, p: number) => random() < p

const userSettings = (random: () => number, ctx: UserContext, teamIds: ReadonlyArray<string>, created: number) => {
  const session = pick(random, ctx.sessions)
  const parent = ctx.sessions[0]!
  const later = (days: number) => isoDate(created + Math.floor(random() * days) * DAY + 9 * 60 * MINUTE)
  const property = (viewName: string) => ({ propertyName: "name", type: "string", viewName })
  return {
    alertSettings: { hidePiSettingsAccountAndDomainAlert: chance(random, 0.3), hidePiSettingsMethodologyAlert: false },
    alignmentTreeFilter: { ownerIds: "", tags: "", teamIds: chance(random, 0.2) ? teamIds.join(",") : "" },
    alignmentTreeMode: either(random, "tree", "list"),
    checklist: {
      optOut: chance(random, 0.2),
      showCards: { inviteTeammate: true, visitDemoAccount: chance(random, 0.5), visitMarketplace: true },
      stepsV1: {
        createdOkr: chance(random, 0.8),
        invitedTeammate: chance(random, 0.4),
        visitedDemoAccount: chance(random, 0.3),
        visitedMarketplace: chance(random, 0.3),
        watchedVideo: chance(random, 0.5),
      },
      stepsV1Completed: chance(random, 0.25),
    },
    collapsedEntities: chance(random, 0.3) ? [hexId(random)] : [],
    commentsOrdering: either(random, "newest", "oldest"),
    customFieldsSettings: { hideManageOrderBanner: chance(random, 0.5), lastUpdated: later(400) },
    dashboardSettings: [{
      dashboardId: hexId(random),
      settings: [{
        dynamicValues: [],
        name: "sessionId",
        value: session.id,
        valueDisplayName: session.name,
        valueDisplayNameAsArray: [session.name],
      }],
    }],
    emailVerified: chance(random, 0.9),
    favs: [{ id: hexId(random), name: pick(random, FAVS), type: "goal" }],
    goalsGrid: [
      { field: "name", isCustom: false, label: "Name", visible: true },
      { field: "attainment", isCustom: false, label: "Progress", visible: true },
      { field: "owner", isCustom: false, label: "Owner", visible: chance(random, 0.7) },
    ],
    goalsTreeMode: either(random, "expanded", "collapsed"),
    hasAcceptedPrivacyNotice: chance(random, 0.95),
    homeCollapsedItems: { myOkrs: false, todo: chance(random, 0.2) },
    homeScreen: pick(random, HOME_SCREENS),
    homeWidgets: { closed: chance(random, 0.3) ? ["gettingStarted"] : [] },
    insightTemplateSuggestions: {
      dismissed: chance(random, 0.4),
      insightboards: [{
        insightboardId: hexId(random),
        linkToMarketplaceDismissed: false,
        numberOfSuggestionsToShow: 3,
      }],
      tooltipShown: chance(random, 0.6),
    },
    insightboardParams: {},
    kpiVirtualGroups: { favorites: chance(random, 0.3) ? [hexId(random)] : [] },
    kpis: { from: "2024-01-01", groupBy: either(random, "week", "month"), to: "2024-12-31" },
    leftNavItems: {
      hub: true,
      insights: true,
      leftNavIsClosed: chance(random, 0.15),
      lists: true,
      okrs: true,
      people: true,
      reports: chance(random, 0.8),
    },
    listFilters: [],
    listIds: chance(random, 0.25) ? [hexId(random)] : [],
    myOkrsGrouping: { groupBy: either(random, "session", "team"), sortBy: "dateCreated" },
    newHomeExperience: chance(random, 0.6),
    onboardingMetadata: {},
    organizationChartSettings: { showDeactivatedMembers: false, showDeactivatedTeams: false },
    profilesSettings: {
      employeeProfileSettings: {
        processSessionFilter: { sessionIds: [session.id] },
        progressSessionFilter: { sessionIds: [session.id] },
      },
    },
    reflections: { newLabel: { firstSeenAt: later(300), userHasPosted: chance(random, 0.3) } },
    resizableGridColumns: [{
      goalProperty: property("okrs"),
      metricProperty: property("okrs"),
      taskProperty: property("tasks"),
      width: 240 + 40 * Math.floor(random() * 4),
    }],
    sessionsIds: [{ linkedSessionIds: [session.id], parentId: parent.id }],
    showArchivedSessions: false,
    showDeactivatedTeams: false,
    showDeactivatedUsers: chance(random, 0.1),
    snippets: [{ code: "SELECT count(*) FROM goals", language: "sql", name: "Goal count" }],
    surveys: { shown: chance(random, 0.5) ? ["nps-2024"] : [] },
    taskOrder: either(random, "dueDate", "name"),
    taskView: either(random, "list", "board"),
    teamsOkrsGrouping: { groupBy: "session", sortBy: "name" },
    teamsView: either(random, "chart", "list"),
    theme: random() < 0.7 ? "light" : "dark",
    treeViewOrder: { field: "name", name: "Name" },
    useDragMode: false,
    useScrollbars: chance(random, 0.2),
    verificationEmailSent: true,
    whiteboards: { opened: [{ id: hexId(random), openedAt: later(500), zoom: 1 }] },
  }
}

const IDENTITIES = [
  ["Username-Password-Authentication", false, "Email and password", "auth0"],
  ["google-oauth2", true, "Google", "google-oauth2"],
  ["waad", false, "Microsoft Entra ID", "waad"],
] as const

/** What one user is made of. @internal */
export interface UserSpec {
  readonly id: string
  readonly firstName: string
  readonly lastName: string
  readonly email: string
  readonly dateCreated: number
  /** `""` while active. */
  readonly dateDeactivated: string
  readonly dateInvited: string
  readonly language: string
  readonly roles: ReadonlyArray<FakeRole>
  /** One team object per role (`roles[i].team`), each a fresh object. */
  readonly roleTeams: ReadonlyArray<FakeTeam>
  readonly teamIds: ReadonlyArray<string>
}

/** A full user of the seed's shape, every nested object its own. @internal */
export const buildUser = (random: () => number, ctx: UserContext, spec: UserSpec): FakeUser => {
  const identity = chance(random, 0.7) ? IDENTITIES[0] : chance(random, 0.5) ? IDENTITIES[1] : IDENTITIES[2]
  const sso = identity[3] === "waad"
  const isActive = spec.dateDeactivated === ""
  const owner = spec.id === ctx.ownerId
  return {
    accountDomain: ctx.accountDomain,
    accountId: ctx.accountId,
    accountName: ctx.accountName,
    clientId: ctx.clientId,
    createdById: ctx.ownerId,
    dateCreated: isoDate(spec.dateCreated),
    dateDeactivated: spec.dateDeactivated,
    dateInvited: spec.dateInvited,
    email: spec.email,
    firstName: spec.firstName,
    id: spec.id,
    identities: {
      items: [{
        clientId: ctx.clientId,
        connection: identity[0],
        isSocial: identity[1],
        name: identity[2],
        provider: identity[3],
      }],
      totalCount: 1,
    },
    invitedBy: owner ? "" : ctx.ownerId,
    isActive,
    isAzureIDPBased: sso,
    isPrimary: owner || chance(random, 0.95),
    isSSOBased: sso,
    isSwitched: !owner && chance(random, 0.03),
    language: spec.language,
    lastName: spec.lastName,
    name: `${spec.firstName} ${spec.lastName}`.trim(),
    notificationSettings: { subjectsOptedOut: chance(random, 0.3) ? [pick(random, SUBJECTS)] : [] },
    permissions: permissionsFor(spec.roles.map((role) => role.name)),
    picture: `https://cdn.quantive.example/avatars/${spec.id}.png`,
    pictureInfo: { canEditPicture: !sso, isActive, isPictureEdited: chance(random, 0.2), isSSOBased: sso },
    roles: spec.roles.map((role, i) => roleEntry(role, ctx.accountId, spec.roleTeams[i]!)),
    settings: chance(random, 0.8) ? "{}" : `{"timezone":"Europe/Berlin"}`,
    subscriptionType: owner || chance(random, 0.9) ? "full" : "view-only",
    teamIds: spec.teamIds.slice(),
    userSettings: userSettings(random, ctx, spec.teamIds, spec.dateCreated),
  }
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
const SESSION_NAMES = ["Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024", "2024", "Q1 2025"]

const sessionsOf = (random: () => number) => SESSION_NAMES.map((name) => ({ id: hexId(random), name }))

/**
 * The context for a user created through the API: the account fields of an existing user (`template`), fresh session
 * ids. @internal
 */
export const contextFrom = (random: () => number, ownerId: string, template: FakeUser | undefined): UserContext => {
  const text = (key: string) => (typeof template?.[key] === "string" ? template[key] as string : "")
  return {
    accountId: text("accountId"),
    accountName: text("accountName"),
    accountDomain: text("accountDomain"),
    clientId: text("clientId"),
    ownerId,
    sessions: sessionsOf(random),
  }
}

/**
 * The account's users: `count` deterministic users of the seed 001 shape. The first is the account owner, with id
 * `account.ownerId` when given (an Admin). Names repeat across thousands of users; e-mails are unique
 * (`first.last.N@<domain>.example`). About one in ten is deactivated. `dateCreated` spreads over three years and
 * every seventh user shares the previous one's, so sorts meet ties.
 *
 * @internal
 */
export const makeUsers = (
  seed: number,
  count: number,
  accountId: string,
  account: { readonly id: string; readonly name: string; readonly domain: string; readonly ownerId?: string },
  roles: ReadonlyArray<FakeRole> = makeRoles(seed),
): Array<FakeUser> => {
  if (count <= 0) return []
  const random = prng(seed ^ 0x05e75eed)
  const seen = new Set<string>()
  const ids: Array<string> = []
  const add = (id: string) => {
    if (seen.has(id)) return
    seen.add(id)
    ids.push(id)
  }
  if (account.ownerId !== undefined) add(account.ownerId)
  while (ids.length < count) add(hexId(random))
  const ownerId = ids[0]!
  let clientId = ""
  for (let i = 0; i < 32; i++) clientId += ALPHANUMERIC[Math.floor(random() * ALPHANUMERIC.length)]
  const ctx: UserContext = {
    accountId,
    accountName: account.name,
    accountDomain: account.domain,
    clientId,
    ownerId,
    sessions: sessionsOf(random),
  }

  // Teams first (one per ~12 users), then each user's teams, then the teams' members and managers.
  const teams: Array<TeamSpec> = []
  const teamCount = Math.max(1, Math.ceil(count / 12))
  for (let i = 0; i < teamCount; i++) teams.push(teamSpec(random, ownerId, i, teams))
  const userTeams = ids.map((_, i) => {
    if (i === 0) return [teams[0]!]
    const first = teams[Math.floor(random() * teamCount)]!
    const second = teams[Math.floor(random() * teamCount)]!
    return chance(random, 0.3) && second !== first ? [first, second] : [first]
  })
  userTeams.forEach((list, i) => list.forEach((team) => team.members.push(ids[i]!)))
  // The owner leads the first team; every other team is led by its earliest member.
  for (const team of teams) team.manager = team === teams[0] ? ownerId : team.members[0] ?? ownerId

  const byName = new Map(roles.map((role) => [role.name, role]))
  const role = (name: string) => byName.get(name) ?? roles[0]!
  const ROLE_WEIGHTS = [
    [0.04, "Admin"],
    [0.16, "Manager"],
    [0.24, "Team Lead"],
    [0.84, "Member"],
    [0.92, "Contributor"],
    [1, "Viewer"],
  ] as const
  const weightedRole = () => {
    const r = random()
    return role(ROLE_WEIGHTS.find(([edge]) => r < edge)![1])
  }

  const users: Array<FakeUser> = []
  let previousCreated = EPOCH
  for (let i = 0; i < count; i++) {
    const id = ids[i]!
    const [firstName, firstSlug] = pick(random, FIRST)
    const [lastName, lastSlug] = pick(random, LAST)
    const created = i === 0
      ? EPOCH
      : i % 7 === 0
      ? previousCreated
      : EPOCH + Math.floor(random() * 1095) * DAY + Math.floor(random() * 36) * 15 * MINUTE
    previousCreated = created
    const active = i === 0 || chance(random, 0.9)
    const teamsOfUser = userTeams[i]!
    const userRoles = i === 0 ? [role("Admin")] : [weightedRole()]
    // A second role for one in five users, and for everyone in two teams: each team shows in a role's `team`.
    if (i !== 0 && (teamsOfUser.length > 1 || chance(random, 0.2))) {
      for (let attempt = 0; attempt < 8 && userRoles.length < 2; attempt++) {
        const extra = weightedRole()
        if (extra !== userRoles[0]) userRoles.push(extra)
      }
    }
    users.push(buildUser(random, ctx, {
      id,
      firstName,
      lastName,
      email: `${firstSlug}.${lastSlug}.${i}@${account.domain}.example`,
      dateCreated: created,
      dateDeactivated: active ? "" : isoDate(created + (30 + Math.floor(random() * 300)) * DAY),
      dateInvited: i === 0 ? "" : isoDate(created + Math.floor(random() * 120) * MINUTE),
      language: i === 0 ? "english" : pick(random, LANGUAGES),
      roles: userRoles,
      roleTeams: userRoles.map((_, r) => teamObject(teamsOfUser[r % teamsOfUser.length]!, accountId, ownerId)),
      teamIds: teamsOfUser.map((team) => team.id),
    }))
  }
  return users
}
