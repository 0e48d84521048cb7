/**
 * The Badges endpoints: method, version, path, parameters and documented statuses.
 *
 * @internal
 */
import type { Operation } from "./operation.ts"

/** @internal */
export const endpoints = {
  list: {
    operation: "Badges.list",
    method: "GET",
    api: "v1",
    path: "/badges",
    statuses: [400, 401, 402, 403, 500],
  },
  pendingApprovals: {
    operation: "Badges.pendingApprovals",
    method: "GET",
    api: "v1",
    path: "/badges/approve",
    statuses: [400, 401, 402, 403, 500],
  },
  assigned: {
    operation: "Badges.assigned",
    method: "GET",
    api: "v1",
    path: "/badges/assign",
    statuses: [400, 401, 402, 403, 500],
  },
  assignees: {
    operation: "Badges.assignees",
    method: "GET",
    api: "v1",
    path: "/badges/assign/{id}",
    params: [
      { name: "id", in: "path", kind: "string", required: true, description: "The ID of the badge." },
    ],
    statuses: [400, 401, 402, 403, 404, 500],
  },
  current: {
    operation: "Badges.current",
    method: "GET",
    api: "v1",
    path: "/badges/current",
    statuses: [400, 401, 402, 403, 500],
  },
  get: {
    operation: "Badges.get",
    method: "GET",
    api: "v1",
    path: "/badges/{id}",
    params: [
      { name: "id", in: "path", kind: "string", required: true, description: "The ID of the badge." },
    ],
    statuses: [400, 401, 402, 403, 404, 500],
  },
  create: {
    operation: "Badges.create",
    method: "POST",
    api: "v1",
    path: "/badges",
    statuses: [400, 401, 402, 403, 500],
  },
  approve: {
    operation: "Badges.approve",
    method: "POST",
    api: "v1",
    path: "/badges/approve/{id}",
    params: [
      { name: "id", in: "path", kind: "string", required: true, description: "The ID of the assigned badge request." },
    ],
    statuses: [400, 401, 402, 403, 500],
  },
  assign: {
    operation: "Badges.assign",
    method: "POST",
    api: "v1",
    path: "/badges/assign",
    statuses: [400, 401, 402, 403, 500],
  },
  update: {
    operation: "Badges.update",
    method: "PATCH",
    api: "v1",
    path: "/badges/{id}",
    params: [
      { name: "id", in: "path", kind: "string", required: true, description: "The ID of the badge." },
    ],
    statuses: [400, 401, 402, 403, 404, 500],
  },
  reject: {
    operation: "Badges.reject",
    method: "DELETE",
    api: "v1",
    path: "/badges/approve/{id}",
    params: [
      { name: "id", in: "path", kind: "string", required: true, description: "The ID of the assigned badge request." },
    ],
    statuses: [400, 401, 402, 403, 500],
  },
  unassign: {
    operation: "Badges.unassign",
    method: "DELETE",
    api: "v1",
    path: "/badges/assign/{assigneeId}/{badgeAssignId}",
    params: [
      {
        name: "assigneeId",
        in: "path",
        kind: "string",
        required: true,
        description: "The ID of the assignee. Can be either team or user id.",
      },
      {
        name: "badgeAssignId",
        in: "path",
        kind: "string",
        required: true,
        description: "Specifies the badge assign id.",
      },
    ],
    statuses: [400, 401, 402, 403, 500],
  },
  remove: {
    operation: "Badges.remove",
    method: "DELETE",
    api: "v1",
    path: "/badges/{id}",
    params: [
      { name: "id", in: "path", kind: "string", required: true, description: "The ID of the badge." },
    ],
    statuses: [400, 401, 402, 403, 500],
  },
} as const satisfies Readonly<Record<string, Operation>>
