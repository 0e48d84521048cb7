/**
 * The GoalTask models of the Quantive Results API, described as plain data.
 *
 * @since 0.4.0
 */
import { array, boolean, type ModelModule, number, optional, ref, string, struct } from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const goalTask: ModelModule = {
  module: "GoalTask",
  description: "The task models of the goals: the tasks that the deprecated `PUT /goals/{goalId}` " +
    "answers with its goal (`goalMetricsLinksResponse`), and their status history. Every " +
    "field the samples show is modelled, all optional, and unknown extra fields are " +
    "tolerated (ignored on decode). Dates are ISO strings.",
  since: "0.1.0",
  declarations: [
    {
      _tag: "Model",
      name: "GoalTaskSnapshot",
      description: "One status change of a task: from `oldStatus` to `newStatus`, by whom and when.",
      since: "0.1.0",
      fields: {
        id: optional(string),
        modifiedAt: optional(string),
        modifiedBy: optional(string),
        newStatus: optional(string),
        oldStatus: optional(string),
        previouslyModifiedAt: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "GoalTask",
      description: "A task of a goal: what is to be done, by whom (`assignee`, `ownerId`), by when " +
        "(`dueDate`), its status and its history (`snapshots`), and where it comes from " +
        "(`externalSystem`, `externalId`).",
      since: "0.1.0",
      fields: {
        access: optional(ref("OkrAccess")),
        accountId: optional(string),
        archived: optional(boolean),
        assignee: optional(ref("OkrAssignee")),
        createdById: optional(string),
        dateCreated: optional(string),
        dateModified: optional(string),
        description: optional(string),
        dueDate: optional(string),
        externalId: optional(string),
        externalSystem: optional(string),
        id: optional(string),
        lastComment: optional(struct({
          createdById: optional(string),
          text: optional(string),
        })),
        modifiedById: optional(string),
        name: optional(string),
        ownerId: optional(string),
        parentId: optional(string),
        parentName: optional(string),
        parentType: optional(string),
        priority: optional(number),
        sessionId: optional(string),
        snapshots: optional(array(ref("GoalTaskSnapshot"))),
        status: optional(string),
        taskType: optional(string),
      },
    },
  ],
}
