/**
 * The Metric models of seed 003: the metrics (key results) of `GET /metrics/owner/{ownerId}` and their page. Every
 * field the samples show is modelled, all optional, and unknown extra fields are tolerated (ignored on decode). Dates
 * are ISO strings. The building blocks shared with the goals of `Goal.ts` (assignees and their tags, permissions, the
 * value format, and the `links` that expand related goals, metrics and sessions) live in `Okr.ts`.
 *
 * The reference prints some values as type names rather than values; they are modelled by the real type, as the
 * expanded forms elsewhere in seed 003 show: `"Ids"` and `{}` for `ownerIds`/`goalOwnerIds` are id lists
 * (`ReadonlyArray<string>`, as the goal's `ownerIds` sample shows), `"MetricFormat"` is a `MetricFormat` and
 * `"assigneeResponse"` an `OkrAssignee`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { optional } from "./internal/schema.ts"
import { MetricFormat, OkrAssignee, OkrClosedStatus } from "./Okr.ts"
import { OkrLinks } from "./OkrLinks.ts"

const Ids = Schema.Array(Schema.String)
const UnknownRecord = Schema.Record({ key: Schema.String, value: Schema.Unknown })

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
