/**
 * The fake server's Users data: roles, teams and users with every field of the API's user sample (`GET /users/{id}`),
 * generated deterministically from a seed. Plain data, no Effect. The teams users carry are made in `teamData.ts`,
 * their `userSettings` in `userSettingsData.ts`, the ids and dates in `seeded.ts`.
 *
 * @internal
 */
import { pick, prng } from "./data.ts"
import { chance, DAY, deepFreeze, EPOCH, hexId, isoDate, MINUTE, sharedBy, type UserContext } from "./seeded.ts"
import { type FakeTeam, teamObject, type TeamSpec, teamSpec } from "./teamData.ts"
import { userSettings } from "./userSettingsData.ts"

export type { UserContext }

export { hexId, isoDate } from "./seeded.ts"
export { blankTeam, type FakeTeam } from "./teamData.ts"

/**
 * A user as the fake stores it: the API's user shape (`GET /users/{id}`), loosely typed so tests may insert their own.
 *
 * @internal
 */
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

/** A role as a user carries it: the role and, nested, a team of the user (the API's `roles[].team`). @internal */
export interface FakeUserRole {
  accountId: string
  description: string
  id: string
  name: string
  team: FakeTeam
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

/** The permissions a user with these roles has (the union, in a stable order): one frozen array per set. @internal */
export const permissionsFor = (roleNames: ReadonlyArray<string>): ReadonlyArray<string> => {
  const key = roleNames.join("\n")
  let permissions = permissionSets.get(key)
  if (permissions === undefined) {
    const out = new Set<string>()
    for (const name of roleNames) for (const permission of PERMISSIONS.get(name) ?? []) out.add(permission)
    permissions = Object.freeze([...out])
    permissionSets.set(key, permissions)
  }
  return permissions
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
const LANGUAGES = ["english", "english", "english", "english", "english", "german", "french", "spanish", "bulgarian"]
const SUBJECTS = ["weekly-digest", "checkin-reminder", "mentions", "comments", "okr-updates", "badge-assigned"]

/** A role as a user carries it. @internal */
export const roleEntry = (role: FakeRole, accountId: string, team: FakeTeam): FakeUserRole => ({
  accountId,
  description: role.description,
  id: role.id,
  name: role.name,
  team,
})

const IDENTITIES = [
  ["Username-Password-Authentication", false, "Email and password", "auth0"],
  ["google-oauth2", true, "Google", "google-oauth2"],
  ["waad", false, "Microsoft Entra ID", "waad"],
] as const

type Identity = (typeof IDENTITIES)[number]

/** The `identities` of each connection, shared by the users of one context. */
const identitiesByContext = new WeakMap<UserContext, Map<Identity, object>>()

const identitiesOf = (ctx: UserContext, identity: Identity): object => {
  let byIdentity = identitiesByContext.get(ctx)
  if (byIdentity === undefined) {
    byIdentity = new Map()
    identitiesByContext.set(ctx, byIdentity)
  }
  let value = byIdentity.get(identity)
  if (value === undefined) {
    value = deepFreeze({
      items: [{
        clientId: ctx.clientId,
        connection: identity[0],
        isSocial: identity[1],
        name: identity[2],
        provider: identity[3],
      }],
      totalCount: 1,
    })
    byIdentity.set(identity, value)
  }
  return value
}

const NO_OPT_OUT = deepFreeze({ subjectsOptedOut: [] as Array<string> })
const optOuts = sharedBy<{ subjectsOptedOut: Array<string> }>()
const pictureInfos = sharedBy<Record<string, boolean>>()
const optOutOf = (subject: string) => optOuts(subject, () => ({ subjectsOptedOut: [subject] }))

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
  /** The role entries (`roles`), when shared ones are given; else built from `roles` and `roleTeams`. */
  readonly roleEntries?: ReadonlyArray<FakeUserRole> | undefined
}

const pictureInfoOf = (sso: boolean, isActive: boolean, edited: boolean) =>
  pictureInfos(
    `${sso} ${isActive} ${edited}`,
    () => ({ canEditPicture: !sso, isActive, isPictureEdited: edited, isSSOBased: sso }),
  )

/** A full user of the API's shape, every nested object its own. @internal */
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
    identities: identitiesOf(ctx, identity),
    invitedBy: owner ? "" : ctx.ownerId,
    isActive,
    isAzureIDPBased: sso,
    isPrimary: owner || chance(random, 0.95),
    isSSOBased: sso,
    isSwitched: !owner && chance(random, 0.03),
    language: spec.language,
    lastName: spec.lastName,
    name: `${spec.firstName} ${spec.lastName}`.trim(),
    notificationSettings: chance(random, 0.3) ? optOutOf(pick(random, SUBJECTS)) : NO_OPT_OUT,
    permissions: permissionsFor(spec.roles.map((role) => role.name)),
    picture: `https://cdn.quantive.example/avatars/${spec.id}.png`,
    pictureInfo: pictureInfoOf(sso, isActive, chance(random, 0.2)),
    roles: spec.roleEntries?.slice() ?? spec.roles.map((role, i) => roleEntry(role, ctx.accountId, spec.roleTeams[i]!)),
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
 * The account's users: `count` deterministic users of the API's user shape. The first is the account owner, with id
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

  // One frozen team object per team, shared by every role entry that names it; one entry per (role, team).
  const teamObjects = new Map(teams.map((team) => [team, deepFreeze(teamObject(team, accountId, ownerId))]))
  const entries = sharedBy<FakeUserRole>()
  const entryOf = (role: FakeRole, team: TeamSpec) =>
    entries(`${role.id} ${team.id}`, () => roleEntry(role, accountId, teamObjects.get(team)!))

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
      roleTeams: userRoles.map((_, r) => teamObjects.get(teamsOfUser[r % teamsOfUser.length]!)!),
      roleEntries: userRoles.map((role, r) => entryOf(role, teamsOfUser[r % teamsOfUser.length]!)),
      teamIds: teamsOfUser.map((team) => team.id),
    }))
  }
  return users
}
