/**
 * The Goal models of the Quantive Results API, described as plain data.
 *
 * @since 0.4.0
 */
import {
  array,
  boolean,
  finiteNumber,
  type ModelModule,
  nonEmptyString,
  number,
  optional,
  record,
  ref,
  required,
  string,
  unknown,
} from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const goal: ModelModule = {
  module: "Goal",
  description: "The Goal (objective) models: the goal with its metrics and tasks that the deprecated " +
    "`PUT /goals/{goalId}` answers (`goalMetricsLinksResponse`), the stored goal that the " +
    "deprecated `PUT /goals/{goalId}/confidence` answers (`goal`, whose nested objects use " +
    "capitalised field names), and their request bodies. Every field the samples show is " +
    "modelled; all but the goal's `id` are optional, and unknown extra fields are tolerated " +
    "(ignored on decode). The building blocks shared with metrics (assignees, tags, " +
    "permissions, links) live in `Okr.ts`, the tasks in `GoalTask.ts`, and the approval " +
    "workflow and closed state in `GoalWorkflow.ts`.",
  since: "0.1.0",
  declarations: [
    {
      _tag: "Model",
      name: "GoalDesignPolicy",
      description: "One policy of a goal's design score: whether the goal passes it, and the points it " +
        "scores. The goal update's sample says `isPassed`, the confidence update's `passed`; " +
        "both are modelled.",
      since: "0.1.0",
      fields: {
        isPassed: optional(boolean),
        passed: optional(boolean),
        policy: optional(string),
        score: optional(number),
      },
    },
    {
      _tag: "Model",
      name: "GoalDesignScore",
      description: "How well a goal is written: the policies it was scored against and its total points.",
      since: "0.1.0",
      fields: {
        policies: optional(array(ref("GoalDesignPolicy"))),
        totalPoints: optional(number),
      },
    },
    {
      _tag: "Model",
      name: "GoalWithMetrics",
      description: "An objective with its metrics, tasks and links (`goalMetricsLinksResponse`), as the " +
        "deprecated `PUT /goals/{goalId}` answers: its name and description, its owners and " +
        "assignees, its session and parent, its attainment (own, aggregated, of its children), " +
        "its design score, its approval workflow, and whether it is `locked` (a locked goal " +
        "cannot be updated: 423).",
      since: "0.1.0",
      fields: {
        id: required(string),
        access: optional(ref("OkrAccess")),
        accountId: optional(string),
        aggregatedAttainment: optional(number),
        assignee: optional(ref("OkrAssignee")),
        assignees: optional(array(ref("OkrAssignee"))),
        attainment: optional(number),
        attainmentTypeString: optional(string),
        childrenAggregatedAttainment: optional(number),
        childrenCount: optional(number),
        closedStatus: optional(ref("OkrClosedStatus")),
        createdById: optional(string),
        currentUserAllowedActions: optional(array(string)),
        dateCreated: optional(string),
        dateFrom: optional(string),
        dateTo: optional(string),
        description: optional(string),
        designScore: optional(ref("GoalDesignScore")),
        duration: optional(number),
        fullAggregatedAttainment: optional(number),
        fullSubTreeCount: optional(number),
        lastCalculated: optional(string),
        links: optional(ref("OkrLinks")),
        locked: optional(boolean),
        metrics: optional(array(ref("Metric"))),
        metricsCount: optional(number),
        modifiedById: optional(string),
        name: optional(string),
        nonArchivedTasksCount: optional(number),
        numberOfOwners: optional(number),
        obfuscated: optional(boolean),
        orderId: optional(number),
        ownerId: optional(string),
        ownerIds: optional(array(string)),
        parentGoalSessionId: optional(string),
        parentId: optional(string),
        parentType: optional(string),
        private: optional(boolean),
        sessionId: optional(string),
        subTreeCount: optional(number),
        tags: optional(array(ref("OkrTag"))),
        tasks: optional(array(ref("GoalTask"))),
        tasksCount: optional(number),
        url: optional(string),
        watchers: optional(array(string)),
        workflow: optional(ref("GoalWorkflow")),
      },
    },
    {
      _tag: "Model",
      name: "Goal",
      description: "An objective as stored (`goal`), as the deprecated `PUT /goals/{goalId}/confidence` " +
        "answers: the goal's fields in their stored form, with numeric enumerations " +
        "(`attainmentType`, `calculationStatus`, `deletionReason`), its deletion state " +
        "(`isDeleted`, `deletedAt`, `deletedById`), its `parent`, and its permissions " +
        "(`inherits`, `owner_permissions`, `permissions`). Its `tags` are team-style tags " +
        "(`TeamTag`).",
      since: "0.1.0",
      fields: {
        id: required(string),
        accountId: optional(string),
        aggregatedAttainment: optional(number),
        attainment: optional(number),
        attainmentType: optional(number),
        calculationStatus: optional(number),
        childrenAggregatedAttainment: optional(number),
        childrenCount: optional(number),
        childrenKRAttainment: optional(number),
        closedStatus: optional(ref("GoalClosedState")),
        createdById: optional(string),
        dateCreated: optional(string),
        dateFrom: optional(string),
        dateTo: optional(string),
        deletedAt: optional(string),
        deletedById: optional(string),
        deletionReason: optional(number),
        description: optional(string),
        designScore: optional(ref("GoalDesignScore")),
        duration: optional(number),
        fullAggregatedAttainment: optional(number),
        fullSubTreeCount: optional(number),
        inherits: optional(boolean),
        isDeleted: optional(boolean),
        lastCalculated: optional(string),
        links: optional(ref("OkrLinks")),
        mentions: optional(record(unknown)),
        metricsAttainment: optional(number),
        metricsCount: optional(number),
        modifiedById: optional(string),
        name: optional(string),
        nonArchivedTasksCount: optional(number),
        orderId: optional(number),
        ownerIds: optional(array(string)),
        owner_permissions: optional(ref("OkrOwnerPermission")),
        parent: optional(ref("OkrParent")),
        permissions: optional(array(ref("OkrPermission"))),
        private: optional(boolean),
        sessionId: optional(string),
        subTreeCount: optional(number),
        tags: optional(array(ref("TeamTag"))),
        tasksCount: optional(number),
        watchers: optional(array(string)),
        workflow: optional(ref("GoalApprovalWorkflow")),
      },
    },
    {
      _tag: "Model",
      name: "GoalUpdateParams",
      description: 'The body of the deprecated `PUT /goals/{goalId}` (`goal`: "the object representing the ' +
        'goal to be updated"): the fields to change, at least one. `customFields` is a string, ' +
        'as the sample shows it (`"customFieldMultiselectDropdown:[\\"…\\"]"`); `links` is an open ' +
        "object (the sample shows `{}`); `ownerIds` is an id list (the sample's `{}` stands for " +
        "the `Ids` type).",
      since: "0.1.0",
      atLeastOneField: "the update is empty: give at least one field to change",
      fields: {
        attainmentTypeString: optional(nonEmptyString),
        customFields: optional(string),
        description: optional(string),
        links: optional(record(unknown)),
        name: optional(nonEmptyString),
        ownerId: optional(nonEmptyString),
        ownerIds: optional(array(nonEmptyString)),
        parentId: optional(string),
        private: optional(boolean),
        sessionId: optional(nonEmptyString),
      },
    },
    {
      _tag: "Model",
      name: "GoalUpdateConfidenceParams",
      description: "The body of the deprecated `PUT /goals/{goalId}/confidence` (`goalConfidence`): the " +
        "goal's confidence `value` (a finite number; the account's confidence settings give its " +
        "scale) and, optionally, the `reason`.",
      since: "0.1.0",
      fields: {
        value: required(finiteNumber),
        reason: optional(string),
      },
    },
  ],
}
