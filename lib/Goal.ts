/**
 * The Goal (objective) models of seed 003: the goal with its metrics and tasks that the deprecated
 * `PUT /goals/{goalId}` answers (`goalMetricsLinksResponse`), the stored goal that the deprecated
 * `PUT /goals/{goalId}/confidence` answers (`goal`, whose nested objects use capitalised field names), and their
 * request bodies. Every field the samples show is modelled; all but the goal's `id` are optional, and unknown extra
 * fields are tolerated (ignored on decode). The building blocks shared with metrics (assignees, tags, permissions,
 * links) live in `Okr.ts`, the tasks in `GoalTask.ts`, and the approval workflow and closed state in
 * `GoalWorkflow.ts`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { NonEmpty, optional } from "./internal/schema.ts"
import { GoalTask } from "./GoalTask.ts"
import { GoalApprovalWorkflow, GoalClosedState, GoalWorkflow } from "./GoalWorkflow.ts"
import { Metric } from "./Metric.ts"
import { OkrAccess, OkrAssignee, OkrClosedStatus, OkrOwnerPermission, OkrParent, OkrPermission, OkrTag } from "./Okr.ts"
import { OkrLinks } from "./OkrLinks.ts"
import { TeamTag } from "./Team.ts"

const Ids = Schema.Array(Schema.String)
const UnknownRecord = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * One policy of a goal's design score: whether the goal passes it, and the points it scores. The goal update's
 * sample says `isPassed`, the confidence update's `passed`; both are modelled.
 *
 * @since 0.1.0
 * @category models
 */
export interface GoalDesignPolicy {
  readonly isPassed?: boolean
  readonly passed?: boolean
  readonly policy?: string
  readonly score?: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const GoalDesignPolicy: Schema.Schema<GoalDesignPolicy> = Schema.Struct({
  isPassed: optional(Schema.Boolean),
  passed: optional(Schema.Boolean),
  policy: optional(Schema.String),
  score: optional(Schema.Number),
})

/**
 * How well a goal is written: the policies it was scored against and its total points.
 *
 * @since 0.1.0
 * @category models
 */
export interface GoalDesignScore {
  readonly policies?: ReadonlyArray<GoalDesignPolicy>
  readonly totalPoints?: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const GoalDesignScore: Schema.Schema<GoalDesignScore> = Schema.Struct({
  policies: optional(Schema.Array(GoalDesignPolicy)),
  totalPoints: optional(Schema.Number),
})

/**
 * An objective with its metrics, tasks and links (seed 003, `goalMetricsLinksResponse`), as the deprecated
 * `PUT /goals/{goalId}` answers: its name and description, its owners and assignees, its session and parent, its
 * attainment (own, aggregated, of its children), its design score, its approval workflow, and whether it is
 * `locked` (a locked goal cannot be updated: 423).
 *
 * @since 0.1.0
 * @category models
 */
export interface GoalWithMetrics {
  readonly id: string
  readonly access?: OkrAccess
  readonly accountId?: string
  readonly aggregatedAttainment?: number
  readonly assignee?: OkrAssignee
  readonly assignees?: ReadonlyArray<OkrAssignee>
  readonly attainment?: number
  readonly attainmentTypeString?: string
  readonly childrenAggregatedAttainment?: number
  readonly childrenCount?: number
  readonly closedStatus?: OkrClosedStatus
  readonly createdById?: string
  readonly currentUserAllowedActions?: ReadonlyArray<string>
  readonly dateCreated?: string
  readonly dateFrom?: string
  readonly dateTo?: string
  readonly description?: string
  readonly designScore?: GoalDesignScore
  readonly duration?: number
  readonly fullAggregatedAttainment?: number
  readonly fullSubTreeCount?: number
  readonly lastCalculated?: string
  readonly links?: OkrLinks
  readonly locked?: boolean
  readonly metrics?: ReadonlyArray<Metric>
  readonly metricsCount?: number
  readonly modifiedById?: string
  readonly name?: string
  readonly nonArchivedTasksCount?: number
  readonly numberOfOwners?: number
  readonly obfuscated?: boolean
  readonly orderId?: number
  readonly ownerId?: string
  readonly ownerIds?: ReadonlyArray<string>
  readonly parentGoalSessionId?: string
  readonly parentId?: string
  readonly parentType?: string
  readonly private?: boolean
  readonly sessionId?: string
  readonly subTreeCount?: number
  readonly tags?: ReadonlyArray<OkrTag>
  readonly tasks?: ReadonlyArray<GoalTask>
  readonly tasksCount?: number
  readonly url?: string
  readonly watchers?: ReadonlyArray<string>
  readonly workflow?: GoalWorkflow
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const GoalWithMetrics: Schema.Schema<GoalWithMetrics> = Schema.Struct({
  id: Schema.String,
  access: optional(OkrAccess),
  accountId: optional(Schema.String),
  aggregatedAttainment: optional(Schema.Number),
  assignee: optional(OkrAssignee),
  assignees: optional(Schema.Array(OkrAssignee)),
  attainment: optional(Schema.Number),
  attainmentTypeString: optional(Schema.String),
  childrenAggregatedAttainment: optional(Schema.Number),
  childrenCount: optional(Schema.Number),
  closedStatus: optional(OkrClosedStatus),
  createdById: optional(Schema.String),
  currentUserAllowedActions: optional(Schema.Array(Schema.String)),
  dateCreated: optional(Schema.String),
  dateFrom: optional(Schema.String),
  dateTo: optional(Schema.String),
  description: optional(Schema.String),
  designScore: optional(GoalDesignScore),
  duration: optional(Schema.Number),
  fullAggregatedAttainment: optional(Schema.Number),
  fullSubTreeCount: optional(Schema.Number),
  lastCalculated: optional(Schema.String),
  links: optional(OkrLinks),
  locked: optional(Schema.Boolean),
  metrics: optional(Schema.Array(Metric)),
  metricsCount: optional(Schema.Number),
  modifiedById: optional(Schema.String),
  name: optional(Schema.String),
  nonArchivedTasksCount: optional(Schema.Number),
  numberOfOwners: optional(Schema.Number),
  obfuscated: optional(Schema.Boolean),
  orderId: optional(Schema.Number),
  ownerId: optional(Schema.String),
  ownerIds: optional(Ids),
  parentGoalSessionId: optional(Schema.String),
  parentId: optional(Schema.String),
  parentType: optional(Schema.String),
  private: optional(Schema.Boolean),
  sessionId: optional(Schema.String),
  subTreeCount: optional(Schema.Number),
  tags: optional(Schema.Array(OkrTag)),
  tasks: optional(Schema.Array(GoalTask)),
  tasksCount: optional(Schema.Number),
  url: optional(Schema.String),
  watchers: optional(Ids),
  workflow: optional(GoalWorkflow),
})

/**
 * An objective as stored (seed 003, `goal`), as the deprecated `PUT /goals/{goalId}/confidence` answers: the goal's
 * fields in their stored form, with numeric enumerations (`attainmentType`, `calculationStatus`,
 * `deletionReason`), its deletion state (`isDeleted`, `deletedAt`, `deletedById`), its `parent`, and its permissions
 * (`inherits`, `owner_permissions`, `permissions`). Its `tags` are team-style tags (`TeamTag`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Goal {
  readonly id: string
  readonly accountId?: string
  readonly aggregatedAttainment?: number
  readonly attainment?: number
  readonly attainmentType?: number
  readonly calculationStatus?: number
  readonly childrenAggregatedAttainment?: number
  readonly childrenCount?: number
  readonly childrenKRAttainment?: number
  readonly closedStatus?: GoalClosedState
  readonly createdById?: string
  readonly dateCreated?: string
  readonly dateFrom?: string
  readonly dateTo?: string
  readonly deletedAt?: string
  readonly deletedById?: string
  readonly deletionReason?: number
  readonly description?: string
  readonly designScore?: GoalDesignScore
  readonly duration?: number
  readonly fullAggregatedAttainment?: number
  readonly fullSubTreeCount?: number
  readonly inherits?: boolean
  readonly isDeleted?: boolean
  readonly lastCalculated?: string
  readonly links?: OkrLinks
  readonly mentions?: { readonly [key: string]: unknown }
  readonly metricsAttainment?: number
  readonly metricsCount?: number
  readonly modifiedById?: string
  readonly name?: string
  readonly nonArchivedTasksCount?: number
  readonly orderId?: number
  readonly ownerIds?: ReadonlyArray<string>
  readonly owner_permissions?: OkrOwnerPermission
  readonly parent?: OkrParent
  readonly permissions?: ReadonlyArray<OkrPermission>
  readonly private?: boolean
  readonly sessionId?: string
  readonly subTreeCount?: number
  readonly tags?: ReadonlyArray<TeamTag>
  readonly tasksCount?: number
  readonly watchers?: ReadonlyArray<string>
  readonly workflow?: GoalApprovalWorkflow
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Goal: Schema.Schema<Goal> = Schema.Struct({
  id: Schema.String,
  accountId: optional(Schema.String),
  aggregatedAttainment: optional(Schema.Number),
  attainment: optional(Schema.Number),
  attainmentType: optional(Schema.Number),
  calculationStatus: optional(Schema.Number),
  childrenAggregatedAttainment: optional(Schema.Number),
  childrenCount: optional(Schema.Number),
  childrenKRAttainment: optional(Schema.Number),
  closedStatus: optional(GoalClosedState),
  createdById: optional(Schema.String),
  dateCreated: optional(Schema.String),
  dateFrom: optional(Schema.String),
  dateTo: optional(Schema.String),
  deletedAt: optional(Schema.String),
  deletedById: optional(Schema.String),
  deletionReason: optional(Schema.Number),
  description: optional(Schema.String),
  designScore: optional(GoalDesignScore),
  duration: optional(Schema.Number),
  fullAggregatedAttainment: optional(Schema.Number),
  fullSubTreeCount: optional(Schema.Number),
  inherits: optional(Schema.Boolean),
  isDeleted: optional(Schema.Boolean),
  lastCalculated: optional(Schema.String),
  links: optional(OkrLinks),
  mentions: optional(UnknownRecord),
  metricsAttainment: optional(Schema.Number),
  metricsCount: optional(Schema.Number),
  modifiedById: optional(Schema.String),
  name: optional(Schema.String),
  nonArchivedTasksCount: optional(Schema.Number),
  orderId: optional(Schema.Number),
  ownerIds: optional(Ids),
  owner_permissions: optional(OkrOwnerPermission),
  parent: optional(OkrParent),
  permissions: optional(Schema.Array(OkrPermission)),
  private: optional(Schema.Boolean),
  sessionId: optional(Schema.String),
  subTreeCount: optional(Schema.Number),
  tags: optional(Schema.Array(TeamTag)),
  tasksCount: optional(Schema.Number),
  watchers: optional(Ids),
  workflow: optional(GoalApprovalWorkflow),
})

/**
 * The body of the deprecated `PUT /goals/{goalId}` (seed 003, `goal`: "the object representing the goal to be
 * updated"): the fields to change, at least one. `customFields` is a string, as the sample shows it
 * (`"customFieldMultiselectDropdown:[\"…\"]"`); `links` is an open object (the sample shows `{}`); `ownerIds` is an
 * id list (the sample's `{}` stands for the `Ids` type).
 *
 * @since 0.1.0
 * @category models
 */
export interface GoalUpdateParams {
  readonly attainmentTypeString?: string
  readonly customFields?: string
  readonly description?: string
  readonly links?: { readonly [key: string]: unknown }
  readonly name?: string
  readonly ownerId?: string
  readonly ownerIds?: ReadonlyArray<string>
  readonly parentId?: string
  readonly private?: boolean
  readonly sessionId?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const GoalUpdateParams: Schema.Schema<GoalUpdateParams> = Schema.Struct({
  attainmentTypeString: optional(NonEmpty),
  customFields: optional(Schema.String),
  description: optional(Schema.String),
  links: optional(UnknownRecord),
  name: optional(NonEmpty),
  ownerId: optional(NonEmpty),
  ownerIds: optional(Schema.Array(NonEmpty)),
  parentId: optional(Schema.String),
  private: optional(Schema.Boolean),
  sessionId: optional(NonEmpty),
}).pipe(
  Schema.filter((patch) => Object.keys(patch).length > 0, {
    message: () => "the update is empty: give at least one field to change",
  }),
)

/**
 * The body of the deprecated `PUT /goals/{goalId}/confidence` (seed 003, `goalConfidence`): the goal's confidence
 * `value` (a finite number; the account's confidence settings give its scale) and, optionally, the `reason`.
 *
 * @since 0.1.0
 * @category models
 */
export interface GoalUpdateConfidenceParams {
  readonly value: number
  readonly reason?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const GoalUpdateConfidenceParams: Schema.Schema<GoalUpdateConfidenceParams> = Schema.Struct({
  value: Schema.Finite,
  reason: optional(Schema.String),
})
