/**
 * The approval workflow and closed-state models of seed 003's goals: the workflow in the goal update's form
 * (`GoalWorkflow`, as the deprecated `PUT /goals/{goalId}` answers), and the workflow, its reviewers and the closed
 * state in the stored goal's form (capitalised fields, numeric statuses, as the deprecated
 * `PUT /goals/{goalId}/confidence` answers). Every field the samples show is modelled, all optional, and unknown
 * extra fields are tolerated (ignored on decode). Dates are ISO strings.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { optional } from "./internal/schema.ts"

/**
 * The approval workflow of a goal, in the goal update's form: when it was approved, its reviewers, how many are
 * needed, and its status. The sample shows `reviewers` as a list of numbers (`[2]`), and so it is modelled.
 *
 * @since 0.1.0
 * @category models
 */
export interface GoalWorkflow {
  readonly approvedAt?: string
  readonly reviewers?: ReadonlyArray<number>
  readonly reviewersNeeded?: number
  readonly status?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const GoalWorkflow: Schema.Schema<GoalWorkflow> = Schema.Struct({
  approvedAt: optional(Schema.String),
  reviewers: optional(Schema.Array(Schema.Number)),
  reviewersNeeded: optional(Schema.Number),
  status: optional(Schema.String),
})

/**
 * A reviewer of a goal's approval workflow, in the stored goal's form: the user and their response (a number).
 *
 * @since 0.1.0
 * @category models
 */
export interface GoalReviewer {
  readonly Response?: number
  readonly UserId?: string
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const GoalReviewer: Schema.Schema<GoalReviewer> = Schema.Struct({
  Response: optional(Schema.Number),
  UserId: optional(Schema.String),
})

/**
 * The approval workflow of a goal, in the stored goal's form (capitalised fields, a numeric `Status`).
 *
 * @since 0.1.0
 * @category models
 */
export interface GoalApprovalWorkflow {
  readonly ApprovedAt?: string
  readonly Reviewers?: ReadonlyArray<GoalReviewer>
  readonly ReviewersNeeded?: number
  readonly Status?: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const GoalApprovalWorkflow: Schema.Schema<GoalApprovalWorkflow> = Schema.Struct({
  ApprovedAt: optional(Schema.String),
  Reviewers: optional(Schema.Array(GoalReviewer)),
  ReviewersNeeded: optional(Schema.Number),
  Status: optional(Schema.Number),
})

/**
 * Whether a stored goal is closed, and why, in the stored goal's form (capitalised fields, a numeric `Status`).
 *
 * @since 0.1.0
 * @category models
 */
export interface GoalClosedState {
  readonly Reason?: string
  readonly Status?: number
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const GoalClosedState: Schema.Schema<GoalClosedState> = Schema.Struct({
  Reason: optional(Schema.String),
  Status: optional(Schema.Number),
})
