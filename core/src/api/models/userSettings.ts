/**
 * The UserSettings models of the Quantive Results API, described as plain data.
 *
 * @since 0.4.0
 */
import { array, boolean, type ModelModule, number, optional, record, ref, string, struct, unknown } from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const userSettings: ModelModule = {
  module: "UserSettings",
  description: "The `userSettings` object of a user: the personal, mostly UI, preferences the web app " +
    "keeps per user (checklist, dashboards, favourites, grids, navigation, whiteboards, " +
    "...). Every field the samples show is modelled, all optional, and unknown extra fields " +
    "are tolerated (ignored on decode). Objects the reference shows as `{}` " +
    "(`insightboardParams`, `onboardingMetadata`) are open records of unknown values.\n\nThe " +
    '`GET /users` sample shows `dashboardSettings[].settings` as `["DashboardItemSetting"]`, ' +
    "a type name rather than a value; it is modelled after the expanded form the `GET " +
    "/users/{userId}` sample shows (`DashboardItemSetting`), whose `dynamicValues` " +
    '(`["DashboardDynamicValue"]`, a type the reference never expands) are `unknown`.',
  since: "0.1.0",
  declarations: [
    {
      _tag: "Model",
      name: "UserChecklist",
      description: "The onboarding checklist: which cards are shown and which first steps are done.",
      since: "0.1.0",
      fields: {
        optOut: optional(boolean),
        showCards: optional(struct({
          inviteTeammate: optional(boolean),
          visitDemoAccount: optional(boolean),
          visitMarketplace: optional(boolean),
        })),
        stepsV1: optional(struct({
          createdOkr: optional(boolean),
          invitedTeammate: optional(boolean),
          visitedDemoAccount: optional(boolean),
          visitedMarketplace: optional(boolean),
          watchedVideo: optional(boolean),
        })),
        stepsV1Completed: optional(boolean),
      },
    },
    {
      _tag: "Model",
      name: "DashboardItemSetting",
      description: "One saved setting of a dashboard item. `dynamicValues` holds `DashboardDynamicValue`s, " +
        "a type the reference names but never shows, so its elements are `unknown`.",
      since: "0.1.0",
      fields: {
        dynamicValues: optional(array(unknown)),
        name: optional(string),
        value: optional(string),
        valueDisplayName: optional(string),
        valueDisplayNameAsArray: optional(array(string)),
      },
    },
    {
      _tag: "Model",
      name: "DashboardSettings",
      description: "The saved settings of one dashboard.",
      since: "0.1.0",
      fields: {
        dashboardId: optional(string),
        settings: optional(array(ref("DashboardItemSetting"))),
      },
    },
    {
      _tag: "Model",
      name: "InsightTemplateSuggestions",
      description: "Which insight template suggestions the user has seen or dismissed, per insightboard.",
      since: "0.1.0",
      fields: {
        dismissed: optional(boolean),
        insightboards: optional(array(struct({
          insightboardId: optional(string),
          linkToMarketplaceDismissed: optional(boolean),
          numberOfSuggestionsToShow: optional(number),
        }))),
        tooltipShown: optional(boolean),
      },
    },
    {
      _tag: "Model",
      name: "LeftNavItems",
      description: "Which items of the left navigation are shown, and whether it is closed.",
      since: "0.1.0",
      fields: {
        hub: optional(boolean),
        insights: optional(boolean),
        leftNavIsClosed: optional(boolean),
        lists: optional(boolean),
        okrs: optional(boolean),
        people: optional(boolean),
        reports: optional(boolean),
      },
    },
    {
      _tag: "Model",
      name: "OkrsGrouping",
      description: "How an OKR list is grouped and sorted (`myOkrsGrouping`, `teamsOkrsGrouping`).",
      since: "0.1.0",
      fields: {
        groupBy: optional(string),
        sortBy: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "ProfilesSettings",
      description: "The session filters of the employee profile page.",
      since: "0.1.0",
      fields: {
        employeeProfileSettings: optional(struct({
          processSessionFilter: optional(struct({
            sessionIds: optional(array(string)),
          })),
          progressSessionFilter: optional(struct({
            sessionIds: optional(array(string)),
          })),
        })),
      },
    },
    {
      _tag: "Model",
      name: "GridColumnProperty",
      description: "The property a resizable grid column shows, for one kind of item.",
      since: "0.1.0",
      fields: {
        propertyName: optional(string),
        type: optional(string),
        viewName: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "ResizableGridColumn",
      description: "A grid column the user resized: the goal, metric and task property it shows, and its " +
        "width.",
      since: "0.1.0",
      fields: {
        goalProperty: optional(ref("GridColumnProperty")),
        metricProperty: optional(ref("GridColumnProperty")),
        taskProperty: optional(ref("GridColumnProperty")),
        width: optional(number),
      },
    },
    {
      _tag: "Model",
      name: "UserSettings",
      description: "The personal settings of a user (the `userSettings` field of `User`): favourites " +
        "(`favs`), grid columns, navigation, onboarding, saved code snippets, opened " +
        "whiteboards, and more. `alignmentTreeFilter` holds strings, as the reference shows, not " +
        "arrays.",
      since: "0.1.0",
      fields: {
        alertSettings: optional(struct({
          hidePiSettingsAccountAndDomainAlert: optional(boolean),
          hidePiSettingsMethodologyAlert: optional(boolean),
        })),
        alignmentTreeFilter: optional(struct({
          ownerIds: optional(string),
          tags: optional(string),
          teamIds: optional(string),
        })),
        alignmentTreeMode: optional(string),
        checklist: optional(ref("UserChecklist")),
        collapsedEntities: optional(array(string)),
        commentsOrdering: optional(string),
        customFieldsSettings: optional(struct({
          hideManageOrderBanner: optional(boolean),
          lastUpdated: optional(string),
        })),
        dashboardSettings: optional(array(ref("DashboardSettings"))),
        emailVerified: optional(boolean),
        favs: optional(array(struct({
          id: optional(string),
          name: optional(string),
          type: optional(string),
        }))),
        goalsGrid: optional(array(struct({
          field: optional(string),
          isCustom: optional(boolean),
          label: optional(string),
          visible: optional(boolean),
        }))),
        goalsTreeMode: optional(string),
        hasAcceptedPrivacyNotice: optional(boolean),
        homeCollapsedItems: optional(struct({
          myOkrs: optional(boolean),
          todo: optional(boolean),
        })),
        homeScreen: optional(string),
        homeWidgets: optional(struct({
          closed: optional(array(string)),
        })),
        insightTemplateSuggestions: optional(ref("InsightTemplateSuggestions")),
        insightboardParams: optional(record(unknown)),
        kpiVirtualGroups: optional(struct({
          favorites: optional(array(string)),
        })),
        kpis: optional(struct({
          from: optional(string),
          groupBy: optional(string),
          to: optional(string),
        })),
        leftNavItems: optional(ref("LeftNavItems")),
        listFilters: optional(array(string)),
        listIds: optional(array(string)),
        myOkrsGrouping: optional(ref("OkrsGrouping")),
        newHomeExperience: optional(boolean),
        onboardingMetadata: optional(record(unknown)),
        organizationChartSettings: optional(struct({
          showDeactivatedMembers: optional(boolean),
          showDeactivatedTeams: optional(boolean),
        })),
        profilesSettings: optional(ref("ProfilesSettings")),
        reflections: optional(struct({
          newLabel: optional(struct({
            firstSeenAt: optional(string),
            userHasPosted: optional(boolean),
          })),
        })),
        resizableGridColumns: optional(array(ref("ResizableGridColumn"))),
        sessionsIds: optional(array(struct({
          linkedSessionIds: optional(array(string)),
          parentId: optional(string),
        }))),
        showArchivedSessions: optional(boolean),
        showDeactivatedTeams: optional(boolean),
        showDeactivatedUsers: optional(boolean),
        snippets: optional(array(struct({
          code: optional(string),
          language: optional(string),
          name: optional(string),
        }))),
        surveys: optional(struct({
          shown: optional(array(string)),
        })),
        taskOrder: optional(string),
        taskView: optional(string),
        teamsOkrsGrouping: optional(ref("OkrsGrouping")),
        teamsView: optional(string),
        theme: optional(string),
        treeViewOrder: optional(struct({
          field: optional(string),
          name: optional(string),
        })),
        useDragMode: optional(boolean),
        useScrollbars: optional(boolean),
        verificationEmailSent: optional(boolean),
        whiteboards: optional(struct({
          opened: optional(array(struct({
            id: optional(string),
            openedAt: optional(string),
            zoom: optional(number),
          }))),
        })),
      },
    },
  ],
}
