/**
 * The deprecated Announcements, Metrics and Goals endpoints: method, version, path, parameters, documented statuses,
 * and what replaces each. The deprecated Users endpoints are in `users.ts`.
 *
 * @internal
 */
import type { Operation } from "./operation.ts"

const SUNSET = "the Announcements feature was sunset on 2022-03-15; there is no replacement"

/** @internal */
export const endpoints = {
  announcementsList: {
    operation: "Announcements.list",
    method: "GET",
    api: "v1",
    path: "/announcements",
    params: [
      {
        name: "formatting",
        in: "query",
        kind: "string",
        required: false,
        description: "The formatting used for the comment. By default it is returned as 'mentionsMarkup' and it can " +
          "contain markdown and special markup for mentioned people. Use 'plainText' if you want the " +
          "response without markdown and special markup.",
      },
    ],
    statuses: [400, 401, 402, 403, 500],
    deprecated: SUNSET,
  },
  announcementsGet: {
    operation: "Announcements.get",
    method: "GET",
    api: "v1",
    path: "/announcements/{id}",
    params: [
      { name: "id", in: "path", kind: "string", required: true, description: "The ID of the announcement." },
      {
        name: "formatting",
        in: "query",
        kind: "string",
        required: false,
        description: "The formatting used for the comment. By default it is returned as 'mentionsMarkup' and it can " +
          "contain markdown and special markup for mentioned people. Use 'plainText' if you want the " +
          "response without markdown and special markup.",
      },
    ],
    statuses: [400, 401, 402, 403, 404, 500],
    deprecated: SUNSET,
  },
  announcementsCreate: {
    operation: "Announcements.create",
    method: "POST",
    api: "v1",
    path: "/announcements",
    statuses: [400, 401, 402, 403, 500],
    deprecated: SUNSET,
  },
  announcementsUpdate: {
    operation: "Announcements.update",
    method: "PATCH",
    api: "v1",
    path: "/announcements/{id}",
    params: [
      { name: "id", in: "path", kind: "string", required: true, description: "The ID of the announcement." },
    ],
    statuses: [400, 401, 402, 403, 500],
    deprecated: SUNSET,
  },
  announcementsRemove: {
    operation: "Announcements.remove",
    method: "DELETE",
    api: "v1",
    path: "/announcements/{id}",
    params: [
      { name: "id", in: "path", kind: "string", required: true, description: "The ID of the announcement." },
    ],
    statuses: [400, 401, 402, 403, 500],
    deprecated: SUNSET,
  },
  announcementsRemoveReaction: {
    operation: "Announcements.removeReaction",
    method: "DELETE",
    api: "v1",
    path: "/announcements/{id}/react",
    params: [
      { name: "id", in: "path", kind: "string", required: true, description: "The ID of the announcement." },
    ],
    statuses: [400, 401, 402, 403, 500],
    deprecated: SUNSET,
  },
  metricsByOwner: {
    operation: "Metrics.byOwner",
    method: "GET",
    api: "v1",
    path: "/metrics/owner/{ownerId}",
    params: [
      {
        name: "ownerId",
        in: "path",
        kind: "string",
        required: true,
        description: "The unique identifier of the owner (id).",
      },
      {
        name: "formatting",
        in: "query",
        kind: "string",
        required: false,
        description: "The formatting used for the description and custom fields of type text area. By default " +
          "returned as 'mentionsMarkup' (Ex: \"@[Mariya " +
          "Velikova:[email\u00a0protected]:602a65efc05575000123291b]\"). Use 'plainText' if you need the " +
          'response to be returned without markdown and special markup (Ex: "@Mariya Velikova").',
      },
    ],
    statuses: [400, 401, 402, 403, 500],
    deprecated: "use the Key Results API: GET key results with an ownerIds filter",
  },
  goalsUpdate: {
    operation: "Goals.update",
    method: "PUT",
    api: "v1",
    path: "/goals/{goalId}",
    params: [
      {
        name: "goalId",
        in: "path",
        kind: "string",
        required: true,
        description: "Specifies the unique identifier of the goal (objective).",
      },
    ],
    statuses: [400, 401, 402, 403, 404, 423, 500],
    deprecated: "use PATCH Objective (the Objectives API)",
  },
  goalsUpdateConfidence: {
    operation: "Goals.updateConfidence",
    method: "PUT",
    api: "v1",
    path: "/goals/{goalId}/confidence",
    params: [
      {
        name: "goalId",
        in: "path",
        kind: "string",
        required: true,
        description: "Specifies the unique identifier of the goal (objective).",
      },
    ],
    statuses: [400, 401, 402, 403, 404, 500],
    deprecated: "confidence is set on key results now: use PATCH Key Result",
  },
} as const satisfies Readonly<Record<string, Operation>>
