/**
 * The `userSettings` object of a user (seed 001): the personal, mostly UI, preferences the web app keeps per user
 * (checklist, dashboards, favourites, grids, navigation, whiteboards, ...). Every field the samples show is modelled,
 * all optional, and unknown extra fields are tolerated (ignored on decode). Objects the reference shows as `{}`
 * (`insightboardParams`, `onboardingMetadata`) are open records of unknown values.
 *
 * The `GET /users` sample shows `dashboardSettings[].settings` as `["DashboardItemSetting"]`, a type name rather than
 * a value; it is modelled after the expanded form the `GET /users/{userId}` sample shows (`DashboardItemSetting`),
 * whose `dynamicValues` (`["DashboardDynamicValue"]`, a type the reference never expands) are `unknown`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { optional } from "./internal/schema.ts"

const UnknownRecord = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * The onboarding checklist: which cards are shown and which first steps are done.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserChecklist {
  readonly optOut?: boolean
  readonly showCards?: {
    readonly inviteTeammate?: boolean
    readonly visitDemoAccount?: boolean
    readonly visitMarketplace?: boolean
  }
  readonly stepsV1?: {
    readonly createdOkr?: boolean
    readonly invitedTeammate?: boolean
    readonly visitedDemoAccount?: boolean
    readonly visitedMarketplace?: boolean
    readonly watchedVideo?: boolean
  }
  readonly stepsV1Completed?: boolean
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const UserChecklist: Schema.Schema<UserChecklist> = Schema.Struct({
  optOut: optional(Schema.Boolean),
  showCards: optional(Schema.Struct({
    inviteTeammate: optional(Schema.Boolean),
    visitDemoAccount: optional(Schema.Boolean),
    visitMarketplace: optional(Schema.Boolean),
  })),
  stepsV1: optional(Schema.Struct({
    createdOkr: optional(Schema.Boolean),
    invitedTeammate: optional(Schema.Boolean),
    visitedDemoAccount: optional(Schema.Boolean),
    visitedMarketplace: optional(Schema.Boolean),
    watchedVideo: optional(Schema.Boolean),
  })),
  stepsV1Completed: optional(Schema.Boolean),
})

/**
 * One saved setting of a dashboard item. `dynamicValues` holds `DashboardDynamicValue`s, a type the reference names
 * but never shows, so its elements are `unknown`.
 *
 * @since 0.1.0
 * @category models
 */
export interface DashboardItemSetting {
  readonly dynamicValues?: ReadonlyArray<unknown>
  readonly name?: string
  readonly value?: string
  readonly valueDisplayName?: string
  readonly valueDisplayNameAsArray?: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const DashboardItemSetting: Schema.Schema<DashboardItemSetting> = Schema.Struct({
  dynamicValues: optional(Schema.Array(Schema.Unknown)),
  name: optional(Schema.String),
  value: optional(Schema.String),
  valueDisplayName: optional(Schema.String),
  valueDisplayNameAsArray: optional(Schema.Array(Schema.String)),
})

/**
 * The saved settings of one dashboard.
 *
 * @since 0.1.0
 * @category models
 */
export interface DashboardSettings {
  readonly dashboardId?: string
  readonly settings?: ReadonlyArray<DashboardItemSetting>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const DashboardSettings: Schema.Schema<DashboardSettings> = Schema.Struct({
  dashboardId: optional(Schema.String),
  settings: optional(Schema.Array(DashboardItemSetting)),
})

/**
 * Which insight template suggestions the user has seen or dismissed, per insightboard.
 *
 * @since 0.1.0
 * @category models
 */
export interface InsightTemplateSuggestions {
  readonly dismissed?: boolean
  readonly insightboards?: ReadonlyArray<{
    readonly insightboardId?: string
    readonly linkToMarketplaceDismissed?: boolean
    readonly numberOfSuggestionsToShow?: number
  }>
  readonly tooltipShown?: boolean
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const InsightTemplateSuggestions: Schema.Schema<InsightTemplateSuggestions> = Schema.Struct({
  dismissed: optional(Schema.Boolean),
  insightboards: optional(Schema.Array(Schema.Struct({
    insightboardId: optional(Schema.String),
    linkToMarketplaceDismissed: optional(Schema.Boolean),
    numberOfSuggestionsToShow: optional(Schema.Number),
  }))),
  tooltipShown: optional(Schema.Boolean),
})

/**
 * Which items of the left navigation are shown, and whether it is closed.
 *
 * @since 0.1.0
 * @category models
 */
export interface LeftNavItems {
  readonly hub?: boolean
  readonly insights?: boolean
  readonly leftNavIsClosed?: boolean
  readonly lists?: boolean
  readonly okrs?: boolean
  readonly people?: boolean
  readonly reports?: boolean
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const LeftNavItems: Schema.Schema<LeftNavItems> = Schema.Struct({
  hub: optional(Schema.Boolean),
  insights: optional(Schema.Boolean),
  leftNavIsClosed: optional(Schema.Boolean),
  lists: optional(Schema.Boolean),
  okrs: optional(Schema.Boolean),
  people: optional(Schema.Boolean),
  reports: optional(Schema.Boolean),
})

/**
 * How an OKR list is grouped and sorted (`myOkrsGrouping`, `teamsOkrsGrouping`).
 *
 * @since 0.1.0
 * @category models
 */
export interface OkrsGrouping {
  readonly groupBy?: string
  readonly sortBy?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const OkrsGrouping: Schema.Schema<OkrsGrouping> = Schema.Struct({
  groupBy: optional(Schema.String),
  sortBy: optional(Schema.String),
})

/**
 * The session filters of the employee profile page.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProfilesSettings {
  readonly employeeProfileSettings?: {
    readonly processSessionFilter?: { readonly sessionIds?: ReadonlyArray<string> }
    readonly progressSessionFilter?: { readonly sessionIds?: ReadonlyArray<string> }
  }
}

const SessionFilter = Schema.Struct({ sessionIds: optional(Schema.Array(Schema.String)) })

/**
 * @since 0.1.0
 * @category schemas
 */
export const ProfilesSettings: Schema.Schema<ProfilesSettings> = Schema.Struct({
  employeeProfileSettings: optional(Schema.Struct({
    processSessionFilter: optional(SessionFilter),
    progressSessionFilter: optional(SessionFilter),
  })),
})

/**
 * The property a resizable grid column shows, for one kind of item.
 *
 * @since 0.1.0
 * @category models
 */
export interface GridColumnProperty {
  readonly propertyName?: string
  readonly type?: string
  readonly viewName?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const GridColumnProperty: Schema.Schema<GridColumnProperty> = Schema.Struct({
  propertyName: optional(Schema.String),
  type: optional(Schema.String),
  viewName: optional(Schema.String),
})

/**
 * A grid column the user resized: the goal, metric and task property it shows, and its width.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResizableGridColumn {
  readonly goalProperty?: GridColumnProperty
  readonly metricProperty?: GridColumnProperty
  readonly taskProperty?: GridColumnProperty
  readonly width?: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const ResizableGridColumn: Schema.Schema<ResizableGridColumn> = Schema.Struct({
  goalProperty: optional(GridColumnProperty),
  metricProperty: optional(GridColumnProperty),
  taskProperty: optional(GridColumnProperty),
  width: optional(Schema.Number),
})

/**
 * The personal settings of a user (the `userSettings` field of `User`): favourites (`favs`), grid columns, navigation,
 * onboarding, saved code snippets, opened whiteboards, and more. `alignmentTreeFilter` holds strings, as the reference
 * shows, not arrays.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserSettings {
  readonly alertSettings?: {
    readonly hidePiSettingsAccountAndDomainAlert?: boolean
    readonly hidePiSettingsMethodologyAlert?: boolean
  }
  readonly alignmentTreeFilter?: { readonly ownerIds?: string; readonly tags?: string; readonly teamIds?: string }
  readonly alignmentTreeMode?: string
  readonly checklist?: UserChecklist
  readonly collapsedEntities?: ReadonlyArray<string>
  readonly commentsOrdering?: string
  readonly customFieldsSettings?: { readonly hideManageOrderBanner?: boolean; readonly lastUpdated?: string }
  readonly dashboardSettings?: ReadonlyArray<DashboardSettings>
  readonly emailVerified?: boolean
  readonly favs?: ReadonlyArray<{ readonly id?: string; readonly name?: string; readonly type?: string }>
  readonly goalsGrid?: ReadonlyArray<
    { readonly field?: string; readonly isCustom?: boolean; readonly label?: string; readonly visible?: boolean }
  >
  readonly goalsTreeMode?: string
  readonly hasAcceptedPrivacyNotice?: boolean
  readonly homeCollapsedItems?: { readonly myOkrs?: boolean; readonly todo?: boolean }
  readonly homeScreen?: string
  readonly homeWidgets?: { readonly closed?: ReadonlyArray<string> }
  readonly insightTemplateSuggestions?: InsightTemplateSuggestions
  readonly insightboardParams?: { readonly [key: string]: unknown }
  readonly kpiVirtualGroups?: { readonly favorites?: ReadonlyArray<string> }
  readonly kpis?: { readonly from?: string; readonly groupBy?: string; readonly to?: string }
  readonly leftNavItems?: LeftNavItems
  readonly listFilters?: ReadonlyArray<string>
  readonly listIds?: ReadonlyArray<string>
  readonly myOkrsGrouping?: OkrsGrouping
  readonly newHomeExperience?: boolean
  readonly onboardingMetadata?: { readonly [key: string]: unknown }
  readonly organizationChartSettings?: {
    readonly showDeactivatedMembers?: boolean
    readonly showDeactivatedTeams?: boolean
  }
  readonly profilesSettings?: ProfilesSettings
  readonly reflections?: { readonly newLabel?: { readonly firstSeenAt?: string; readonly userHasPosted?: boolean } }
  readonly resizableGridColumns?: ReadonlyArray<ResizableGridColumn>
  readonly sessionsIds?: ReadonlyArray<
    { readonly linkedSessionIds?: ReadonlyArray<string>; readonly parentId?: string }
  >
  readonly showArchivedSessions?: boolean
  readonly showDeactivatedTeams?: boolean
  readonly showDeactivatedUsers?: boolean
  readonly snippets?: ReadonlyArray<{ readonly code?: string; readonly language?: string; readonly name?: string }>
  readonly surveys?: { readonly shown?: ReadonlyArray<string> }
  readonly taskOrder?: string
  readonly taskView?: string
  readonly teamsOkrsGrouping?: OkrsGrouping
  readonly teamsView?: string
  readonly theme?: string
  readonly treeViewOrder?: { readonly field?: string; readonly name?: string }
  readonly useDragMode?: boolean
  readonly useScrollbars?: boolean
  readonly verificationEmailSent?: boolean
  readonly whiteboards?: {
    readonly opened?: ReadonlyArray<{ readonly id?: string; readonly openedAt?: string; readonly zoom?: number }>
  }
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const UserSettings: Schema.Schema<UserSettings> = Schema.Struct({
  alertSettings: optional(Schema.Struct({
    hidePiSettingsAccountAndDomainAlert: optional(Schema.Boolean),
    hidePiSettingsMethodologyAlert: optional(Schema.Boolean),
  })),
  alignmentTreeFilter: optional(Schema.Struct({
    ownerIds: optional(Schema.String),
    tags: optional(Schema.String),
    teamIds: optional(Schema.String),
  })),
  alignmentTreeMode: optional(Schema.String),
  checklist: optional(UserChecklist),
  collapsedEntities: optional(Schema.Array(Schema.String)),
  commentsOrdering: optional(Schema.String),
  customFieldsSettings: optional(Schema.Struct({
    hideManageOrderBanner: optional(Schema.Boolean),
    lastUpdated: optional(Schema.String),
  })),
  dashboardSettings: optional(Schema.Array(DashboardSettings)),
  emailVerified: optional(Schema.Boolean),
  favs: optional(Schema.Array(Schema.Struct({
    id: optional(Schema.String),
    name: optional(Schema.String),
    type: optional(Schema.String),
  }))),
  goalsGrid: optional(Schema.Array(Schema.Struct({
    field: optional(Schema.String),
    isCustom: optional(Schema.Boolean),
    label: optional(Schema.String),
    visible: optional(Schema.Boolean),
  }))),
  goalsTreeMode: optional(Schema.String),
  hasAcceptedPrivacyNotice: optional(Schema.Boolean),
  homeCollapsedItems: optional(Schema.Struct({ myOkrs: optional(Schema.Boolean), todo: optional(Schema.Boolean) })),
  homeScreen: optional(Schema.String),
  homeWidgets: optional(Schema.Struct({ closed: optional(Schema.Array(Schema.String)) })),
  insightTemplateSuggestions: optional(InsightTemplateSuggestions),
  insightboardParams: optional(UnknownRecord),
  kpiVirtualGroups: optional(Schema.Struct({ favorites: optional(Schema.Array(Schema.String)) })),
  kpis: optional(Schema.Struct({
    from: optional(Schema.String),
    groupBy: optional(Schema.String),
    to: optional(Schema.String),
  })),
  leftNavItems: optional(LeftNavItems),
  listFilters: optional(Schema.Array(Schema.String)),
  listIds: optional(Schema.Array(Schema.String)),
  myOkrsGrouping: optional(OkrsGrouping),
  newHomeExperience: optional(Schema.Boolean),
  onboardingMetadata: optional(UnknownRecord),
  organizationChartSettings: optional(Schema.Struct({
    showDeactivatedMembers: optional(Schema.Boolean),
    showDeactivatedTeams: optional(Schema.Boolean),
  })),
  profilesSettings: optional(ProfilesSettings),
  reflections: optional(Schema.Struct({
    newLabel: optional(Schema.Struct({
      firstSeenAt: optional(Schema.String),
      userHasPosted: optional(Schema.Boolean),
    })),
  })),
  resizableGridColumns: optional(Schema.Array(ResizableGridColumn)),
  sessionsIds: optional(Schema.Array(Schema.Struct({
    linkedSessionIds: optional(Schema.Array(Schema.String)),
    parentId: optional(Schema.String),
  }))),
  showArchivedSessions: optional(Schema.Boolean),
  showDeactivatedTeams: optional(Schema.Boolean),
  showDeactivatedUsers: optional(Schema.Boolean),
  snippets: optional(Schema.Array(Schema.Struct({
    code: optional(Schema.String),
    language: optional(Schema.String),
    name: optional(Schema.String),
  }))),
  surveys: optional(Schema.Struct({ shown: optional(Schema.Array(Schema.String)) })),
  taskOrder: optional(Schema.String),
  taskView: optional(Schema.String),
  teamsOkrsGrouping: optional(OkrsGrouping),
  teamsView: optional(Schema.String),
  theme: optional(Schema.String),
  treeViewOrder: optional(Schema.Struct({ field: optional(Schema.String), name: optional(Schema.String) })),
  useDragMode: optional(Schema.Boolean),
  useScrollbars: optional(Schema.Boolean),
  verificationEmailSent: optional(Schema.Boolean),
  whiteboards: optional(Schema.Struct({
    opened: optional(Schema.Array(Schema.Struct({
      id: optional(Schema.String),
      openedAt: optional(Schema.String),
      zoom: optional(Schema.Number),
    }))),
  })),
})
