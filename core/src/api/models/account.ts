/**
 * The Account models of the Quantive Results API, described as plain data.
 *
 * @since 0.4.0
 */
import {
  array,
  boolean,
  type ModelModule,
  nonEmptyString,
  number,
  optional,
  ref,
  required,
  string,
  struct,
} from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const account: ModelModule = {
  module: "Account",
  description: "The Account models: the account returned by `GET`/`PATCH /accounts/{id}`, the patch " +
    "body and the domain-check body. Every field the samples show is modelled; all but `id`, " +
    "`name` and `domain` are optional, since the API may omit them, and unknown extra fields " +
    "are tolerated (ignored on decode).",
  since: "0.1.0",
  declarations: [
    {
      _tag: "Model",
      name: "AccountMarketingInfo",
      description: "",
      since: "0.1.0",
      fields: {
        companySize: optional(string),
        country: optional(string),
        ownerJobFunction: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "CompanyDescription",
      description: "",
      since: "0.1.0",
      fields: {
        industry: optional(string),
        sector: optional(string),
        summary: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "ConfidenceLevel",
      description: "One confidence level: a named, coloured range of confidence values.",
      since: "0.1.0",
      fields: {
        color: optional(string),
        name: optional(string),
        range: optional(struct({
          from: optional(number),
          to: optional(number),
        })),
      },
    },
    {
      _tag: "Model",
      name: "ConfidenceSettings",
      description: "",
      since: "0.1.0",
      fields: {
        confidenceMapping: optional(array(ref("ConfidenceLevel"))),
        confidenceType: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "Edition",
      description: "The edition (plan) the account runs on.",
      since: "0.1.0",
      fields: {
        activityHistoryLimit: optional(number),
        activityHistoryLimitUnit: optional(string),
        features: optional(array(string)),
        id: optional(string),
        isFree: optional(boolean),
        name: optional(string),
        planId: optional(string),
        trialDuration: optional(number),
        usersMax: optional(number),
        usersMin: optional(number),
      },
    },
    {
      _tag: "Model",
      name: "ReportChannels",
      description: "The channels a reminder goes out on.",
      since: "0.1.0",
      nestedOnly: true,
      fields: {
        email: optional(boolean),
        mobile: optional(boolean),
        msTeams: optional(boolean),
        slack: optional(boolean),
      },
    },
    {
      _tag: "Model",
      name: "NotificationDeadline",
      description: "A recurring deadline (check-ins, reports, retrospectives). `dayOfTheWeek` is an English " +
        'day name ("Monday").',
      since: "0.1.0",
      fields: {
        dayOfTheWeek: optional(string),
        disableConstraint: optional(boolean),
        lastReminded: optional(string),
        lastScheduled: optional(string),
        periodStart: optional(string),
        remindAt: optional(struct({
          hour: optional(number),
          minute: optional(number),
        })),
        reportChannels: optional(ref("ReportChannels")),
      },
    },
    {
      _tag: "Model",
      name: "ReportAudience",
      description: "Who is left out of a report, and its time zone.",
      since: "0.1.0",
      nestedOnly: true,
      fields: {
        excludeTeamIds: optional(array(string)),
        excludeUserIds: optional(array(string)),
        timezone: optional(string),
        includeObjectivesWithoutKrs: optional(boolean, "Aggregated report only."),
        sendToTeamMembers: optional(boolean, "OKR update only."),
      },
    },
    {
      _tag: "Model",
      name: "ReportOptions",
      description: "",
      since: "0.1.0",
      fields: {
        aggregatedReport: optional(ref("ReportAudience")),
        controlDangerOnGoalConfidence: optional(boolean),
        goalConfidenceToUpdateMetricLastUpdated: optional(boolean),
        includeOpenSessions: optional(boolean),
        includePeopleWithoutObjectives: optional(boolean),
        includeSessionsWithoutMetrics: optional(boolean),
        includeTeamsWithoutObjectives: optional(boolean),
        okrUpdate: optional(ref("ReportAudience")),
        targetSessionIds: optional(array(string)),
      },
    },
    {
      _tag: "Model",
      name: "Notifications",
      description: "",
      since: "0.1.0",
      fields: {
        cadence: optional(string),
        cadenceCheckIn: optional(string),
        cadenceReports: optional(string),
        checkinDeadline: optional(ref("NotificationDeadline")),
        reportOptions: optional(ref("ReportOptions")),
        reportsDeadline: optional(ref("NotificationDeadline")),
        retrospectiveMeeting: optional(ref("NotificationDeadline")),
        timezone: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "Product",
      description: "",
      since: "0.1.0",
      nestedOnly: true,
      fields: {
        edition: optional(string),
        id: optional(string),
        type: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "SubscriptionAddon",
      description: "",
      since: "0.1.0",
      nestedOnly: true,
      fields: {
        addonAdded: optional(string),
        addonId: optional(string),
        name: optional(string),
        trialEnds: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "Subscription",
      description: "",
      since: "0.1.0",
      fields: {
        acquisition_mode: optional(string),
        addons: optional(array(ref("SubscriptionAddon"))),
        allowCancellation: optional(boolean),
        hasUsedTrial: optional(boolean),
        isConverted: optional(boolean),
        maxUserLimit: optional(number),
        signedUsersCount: optional(number),
        type: optional(string),
        usersAllowed: optional(number),
        usersCount: optional(number),
      },
    },
    {
      _tag: "Model",
      name: "TrackingProperties",
      description: "",
      since: "0.1.0",
      nestedOnly: true,
      fields: {
        enableLiveChat: optional(boolean),
        ignoreConversion: optional(boolean),
        shouldTrack: optional(boolean),
      },
    },
    {
      _tag: "Model",
      name: "Account",
      description: "A Quantive Results account: name, domain, settings, subscription details " +
        "(`accountResponse`).",
      since: "0.1.0",
      fields: {
        id: required(string, "The account's unique identifier."),
        name: required(string, "The account's name (`accountName` in the update body)."),
        domain: required(string, "The account's domain name, as `POST /accounts/domain` checks it."),
        accountMarketingInfo: optional(ref("AccountMarketingInfo")),
        billingSystem: optional(string),
        companyDescription: optional(ref("CompanyDescription")),
        confidenceSettings: optional(ref("ConfidenceSettings"), "The confidence levels of the account."),
        csManaged: optional(boolean),
        dateCreated: optional(string, "When the account was created (an ISO date)."),
        edition: optional(ref("Edition"), "The edition (plan) the account runs on."),
        isActive: optional(boolean, "Whether the account is active."),
        language: optional(string, "The account's language."),
        methodologySummary: optional(string),
        notifications: optional(
          ref("Notifications"),
          "The account's notification settings: cadences, deadlines and report options.",
        ),
        ownerId: optional(string, "The id of the user who owns the account."),
        products: optional(array(ref("Product"))),
        saasSubscriptionId: optional(string),
        settings: optional(string),
        subscriptionId: optional(string),
        subscriptionProvider: optional(string),
        subscriptions: optional(array(ref("Subscription")), "The account's subscriptions."),
        trackingProperties: optional(ref("TrackingProperties")),
        trialEnds: optional(string),
        type: optional(number),
        useQuantiveAuth0Domain: optional(boolean),
      },
    },
    {
      _tag: "Model",
      name: "AccountUpdateParams",
      description: "The body of `PATCH /accounts/{id}` (`accountRequest`): every field optional, at least " +
        "one required. Note the request names the account `accountName`, while the response " +
        "calls it `name`.",
      since: "0.1.0",
      atLeastOneField: "the patch is empty: give at least one field to change",
      fields: {
        accountMarketingInfo: optional(ref("AccountMarketingInfo")),
        accountName: optional(nonEmptyString),
        companyDescription: optional(ref("CompanyDescription")),
        domain: optional(nonEmptyString),
        language: optional(string),
        methodologySummary: optional(string),
        settings: optional(string),
        useQuantiveAuth0Domain: optional(boolean),
      },
    },
    {
      _tag: "Model",
      name: "AccountCheckDomainParams",
      description: "The body of `POST /accounts/domain` (`domainRequest`).",
      since: "0.1.0",
      fields: {
        accountName: required(nonEmptyString),
        domain: required(nonEmptyString),
      },
    },
  ],
}
