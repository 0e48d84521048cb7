/**
 * The fake server's `userSettings` of the Users data: every field of the API's sample, drawn
 * deterministically from a seeded generator. Plain data, no Effect.
 *
 * @internal
 */
import { pick } from "./data.ts"
import { chance, DAY, deepFreeze, either, hexId, isoDate, MINUTE, sharedBy, type UserContext } from "./seeded.ts"

const FAVS = ["Grow ARR", "Ship v2", "Hire 10 engineers"]
const HOME_SCREENS = ["home", "home", "okrs", "insightboards"]

const memos = new WeakMap<UserContext, (key: string, make: () => unknown) => unknown>()

/** The context's memo of shared, frozen sub-objects: the same draws give the same object. */
const memoOf = (ctx: UserContext) => {
  let memo = memos.get(ctx)
  if (memo === undefined) {
    memo = sharedBy<unknown>()
    memos.set(ctx, memo)
  }
  return memo as <A>(key: string, make: () => A) => A
}

const EMPTY_LIST: ReadonlyArray<never> = deepFreeze([])
const EMPTY_OBJECT = deepFreeze({})
const TREE_FILTER = deepFreeze({ ownerIds: "", tags: "", teamIds: "" })
const NO_FAVORITES = deepFreeze({ favorites: EMPTY_LIST })
const ORG_CHART = deepFreeze({ showDeactivatedMembers: false, showDeactivatedTeams: false })
const SNIPPETS = deepFreeze([{ code: "SELECT count(*) FROM goals", language: "sql", name: "Goal count" }])
const TEAMS_OKRS_GROUPING = deepFreeze({ groupBy: "session", sortBy: "name" })
const TREE_VIEW_ORDER = deepFreeze({ field: "name", name: "Name" })

/**
 * A user's `userSettings`: the session filters pick among `ctx.sessions`, the dates fall after `created`. The top
 * object is the user's own; sub-objects that many users have alike are shared and frozen (see `deepFreeze`). The
 * draws are the same, in the same order, as when every object was a user's own.
 *
 * @internal
 */
export const userSettings = (
  random: () => number,
  ctx: UserContext,
  teamIds: ReadonlyArray<string>,
  created: number,
) => {
  const memo = memoOf(ctx)
  const session = pick(random, ctx.sessions)
  const parent = ctx.sessions[0]!
  const later = (days: number) => isoDate(created + Math.floor(random() * days) * DAY + 9 * 60 * MINUTE)
  const property = (viewName: string) => ({ propertyName: "name", type: "string", viewName })
  const bits = (...flags: ReadonlyArray<boolean>) => flags.map((flag) => (flag ? "1" : "0")).join("")
  const alert = (hide: boolean) =>
    memo(`alert ${hide}`, () => ({ hidePiSettingsAccountAndDomainAlert: hide, hidePiSettingsMethodologyAlert: false }))
  const checklist = (...f: ReadonlyArray<boolean>) =>
    memo(`checklist ${bits(...f)}`, () => ({
      optOut: f[0]!,
      showCards: { inviteTeammate: true, visitDemoAccount: f[1]!, visitMarketplace: true },
      stepsV1: {
        createdOkr: f[2]!,
        invitedTeammate: f[3]!,
        visitedDemoAccount: f[4]!,
        visitedMarketplace: f[5]!,
        watchedVideo: f[6]!,
      },
      stepsV1Completed: f[7]!,
    }))
  const goalsGrid = (ownerVisible: boolean) =>
    memo(`goalsGrid ${ownerVisible}`, () => [
      { field: "name", isCustom: false, label: "Name", visible: true },
      { field: "attainment", isCustom: false, label: "Progress", visible: true },
      { field: "owner", isCustom: false, label: "Owner", visible: ownerVisible },
    ])
  const leftNav = (closed: boolean, reports: boolean) =>
    memo(`leftNav ${closed} ${reports}`, () => ({
      hub: true,
      insights: true,
      leftNavIsClosed: closed,
      lists: true,
      okrs: true,
      people: true,
      reports,
    }))
  const homeCollapsed = (todo: boolean) => memo(`home ${todo}`, () => ({ myOkrs: false, todo }))
  const width = (w: number) =>
    memo(`columns ${w}`, () => [{
      goalProperty: property("okrs"),
      metricProperty: property("okrs"),
      taskProperty: property("tasks"),
      width: w,
    }])
  return {
    alertSettings: alert(chance(random, 0.3)),
    alignmentTreeFilter: chance(random, 0.2) ? { ownerIds: "", tags: "", teamIds: teamIds.join(",") } : TREE_FILTER,
    alignmentTreeMode: either(random, "tree", "list"),
    checklist: checklist(
      chance(random, 0.2),
      chance(random, 0.5),
      chance(random, 0.8),
      chance(random, 0.4),
      chance(random, 0.3),
      chance(random, 0.3),
      chance(random, 0.5),
      chance(random, 0.25),
    ),
    collapsedEntities: chance(random, 0.3) ? [hexId(random)] : EMPTY_LIST,
    commentsOrdering: either(random, "newest", "oldest"),
    customFieldsSettings: { hideManageOrderBanner: chance(random, 0.5), lastUpdated: later(400) },
    dashboardSettings: [{
      dashboardId: hexId(random),
      settings: memo(`dashboard ${session.id}`, () => [{
        dynamicValues: [],
        name: "sessionId",
        value: session.id,
        valueDisplayName: session.name,
        valueDisplayNameAsArray: [session.name],
      }]),
    }],
    emailVerified: chance(random, 0.9),
    favs: [{ id: hexId(random), name: pick(random, FAVS), type: "goal" }],
    goalsGrid: goalsGrid(chance(random, 0.7)),
    goalsTreeMode: either(random, "expanded", "collapsed"),
    hasAcceptedPrivacyNotice: chance(random, 0.95),
    homeCollapsedItems: homeCollapsed(chance(random, 0.2)),
    homeScreen: pick(random, HOME_SCREENS),
    homeWidgets: chance(random, 0.3) ? memo("widgets closed", () => ({ closed: ["gettingStarted"] })) : memo(
      "widgets open",
      () => ({ closed: EMPTY_LIST }),
    ),
    insightTemplateSuggestions: {
      dismissed: chance(random, 0.4),
      insightboards: [{
        insightboardId: hexId(random),
        linkToMarketplaceDismissed: false,
        numberOfSuggestionsToShow: 3,
      }],
      tooltipShown: chance(random, 0.6),
    },
    insightboardParams: EMPTY_OBJECT,
    kpiVirtualGroups: chance(random, 0.3) ? { favorites: [hexId(random)] } : NO_FAVORITES,
    kpis: either(random, "week", "month") === "week" ? memo("kpis week", () => kpis("week")) : memo(
      "kpis month",
      () => kpis("month"),
    ),
    leftNavItems: leftNav(chance(random, 0.15), chance(random, 0.8)),
    listFilters: EMPTY_LIST,
    listIds: chance(random, 0.25) ? [hexId(random)] : EMPTY_LIST,
    myOkrsGrouping: either(random, "session", "team") === "session"
      ? memo("grouping session", () => ({ groupBy: "session", sortBy: "dateCreated" }))
      : memo("grouping team", () => ({ groupBy: "team", sortBy: "dateCreated" })),
    newHomeExperience: chance(random, 0.6),
    onboardingMetadata: EMPTY_OBJECT,
    organizationChartSettings: ORG_CHART,
    profilesSettings: memo(`profiles ${session.id}`, () => ({
      employeeProfileSettings: {
        processSessionFilter: { sessionIds: [session.id] },
        progressSessionFilter: { sessionIds: [session.id] },
      },
    })),
    reflections: { newLabel: { firstSeenAt: later(300), userHasPosted: chance(random, 0.3) } },
    resizableGridColumns: width(240 + 40 * Math.floor(random() * 4)),
    sessionsIds: memo(`sessions ${session.id}`, () => [{ linkedSessionIds: [session.id], parentId: parent.id }]),
    showArchivedSessions: false,
    showDeactivatedTeams: false,
    showDeactivatedUsers: chance(random, 0.1),
    snippets: SNIPPETS,
    surveys: chance(random, 0.5) ? memo("surveys nps", () => ({ shown: ["nps-2024"] })) : memo(
      "surveys none",
      () => ({ shown: EMPTY_LIST }),
    ),
    taskOrder: either(random, "dueDate", "name"),
    taskView: either(random, "list", "board"),
    teamsOkrsGrouping: TEAMS_OKRS_GROUPING,
    teamsView: either(random, "chart", "list"),
    theme: random() < 0.7 ? "light" : "dark",
    treeViewOrder: TREE_VIEW_ORDER,
    useDragMode: false,
    useScrollbars: chance(random, 0.2),
    verificationEmailSent: true,
    whiteboards: { opened: [{ id: hexId(random), openedAt: later(500), zoom: 1 }] },
  }
}

const kpis = (groupBy: string) => ({ from: "2024-01-01", groupBy, to: "2024-12-31" })
