/**
 * Every sample of the API reference against our schemas (issue 5): each response sample decodes with the schema its
 * operation decodes responses with, and each request sample decodes with the schema its operation encodes the body
 * with, then encodes back to the same JSON (round trip). The seed 003 and 004 copies of operations are separate
 * entries and are checked with the same schemas.
 *
 * The samples are read from test/fixtures/samples.json, which `node scripts/extract-fixtures.mjs` copies out of the
 * seeds' operations.json, so the suite needs nothing outside this repository. The table below says which schema each
 * operation uses (taken from the `client.execute(…)` call of its service method); a sample without an entry, or an
 * entry without its sample, fails the suite, so a new seed sample is never skipped silently.
 *
 * Some samples print type names where values belong; `substitutePlaceholders` replaces exactly those (on a copy), and
 * the exact list of samples that need it is asserted below.
 *
 * Every sample also decodes exactly as printed with the compiled decoder in tolerant mode (issue 9): the fields that
 * hold a placeholder are optional, so they are dropped and reported as drift; the samples that need substitution are
 * exactly those that fail strictly as printed, and exactly those that drift.
 */
import { assert, describe, it } from "@effect/vitest"
import {
  type AnySchema,
  decode,
  decodeCompiled,
  type Drift,
  encode,
  Ids,
  isSchema as isAnySchema,
} from "#line/internal"
import { readFileSync } from "node:fs"
import {
  Account,
  AccountCheckDomainParams,
  AccountUpdateParams,
  Announcement,
  AnnouncementCreateParams,
  AnnouncementsPage,
  AnnouncementUpdateParams,
  AssignedBadge,
  AssignedBadgesPage,
  AssignedBadgesV2,
  Badge,
  BadgeAssignees,
  BadgeAssignParams,
  BadgeCreateParams,
  BadgesPage,
  BadgeUpdateParams,
  BulkActivationResult,
  BulkDeleteResult,
  BulkRolesResult,
  Goal,
  GoalUpdateConfidenceParams,
  GoalUpdateParams,
  GoalWithMetrics,
  LegacyUserCreateParams,
  LegacyUsersPage,
  MetricsPage,
  User,
  UserAssignRoleParams,
  UserManagers,
  UsersPage,
  UserUpdateLanguageParams,
  UserUpdateNameParams,
  UserUpdateRolesParams,
} from "#line"

// ---------------------------------------------------------------------------------------------------------------
// The fixture

interface Sample {
  readonly seed: string
  readonly method: string
  readonly path: string
  readonly deprecated: boolean
  readonly requestSample: unknown
  readonly responseSample: unknown
}

const deepFreeze = <A>(value: A): A => {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

/** Frozen, so that nothing below can alter a sample in place: substitution works on copies. */
const samples: ReadonlyArray<Sample> = deepFreeze(
  JSON.parse(readFileSync(new URL("../test/fixtures/samples.json", import.meta.url), "utf8")),
)

const keyOf = (sample: Sample) => `${sample.seed} ${sample.method} ${sample.path}`

// ---------------------------------------------------------------------------------------------------------------
// Which schema each operation uses

/** The operation answers with no body (or a body the client ignores), or with plain text: no schema decodes it. */
interface NoResponseSchema {
  readonly none: string
}

const none = (why: string): NoResponseSchema => ({ none: why })

interface Entry {
  /** The schema the service encodes the request body with; absent when the seed shows no request sample. */
  readonly request?: AnySchema
  /** The schema the service decodes a success with, or why there is none. */
  readonly response: AnySchema | NoResponseSchema
}

// The bulk users endpoints (`activate`, `deactivate`, `removeMany`, `sendInvitations`) encode their body with `Ids`,
// which the Users module does not export: `#line/internal` gives the same schema, a non-empty array of non-empty
// strings.

const S000 = "000_54a196b0958f9300.txt"
const S001 = "001_0833e1524215d5aa.txt"
const S002 = "002_76e0a3f1fb9cbcf0.txt"
const S003 = "003_83686a92e462baa0.txt"
const S004 = "004_0ef7edd9edeb558c.txt"

/**
 * `"<seed> <METHOD> <path>"` → schemas, for every operation that shows a request or a response sample. Operations
 * that show neither are not in the fixture and not here: 001/004 `POST /users/{userId}/send-change-password-email`,
 * `PUT /users/settings` (also 003), `PATCH /users/{userId}/info`, `DELETE /accounts/user/{id}`,
 * `DELETE /users/{userId}/roles/{roleId}`, `DELETE /users/{userId}/roles?ids={roleIds}`, 004 `PATCH /users/{userId}`;
 * 002 `POST /badges/approve/{id}`, `DELETE /badges/approve/{id}`, `DELETE /badges/assign/{assigneeId}/{badgeAssignId}`,
 * `DELETE /badges/{id}`; 003 `DELETE /announcements/{id}`; and 003/004 `GET /users/password/{clientId}/policy`, whose
 * 200 body is a plain string (`Client.text`, no schema). 001's bulk `POST /users` takes
 * `Schema.NonEmptyArray(UserCreateParams)`, but the seed shows no request sample for it.
 */
const table: Readonly<Record<string, Entry>> = {
  // Accounts (lib/Accounts.ts)
  [`${S000} GET /accounts/{id}`]: { response: Account },
  [`${S000} POST /accounts/domain`]: { request: AccountCheckDomainParams, response: none("204 no content") },
  [`${S000} PATCH /accounts/{id}`]: { request: AccountUpdateParams, response: Account },

  // Users (lib/Users.ts)
  [`${S001} GET /users`]: { response: UsersPage },
  [`${S001} GET /users/{userId}`]: { response: User },
  [`${S001} GET /users/{userId}/managers`]: { response: UserManagers },
  [`${S001} POST /users`]: { response: UsersPage },
  [`${S001} POST /users/activate`]: { request: Ids, response: BulkActivationResult },
  [`${S001} POST /users/deactivate`]: { request: Ids, response: BulkActivationResult },
  [`${S001} POST /users/delete`]: { request: Ids, response: BulkDeleteResult },
  [`${S001} POST /users/invitations`]: { request: Ids, response: none("204 no content") },
  [`${S001} POST /users/roles`]: { request: UserUpdateRolesParams, response: BulkRolesResult },
  [`${S001} POST /users/{userId}/roles`]: { request: UserAssignRoleParams, response: none("200 ok, no body") },
  [`${S001} PUT /users/{userId}`]: { request: UserUpdateLanguageParams, response: none("200 ok, no body") },
  [`${S001} PATCH /users/{userId}`]: { request: UserUpdateNameParams, response: none("200 ok, no body") },

  // Badges (lib/Badges.ts)
  [`${S002} GET /badges`]: { response: BadgesPage },
  [`${S002} GET /badges/approve`]: { response: AssignedBadgesPage },
  [`${S002} GET /badges/assign`]: { response: AssignedBadgesV2 },
  [`${S002} GET /badges/assign/{id}`]: { response: BadgeAssignees },
  [`${S002} GET /badges/current`]: { response: AssignedBadgesV2 },
  [`${S002} GET /badges/{id}`]: { response: Badge },
  [`${S002} POST /badges`]: { request: BadgeCreateParams, response: Badge },
  [`${S002} POST /badges/assign`]: { request: BadgeAssignParams, response: AssignedBadge },
  [`${S002} PATCH /badges/{id}`]: { request: BadgeUpdateParams, response: none("204 no content") },

  // Deprecated (lib/LegacyUsers.ts, Announcements.ts, Metrics.ts, Goals.ts)
  [`${S003} GET /accounts/users`]: { response: LegacyUsersPage },
  [`${S003} GET /announcements`]: { response: AnnouncementsPage },
  [`${S003} GET /announcements/{id}`]: { response: Announcement },
  [`${S003} GET /metrics/owner/{ownerId}`]: { response: MetricsPage },
  [`${S003} POST /announcements`]: { request: AnnouncementCreateParams, response: Announcement },
  // The deprecated single-user create: one user object in, the created user out.
  [`${S003} POST /users`]: { request: LegacyUserCreateParams, response: User },
  [`${S003} PUT /goals/{goalId}`]: { request: GoalUpdateParams, response: GoalWithMetrics },
  [`${S003} PUT /goals/{goalId}/confidence`]: { request: GoalUpdateConfidenceParams, response: Goal },
  [`${S003} PATCH /announcements/{id}`]: { request: AnnouncementUpdateParams, response: Announcement },
  [`${S003} DELETE /announcements/{id}/react`]: { response: Announcement },

  // Seed 004: copies of seed 001 operations (and of two deprecated ones), with the same schemas.
  [`${S004} GET /accounts/users`]: { response: LegacyUsersPage },
  [`${S004} GET /users`]: { response: UsersPage },
  [`${S004} GET /users/{userId}`]: { response: User },
  [`${S004} GET /users/{userId}/managers`]: { response: UserManagers },
  // 004's `POST /users` is the deprecated single-user create of seed 003 (201 userResponse), not 001's bulk create.
  [`${S004} POST /users`]: { request: LegacyUserCreateParams, response: User },
  [`${S004} POST /users/activate`]: { request: Ids, response: BulkActivationResult },
  [`${S004} POST /users/deactivate`]: { request: Ids, response: BulkActivationResult },
  [`${S004} POST /users/delete`]: { request: Ids, response: BulkDeleteResult },
  [`${S004} POST /users/invitations`]: { request: Ids, response: none("204 no content") },
  [`${S004} POST /users/roles`]: { request: UserUpdateRolesParams, response: BulkRolesResult },
  [`${S004} POST /users/{userId}/roles`]: { request: UserAssignRoleParams, response: none("200 ok, no body") },
  [`${S004} PUT /users/{userId}`]: { request: UserUpdateLanguageParams, response: none("200 ok, no body") },
}

const isSchema = (response: Entry["response"]): response is AnySchema => isAnySchema(response)

// ---------------------------------------------------------------------------------------------------------------
// Placeholders

/**
 * Type names the reference prints where a value belongs, and a minimal valid value of the real type each stands
 * for (the real type is the one our model gives that field, after the expanded form the seeds show elsewhere).
 * Object types whose fields are all optional become `{}`; list types a one-element list.
 *
 * Not here: `"ID"`, `"string"`, `"string value"` (valid values of string fields), and `"DashboardDynamicValue"`
 * (the elements of `dashboardSettings[].settings[].dynamicValues`, a type the reference never expands and our model
 * keeps `unknown`, so it decodes as printed).
 */
const PLACEHOLDERS: Readonly<Record<string, unknown>> = {
  IDs: ["000000000000000000000001"], // ReadonlyArray<string> (team members, badge assignees)
  Ids: ["000000000000000000000001"], // ReadonlyArray<string> (a linked metric's ownerIds)
  Badge: {}, // TeamBadgeInfo (lib/Team.ts)
  AssignedBadgeExtended: {}, // TeamBadge (lib/Team.ts)
  IsActiveFlag: { IsActive: true }, // IsActiveFlag (lib/Team.ts)
  ExternalTeamMapping: {}, // ExternalTeamMapping (lib/Team.ts)
  Mentions: {}, // a team's mentions: a record of unknown values (lib/Team.ts)
  TagSimple: {}, // TeamTag (lib/Team.ts)
  DashboardItemSetting: {}, // DashboardItemSetting (lib/UserSettings.ts)
  DashboardItemSettings: [{}], // ReadonlyArray<DashboardItemSetting> (lib/UserSettings.ts)
  ProfilesSessionFilterDto: {}, // { sessionIds? } (ProfilesSettings, lib/UserSettings.ts)
  tagResponse: {}, // OkrTag (lib/Okr.ts and lib/OkrLinks.ts)
  assigneeResponse: {}, // OkrAssignee (lib/Okr.ts and lib/OkrLinks.ts)
  defaultAccess: {}, // OkrAccess (lib/Okr.ts and lib/OkrLinks.ts)
  OwnerPermission: {}, // OkrOwnerPermission (lib/Okr.ts and lib/OkrLinks.ts)
  Permission: {}, // OkrPermission (lib/Okr.ts and lib/OkrLinks.ts)
  Binary: {}, // OkrBinary (lib/Okr.ts and lib/OkrLinks.ts)
  MetricFormat: {}, // MetricFormat (lib/Okr.ts and lib/OkrLinks.ts)
}

/**
 * Key-specific cases: an id list the reference prints as `{}` (seed 003's metrics and goals; its goal sample shows
 * `ownerIds` as a list of ids elsewhere). Only an empty object under these keys is replaced.
 */
const EMPTY_OBJECT_LISTS: ReadonlyArray<string> = ["ownerIds", "goalOwnerIds"]

interface Substitution {
  readonly path: string
  readonly placeholder: string
}

/**
 * Returns a copy of `sample` with every placeholder replaced (the sample itself is never touched), and where it
 * replaced what. A placeholder is a string equal to a name of `PLACEHOLDERS`, anywhere, or `{}` under a key of
 * `EMPTY_OBJECT_LISTS` (replaced by `[]`, named `"<key>: {}"`).
 */
const substitutePlaceholders = (
  sample: unknown,
): { readonly value: unknown; readonly substitutions: ReadonlyArray<Substitution> } => {
  const substitutions: Array<Substitution> = []
  const go = (value: unknown, path: string, key: string | undefined): unknown => {
    if (typeof value === "string" && Object.hasOwn(PLACEHOLDERS, value)) {
      substitutions.push({ path, placeholder: value })
      return structuredClone(PLACEHOLDERS[value])
    }
    if (Array.isArray(value)) return value.map((item, i) => go(item, `${path}[${i}]`, undefined))
    if (typeof value === "object" && value !== null) {
      if (key !== undefined && EMPTY_OBJECT_LISTS.includes(key) && Object.keys(value).length === 0) {
        substitutions.push({ path, placeholder: `${key}: {}` })
        return []
      }
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, go(v, `${path}.${k}`, k)]))
    }
    return value
  }
  return { value: go(sample, "$", undefined), substitutions }
}

/**
 * The samples that need substitution, and the placeholders each holds. This list is exact: a sample gaining or
 * losing a placeholder fails the suite. Every other sample decodes exactly as printed.
 */
const EXPECTED_SUBSTITUTIONS: Readonly<Record<string, ReadonlyArray<string>>> = {
  [`${S001} GET /users response`]: ["Badge", "DashboardItemSetting", "IDs", "IsActiveFlag"],
  [`${S001} POST /users response`]: ["Badge", "DashboardItemSetting", "IDs", "IsActiveFlag"],
  [`${S002} GET /badges/assign/{id} response`]: [
    "AssignedBadgeExtended",
    "Badge",
    "DashboardItemSetting",
    "DashboardItemSettings",
    "ExternalTeamMapping",
    "IDs",
    "IsActiveFlag",
    "Mentions",
    "ProfilesSessionFilterDto",
    "TagSimple",
    "tagResponse",
  ],
  [`${S003} GET /accounts/users response`]: ["DashboardItemSetting", "IsActiveFlag"],
  [`${S003} GET /metrics/owner/{ownerId} response`]: [
    "Ids",
    "MetricFormat",
    "OwnerPermission",
    "Permission",
    "assigneeResponse",
    "defaultAccess",
    "goalOwnerIds: {}",
    "ownerIds: {}",
    "tagResponse",
  ],
  [`${S003} PUT /goals/{goalId} request`]: ["ownerIds: {}"],
  [`${S003} PUT /goals/{goalId} response`]: [
    "Binary",
    "Ids",
    "MetricFormat",
    "OwnerPermission",
    "Permission",
    "assigneeResponse",
    "defaultAccess",
    "goalOwnerIds: {}",
    "ownerIds: {}",
    "tagResponse",
  ],
  [`${S003} PUT /goals/{goalId}/confidence response`]: ["Binary"],
  [`${S004} GET /accounts/users response`]: ["DashboardItemSetting", "IsActiveFlag"],
  [`${S004} GET /users response`]: ["DashboardItemSetting", "IsActiveFlag"],
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

type Direction = "request" | "response"

interface Case {
  readonly key: string
  readonly direction: Direction
  readonly sample: unknown
}

const cases: ReadonlyArray<Case> = samples.flatMap((s) => [
  ...(s.requestSample === null ? [] : [{ key: keyOf(s), direction: "request" as const, sample: s.requestSample }]),
  ...(s.responseSample === null ? [] : [{ key: keyOf(s), direction: "response" as const, sample: s.responseSample }]),
])

const schemaFor = (c: Case): AnySchema | undefined => {
  const entry = table[c.key]
  if (entry === undefined) return undefined
  if (c.direction === "request") return entry.request
  return isSchema(entry.response) ? entry.response : undefined
}

/** A copy with every object's keys sorted, so that two JSON values compare regardless of key order. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : typeof value === "object" && value !== null
    ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
    : value

const caseName = (c: Case) => `${c.key} ${c.direction}`

// ---------------------------------------------------------------------------------------------------------------

describe("the sample table", () => {
  it("the fixture holds samples, each operation once", () => {
    assert.isAbove(samples.length, 0)
    assert.strictEqual(new Set(samples.map(keyOf)).size, samples.length)
    for (const s of samples) {
      assert.isFalse(s.requestSample === null && s.responseSample === null, `${keyOf(s)} holds no sample`)
    }
  })

  it("every sample has a table entry with its schema", () => {
    const missing = samples.map(keyOf).filter((key) => table[key] === undefined)
    assert.deepStrictEqual(missing, [], "samples with no table entry")
    const unmapped = cases.filter((c) => schemaFor(c) === undefined).map(caseName)
    assert.deepStrictEqual(unmapped, [], "samples whose table entry has no schema for them")
  })

  it("every table entry has its samples", () => {
    const byKey = new Map(samples.map((s) => [keyOf(s), s]))
    const problems: Array<string> = []
    for (const [key, entry] of Object.entries(table)) {
      const s = byKey.get(key)
      if (s === undefined) {
        problems.push(`${key}: no such operation with a sample in the fixture`)
        continue
      }
      if (entry.request !== undefined && s.requestSample === null) problems.push(`${key}: no request sample`)
      if (isSchema(entry.response) && s.responseSample === null) problems.push(`${key}: no response sample`)
    }
    assert.deepStrictEqual(problems, [])
  })
})

describe("placeholders", () => {
  it("exactly these samples need substitution, with exactly these placeholders", () => {
    const actual: Record<string, ReadonlyArray<string>> = {}
    for (const c of cases) {
      const { substitutions } = substitutePlaceholders(c.sample)
      if (substitutions.length > 0) {
        actual[caseName(c)] = [...new Set(substitutions.map((s) => s.placeholder))].sort()
      }
    }
    assert.deepStrictEqual(actual, EXPECTED_SUBSTITUTIONS)
  })

  it("every placeholder of the table occurs in some sample", () => {
    const used = new Set(Object.values(EXPECTED_SUBSTITUTIONS).flat())
    for (const name of Object.keys(PLACEHOLDERS)) assert.isTrue(used.has(name), `${name} is never substituted`)
    for (const key of EMPTY_OBJECT_LISTS) assert.isTrue(used.has(`${key}: {}`), `${key}: {} is never substituted`)
  })

  it("the samples that need it do not decode as printed, and substitution leaves the sample itself alone", () => {
    for (const c of cases) {
      if (EXPECTED_SUBSTITUTIONS[caseName(c)] === undefined) continue
      const before = JSON.stringify(c.sample)
      const { value } = substitutePlaceholders(c.sample)
      assert.notDeepEqual(value, c.sample)
      assert.strictEqual(JSON.stringify(c.sample), before)
      const schema = schemaFor(c)
      if (schema === undefined) continue // reported by "every sample has a table entry"
      assert.isFalse(decode(schema, c.sample).ok, `${caseName(c)} decodes as printed`)
    }
  })
})

describe("response samples decode", () => {
  for (const c of cases.filter((c) => c.direction === "response")) {
    it(c.key, () => {
      const schema = schemaFor(c)
      assert.isDefined(schema, `no response schema in the table for ${c.key}`)
      const { value } = substitutePlaceholders(c.sample)
      const decoded = decode(schema!, value)
      if (!decoded.ok) assert.fail(`${c.key} response:\n${decoded.issues}`)
      // Every field the sample shows is modelled: none is ignored as an unknown extra field.
      const strict = decode(schema!, value, { exact: true })
      if (!strict.ok) assert.fail(`${c.key} response has unmodelled fields:\n${strict.issues}`)
    })
  }
})

describe("request samples decode and round-trip", () => {
  for (const c of cases.filter((c) => c.direction === "request")) {
    it(c.key, () => {
      const schema = schemaFor(c)
      assert.isDefined(schema, `no request schema in the table for ${c.key}`)
      const { value } = substitutePlaceholders(c.sample)
      const decoded = decode(schema!, value)
      if (!decoded.ok) assert.fail(`${c.key} request:\n${decoded.issues}`)
      const encoded = encode(schema!, decoded.value)
      assert.deepStrictEqual(canonical(encoded), canonical(value))
    })
  }
})

describe("every sample as printed decodes in tolerant mode", () => {
  for (const c of cases) {
    it(caseName(c), () => {
      const schema = schemaFor(c)
      assert.isDefined(schema, `no schema in the table for ${caseName(c)}`)
      const drifts: Array<Drift> = []
      const tolerant = decodeCompiled(schema!, c.sample, "tolerant", (d) => drifts.push(d))
      if (!tolerant.ok) assert.fail(`${caseName(c)} as printed, tolerant:\n${tolerant.issues}`)
      const strict = decodeCompiled(schema!, c.sample, "strict")
      const needsSubstitution = EXPECTED_SUBSTITUTIONS[caseName(c)] !== undefined
      // strictly, as printed: fails exactly for the samples that hold placeholders, and they are what drifts
      assert.strictEqual(!strict.ok, needsSubstitution, `${caseName(c)}: strict decoding as printed`)
      assert.strictEqual(drifts.length > 0, needsSubstitution, `${caseName(c)}: drift ${JSON.stringify(drifts)}`)
      if (!needsSubstitution) {
        // nothing drifted: tolerant and strict agree, and agree with Schema's own decoder
        const own = decode(schema!, c.sample)
        assert.isTrue(strict.ok && own.ok, `${caseName(c)}: strict decoding as printed`)
        assert.deepStrictEqual(tolerant.value, strict.ok ? strict.value : undefined)
        assert.deepStrictEqual(strict.ok ? strict.value : undefined, own.ok ? own.value : undefined)
      }
    })
  }

  it("each drift of a sample as printed is a field holding a placeholder", () => {
    const placeholderPaths: Array<string> = []
    const driftPaths: Array<string> = []
    for (const c of cases) {
      const schema = schemaFor(c)
      if (schema === undefined || EXPECTED_SUBSTITUTIONS[caseName(c)] === undefined) continue
      for (const s of substitutePlaceholders(c.sample).substitutions) placeholderPaths.push(`${caseName(c)} ${s.path}`)
      decodeCompiled(schema, c.sample, "tolerant", (d) => {
        const path = d.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")
        driftPaths.push(`${caseName(c)} $${path}`)
      })
    }
    assert.isAbove(driftPaths.length, 0)
    // a drift is the placeholder's field or the nearest optional field above it
    const within = (path: string, drift: string) =>
      path === drift || path.startsWith(`${drift}.`) || path.startsWith(`${drift}[`)
    for (const drift of driftPaths) {
      assert.isTrue(placeholderPaths.some((p) => within(p, drift)), `${drift} holds no placeholder`)
    }
    for (const placeholder of placeholderPaths) {
      assert.isTrue(driftPaths.some((d) => within(placeholder, d)), `${placeholder} was not reported as drift`)
    }
  })
})
