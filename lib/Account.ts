/**
 * The Account models of seed 000: the account returned by `GET`/`PATCH /accounts/{id}`, the patch body and the
 * domain-check body. Every field the samples show is modelled; all but `id`, `name` and `domain` are optional, since
 * the API may omit them, and unknown extra fields are tolerated (ignored on decode).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { NonEmpty, optional } from "./internal/schema.ts"

/**
 * @since 0.1.0
 * @category models
 */
export interface AccountMarketingInfo {
  readonly companySize?: string
  readonly country?: string
  readonly ownerJobFunction?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const AccountMarketingInfo: Schema.Schema<AccountMarketingInfo> = Schema.Struct({
  companySize: optional(Schema.String),
  country: optional(Schema.String),
  ownerJobFunction: optional(Schema.String),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface CompanyDescription {
  readonly industry?: string
  readonly sector?: string
  readonly summary?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const CompanyDescription: Schema.Schema<CompanyDescription> = Schema.Struct({
  industry: optional(Schema.String),
  sector: optional(Schema.String),
  summary: optional(Schema.String),
})

/**
 * One confidence level: a named, coloured range of confidence values.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConfidenceLevel {
  readonly color?: string
  readonly name?: string
  readonly range?: { readonly from?: number; readonly to?: number }
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const ConfidenceLevel: Schema.Schema<ConfidenceLevel> = Schema.Struct({
  color: optional(Schema.String),
  name: optional(Schema.String),
  range: optional(Schema.Struct({ from: optional(Schema.Number), to: optional(Schema.Number) })),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ConfidenceSettings {
  readonly confidenceMapping?: ReadonlyArray<ConfidenceLevel>
  readonly confidenceType?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const ConfidenceSettings: Schema.Schema<ConfidenceSettings> = Schema.Struct({
  confidenceMapping: optional(Schema.Array(ConfidenceLevel)),
  confidenceType: optional(Schema.String),
})

/**
 * The edition (plan) the account runs on.
 *
 * @since 0.1.0
 * @category models
 */
export interface Edition {
  readonly activityHistoryLimit?: number
  readonly activityHistoryLimitUnit?: string
  readonly features?: ReadonlyArray<string>
  readonly id?: string
  readonly isFree?: boolean
  readonly name?: string
  readonly planId?: string
  readonly trialDuration?: number
  readonly usersMax?: number
  readonly usersMin?: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Edition: Schema.Schema<Edition> = Schema.Struct({
  activityHistoryLimit: optional(Schema.Number),
  activityHistoryLimitUnit: optional(Schema.String),
  features: optional(Schema.Array(Schema.String)),
  id: optional(Schema.String),
  isFree: optional(Schema.Boolean),
  name: optional(Schema.String),
  planId: optional(Schema.String),
  trialDuration: optional(Schema.Number),
  usersMax: optional(Schema.Number),
  usersMin: optional(Schema.Number),
})

/**
 * The channels a reminder goes out on.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReportChannels {
  readonly email?: boolean
  readonly mobile?: boolean
  readonly msTeams?: boolean
  readonly slack?: boolean
}

/**
 * A recurring deadline (check-ins, reports, retrospectives). `dayOfTheWeek` is an English day name ("Monday").
 *
 * @since 0.1.0
 * @category models
 */
export interface NotificationDeadline {
  readonly dayOfTheWeek?: string
  readonly disableConstraint?: boolean
  readonly lastReminded?: string
  readonly lastScheduled?: string
  readonly periodStart?: string
  readonly remindAt?: { readonly hour?: number; readonly minute?: number }
  readonly reportChannels?: ReportChannels
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const NotificationDeadline: Schema.Schema<NotificationDeadline> = Schema.Struct({
  dayOfTheWeek: optional(Schema.String),
  disableConstraint: optional(Schema.Boolean),
  lastReminded: optional(Schema.String),
  lastScheduled: optional(Schema.String),
  periodStart: optional(Schema.String),
  remindAt: optional(Schema.Struct({ hour: optional(Schema.Number), minute: optional(Schema.Number) })),
  reportChannels: optional(Schema.Struct({
    email: optional(Schema.Boolean),
    mobile: optional(Schema.Boolean),
    msTeams: optional(Schema.Boolean),
    slack: optional(Schema.Boolean),
  })),
})

/**
 * Who is left out of a report, and its time zone.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReportAudience {
  readonly excludeTeamIds?: ReadonlyArray<string>
  readonly excludeUserIds?: ReadonlyArray<string>
  readonly timezone?: string
  /** Aggregated report only. */
  readonly includeObjectivesWithoutKrs?: boolean
  /** OKR update only. */
  readonly sendToTeamMembers?: boolean
}

const ReportAudience: Schema.Schema<ReportAudience> = Schema.Struct({
  excludeTeamIds: optional(Schema.Array(Schema.String)),
  excludeUserIds: optional(Schema.Array(Schema.String)),
  timezone: optional(Schema.String),
  includeObjectivesWithoutKrs: optional(Schema.Boolean),
  sendToTeamMembers: optional(Schema.Boolean),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ReportOptions {
  readonly aggregatedReport?: ReportAudience
  readonly controlDangerOnGoalConfidence?: boolean
  readonly goalConfidenceToUpdateMetricLastUpdated?: boolean
  readonly includeOpenSessions?: boolean
  readonly includePeopleWithoutObjectives?: boolean
  readonly includeSessionsWithoutMetrics?: boolean
  readonly includeTeamsWithoutObjectives?: boolean
  readonly okrUpdate?: ReportAudience
  readonly targetSessionIds?: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const ReportOptions: Schema.Schema<ReportOptions> = Schema.Struct({
  aggregatedReport: optional(ReportAudience),
  controlDangerOnGoalConfidence: optional(Schema.Boolean),
  goalConfidenceToUpdateMetricLastUpdated: optional(Schema.Boolean),
  includeOpenSessions: optional(Schema.Boolean),
  includePeopleWithoutObjectives: optional(Schema.Boolean),
  includeSessionsWithoutMetrics: optional(Schema.Boolean),
  includeTeamsWithoutObjectives: optional(Schema.Boolean),
  okrUpdate: optional(ReportAudience),
  targetSessionIds: optional(Schema.Array(Schema.String)),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Notifications {
  readonly cadence?: string
  readonly cadenceCheckIn?: string
  readonly cadenceReports?: string
  readonly checkinDeadline?: NotificationDeadline
  readonly reportOptions?: ReportOptions
  readonly reportsDeadline?: NotificationDeadline
  readonly retrospectiveMeeting?: NotificationDeadline
  readonly timezone?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Notifications: Schema.Schema<Notifications> = Schema.Struct({
  cadence: optional(Schema.String),
  cadenceCheckIn: optional(Schema.String),
  cadenceReports: optional(Schema.String),
  checkinDeadline: optional(NotificationDeadline),
  reportOptions: optional(ReportOptions),
  reportsDeadline: optional(NotificationDeadline),
  retrospectiveMeeting: optional(NotificationDeadline),
  timezone: optional(Schema.String),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Product {
  readonly edition?: string
  readonly id?: string
  readonly type?: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface SubscriptionAddon {
  readonly addonAdded?: string
  readonly addonId?: string
  readonly name?: string
  readonly trialEnds?: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Subscription {
  readonly acquisition_mode?: string
  readonly addons?: ReadonlyArray<SubscriptionAddon>
  readonly allowCancellation?: boolean
  readonly hasUsedTrial?: boolean
  readonly isConverted?: boolean
  readonly maxUserLimit?: number
  readonly signedUsersCount?: number
  readonly type?: string
  readonly usersAllowed?: number
  readonly usersCount?: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Subscription: Schema.Schema<Subscription> = Schema.Struct({
  acquisition_mode: optional(Schema.String),
  addons: optional(Schema.Array(Schema.Struct({
    addonAdded: optional(Schema.String),
    addonId: optional(Schema.String),
    name: optional(Schema.String),
    trialEnds: optional(Schema.String),
  }))),
  allowCancellation: optional(Schema.Boolean),
  hasUsedTrial: optional(Schema.Boolean),
  isConverted: optional(Schema.Boolean),
  maxUserLimit: optional(Schema.Number),
  signedUsersCount: optional(Schema.Number),
  type: optional(Schema.String),
  usersAllowed: optional(Schema.Number),
  usersCount: optional(Schema.Number),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface TrackingProperties {
  readonly enableLiveChat?: boolean
  readonly ignoreConversion?: boolean
  readonly shouldTrack?: boolean
}

/**
 * A Quantive Results account: name, domain, settings, subscription details (seed 000, `accountResponse`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Account {
  readonly id: string
  readonly name: string
  readonly domain: string
  readonly accountMarketingInfo?: AccountMarketingInfo
  readonly billingSystem?: string
  readonly companyDescription?: CompanyDescription
  readonly confidenceSettings?: ConfidenceSettings
  readonly csManaged?: boolean
  readonly dateCreated?: string
  readonly edition?: Edition
  readonly isActive?: boolean
  readonly language?: string
  readonly methodologySummary?: string
  readonly notifications?: Notifications
  readonly ownerId?: string
  readonly products?: ReadonlyArray<Product>
  readonly saasSubscriptionId?: string
  readonly settings?: string
  readonly subscriptionId?: string
  readonly subscriptionProvider?: string
  readonly subscriptions?: ReadonlyArray<Subscription>
  readonly trackingProperties?: TrackingProperties
  readonly trialEnds?: string
  readonly type?: number
  readonly useQuantiveAuth0Domain?: boolean
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Account: Schema.Schema<Account> = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  domain: Schema.String,
  accountMarketingInfo: optional(AccountMarketingInfo),
  billingSystem: optional(Schema.String),
  companyDescription: optional(CompanyDescription),
  confidenceSettings: optional(ConfidenceSettings),
  csManaged: optional(Schema.Boolean),
  dateCreated: optional(Schema.String),
  edition: optional(Edition),
  isActive: optional(Schema.Boolean),
  language: optional(Schema.String),
  methodologySummary: optional(Schema.String),
  notifications: optional(Notifications),
  ownerId: optional(Schema.String),
  products: optional(Schema.Array(Schema.Struct({
    edition: optional(Schema.String),
    id: optional(Schema.String),
    type: optional(Schema.String),
  }))),
  saasSubscriptionId: optional(Schema.String),
  settings: optional(Schema.String),
  subscriptionId: optional(Schema.String),
  subscriptionProvider: optional(Schema.String),
  subscriptions: optional(Schema.Array(Subscription)),
  trackingProperties: optional(Schema.Struct({
    enableLiveChat: optional(Schema.Boolean),
    ignoreConversion: optional(Schema.Boolean),
    shouldTrack: optional(Schema.Boolean),
  })),
  trialEnds: optional(Schema.String),
  type: optional(Schema.Number),
  useQuantiveAuth0Domain: optional(Schema.Boolean),
})

/**
 * The body of `PATCH /accounts/{id}` (seed 000, `accountRequest`): every field optional, at least one required.
 * Note the request names the account `accountName`, while the response calls it `name`.
 *
 * @since 0.1.0
 * @category models
 */
export interface AccountUpdateParams {
  readonly accountMarketingInfo?: AccountMarketingInfo
  readonly accountName?: string
  readonly companyDescription?: CompanyDescription
  readonly domain?: string
  readonly language?: string
  readonly methodologySummary?: string
  readonly settings?: string
  readonly useQuantiveAuth0Domain?: boolean
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const AccountUpdateParams: Schema.Schema<AccountUpdateParams> = Schema.Struct({
  accountMarketingInfo: optional(AccountMarketingInfo),
  accountName: optional(NonEmpty),
  companyDescription: optional(CompanyDescription),
  domain: optional(NonEmpty),
  language: optional(Schema.String),
  methodologySummary: optional(Schema.String),
  settings: optional(Schema.String),
  useQuantiveAuth0Domain: optional(Schema.Boolean),
}).pipe(
  Schema.filter((patch) => Object.keys(patch).length > 0, {
    message: () => "the patch is empty: give at least one field to change",
  }),
)

/**
 * The body of `POST /accounts/domain` (seed 000, `domainRequest`).
 *
 * @since 0.1.0
 * @category models
 */
export interface AccountCheckDomainParams {
  readonly accountName: string
  readonly domain: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const AccountCheckDomainParams: Schema.Schema<AccountCheckDomainParams> = Schema.Struct({
  accountName: NonEmpty,
  domain: NonEmpty,
})
