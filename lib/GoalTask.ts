/**
 * The task models of seed 003's goals: the tasks that the deprecated `PUT /goals/{goalId}` answers with its goal
 * (`goalMetricsLinksResponse`), and their status history. Every field the samples show is modelled, all optional,
 * and unknown extra fields are tolerated (ignored on decode). Dates are ISO strings.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { optional } from "./internal/schema.ts"
import { OkrAccess, OkrAssignee } from "./Okr.ts"

/**
 * One status change of a task: from `oldStatus` to `newStatus`, by whom and when.
 *
 * @since 0.1.0
 * @category models
 */
export interface GoalTaskSnapshot {
  readonly id?: string
  readonly modifiedAt?: string
  readonly modifiedBy?: string
  readonly newStatus?: string
  readonly oldStatus?: string
  readonly previouslyModifiedAt?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const GoalTaskSnapshot: Schema.Schema<GoalTaskSnapshot> = Schema.Struct({
  id: optional(Schema.String),
  modifiedAt: optional(Schema.String),
  modifiedBy: optional(Schema.String),
  newStatus: optional(Schema.String),
  oldStatus: optional(Schema.String),
  previouslyModifiedAt: optional(Schema.String),
})

/**
 * A task of a goal: what is to be done, by whom (`assignee`, `ownerId`), by when (`dueDate`), its status and its
 * history (`snapshots`), and where it comes from (`externalSystem`, `externalId`).
 *
 * @since 0.1.0
 * @category models
 */
export interface GoalTask {
  readonly access?: OkrAccess
  readonly accountId?: string
  readonly archived?: boolean
  readonly assignee?: OkrAssignee
  readonly createdById?: string
  readonly dateCreated?: string
  readonly dateModified?: string
  readonly description?: string
  readonly dueDate?: string
  readonly externalId?: string
  readonly externalSystem?: string
  readonly id?: string
  readonly lastComment?: { readonly createdById?: string; readonly text?: string }
  readonly modifiedById?: string
  readonly name?: string
  readonly ownerId?: string
  readonly parentId?: string
  readonly parentName?: string
  readonly parentType?: string
  readonly priority?: number
  readonly sessionId?: string
  readonly snapshots?: ReadonlyArray<GoalTaskSnapshot>
  readonly status?: string
  readonly taskType?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const GoalTask: Schema.Schema<GoalTask> = Schema.Struct({
  access: optional(OkrAccess),
  accountId: optional(Schema.String),
  archived: optional(Schema.Boolean),
  assignee: optional(OkrAssignee),
  createdById: optional(Schema.String),
  dateCreated: optional(Schema.String),
  dateModified: optional(Schema.String),
  description: optional(Schema.String),
  dueDate: optional(Schema.String),
  externalId: optional(Schema.String),
  externalSystem: optional(Schema.String),
  id: optional(Schema.String),
  lastComment: optional(Schema.Struct({ createdById: optional(Schema.String), text: optional(Schema.String) })),
  modifiedById: optional(Schema.String),
  name: optional(Schema.String),
  ownerId: optional(Schema.String),
  parentId: optional(Schema.String),
  parentName: optional(Schema.String),
  parentType: optional(Schema.String),
  priority: optional(Schema.Number),
  sessionId: optional(Schema.String),
  snapshots: optional(Schema.Array(GoalTaskSnapshot)),
  status: optional(Schema.String),
  taskType: optional(Schema.String),
})
