/**
 * The Metric models of seed 003: the metrics (key results) of `GET /metrics/owner/{ownerId}`, and the building
 * blocks they share with the goals of `Goal.ts`: assignees and their tags, permissions, and the `links` that expand
 * related goals, metrics and sessions. Every field the samples show is modelled, all optional, and unknown extra
 * fields are tolerated (ignored on decode). Dates are ISO strings.
 *
 * The reference prints some values as type names rather than values; they are modelled by the real type, as the
 * expanded forms elsewhere in seed 003 show: `"Ids"` and `{}` for `ownerIds`/`goalOwnerIds` are id lists
 * (`ReadonlyArray<string>`, as the goal's `ownerIds` sample shows), `"MetricFormat"` is a `MetricFormat`,
 * `"assigneeResponse"` an `OkrAssignee`, `"tagResponse"` an `OkrTag`, `"defaultAccess"` an `OkrAccess`,
 * `"OwnerPermission"` an `OkrOwnerPermission`, `"Permission"` an `OkrPermission`, and `"Binary"` an `OkrBinary`
 * (`{ Subtype }`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { optional } from "./internal/schema.ts"

const Ids = Schema.Array(Schema.String)
const UnknownRecord = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * A permission bit set as the API serialises it (the reference's `Binary`): its `Subtype`.
 *
 * @since 0.1.0
 * @category models
 */
export interface OkrBinary {
  readonly Subtype?: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const OkrBinary: Schema.Schema<OkrBinary> = Schema.Struct({
  Subtype: optional(Schema.Number),
})

/**
 * What the owners of an OKR entity are granted (the reference's `OwnerPermission`).
 *
 * @since 0.1.0
 * @category models
 */
export interface OkrOwnerPermission {
  readonly grant?: OkrBinary
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const OkrOwnerPermission: Schema.Schema<OkrOwnerPermission> = Schema.Struct({
  grant: optional(OkrBinary),
})

/**
 * What one principal (a user or a team: `principalKind`) is granted and denied on an OKR entity (the reference's
 * `Permission`).
 *
 * @since 0.1.0
 * @category models
 */
export interface OkrPermission {
  readonly deny?: OkrBinary
  readonly grant?: OkrBinary
  readonly principalId?: string
  readonly principalKind?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const OkrPermission: Schema.Schema<OkrPermission> = Schema.Struct({
  deny: optional(OkrBinary),
  grant: optional(OkrBinary),
  principalId: optional(Schema.String),
  principalKind: optional(Schema.String),
})

/**
 * Who may access an OKR entity: whether it inherits its parent's permissions, the owners' permissions and everyone
 * else's (the reference's `defaultAccess`).
 *
 * @since 0.1.0
 * @category models
 */
export interface OkrAccess {
  readonly inherits?: boolean
  readonly ownerPermissions?: OkrOwnerPermission
  readonly permissions?: ReadonlyArray<OkrPermission>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const OkrAccess: Schema.Schema<OkrAccess> = Schema.Struct({
  inherits: optional(Schema.Boolean),
  ownerPermissions: optional(OkrOwnerPermission),
  permissions: optional(Schema.Array(OkrPermission)),
})

/**
 * A tag (the reference's `tagResponse`): its name and title, who created it and when, whether it is active, and its
 * nested tags (`items`, tags of the same shape).
 *
 * @since 0.1.0
 * @category models
 */
export interface OkrTag {
  readonly createdBy?: string
  readonly dateCreated?: string
  readonly id?: string
  readonly isActive?: boolean
  readonly items?: ReadonlyArray<OkrTag>
  readonly name?: string
  readonly title?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const OkrTag: Schema.Schema<OkrTag> = Schema.Struct({
  createdBy: optional(Schema.String),
  dateCreated: optional(Schema.String),
  id: optional(Schema.String),
  isActive: optional(Schema.Boolean),
  items: optional(Schema.Array(Schema.suspend((): Schema.Schema<OkrTag> => OkrTag))),
  name: optional(Schema.String),
  title: optional(Schema.String),
})

/**
 * The user or team an OKR entity is assigned to (the reference's `assigneeResponse`): `type` tells which; a team has
 * an `avatar` and a `color`, a user an `email` and a `picture`.
 *
 * @since 0.1.0
 * @category models
 */
export interface OkrAssignee {
  readonly accountId?: string
  readonly avatar?: string
  readonly color?: string
  readonly dynamicValueType?: string
  readonly email?: string
  readonly id?: string
  readonly isActive?: boolean
  readonly name?: string
  readonly picture?: string
  readonly tags?: ReadonlyArray<OkrTag>
  readonly type?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const OkrAssignee: Schema.Schema<OkrAssignee> = Schema.Struct({
  accountId: optional(Schema.String),
  avatar: optional(Schema.String),
  color: optional(Schema.String),
  dynamicValueType: optional(Schema.String),
  email: optional(Schema.String),
  id: optional(Schema.String),
  isActive: optional(Schema.Boolean),
  name: optional(Schema.String),
  picture: optional(Schema.String),
  tags: optional(Schema.Array(OkrTag)),
  type: optional(Schema.String),
})

/**
 * Whether a goal is closed, and why (`reason`, `status`).
 *
 * @since 0.1.0
 * @category models
 */
export interface OkrClosedStatus {
  readonly reason?: string
  readonly status?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const OkrClosedStatus: Schema.Schema<OkrClosedStatus> = Schema.Struct({
  reason: optional(Schema.String),
  status: optional(Schema.String),
})

/**
 * Where an OKR entity sits: the goal, metric (and the metric's goal) and session it belongs to.
 *
 * @since 0.1.0
 * @category models
 */
export interface OkrParent {
  readonly goalId?: string
  readonly metricGoalId?: string
  readonly metricId?: string
  readonly sessionId?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const OkrParent: Schema.Schema<OkrParent> = Schema.Struct({
  goalId: optional(Schema.String),
  metricGoalId: optional(Schema.String),
  metricId: optional(Schema.String),
  sessionId: optional(Schema.String),
})

/**
 * How a metric's values are shown: decimals (`fractionSize`), a `prefix` (`$`) and a `suffix` (`%`).
 *
 * @since 0.1.0
 * @category models
 */
export interface MetricFormat {
  readonly ID?: string
  readonly fractionSize?: number
  readonly prefix?: string
  readonly suffix?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const MetricFormat: Schema.Schema<MetricFormat> = Schema.Struct({
  ID: optional(Schema.String),
  fractionSize: optional(Schema.Number),
  prefix: optional(Schema.String),
  suffix: optional(Schema.String),
})

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

/**
 * A dynamic value of a metric setting: a value resolved per team.
 *
 * @since 0.1.0
 * @category models
 */
export interface MetricDynamicValue {
  readonly teamId?: string
  readonly type?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const MetricDynamicValue: Schema.Schema<MetricDynamicValue> = Schema.Struct({
  teamId: optional(Schema.String),
  type: optional(Schema.String),
})

/**
 * One setting of a dynamic metric (a parameter of the insight that computes it): its value and how it is displayed.
 *
 * @since 0.1.0
 * @category models
 */
export interface MetricSetting {
  readonly dynamicValues?: ReadonlyArray<MetricDynamicValue>
  readonly name?: string
  readonly value?: string
  readonly valueDisplayName?: string
  readonly valueDisplayNameAsArray?: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const MetricSetting: Schema.Schema<MetricSetting> = Schema.Struct({
  dynamicValues: optional(Schema.Array(MetricDynamicValue)),
  name: optional(Schema.String),
  value: optional(Schema.String),
  valueDisplayName: optional(Schema.String),
  valueDisplayNameAsArray: optional(Schema.Array(Schema.String)),
})

/**
 * A metric, that is a key result (seed 003, an item of `metricsResponse`): its progress (`initialValue`, `actual`,
 * `target`, `targetOperator`, `critical`), how it is measured (`manualType`, or `dynamic` with an `insightName`,
 * `fieldName` and `settings`), its goal (`goalId`, `goalName`, …), its owners and assignees, and its dates
 * (`dueDate`, `softDueDate`). `description` may hold mention markup unless read with `formatting: "plainText"`.
 *
 * The sample shows no `id`; the metric's id is modelled as an optional `id` all the same (the expanded metrics of
 * the same page carry one).
 *
 * @since 0.1.0
 * @category models
 */
export interface Metric {
  readonly id?: string
  readonly actual?: number
  readonly assignee?: OkrAssignee
  readonly assignees?: ReadonlyArray<OkrAssignee>
  readonly cascadeType?: string
  readonly critical?: number
  readonly description?: string
  readonly dueDate?: string
  readonly dynamic?: boolean
  readonly fieldName?: string
  readonly format?: MetricFormat
  readonly goalClosedStatus?: OkrClosedStatus
  readonly goalDescription?: string
  readonly goalId?: string
  readonly goalName?: string
  readonly goalOwnerId?: string
  readonly goalOwnerIds?: ReadonlyArray<string>
  readonly initialValue?: number
  readonly insightName?: string
  readonly links?: OkrLinks
  readonly manualType?: string
  readonly name?: string
  readonly numberOfOwners?: number
  readonly obfuscated?: boolean
  readonly ownerId?: string
  readonly ownerIds?: ReadonlyArray<string>
  readonly private?: boolean
  readonly sessionId?: string
  readonly settings?: ReadonlyArray<MetricSetting>
  readonly softDueDate?: string
  readonly sourceMetricId?: string
  readonly target?: number
  readonly targetMetrics?: { readonly [key: string]: unknown }
  readonly targetOperator?: string
  readonly tasksCount?: number
  readonly url?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Metric: Schema.Schema<Metric> = Schema.Struct({
  id: optional(Schema.String),
  actual: optional(Schema.Number),
  assignee: optional(OkrAssignee),
  assignees: optional(Schema.Array(OkrAssignee)),
  cascadeType: optional(Schema.String),
  critical: optional(Schema.Number),
  description: optional(Schema.String),
  dueDate: optional(Schema.String),
  dynamic: optional(Schema.Boolean),
  fieldName: optional(Schema.String),
  format: optional(MetricFormat),
  goalClosedStatus: optional(OkrClosedStatus),
  goalDescription: optional(Schema.String),
  goalId: optional(Schema.String),
  goalName: optional(Schema.String),
  goalOwnerId: optional(Schema.String),
  goalOwnerIds: optional(Ids),
  initialValue: optional(Schema.Number),
  insightName: optional(Schema.String),
  links: optional(OkrLinks),
  manualType: optional(Schema.String),
  name: optional(Schema.String),
  numberOfOwners: optional(Schema.Number),
  obfuscated: optional(Schema.Boolean),
  ownerId: optional(Schema.String),
  ownerIds: optional(Ids),
  private: optional(Schema.Boolean),
  sessionId: optional(Schema.String),
  settings: optional(Schema.Array(MetricSetting)),
  softDueDate: optional(Schema.String),
  sourceMetricId: optional(Schema.String),
  target: optional(Schema.Number),
  targetMetrics: optional(UnknownRecord),
  targetOperator: optional(Schema.String),
  tasksCount: optional(Schema.Number),
  url: optional(Schema.String),
})

/**
 * The metrics of one owner (seed 003, `metricsResponse`), as `GET /metrics/owner/{ownerId}` answers: the items, and
 * how many there are.
 *
 * @since 0.1.0
 * @category models
 */
export interface MetricsPage {
  readonly items: ReadonlyArray<Metric>
  readonly totalCount: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const MetricsPage: Schema.Schema<MetricsPage> = Schema.Struct({
  items: Schema.Array(Metric),
  totalCount: Schema.Number,
})
