/**
 * The Team models of the Quantive Results API, described as plain data.
 *
 * @since 0.4.0
 */
import { array, boolean, type ModelModule, number, optional, record, ref, string, unknown } from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const team: ModelModule = {
  module: "Team",
  description: "The team and role models nested in a user: a user's `roles`, each with the `team` it " +
    "belongs to, and the team's badges, tags and activation flag. Every field the samples " +
    "show is modelled, all optional, and unknown extra fields are tolerated (ignored on " +
    'decode).\n\nThe `GET /users` sample shows some values as type names (`"IDs"`, `"ID"`, ' +
    '`"Badge"`, `"IsActiveFlag"`); they are modelled after the expanded forms the `GET ' +
    "/users/{userId}` sample of the same page shows: id lists are `ReadonlyArray<string>`, " +
    "ids are `string`, a badge is a `TeamBadgeInfo` and a tag's `isActive` is an " +
    "`IsActiveFlag`.",
  since: "0.1.0",
  declarations: [
    {
      _tag: "Model",
      name: "ExternalTeamMapping",
      description: "The link between a team and the external system (an HR system, a directory) it is " +
        "synchronised from.",
      since: "0.1.0",
      fields: {
        ExternalId: optional(string),
        ExternalSystem: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "IsActiveFlag",
      description: "Whether a team or a tag is active, and since when it is not (`DateDeactivated`, an ISO " +
        "date string). The reference calls this type `IsActiveFlag`; note the capitalised field " +
        "names.",
      since: "0.1.0",
      fields: {
        DateDeactivated: optional(string),
        IsActive: optional(boolean),
      },
    },
    {
      _tag: "Model",
      name: "TeamBadgeInfo",
      description: "A badge as shown on a team: its look (`background`, `icon`, `pattern`), its name and " +
        "summary, and how it is assigned.",
      since: "0.1.0",
      fields: {
        accountId: optional(string),
        assignmentCondition: optional(string),
        background: optional(string),
        icon: optional(string),
        id: optional(string),
        name: optional(string),
        pattern: optional(string),
        summary: optional(string),
        type: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "TeamBadge",
      description: "A badge assigned to a team: the assignment id, the badge, and the ids it is assigned to.",
      since: "0.1.0",
      fields: {
        assigneeIds: optional(array(string)),
        badge: optional(ref("TeamBadgeInfo")),
        id: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "TeamTag",
      description: "A tag on a team.",
      since: "0.1.0",
      fields: {
        id: optional(string),
        isActive: optional(ref("IsActiveFlag")),
        name: optional(string),
        title: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "Team",
      description: "A team, as nested in a user's role: its members and manager, its place in the hierarchy " +
        "(`parentId`), its look, and counts of its goals and metrics. `mentions` is an open " +
        "record (the reference shows `{}`).",
      since: "0.1.0",
      fields: {
        ExternalTeamMapping: optional(ref("ExternalTeamMapping")),
        accountId: optional(string),
        avatar: optional(string),
        badges: optional(array(ref("TeamBadge"))),
        color: optional(string),
        createdById: optional(string),
        dateCreated: optional(string),
        description: optional(string),
        dynamicMetricCount: optional(number),
        id: optional(string),
        isActive: optional(ref("IsActiveFlag")),
        manager: optional(string),
        manualMetricCount: optional(number),
        members: optional(array(string)),
        membersGoalCount: optional(number),
        mentions: optional(record(unknown)),
        modifiedById: optional(string),
        movedExternalMembers: optional(array(string)),
        name: optional(string),
        parentId: optional(string),
        picture: optional(string),
        tags: optional(array(ref("TeamTag"))),
        teamGoalCount: optional(number),
      },
    },
    {
      _tag: "Model",
      name: "UserRole",
      description: "A role a user holds, with the team it belongs to.",
      since: "0.1.0",
      fields: {
        accountId: optional(string, "The id of the role's account."),
        description: optional(string, "What the role is for."),
        id: optional(string, "The role's unique identifier."),
        name: optional(string, "The role's name."),
        team: optional(ref("Team"), "The team the role belongs to."),
      },
    },
  ],
}
