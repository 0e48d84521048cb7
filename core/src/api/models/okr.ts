/**
 * The Okr models of the Quantive Results API, described as plain data.
 *
 * @since 0.4.0
 */
import { array, boolean, type ModelModule, number, optional, ref, string } from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const okr: ModelModule = {
  module: "Okr",
  description: "The OKR building blocks that the metrics of `Metric.ts` and the goals of `Goal.ts` " +
    "share: assignees and their tags, permissions and access, closed status and parent, a " +
    "metric's value format, and the `links` that expand related goals, metrics and sessions. " +
    "Every field the samples show is modelled, all optional, and unknown extra fields are " +
    "tolerated (ignored on decode). Dates are ISO strings.\n\nThe reference prints some values " +
    "as type names rather than values; they are modelled by the real type, as the expanded " +
    'forms elsewhere in the deprecated samples show: `"Ids"` and `{}` for `ownerIds` are id ' +
    "lists (`ReadonlyArray<string>`, as the goal's `ownerIds` sample shows), " +
    '`"MetricFormat"` is a `MetricFormat`, `"assigneeResponse"` an `OkrAssignee`, ' +
    '`"tagResponse"` an `OkrTag`, `"defaultAccess"` an `OkrAccess`, `"OwnerPermission"` an ' +
    '`OkrOwnerPermission`, `"Permission"` an `OkrPermission`, and `"Binary"` an `OkrBinary` ' +
    "(`{ Subtype }`).",
  since: "0.1.0",
  declarations: [
    {
      _tag: "Model",
      name: "OkrBinary",
      description: "A permission bit set as the API serialises it (the reference's `Binary`): its `Subtype`.",
      since: "0.1.0",
      fields: {
        Subtype: optional(number),
      },
    },
    {
      _tag: "Model",
      name: "OkrOwnerPermission",
      description: "What the owners of an OKR entity are granted (the reference's `OwnerPermission`).",
      since: "0.1.0",
      fields: {
        grant: optional(ref("OkrBinary")),
      },
    },
    {
      _tag: "Model",
      name: "OkrPermission",
      description: "What one principal (a user or a team: `principalKind`) is granted and denied on an OKR " +
        "entity (the reference's `Permission`).",
      since: "0.1.0",
      fields: {
        deny: optional(ref("OkrBinary")),
        grant: optional(ref("OkrBinary")),
        principalId: optional(string),
        principalKind: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "OkrAccess",
      description: "Who may access an OKR entity: whether it inherits its parent's permissions, the owners' " +
        "permissions and everyone else's (the reference's `defaultAccess`).",
      since: "0.1.0",
      fields: {
        inherits: optional(boolean),
        ownerPermissions: optional(ref("OkrOwnerPermission")),
        permissions: optional(array(ref("OkrPermission"))),
      },
    },
    {
      _tag: "Model",
      name: "OkrTag",
      description: "A tag (the reference's `tagResponse`): its name and title, who created it and when, " +
        "whether it is active, and its nested tags (`items`, tags of the same shape).",
      since: "0.1.0",
      fields: {
        createdBy: optional(string),
        dateCreated: optional(string),
        id: optional(string),
        isActive: optional(boolean),
        items: optional(array(ref("OkrTag", { recursive: true }))),
        name: optional(string),
        title: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "OkrAssignee",
      description: "The user or team an OKR entity is assigned to (the reference's `assigneeResponse`): " +
        "`type` tells which; a team has an `avatar` and a `color`, a user an `email` and a " +
        "`picture`.",
      since: "0.1.0",
      fields: {
        accountId: optional(string),
        avatar: optional(string),
        color: optional(string),
        dynamicValueType: optional(string),
        email: optional(string),
        id: optional(string),
        isActive: optional(boolean),
        name: optional(string),
        picture: optional(string),
        tags: optional(array(ref("OkrTag"))),
        type: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "OkrClosedStatus",
      description: "Whether a goal is closed, and why (`reason`, `status`).",
      since: "0.1.0",
      fields: {
        reason: optional(string),
        status: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "OkrParent",
      description: "Where an OKR entity sits: the goal, metric (and the metric's goal) and session it " +
        "belongs to.",
      since: "0.1.0",
      fields: {
        goalId: optional(string),
        metricGoalId: optional(string),
        metricId: optional(string),
        sessionId: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "MetricFormat",
      description: "How a metric's values are shown: decimals (`fractionSize`), a `prefix` (`$`) and a " +
        "`suffix` (`%`).",
      since: "0.1.0",
      fields: {
        ID: optional(string),
        fractionSize: optional(number),
        prefix: optional(string),
        suffix: optional(string),
      },
    },
  ],
}
