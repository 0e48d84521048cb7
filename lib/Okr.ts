/**
 * The OKR building blocks of seed 003 that the metrics of `Metric.ts` and the goals of `Goal.ts` share: assignees
 * and their tags, permissions and access, closed status and parent, a metric's value format, and the `links` that
 * expand related goals, metrics and sessions. Every field the samples show is modelled, all optional, and unknown
 * extra fields are tolerated (ignored on decode). Dates are ISO strings.
 *
 * The reference prints some values as type names rather than values; they are modelled by the real type, as the
 * expanded forms elsewhere in seed 003 show: `"Ids"` and `{}` for `ownerIds` are id lists (`ReadonlyArray<string>`,
 * as the goal's `ownerIds` sample shows), `"MetricFormat"` is a `MetricFormat`, `"assigneeResponse"` an
 * `OkrAssignee`, `"tagResponse"` an `OkrTag`, `"defaultAccess"` an `OkrAccess`, `"OwnerPermission"` an
 * `OkrOwnerPermission`, `"Permission"` an `OkrPermission`, and `"Binary"` an `OkrBinary` (`{ Subtype }`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { optional } from "./internal/schema.ts"

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
