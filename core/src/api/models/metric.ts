/**
 * The Metric models of the Quantive Results API, described as plain data.
 *
 * @since 0.4.0
 */
import { array, boolean, type ModelModule, number, optional, record, ref, required, string, unknown } from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const metric: ModelModule = {
  module: "Metric",
  description: "The Metric models: the metrics (key results) of `GET /metrics/owner/{ownerId}` and " +
    "their page. Every field the samples show is modelled, all optional, and unknown extra " +
    "fields are tolerated (ignored on decode). Dates are ISO strings. The building blocks " +
    "shared with the goals of `Goal.ts` (assignees and their tags, permissions, the value " +
    "format, and the `links` that expand related goals, metrics and sessions) live in " +
    "`Okr.ts`.\n\nThe reference prints some values as type names rather than values; they are " +
    "modelled by the real type, as the expanded forms elsewhere in the deprecated samples " +
    'show: `"Ids"` and `{}` for `ownerIds`/`goalOwnerIds` are id lists ' +
    '(`ReadonlyArray<string>`, as the goal\'s `ownerIds` sample shows), `"MetricFormat"` is a ' +
    '`MetricFormat` and `"assigneeResponse"` an `OkrAssignee`.',
  since: "0.1.0",
  declarations: [
    {
      _tag: "Model",
      name: "MetricDynamicValue",
      description: "A dynamic value of a metric setting: a value resolved per team.",
      since: "0.1.0",
      fields: {
        teamId: optional(string),
        type: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "MetricSetting",
      description: "One setting of a dynamic metric (a parameter of the insight that computes it): its " +
        "value and how it is displayed.",
      since: "0.1.0",
      fields: {
        dynamicValues: optional(array(ref("MetricDynamicValue"))),
        name: optional(string),
        value: optional(string),
        valueDisplayName: optional(string),
        valueDisplayNameAsArray: optional(array(string)),
      },
    },
    {
      _tag: "Model",
      name: "Metric",
      description: "A metric, that is a key result (an item of `metricsResponse`): its progress " +
        "(`initialValue`, `actual`, `target`, `targetOperator`, `critical`), how it is measured " +
        "(`manualType`, or `dynamic` with an `insightName`, `fieldName` and `settings`), its " +
        "goal (`goalId`, `goalName`, …), its owners and assignees, and its dates (`dueDate`, " +
        "`softDueDate`). `description` may hold mention markup unless read with `formatting: " +
        '"plainText"`.\n\nThe sample shows no `id`; the metric\'s id is modelled as an optional ' +
        "`id` all the same (the expanded metrics of the same page carry one).",
      since: "0.1.0",
      fields: {
        id: optional(string),
        actual: optional(number),
        assignee: optional(ref("OkrAssignee")),
        assignees: optional(array(ref("OkrAssignee"))),
        cascadeType: optional(string),
        critical: optional(number),
        description: optional(string),
        dueDate: optional(string),
        dynamic: optional(boolean),
        fieldName: optional(string),
        format: optional(ref("MetricFormat")),
        goalClosedStatus: optional(ref("OkrClosedStatus")),
        goalDescription: optional(string),
        goalId: optional(string),
        goalName: optional(string),
        goalOwnerId: optional(string),
        goalOwnerIds: optional(array(string)),
        initialValue: optional(number),
        insightName: optional(string),
        links: optional(ref("OkrLinks")),
        manualType: optional(string),
        name: optional(string),
        numberOfOwners: optional(number),
        obfuscated: optional(boolean),
        ownerId: optional(string),
        ownerIds: optional(array(string)),
        private: optional(boolean),
        sessionId: optional(string),
        settings: optional(array(ref("MetricSetting"))),
        softDueDate: optional(string),
        sourceMetricId: optional(string),
        target: optional(number),
        targetMetrics: optional(record(unknown)),
        targetOperator: optional(string),
        tasksCount: optional(number),
        url: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "MetricsPage",
      description: "The metrics of one owner (`metricsResponse`), as `GET /metrics/owner/{ownerId}` " +
        "answers: the items, and how many there are.",
      since: "0.1.0",
      fields: {
        items: required(array(ref("Metric")), "The metrics of this page."),
        totalCount: required(number, "How many metrics there are in all, not just on this page."),
      },
    },
  ],
}
