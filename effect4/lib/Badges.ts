/**
 * The Badges endpoints: CRUD operations on the account's badges, assigning them to users and teams,
 * unassigning them, and approving or rejecting assignments that wait for approval.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import {
  AssignedBadge,
  AssignedBadgesPage,
  AssignedBadgesV2,
  Badge,
  BadgeAssignees,
  BadgeAssignParams,
  BadgeCreateParams,
  BadgesPage,
  BadgeUpdateParams,
} from "./Badge.ts"
import { endpoints } from "../../core/src/api/badges.ts"
import * as Api from "./QuantiveClient.ts"
import { QuantiveClient } from "./QuantiveClient.ts"
import type { ErrorOf } from "./QuantiveError.ts"

/**
 * The errors of `Badges.list`: documented 400, 401, 402, 403, 500, plus the universal ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type BadgeListError = ErrorOf<typeof endpoints.list>

/**
 * The errors of `Badges.pendingApprovals`: documented 400, 401, 402, 403, 500, plus the universal ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type BadgePendingApprovalsError = ErrorOf<typeof endpoints.pendingApprovals>

/**
 * The errors of `Badges.assigned`: documented 400, 401, 402, 403, 500, plus the universal ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type BadgeAssignedError = ErrorOf<typeof endpoints.assigned>

/**
 * The errors of `Badges.assignees`: documented 400, 401, 402, 403, 404 (no such badge), 500, plus the universal ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type BadgeAssigneesError = ErrorOf<typeof endpoints.assignees>

/**
 * The errors of `Badges.current`: documented 400, 401, 402, 403, 500, plus the universal ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type BadgeCurrentError = ErrorOf<typeof endpoints.current>

/**
 * The errors of `Badges.get`: documented 400, 401, 402, 403, 404 (no such badge), 500, plus the universal ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type BadgeGetError = ErrorOf<typeof endpoints.get>

/**
 * The errors of `Badges.create`: documented 400, 401, 402, 403, 500, plus the universal ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type BadgeCreateError = ErrorOf<typeof endpoints.create>

/**
 * The errors of `Badges.approve`: documented 400, 401, 402, 403, 500, plus the universal ones. 404 is not
 * documented: an unknown assignment is a `BadRequest`.
 *
 * @since 0.1.0
 * @category errors
 */
export type BadgeApproveError = ErrorOf<typeof endpoints.approve>

/**
 * The errors of `Badges.assign`: documented 400, 401, 402, 403, 500, plus the universal ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type BadgeAssignError = ErrorOf<typeof endpoints.assign>

/**
 * The errors of `Badges.update`: documented 400, 401, 402, 403, 404 (no such badge), 500, plus the universal ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type BadgeUpdateError = ErrorOf<typeof endpoints.update>

/**
 * The errors of `Badges.reject`: documented 400, 401, 402, 403, 500, plus the universal ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type BadgeRejectError = ErrorOf<typeof endpoints.reject>

/**
 * The errors of `Badges.unassign`: documented 400, 401, 402, 403, 500, plus the universal ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type BadgeUnassignError = ErrorOf<typeof endpoints.unassign>

/**
 * The errors of `Badges.remove`: documented 400, 401, 402, 403, 500, plus the universal ones. 404 is not documented:
 * an unknown badge is a `BadRequest`.
 *
 * @since 0.1.0
 * @category errors
 */
export type BadgeRemoveError = ErrorOf<typeof endpoints.remove>

/**
 * @since 0.1.0
 * @category models
 */
export interface BadgesService {
  /**
   * Gets all badges of the account (the endpoint "gets all badges based on a filter", but documents no filter
   * parameter: with none, it returns all badges for the account).
   *
   * `GET /v1/badges`
   */
  readonly list: () => Effect.Effect<BadgesPage, BadgeListError>
  /**
   * Gets all badge assignations that need to be approved.
   *
   * `GET /v1/badges/approve`
   */
  readonly pendingApprovals: () => Effect.Effect<AssignedBadgesPage, BadgePendingApprovalsError>
  /**
   * Gets the badge assignments, each with its badge expanded. The reference gives this endpoint the same summary as
   * `current` ("Gets all badges assigned to the current user"); the embedded fake answers it with every approved
   * assignment of the account, and `current` with the current user's.
   *
   * `GET /v1/badges/assign`
   */
  readonly assigned: () => Effect.Effect<AssignedBadgesV2, BadgeAssignedError>
  /**
   * Gets the users and teams that have the badge awarded. An unknown badge fails with `NotFound`.
   *
   * `GET /v1/badges/assign/{id}`
   */
  readonly assignees: (badgeId: string) => Effect.Effect<BadgeAssignees, BadgeAssigneesError>
  /**
   * Gets all badges assigned to the current user (the token's user), each with its badge expanded.
   *
   * `GET /v1/badges/current`
   */
  readonly current: () => Effect.Effect<AssignedBadgesV2, BadgeCurrentError>
  /**
   * Gets a single badge by its id. An unknown badge fails with `NotFound`.
   *
   * `GET /v1/badges/{id}`
   */
  readonly get: (id: string) => Effect.Effect<Badge, BadgeGetError>
  /**
   * Creates a badge in the current account; answers 201 with it. A body off its schema (no `name`) fails with
   * `InvalidInput` before any request is sent.
   *
   * `POST /v1/badges`
   */
  readonly create: (badge: BadgeCreateParams) => Effect.Effect<Badge, BadgeCreateError>
  /**
   * Approves a request to assign a badge (answers 204). `assignmentId` is the id of the assigned badge request, as
   * `pendingApprovals` lists it.
   *
   * `POST /v1/badges/approve/{id}`
   */
  readonly approve: (assignmentId: string) => Effect.Effect<void, BadgeApproveError>
  /**
   * Assigns a badge to assignees, each either a user or a team; returns the assignment, which may wait for approval
   * (see its `status`). No `badgeId`, or no assignee, fails with `InvalidInput` before any request is sent.
   *
   * `POST /v1/badges/assign`
   */
  readonly assign: (request: BadgeAssignParams) => Effect.Effect<AssignedBadge, BadgeAssignError>
  /**
   * Updates a badge's properties (answers 204). An empty patch fails with `InvalidInput` before any request is sent;
   * an unknown badge fails with `NotFound`.
   *
   * `PATCH /v1/badges/{id}`
   */
  readonly update: (id: string, badge: BadgeUpdateParams) => Effect.Effect<void, BadgeUpdateError>
  /**
   * Rejects a request to assign a badge (answers 204). `assignmentId` is the id of the assigned badge request.
   *
   * `DELETE /v1/badges/approve/{id}`
   */
  readonly reject: (assignmentId: string) => Effect.Effect<void, BadgeRejectError>
  /**
   * Unassigns a badge from an assignee, either a team or a user (answers 204). `badgeAssignId` is the id of the
   * assignment (`AssignedBadge.id`), not of the badge.
   *
   * `DELETE /v1/badges/assign/{assigneeId}/{badgeAssignId}`
   */
  readonly unassign: (assigneeId: string, badgeAssignId: string) => Effect.Effect<void, BadgeUnassignError>
  /**
   * Deletes a badge by its id (answers 204).
   *
   * `DELETE /v1/badges/{id}`
   */
  readonly remove: (id: string) => Effect.Effect<void, BadgeRemoveError>
}

/**
 * Builds the service on the request pipeline.
 */
const make: Effect.Effect<BadgesService, never, QuantiveClient> = Effect.map(
  QuantiveClient,
  (client): BadgesService => ({
    list: () => client.execute(endpoints.list, Api.json(BadgesPage)),
    pendingApprovals: () => client.execute(endpoints.pendingApprovals, Api.json(AssignedBadgesPage)),
    assigned: () => client.execute(endpoints.assigned, Api.json(AssignedBadgesV2)),
    assignees: (badgeId) => client.execute(endpoints.assignees, Api.json(BadgeAssignees), { params: { id: badgeId } }),
    current: () => client.execute(endpoints.current, Api.json(AssignedBadgesV2)),
    get: (id) => client.execute(endpoints.get, Api.json(Badge), { params: { id } }),
    create: (badge) => client.execute(endpoints.create, Api.json(Badge), { body: Api.body(BadgeCreateParams, badge) }),
    approve: (assignmentId) => client.execute(endpoints.approve, Api.empty, { params: { id: assignmentId } }),
    assign: (request) =>
      client.execute(endpoints.assign, Api.json(AssignedBadge), { body: Api.body(BadgeAssignParams, request) }),
    update: (id, badge) =>
      client.execute(endpoints.update, Api.empty, { params: { id }, body: Api.body(BadgeUpdateParams, badge) }),
    reject: (assignmentId) => client.execute(endpoints.reject, Api.empty, { params: { id: assignmentId } }),
    unassign: (assigneeId, badgeAssignId) =>
      client.execute(endpoints.unassign, Api.empty, { params: { assigneeId, badgeAssignId } }),
    remove: (id) => client.execute(endpoints.remove, Api.empty, { params: { id } }),
  }),
)

const BadgesTag: Context.ServiceClass<Badges, "@effect-quantive/client/Badges", BadgesService> = Context.Service<
  Badges,
  BadgesService
>()("@effect-quantive/client/Badges")

/**
 * The Badges service: `const badges = yield* Badges`. `Quantive.layer` provides it; a test can replace it with
 * `Layer.succeed(Badges, Badges.of({ ... }))`.
 *
 * @since 0.1.0
 * @category tags
 */
export class Badges extends BadgesTag {
  /**
   * Builds the service on the request pipeline.
   *
   * @since 0.1.0
   * @category constructors
   */
  static readonly make: Effect.Effect<BadgesService, never, QuantiveClient> = make
  /**
   * The service as a layer over the request pipeline. `Quantive.layer` includes it.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<Badges, never, QuantiveClient> = Layer.fresh(Layer.effect(Badges, make))
}
