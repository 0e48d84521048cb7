/**
 * The fake server's deterministic data: a seeded generator and the account it serves.
 *
 * @internal
 */

/** mulberry32: a small, fast, seedable PRNG. @internal */
export const prng = (seed: number): () => number => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A Mongo-style 24-hex-digit id. @internal */
export const objectId = (random: () => number): string => {
  let out = ""
  for (let i = 0; i < 24; i++) out += Math.floor(random() * 16).toString(16)
  return out
}

/** @internal */
export const pick = <A>(random: () => number, items: ReadonlyArray<A>): A => items[Math.floor(random() * items.length)]!

const COMPANIES = [
  ["Northwind Traders", "northwind"],
  ["Contoso", "contoso"],
  ["Fabrikam", "fabrikam"],
  ["Tailspin Toys", "tailspin"],
  ["Wide World Importers", "wideworld"],
  ["Adventure Works", "adventureworks"],
] as const

/** Domains that are always taken in the fake, besides the account's own. @internal */
export const TAKEN_DOMAINS: ReadonlyArray<string> = ["acme", "globex", "initech", "umbrella", "hooli", "quantive"]

const deadline = (random: () => number, day: string) => ({
  dayOfTheWeek: day,
  disableConstraint: false,
  lastReminded: "2026-11-16T09:00:00Z",
  lastScheduled: "2026-11-16T09:00:00Z",
  periodStart: "2026-11-16T00:00:00Z",
  remindAt: { hour: 9 + Math.floor(random() * 3), minute: 0 },
  reportChannels: { email: true, mobile: random() < 0.5, msTeams: random() < 0.3, slack: random() < 0.5 },
})

/**
 * An account as the fake holds it: its id, and the other fields of the API's account object.
 *
 * @internal
 */
export interface FakeAccount {
  readonly id: string
  readonly name: string
  readonly domain: string
  readonly ownerId?: string
  readonly subscriptions?: ReadonlyArray<{
    readonly usersAllowed?: number
    readonly maxUserLimit?: number
    readonly [field: string]: unknown
  }>
  readonly [field: string]: unknown
}

/**
 * The account of a seed: every field of the API's account sample (`GET /accounts/{id}`), with plausible values.
 *
 * @internal
 */
export const makeAccount = (seed: number): FakeAccount => {
  const random = prng(seed)
  const [name, domain] = pick(random, COMPANIES)
  const id = objectId(random)
  const ownerId = objectId(random)
  const usersCount = 20 + Math.floor(random() * 480)
  return {
    id,
    name,
    domain,
    accountMarketingInfo: { companySize: "201-500", country: "Bulgaria", ownerJobFunction: "People Operations" },
    billingSystem: "chargebee",
    companyDescription: { industry: "Software", sector: "Technology", summary: `${name} builds and sells software.` },
    confidenceSettings: {
      confidenceMapping: [
        { color: "#ea80fc", name: "Low", range: { from: 0, to: 3 } },
        { color: "#ffd54f", name: "Medium", range: { from: 4, to: 6 } },
        { color: "#69f0ae", name: "High", range: { from: 7, to: 10 } },
      ],
      confidenceType: "numeric",
    },
    csManaged: false,
    dateCreated: "2021-03-04T10:20:30Z",
    edition: {
      activityHistoryLimit: 12,
      activityHistoryLimitUnit: "months",
      features: ["okrs", "kpis", "badges", "tasks"],
      id: objectId(random),
      isFree: false,
      name: "Enterprise",
      planId: "enterprise-annual",
      trialDuration: 14,
      usersMax: 1000,
      usersMin: 10,
    },
    isActive: true,
    language: "English",
    methodologySummary: "Quarterly OKRs, weekly check-ins.",
    notifications: {
      cadence: "weekly",
      cadenceCheckIn: "weekly",
      cadenceReports: "monthly",
      checkinDeadline: deadline(random, "Friday"),
      reportOptions: {
        aggregatedReport: {
          excludeTeamIds: [],
          excludeUserIds: [],
          includeObjectivesWithoutKrs: false,
          timezone: "Europe/Sofia",
        },
        controlDangerOnGoalConfidence: true,
        goalConfidenceToUpdateMetricLastUpdated: false,
        includeOpenSessions: true,
        includePeopleWithoutObjectives: false,
        includeSessionsWithoutMetrics: false,
        includeTeamsWithoutObjectives: false,
        okrUpdate: { excludeTeamIds: [], excludeUserIds: [], sendToTeamMembers: true, timezone: "Europe/Sofia" },
        targetSessionIds: [objectId(random)],
      },
      reportsDeadline: deadline(random, "Monday"),
      retrospectiveMeeting: deadline(random, "Thursday"),
      timezone: "Europe/Sofia",
    },
    ownerId,
    products: [{ edition: "enterprise", id: objectId(random), type: "results" }],
    saasSubscriptionId: "",
    settings: "{}",
    subscriptionId: objectId(random),
    subscriptionProvider: "chargebee",
    subscriptions: [{
      acquisition_mode: "sales",
      addons: [{ addonAdded: "2022-01-01T00:00:00Z", addonId: "insights", name: "Insights", trialEnds: "" }],
      allowCancellation: false,
      hasUsedTrial: true,
      isConverted: true,
      maxUserLimit: 1000,
      signedUsersCount: usersCount,
      type: "annual",
      usersAllowed: 1000,
      usersCount,
    }],
    trackingProperties: { enableLiveChat: false, ignoreConversion: false, shouldTrack: false },
    trialEnds: "2021-03-18T10:20:30Z",
    type: 1,
    useQuantiveAuth0Domain: true,
  }
}
