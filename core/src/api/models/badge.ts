/**
 * The Badge models of the Quantive Results API, described as plain data.
 *
 * @since 0.4.0
 */
import { array, boolean, type ModelModule, nonEmptyString, number, optional, ref, required, string } from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const badge: ModelModule = {
  module: "Badge",
  description: "The Badge models: a badge (`badgeResponse`), the pages of badges and of badge " +
    "assignments, the users and teams a badge is awarded to, and the request bodies of the " +
    "Badges endpoints. Every field the samples show is modelled; all but the ids of badges, " +
    "assignments and assignee teams are optional, since the API may omit them, and unknown " +
    "extra fields are tolerated (ignored on decode). Dates are ISO strings, as the API sends " +
    "them.\n\nWhere a sample shows a type name instead of a value, the real type is modelled: " +
    'the deepest tag of a team shows `items: ["tagResponse"]` (a tag\'s children are tags, so ' +
    'the tag tree is recursive) and `createdBy: "ID"` (a user id, a string). The users in ' +
    "`badgeAssigneesResponse` are the `User` of `GET /users`, whose own placeholders are " +
    "resolved as `User.ts` and `Team.ts` describe.",
  since: "0.1.0",
  declarations: [
    {
      _tag: "Model",
      name: "Badge",
      description: "A badge of the account (`badgeResponse`): a recognition that can be awarded to users " +
        "and teams, with its look (`icon`, `background` colour, `pattern`), name and " +
        "summary.\n\n`accountId`, `assignmentCondition` and `type` are not in the Badges samples: " +
        "they are the further fields the Users samples show on the same badge object (nested in " +
        "a team), and the create body sends `type` and the condition (there named " +
        "`assignCondition`).",
      since: "0.1.0",
      fields: {
        id: required(string, "The badge's unique identifier."),
        accountId: optional(string, "The id of the badge's account."),
        assignmentCondition: optional(
          string,
          "The condition under which the badge is assigned (`assignCondition` in the create body).",
        ),
        background: optional(string, "The badge's background colour."),
        icon: optional(string, "The badge's icon."),
        name: optional(string, "The badge's name."),
        pattern: optional(string, "The badge's pattern."),
        summary: optional(string, "The badge's summary."),
        type: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "BadgesPage",
      description: "The badges of the account (`badgesResponse`), the answer of `GET /badges`, which gets " +
        "all badges based on a filter (all badges of the account when none is given). " +
        "`totalCount` counts every badge.",
      since: "0.1.0",
      fields: {
        items: required(array(ref("Badge")), "The badges of this page."),
        totalCount: required(number, "How many badges there are in all, not just on this page."),
      },
    },
    {
      _tag: "Model",
      name: "AssignedBadge",
      description: "A badge assignment (`assignedBadgeResponse`): the badge (`badgeId`) awarded to users or " +
        "teams (`assigneeIds`), by whom and when, with a comment, who is notified " +
        "(`notificationStrategy`, `notify`), and its `status`: an assignment may need to be " +
        "approved (`approvedBy`) before it counts.",
      since: "0.1.0",
      fields: {
        id: required(string, "The assignment's unique identifier."),
        accountId: optional(string),
        approvedBy: optional(string, "The id of the user who approved the assignment."),
        assignedById: optional(string, "The id of the user who assigned the badge."),
        assignedOn: optional(string, "When the badge was assigned (an ISO date)."),
        assigneeIds: optional(array(string), "The ids of the users or teams the badge is awarded to."),
        badgeId: optional(string, "The id of the badge awarded."),
        comment: optional(string, "The comment that comes with the assignment."),
        notificationStrategy: optional(string),
        notify: optional(array(string), "The ids of the users notified of the assignment."),
        status: optional(string, "The assignment's status: an assignment may need to be approved before it counts."),
      },
    },
    {
      _tag: "Model",
      name: "AssignedBadgesPage",
      description: "Badge assignments (`assignedBadgesResponse`): the answer of `GET /badges/approve`, the " +
        "badge assignations that need to be approved.",
      since: "0.1.0",
      fields: {
        items: required(array(ref("AssignedBadge")), "The badge assignments of this page."),
        totalCount: required(number, "How many badge assignments there are in all, not just on this page."),
      },
    },
    {
      _tag: "Model",
      name: "AssignedBadgeV2",
      description: "A badge assignment with its badge expanded (the items of the reference's " +
        "`assignedBadgesResponseV2`): an `AssignedBadge` whose `badgeId` is replaced by the " +
        "whole `badge`.",
      since: "0.1.0",
      fields: {
        id: required(string),
        accountId: optional(string),
        approvedBy: optional(string),
        assignedById: optional(string),
        assignedOn: optional(string),
        assigneeIds: optional(array(string)),
        badge: optional(ref("Badge")),
        comment: optional(string),
        notificationStrategy: optional(string),
        notify: optional(array(string)),
        status: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "AssignedBadgesV2",
      description: "Badge assignments with their badges expanded (`assignedBadgesResponseV2`): the answer " +
        "of `GET /badges/assign` and `GET /badges/current`, the badges assigned to the current " +
        "user.",
      since: "0.1.0",
      fields: {
        items: required(array(ref("AssignedBadgeV2"))),
        totalCount: required(number),
      },
    },
    {
      _tag: "Model",
      name: "BadgeAssigneeTeamTag",
      description: "A tag on a team that holds a badge (`tagResponse`): its name and title, who created it " +
        "and when, whether it is active, and its child tags (`items`, tags again: the reference " +
        "prints four levels and then the type name). Unlike the `TeamTag` nested in a user's " +
        "role, `isActive` is a plain boolean here.",
      since: "0.1.0",
      fields: {
        createdBy: optional(string),
        dateCreated: optional(string),
        id: optional(string),
        isActive: optional(boolean),
        items: optional(array(ref("BadgeAssigneeTeamTag", { recursive: true }))),
        name: optional(string),
        title: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "BadgeAssigneeTeam",
      description: "A team a badge is awarded to (the `Teams` of the reference's `badgeAssigneesResponse`): " +
        "the team with its badges, its manager and members both as ids (`manager`, `members`) " +
        "and as users (`managerInfo`, `membersInfo`), its place in the hierarchy (`parentId`), " +
        "its look and its tags. Unlike the `Team` nested in a user's role, `isActive` is a plain " +
        "boolean here (with `dateDeactivated` beside it) and `badges` are plain badges.",
      since: "0.1.0",
      fields: {
        id: required(string),
        accountId: optional(string),
        avatar: optional(string),
        badges: optional(array(ref("Badge"))),
        color: optional(string),
        dateCreated: optional(string),
        dateDeactivated: optional(string),
        description: optional(string),
        dynamicValueType: optional(string),
        isActive: optional(boolean),
        manager: optional(string),
        managerInfo: optional(ref("User")),
        members: optional(array(string)),
        membersInfo: optional(array(ref("User"))),
        name: optional(string),
        parentId: optional(string),
        picture: optional(string),
        tags: optional(array(ref("BadgeAssigneeTeamTag"))),
      },
    },
    {
      _tag: "Model",
      name: "BadgeAssignees",
      description: "The users and teams that have a badge awarded (`badgeAssigneesResponse`), the answer of " +
        "`GET /badges/assign/{id}`. Note the capitalised field names. Both are optional: a badge " +
        "held by users only may come without `Teams` (or with `null`, which reads as absent), " +
        "and the other way round.",
      since: "0.1.0",
      fields: {
        Teams: optional(array(ref("BadgeAssigneeTeam"))),
        Users: optional(array(ref("User"))),
      },
    },
    {
      _tag: "Model",
      name: "BadgeCreateParams",
      description: "The body of `POST /badges` (`badge`), which creates a badge in the current account: its " +
        "name (required, non-empty), summary, look (`icon`, `background`, `pattern`), `type`, " +
        "and the condition under which it is assigned (`assignCondition`; the badge reads it " +
        "back as `assignmentCondition`).",
      since: "0.1.0",
      fields: {
        name: required(nonEmptyString),
        assignCondition: optional(string),
        background: optional(string),
        icon: optional(string),
        pattern: optional(string),
        summary: optional(string),
        type: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "BadgeUpdateParams",
      description: "The body of `PATCH /badges/{id}` (`badge`), which updates a badge's properties: the " +
        "fields of the create body, every one optional, at least one required (an empty patch " +
        "fails with `InvalidInput`); a given `name` must be non-empty.",
      since: "0.1.0",
      atLeastOneField: "the patch is empty: give at least one field to change",
      fields: {
        assignCondition: optional(string),
        background: optional(string),
        icon: optional(string),
        name: optional(nonEmptyString),
        pattern: optional(string),
        summary: optional(string),
        type: optional(string),
      },
    },
    {
      _tag: "Model",
      name: "BadgeAssignParams",
      description: "The body of `POST /badges/assign` (`assignBadge`), which assigns a badge to assignees, " +
        "each either a user or a team: the badge (`badgeId`, required) and the assignee ids " +
        "(`assigneeIds`, at least one, none empty), who assigns it (`assignedById`, a user id), " +
        "a comment, and who is notified (`notificationStrategy`, `notify`: user ids).",
      since: "0.1.0",
      fields: {
        badgeId: required(nonEmptyString),
        assigneeIds: required(array(nonEmptyString, { minItems: 1, message: "must hold at least one id" })),
        assignedById: optional(nonEmptyString),
        comment: optional(string),
        notificationStrategy: optional(string),
        notify: optional(array(nonEmptyString)),
      },
    },
  ],
}
