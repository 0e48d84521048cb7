/**
 * The Badge models of seed 002: a badge (`badgeResponse`), the pages of badges and of badge assignments, the users and
 * teams a badge is awarded to, and the request bodies of the Badges endpoints. Every field the samples show is
 * modelled; all but the ids of badges, assignments and assignee teams are optional, since the API may omit them, and
 * unknown extra fields are tolerated (ignored on decode). Dates are ISO strings, as the API sends them.
 *
 * Where a sample shows a type name instead of a value, the real type is modelled: the deepest tag of a team shows
 * `items: ["tagResponse"]` (a tag's children are tags, so the tag tree is recursive) and `createdBy: "ID"` (a user
 * id, a string). The users in `badgeAssigneesResponse` are the `User` of seed 001, whose own placeholders are
 * resolved as `User.ts` and `Team.ts` describe.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { NonEmpty, optional } from "./internal/schema.ts"
import { User } from "./User.ts"

/**
 * A badge of the account (seed 002, `badgeResponse`): a recognition that can be awarded to users and teams, with its
 * look (`icon`, `background` colour, `pattern`), name and summary.
 *
 * `accountId`, `assignmentCondition` and `type` are not in seed 002's response samples: they are the further fields
 * seed 001 shows on the same badge object (nested in a team), and the create body sends `type` and the condition
 * (there named `assignCondition`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Badge {
  readonly id: string
  readonly accountId?: string
  readonly assignmentCondition?: string
  readonly background?: string
  readonly icon?: string
  readonly name?: string
  readonly pattern?: string
  readonly summary?: string
  readonly type?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const Badge: Schema.Schema<Badge> = Schema.Struct({
  id: Schema.String,
  accountId: optional(Schema.String),
  assignmentCondition: optional(Schema.String),
  background: optional(Schema.String),
  icon: optional(Schema.String),
  name: optional(Schema.String),
  pattern: optional(Schema.String),
  summary: optional(Schema.String),
  type: optional(Schema.String),
})

/**
 * The badges of the account (seed 002, `badgesResponse`), the answer of `GET /badges`, which gets all badges based on
 * a filter (all badges of the account when none is given). `totalCount` counts every badge.
 *
 * @since 0.1.0
 * @category models
 */
export interface BadgesPage {
  readonly items: ReadonlyArray<Badge>
  readonly totalCount: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const BadgesPage: Schema.Schema<BadgesPage> = Schema.Struct({
  items: Schema.Array(Badge),
  totalCount: Schema.Number,
})

/**
 * A badge assignment (seed 002, `assignedBadgeResponse`): the badge (`badgeId`) awarded to users or teams
 * (`assigneeIds`), by whom and when, with a comment, who is notified (`notificationStrategy`, `notify`), and its
 * `status`: an assignment may need to be approved (`approvedBy`) before it counts.
 *
 * @since 0.1.0
 * @category models
 */
export interface AssignedBadge {
  readonly id: string
  readonly accountId?: string
  readonly approvedBy?: string
  readonly assignedById?: string
  readonly assignedOn?: string
  readonly assigneeIds?: ReadonlyArray<string>
  readonly badgeId?: string
  readonly comment?: string
  readonly notificationStrategy?: string
  readonly notify?: ReadonlyArray<string>
  readonly status?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const AssignedBadge: Schema.Schema<AssignedBadge> = Schema.Struct({
  id: Schema.String,
  accountId: optional(Schema.String),
  approvedBy: optional(Schema.String),
  assignedById: optional(Schema.String),
  assignedOn: optional(Schema.String),
  assigneeIds: optional(Schema.Array(Schema.String)),
  badgeId: optional(Schema.String),
  comment: optional(Schema.String),
  notificationStrategy: optional(Schema.String),
  notify: optional(Schema.Array(Schema.String)),
  status: optional(Schema.String),
})

/**
 * Badge assignments (seed 002, `assignedBadgesResponse`): the answer of `GET /badges/approve`, the badge
 * assignations that need to be approved.
 *
 * @since 0.1.0
 * @category models
 */
export interface AssignedBadgesPage {
  readonly items: ReadonlyArray<AssignedBadge>
  readonly totalCount: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const AssignedBadgesPage: Schema.Schema<AssignedBadgesPage> = Schema.Struct({
  items: Schema.Array(AssignedBadge),
  totalCount: Schema.Number,
})

/**
 * A badge assignment with its badge expanded (the items of seed 002's `assignedBadgesResponseV2`): an
 * `AssignedBadge` whose `badgeId` is replaced by the whole `badge`.
 *
 * @since 0.1.0
 * @category models
 */
export interface AssignedBadgeV2 {
  readonly id: string
  readonly accountId?: string
  readonly approvedBy?: string
  readonly assignedById?: string
  readonly assignedOn?: string
  readonly assigneeIds?: ReadonlyArray<string>
  readonly badge?: Badge
  readonly comment?: string
  readonly notificationStrategy?: string
  readonly notify?: ReadonlyArray<string>
  readonly status?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const AssignedBadgeV2: Schema.Schema<AssignedBadgeV2> = Schema.Struct({
  id: Schema.String,
  accountId: optional(Schema.String),
  approvedBy: optional(Schema.String),
  assignedById: optional(Schema.String),
  assignedOn: optional(Schema.String),
  assigneeIds: optional(Schema.Array(Schema.String)),
  badge: optional(Badge),
  comment: optional(Schema.String),
  notificationStrategy: optional(Schema.String),
  notify: optional(Schema.Array(Schema.String)),
  status: optional(Schema.String),
})

/**
 * Badge assignments with their badges expanded (seed 002, `assignedBadgesResponseV2`): the answer of
 * `GET /badges/assign` and `GET /badges/current`, the badges assigned to the current user.
 *
 * @since 0.1.0
 * @category models
 */
export interface AssignedBadgesV2 {
  readonly items: ReadonlyArray<AssignedBadgeV2>
  readonly totalCount: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const AssignedBadgesV2: Schema.Schema<AssignedBadgesV2> = Schema.Struct({
  items: Schema.Array(AssignedBadgeV2),
  totalCount: Schema.Number,
})

/**
 * A tag on a team that holds a badge (seed 002, `tagResponse`): its name and title, who created it and when, whether
 * it is active, and its child tags (`items`, tags again: the reference prints four levels and then the type name).
 * Unlike the `TeamTag` nested in a user's role, `isActive` is a plain boolean here.
 *
 * @since 0.1.0
 * @category models
 */
export interface BadgeAssigneeTeamTag {
  readonly createdBy?: string
  readonly dateCreated?: string
  readonly id?: string
  readonly isActive?: boolean
  readonly items?: ReadonlyArray<BadgeAssigneeTeamTag>
  readonly name?: string
  readonly title?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const BadgeAssigneeTeamTag: Schema.Schema<BadgeAssigneeTeamTag> = Schema.Struct({
  createdBy: optional(Schema.String),
  dateCreated: optional(Schema.String),
  id: optional(Schema.String),
  isActive: optional(Schema.Boolean),
  items: optional(Schema.Array(Schema.suspend((): Schema.Schema<BadgeAssigneeTeamTag> => BadgeAssigneeTeamTag))),
  name: optional(Schema.String),
  title: optional(Schema.String),
})

/**
 * A team a badge is awarded to (the `Teams` of seed 002's `badgeAssigneesResponse`): the team with its badges, its
 * manager and members both as ids (`manager`, `members`) and as users (`managerInfo`, `membersInfo`), its place in
 * the hierarchy (`parentId`), its look and its tags. Unlike the `Team` nested in a user's role, `isActive` is a plain
 * boolean here (with `dateDeactivated` beside it) and `badges` are plain badges.
 *
 * @since 0.1.0
 * @category models
 */
export interface BadgeAssigneeTeam {
  readonly id: string
  readonly accountId?: string
  readonly avatar?: string
  readonly badges?: ReadonlyArray<Badge>
  readonly color?: string
  readonly dateCreated?: string
  readonly dateDeactivated?: string
  readonly description?: string
  readonly dynamicValueType?: string
  readonly isActive?: boolean
  readonly manager?: string
  readonly managerInfo?: User
  readonly members?: ReadonlyArray<string>
  readonly membersInfo?: ReadonlyArray<User>
  readonly name?: string
  readonly parentId?: string
  readonly picture?: string
  readonly tags?: ReadonlyArray<BadgeAssigneeTeamTag>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const BadgeAssigneeTeam: Schema.Schema<BadgeAssigneeTeam> = Schema.Struct({
  id: Schema.String,
  accountId: optional(Schema.String),
  avatar: optional(Schema.String),
  badges: optional(Schema.Array(Badge)),
  color: optional(Schema.String),
  dateCreated: optional(Schema.String),
  dateDeactivated: optional(Schema.String),
  description: optional(Schema.String),
  dynamicValueType: optional(Schema.String),
  isActive: optional(Schema.Boolean),
  manager: optional(Schema.String),
  managerInfo: optional(User),
  members: optional(Schema.Array(Schema.String)),
  membersInfo: optional(Schema.Array(User)),
  name: optional(Schema.String),
  parentId: optional(Schema.String),
  picture: optional(Schema.String),
  tags: optional(Schema.Array(BadgeAssigneeTeamTag)),
})

/**
 * The users and teams that have a badge awarded (seed 002, `badgeAssigneesResponse`), the answer of
 * `GET /badges/assign/{id}`. Note the capitalised field names. Both are optional: a badge held by users only may come
 * without `Teams` (or with `null`, which reads as absent), and the other way round.
 *
 * @since 0.1.0
 * @category models
 */
export interface BadgeAssignees {
  readonly Teams?: ReadonlyArray<BadgeAssigneeTeam>
  readonly Users?: ReadonlyArray<User>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const BadgeAssignees: Schema.Schema<BadgeAssignees> = Schema.Struct({
  Teams: optional(Schema.Array(BadgeAssigneeTeam)),
  Users: optional(Schema.Array(User)),
})

/**
 * The body of `POST /badges` (seed 002, `badge`), which creates a badge in the current account: its name (required,
 * non-empty), summary, look (`icon`, `background`, `pattern`), `type`, and the condition under which it is assigned
 * (`assignCondition`; the badge reads it back as `assignmentCondition`).
 *
 * @since 0.1.0
 * @category models
 */
export interface BadgeCreateParams {
  readonly name: string
  readonly assignCondition?: string
  readonly background?: string
  readonly icon?: string
  readonly pattern?: string
  readonly summary?: string
  readonly type?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const BadgeCreateParams: Schema.Schema<BadgeCreateParams> = Schema.Struct({
  name: NonEmpty,
  assignCondition: optional(Schema.String),
  background: optional(Schema.String),
  icon: optional(Schema.String),
  pattern: optional(Schema.String),
  summary: optional(Schema.String),
  type: optional(Schema.String),
})

/**
 * The body of `PATCH /badges/{id}` (seed 002, `badge`), which updates a badge's properties: the fields of the create
 * body, every one optional, at least one required (an empty patch fails with `InvalidInput`); a given `name` must be
 * non-empty.
 *
 * @since 0.1.0
 * @category models
 */
export interface BadgeUpdateParams {
  readonly assignCondition?: string
  readonly background?: string
  readonly icon?: string
  readonly name?: string
  readonly pattern?: string
  readonly summary?: string
  readonly type?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const BadgeUpdateParams: Schema.Schema<BadgeUpdateParams> = Schema.Struct({
  assignCondition: optional(Schema.String),
  background: optional(Schema.String),
  icon: optional(Schema.String),
  name: optional(NonEmpty),
  pattern: optional(Schema.String),
  summary: optional(Schema.String),
  type: optional(Schema.String),
}).pipe(
  Schema.filter((patch) => Object.keys(patch).length > 0, {
    message: () => "the patch is empty: give at least one field to change",
  }),
)

/**
 * The body of `POST /badges/assign` (seed 002, `assignBadge`), which assigns a badge to assignees, each either a user
 * or a team: the badge (`badgeId`, required) and the assignee ids (`assigneeIds`, at least one, none empty), who
 * assigns it (`assignedById`, a user id), a comment, and who is notified (`notificationStrategy`, `notify`: user ids).
 *
 * @since 0.1.0
 * @category models
 */
export interface BadgeAssignParams {
  readonly badgeId: string
  readonly assigneeIds: ReadonlyArray<string>
  readonly assignedById?: string
  readonly comment?: string
  readonly notificationStrategy?: string
  readonly notify?: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const BadgeAssignParams: Schema.Schema<BadgeAssignParams> = Schema.Struct({
  badgeId: NonEmpty,
  assigneeIds: Schema.Array(NonEmpty).pipe(Schema.minItems(1, { message: () => "must hold at least one id" })),
  assignedById: optional(NonEmpty),
  comment: optional(Schema.String),
  notificationStrategy: optional(Schema.String),
  notify: optional(Schema.Array(NonEmpty)),
})
