/**
 * The fake server's `userSettings` of the Users data (seed 001): every field of the seed's sample, drawn
 * deterministically from a seeded generator. Plain data, no Effect.
 *
 * @internal
 */
import { pick } from "./data.ts"
import { chance, DAY, either, hexId, isoDate, MINUTE, type UserContext } from "./seeded.ts"

const FAVS = ["Grow ARR", "Ship v2", "Hire 10 engineers"]
const HOME_SCREENS = ["home", "home", "okrs", "insightboards"]

/**
 * A user's `userSettings`: the session filters pick among `ctx.sessions`, the dates fall after `created`.
 *
 * @internal
 */
export const userSettings = (
  random: () => number,
  ctx: UserContext,
  teamIds: ReadonlyArray<string>,
  created: number,
) => {
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
