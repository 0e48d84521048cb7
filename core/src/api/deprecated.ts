/**
 * The deprecated Announcements, Metrics and Goals endpoints of seed 003: method, version, path, documented statuses,
 * and what replaces each (logged once per process on the first call). The deprecated Users endpoints are in
 * `usersEndpoints.ts`.
 *
 * @internal
 */
import { operation as endpoint } from "./operation.ts"

const SUNSET = "the Announcements feature was sunset on 2022-03-15; there is no replacement"

/** @internal */
export const endpoints = {
  announcementsList: endpoint({
    operation: "Announcements.list",
    method: "GET",
    api: "v1",
    path: "/announcements",
    statuses: [400, 401, 402, 403, 500],
    deprecated: SUNSET,
  }),
  announcementsGet: endpoint({
    operation: "Announcements.get",
    method: "GET",
    api: "v1",
    path: "/announcements/{id}",
    statuses: [400, 401, 402, 403, 404, 500],
    deprecated: SUNSET,
  }),
  announcementsCreate: endpoint({
    operation: "Announcements.create",
    method: "POST",
    api: "v1",
    path: "/announcements",
    statuses: [400, 401, 402, 403, 500],
    deprecated: SUNSET,
  }),
  announcementsUpdate: endpoint({
    operation: "Announcements.update",
    method: "PATCH",
    api: "v1",
    path: "/announcements/{id}",
    statuses: [400, 401, 402, 403, 500],
    deprecated: SUNSET,
  }),
  announcementsRemove: endpoint({
    operation: "Announcements.remove",
    method: "DELETE",
    api: "v1",
    path: "/announcements/{id}",
    statuses: [400, 401, 402, 403, 500],
    deprecated: SUNSET,
  }),
  announcementsRemoveReaction: endpoint({
    operation: "Announcements.removeReaction",
    method: "DELETE",
    api: "v1",
    path: "/announcements/{id}/react",
    statuses: [400, 401, 402, 403, 500],
    deprecated: SUNSET,
  }),
  metricsByOwner: endpoint({
    operation: "Metrics.byOwner",
    method: "GET",
    api: "v1",
    path: "/metrics/owner/{ownerId}",
    statuses: [400, 401, 402, 403, 500],
    deprecated: "use the Key Results API: GET key results with an ownerIds filter",
  }),
  goalsUpdate: endpoint({
    operation: "Goals.update",
    method: "PUT",
    api: "v1",
    path: "/goals/{goalId}",
    statuses: [400, 401, 402, 403, 404, 423, 500],
    deprecated: "use PATCH Objective (the Objectives API)",
  }),
  goalsUpdateConfidence: endpoint({
    operation: "Goals.updateConfidence",
    method: "PUT",
    api: "v1",
    path: "/goals/{goalId}/confidence",
    statuses: [400, 401, 402, 403, 404, 500],
    deprecated: "confidence is set on key results now: use PATCH Key Result",
  }),
}
