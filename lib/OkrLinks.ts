/**
 * The entities an OKR links to, as the deprecated Metrics and Goals endpoints expand them in `links` (seed 003):
 * goals, metrics and sessions. Their fields are the union of those the three samples show.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { optional } from "./internal/schema.ts"
import { MetricFormat, OkrAccess, OkrAssignee, OkrOwnerPermission, OkrParent, OkrPermission } from "./Okr.ts"

const Ids = Schema.Array(Schema.String)

/**
 * A goal as expanded in an entity's `links`. The fields are those the three samples of seed 003 show for it (the
 * metrics' and the goal update's API form, and the confidence update's stored form with `owner_permissions`,
 * `parent` and `permissions`).
 *
 * @since 0.1.0
 * @category models
 */
export interface OkrLinkedGoal {
  readonly access?: OkrAccess
  readonly accountId?: string
  readonly assignee?: OkrAssignee
  readonly assignees?: ReadonlyArray<OkrAssignee>
  readonly attainment?: number
  readonly attainmentType?: number
  readonly attainmentTypeString?: string
  readonly createdById?: string
  readonly dateCreated?: string
  readonly dateFrom?: string
  readonly dateTo?: string
  readonly description?: string
  readonly id?: string
  readonly inherits?: boolean
  readonly isDeleted?: boolean
  readonly name?: string
  readonly numberOfOwners?: number
  readonly obfuscated?: boolean
  readonly ownerId?: string
  readonly ownerIds?: ReadonlyArray<string>
  readonly owner_permissions?: OkrOwnerPermission
  readonly parent?: OkrParent
  readonly parentGoalSessionId?: string
  readonly parentId?: string
  readonly parentType?: string
  readonly permissions?: ReadonlyArray<OkrPermission>
  readonly private?: boolean
  readonly sessionId?: string
  readonly url?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const OkrLinkedGoal: Schema.Schema<OkrLinkedGoal> = Schema.Struct({
  access: optional(OkrAccess),
  accountId: optional(Schema.String),
  assignee: optional(OkrAssignee),
  assignees: optional(Schema.Array(OkrAssignee)),
  attainment: optional(Schema.Number),
  attainmentType: optional(Schema.Number),
  attainmentTypeString: optional(Schema.String),
  createdById: optional(Schema.String),
  dateCreated: optional(Schema.String),
  dateFrom: optional(Schema.String),
  dateTo: optional(Schema.String),
  description: optional(Schema.String),
  id: optional(Schema.String),
  inherits: optional(Schema.Boolean),
  isDeleted: optional(Schema.Boolean),
  name: optional(Schema.String),
  numberOfOwners: optional(Schema.Number),
  obfuscated: optional(Schema.Boolean),
  ownerId: optional(Schema.String),
  ownerIds: optional(Ids),
  owner_permissions: optional(OkrOwnerPermission),
  parent: optional(OkrParent),
  parentGoalSessionId: optional(Schema.String),
  parentId: optional(Schema.String),
  parentType: optional(Schema.String),
  permissions: optional(Schema.Array(OkrPermission)),
  private: optional(Schema.Boolean),
  sessionId: optional(Schema.String),
  url: optional(Schema.String),
})

/**
 * A metric as expanded in an entity's `links`; the fields are those the three samples of seed 003 show for it.
 *
 * @since 0.1.0
 * @category models
 */
export interface OkrLinkedMetric {
  readonly actual?: number
  readonly attainment?: number
  readonly cascadeType?: string
  readonly createdById?: string
  readonly dateCreated?: string
  readonly description?: string
  readonly dynamic?: boolean
  readonly fieldName?: string
  readonly format?: MetricFormat
  readonly goalId?: string
  readonly goalName?: string
  readonly id?: string
  readonly inherits?: boolean
  readonly initialValue?: number
  readonly insightName?: string
  readonly isDeleted?: boolean
  readonly manualType?: string
  readonly modifiedById?: string
  readonly name?: string
  readonly numberOfOwners?: number
  readonly objectId?: string
  readonly obfuscated?: boolean
  readonly ownerId?: string
  readonly ownerIds?: ReadonlyArray<string>
  readonly owner_permissions?: OkrOwnerPermission
  readonly parent?: { readonly private?: boolean }
  readonly permissions?: ReadonlyArray<OkrPermission>
  readonly sessionId?: string
  readonly target?: number
  readonly targetOperator?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const OkrLinkedMetric: Schema.Schema<OkrLinkedMetric> = Schema.Struct({
  actual: optional(Schema.Number),
  attainment: optional(Schema.Number),
  cascadeType: optional(Schema.String),
  createdById: optional(Schema.String),
  dateCreated: optional(Schema.String),
  description: optional(Schema.String),
  dynamic: optional(Schema.Boolean),
  fieldName: optional(Schema.String),
  format: optional(MetricFormat),
  goalId: optional(Schema.String),
  goalName: optional(Schema.String),
  id: optional(Schema.String),
  inherits: optional(Schema.Boolean),
  initialValue: optional(Schema.Number),
  insightName: optional(Schema.String),
  isDeleted: optional(Schema.Boolean),
  manualType: optional(Schema.String),
  modifiedById: optional(Schema.String),
  name: optional(Schema.String),
  numberOfOwners: optional(Schema.Number),
  objectId: optional(Schema.String),
  obfuscated: optional(Schema.Boolean),
  ownerId: optional(Schema.String),
  ownerIds: optional(Ids),
  owner_permissions: optional(OkrOwnerPermission),
  parent: optional(Schema.Struct({ private: optional(Schema.Boolean) })),
  permissions: optional(Schema.Array(OkrPermission)),
  sessionId: optional(Schema.String),
  target: optional(Schema.Number),
  targetOperator: optional(Schema.String),
})

/**
 * An OKR session (a period such as a quarter) as expanded in an entity's `links`; the fields are those the three
 * samples of seed 003 show for it (`ownerPermissions` in the API form, `owner_permissions` in the stored form).
 *
 * @since 0.1.0
 * @category models
 */
export interface OkrLinkedSession {
  readonly accountId?: string
  readonly end?: string
  readonly id?: string
  readonly inherits?: boolean
  readonly isDeleted?: boolean
  readonly ownerPermissions?: OkrOwnerPermission
  readonly owner_permissions?: OkrOwnerPermission
  readonly parentId?: string
  readonly permissions?: ReadonlyArray<OkrPermission>
  readonly start?: string
  readonly status?: string
  readonly title?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const OkrLinkedSession: Schema.Schema<OkrLinkedSession> = Schema.Struct({
  accountId: optional(Schema.String),
  end: optional(Schema.String),
  id: optional(Schema.String),
  inherits: optional(Schema.Boolean),
  isDeleted: optional(Schema.Boolean),
  ownerPermissions: optional(OkrOwnerPermission),
  owner_permissions: optional(OkrOwnerPermission),
  parentId: optional(Schema.String),
  permissions: optional(Schema.Array(OkrPermission)),
  start: optional(Schema.String),
  status: optional(Schema.String),
  title: optional(Schema.String),
})

/**
 * The related entities of a goal or metric, expanded: goals, metrics and sessions.
 *
 * @since 0.1.0
 * @category models
 */
export interface OkrLinks {
  readonly expanded?: {
    readonly goals?: ReadonlyArray<OkrLinkedGoal>
    readonly metrics?: ReadonlyArray<OkrLinkedMetric>
    readonly sessions?: ReadonlyArray<OkrLinkedSession>
  }
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const OkrLinks: Schema.Schema<OkrLinks> = Schema.Struct({
  expanded: optional(Schema.Struct({
    goals: optional(Schema.Array(OkrLinkedGoal)),
    metrics: optional(Schema.Array(OkrLinkedMetric)),
    sessions: optional(Schema.Array(OkrLinkedSession)),
  })),
})
