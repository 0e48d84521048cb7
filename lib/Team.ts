/**
 * The team and role models nested in a user (seed 001): a user's `roles`, each with the `team` it belongs to, and the
 * team's badges, tags and activation flag. Every field the samples show is modelled, all optional, and unknown extra
 * fields are tolerated (ignored on decode).
 *
 * The `GET /users` sample shows some values as type names (`"IDs"`, `"ID"`, `"Badge"`, `"IsActiveFlag"`); they are
 * modelled after the expanded forms the `GET /users/{userId}` sample of the same page shows: id lists are
 * `ReadonlyArray<string>`, ids are `string`, a badge is a `TeamBadgeInfo` and a tag's `isActive` is an `IsActiveFlag`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { optional } from "./internal/schema.ts"

/**
 * The link between a team and the external system (an HR system, a directory) it is synchronised from.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExternalTeamMapping {
  readonly ExternalId?: string
  readonly ExternalSystem?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const ExternalTeamMapping: Schema.Schema<ExternalTeamMapping> = Schema.Struct({
  ExternalId: optional(Schema.String),
  ExternalSystem: optional(Schema.String),
})

/**
 * Whether a team or a tag is active, and since when it is not (`DateDeactivated`, an ISO date string). The reference
 * calls this type `IsActiveFlag`; note the capitalised field names.
 *
 * @since 0.1.0
 * @category models
 */
export interface IsActiveFlag {
  readonly DateDeactivated?: string
  readonly IsActive?: boolean
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const IsActiveFlag: Schema.Schema<IsActiveFlag> = Schema.Struct({
  DateDeactivated: optional(Schema.String),
  IsActive: optional(Schema.Boolean),
})

/**
 * A badge as shown on a team: its look (`background`, `icon`, `pattern`), its name and summary, and how it is
 * assigned.
 *
 * @since 0.1.0
 * @category models
 */
export interface TeamBadgeInfo {
  readonly accountId?: string
  readonly assignmentCondition?: string
  readonly background?: string
  readonly icon?: string
  readonly id?: string
  readonly name?: string
  readonly pattern?: string
  readonly summary?: string
  readonly type?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const TeamBadgeInfo: Schema.Schema<TeamBadgeInfo> = Schema.Struct({
  accountId: optional(Schema.String),
  assignmentCondition: optional(Schema.String),
  background: optional(Schema.String),
  icon: optional(Schema.String),
  id: optional(Schema.String),
  name: optional(Schema.String),
  pattern: optional(Schema.String),
  summary: optional(Schema.String),
  type: optional(Schema.String),
})

/**
 * A badge assigned to a team: the assignment id, the badge, and the ids it is assigned to.
 *
 * @since 0.1.0
 * @category models
 */
export interface TeamBadge {
  readonly assigneeIds?: ReadonlyArray<string>
  readonly badge?: TeamBadgeInfo
  readonly id?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const TeamBadge: Schema.Schema<TeamBadge> = Schema.Struct({
  assigneeIds: optional(Schema.Array(Schema.String)),
  badge: optional(TeamBadgeInfo),
  id: optional(Schema.String),
})

/**
 * A tag on a team.
 *
 * @since 0.1.0
 * @category models
 */
export interface TeamTag {
  readonly id?: string
  readonly isActive?: IsActiveFlag
  readonly name?: string
  readonly title?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const TeamTag: Schema.Schema<TeamTag> = Schema.Struct({
  id: optional(Schema.String),
  isActive: optional(IsActiveFlag),
  name: optional(Schema.String),
  title: optional(Schema.String),
})

/**
 * A team, as nested in a user's role: its members and manager, its place in the hierarchy (`parentId`), its look, and
 * counts of its goals and metrics. `mentions` is an open record (the reference shows `{}`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Team {
  readonly ExternalTeamMapping?: ExternalTeamMapping
  readonly accountId?: string
  readonly avatar?: string
  readonly badges?: ReadonlyArray<TeamBadge>
  readonly color?: string
  readonly createdById?: string
  readonly dateCreated?: string
  readonly description?: string
  readonly dynamicMetricCount?: number
  readonly id?: string
  readonly isActive?: IsActiveFlag
  readonly manager?: string
  readonly manualMetricCount?: number
  readonly members?: ReadonlyArray<string>
  readonly membersGoalCount?: number
  readonly mentions?: { readonly [key: string]: unknown }
  readonly modifiedById?: string
  readonly movedExternalMembers?: ReadonlyArray<string>
  readonly name?: string
  readonly parentId?: string
  readonly picture?: string
  readonly tags?: ReadonlyArray<TeamTag>
  readonly teamGoalCount?: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Team: Schema.Schema<Team> = Schema.Struct({
  ExternalTeamMapping: optional(ExternalTeamMapping),
  accountId: optional(Schema.String),
  avatar: optional(Schema.String),
  badges: optional(Schema.Array(TeamBadge)),
  color: optional(Schema.String),
  createdById: optional(Schema.String),
  dateCreated: optional(Schema.String),
  description: optional(Schema.String),
  dynamicMetricCount: optional(Schema.Number),
  id: optional(Schema.String),
  isActive: optional(IsActiveFlag),
  manager: optional(Schema.String),
  manualMetricCount: optional(Schema.Number),
  members: optional(Schema.Array(Schema.String)),
  membersGoalCount: optional(Schema.Number),
  mentions: optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  modifiedById: optional(Schema.String),
  movedExternalMembers: optional(Schema.Array(Schema.String)),
  name: optional(Schema.String),
  parentId: optional(Schema.String),
  picture: optional(Schema.String),
  tags: optional(Schema.Array(TeamTag)),
  teamGoalCount: optional(Schema.Number),
})

/**
 * A role a user holds, with the team it belongs to.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserRole {
  readonly accountId?: string
  readonly description?: string
  readonly id?: string
  readonly name?: string
  readonly team?: Team
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const UserRole: Schema.Schema<UserRole> = Schema.Struct({
  accountId: optional(Schema.String),
  description: optional(Schema.String),
  id: optional(Schema.String),
  name: optional(Schema.String),
  team: optional(Team),
})
