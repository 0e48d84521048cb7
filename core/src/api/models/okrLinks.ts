/**
 * The OkrLinks models of the Quantive Results API, described as plain data.
 *
 * @since 0.4.0
 */
import { array, boolean, type ModelModule, number, optional, ref, string, struct } from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const okrLinks: ModelModule = {
  module: "OkrLinks",
  description: "The entities an OKR links to, as the deprecated Metrics and Goals endpoints expand them " +
    "in `links`: goals, metrics and sessions. Their fields are the union of those the three " +
    "samples show.",
  since: "0.1.0",
  declarations: [
    {
      _tag: "Model",
      name: "OkrLinkedGoal",
      description: "A goal as expanded in an entity's `links`. The fields are those the three deprecated " +
        "samples show for it (the metrics' and the goal update's API form, and the confidence " +
        "update's stored form with `owner_permissions`, `parent` and `permissions`).",
      since: "0.1.0",
      fields: {
        access: optional(ref("OkrAccess")),
        accountId: optional(string),
        assignee: optional(ref("OkrAssignee")),
        assignees: optional(array(ref("OkrAssignee"))),
        attainment: optional(number),
        attainmentType: optional(number),
        attainmentTypeString: optional(string),
        createdById: optional(string),
        dateCreated: optional(string),
        dateFrom: optional(string),
        dateTo: optional(string),
        description: optional(string),
        id: optional(string),
        inherits: optional(boolean),
        isDeleted: optional(boolean),
        name: optional(string),
        numberOfOwners: optional(number),
        obfuscated: optional(boolean),
        ownerId: optional(string),
        ownerIds: optional(array(string)),
        owner_permissions: optional(ref("OkrOwnerPermission")),
        parent: optional(ref("OkrParent")),
        parentGoalSessionId: optional(string),
        parentId: optional(string),
        parentType: optional(string),
        permissions: optional(array(ref("OkrPermission"))),
        private: optional(boolean),
        sessionId: optional(string),
        url: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "OkrLinkedMetric",
      description: "A metric as expanded in an entity's `links`; the fields are those the three deprecated " +
        "samples show for it.",
      since: "0.1.0",
      fields: {
        actual: optional(number),
        attainment: optional(number),
        cascadeType: optional(string),
        createdById: optional(string),
        dateCreated: optional(string),
        description: optional(string),
        dynamic: optional(boolean),
        fieldName: optional(string),
        format: optional(ref("MetricFormat")),
        goalId: optional(string),
        goalName: optional(string),
        id: optional(string),
        inherits: optional(boolean),
        initialValue: optional(number),
        insightName: optional(string),
        isDeleted: optional(boolean),
        manualType: optional(string),
        modifiedById: optional(string),
        name: optional(string),
        numberOfOwners: optional(number),
        objectId: optional(string),
        obfuscated: optional(boolean),
        ownerId: optional(string),
        ownerIds: optional(array(string)),
        owner_permissions: optional(ref("OkrOwnerPermission")),
        parent: optional(struct({
          private: optional(boolean),
        })),
        permissions: optional(array(ref("OkrPermission"))),
        sessionId: optional(string),
        target: optional(number),
        targetOperator: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "OkrLinkedSession",
      description: "An OKR session (a period such as a quarter) as expanded in an entity's `links`; the " +
        "fields are those the three deprecated samples show for it (`ownerPermissions` in the " +
        "API form, `owner_permissions` in the stored form).",
      since: "0.1.0",
      fields: {
        accountId: optional(string),
        end: optional(string),
        id: optional(string),
        inherits: optional(boolean),
        isDeleted: optional(boolean),
        ownerPermissions: optional(ref("OkrOwnerPermission")),
        owner_permissions: optional(ref("OkrOwnerPermission")),
        parentId: optional(string),
        permissions: optional(array(ref("OkrPermission"))),
        start: optional(string),
        status: optional(string),
        title: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "OkrLinks",
      description: "The related entities of a goal or metric, expanded: goals, metrics and sessions.",
      since: "0.1.0",
      fields: {
        expanded: optional(struct({
          goals: optional(array(ref("OkrLinkedGoal"))),
          metrics: optional(array(ref("OkrLinkedMetric"))),
          sessions: optional(array(ref("OkrLinkedSession"))),
        })),
      },
    },
  ],
}
