/**
 * The GoalWorkflow models of the Quantive Results API, described as plain data.
 *
 * @since 0.4.0
 */
import { array, type ModelModule, number, optional, ref, string } from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const goalWorkflow: ModelModule = {
  module: "GoalWorkflow",
  description: "The approval workflow and closed-state models of the goals: the workflow in the goal " +
    "update's form (`GoalWorkflow`, as the deprecated `PUT /goals/{goalId}` answers), and " +
    "the workflow, its reviewers and the closed state in the stored goal's form (capitalised " +
    "fields, numeric statuses, as the deprecated `PUT /goals/{goalId}/confidence` answers). " +
    "Every field the samples show is modelled, all optional, and unknown extra fields are " +
    "tolerated (ignored on decode). Dates are ISO strings.",
  since: "0.1.0",
  declarations: [
    {
      _tag: "Model",
      name: "GoalWorkflow",
      description: "The approval workflow of a goal, in the goal update's form: when it was approved, its " +
        "reviewers, how many are needed, and its status. The sample shows `reviewers` as a list " +
        "of numbers (`[2]`), and so it is modelled.",
      since: "0.1.0",
      fields: {
        approvedAt: optional(string),
        reviewers: optional(array(number)),
        reviewersNeeded: optional(number),
        status: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "GoalReviewer",
      description: "A reviewer of a goal's approval workflow, in the stored goal's form: the user and their " +
        "response (a number).",
      since: "0.1.0",
      fields: {
        Response: optional(number),
        UserId: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "GoalApprovalWorkflow",
      description: "The approval workflow of a goal, in the stored goal's form (capitalised fields, a " +
        "numeric `Status`).",
      since: "0.1.0",
      fields: {
        ApprovedAt: optional(string),
        Reviewers: optional(array(ref("GoalReviewer"))),
        ReviewersNeeded: optional(number),
        Status: optional(number),
      },
    },
    {
      _tag: "Model",
      name: "GoalClosedState",
      description: "Whether a stored goal is closed, and why, in the stored goal's form (capitalised " +
        "fields, a numeric `Status`).",
      since: "0.1.0",
      fields: {
        Reason: optional(string),
        Status: optional(number),
      },
    },
  ],
}
