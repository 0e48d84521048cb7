/**
 * The Users endpoints of seed 001: method, version, path and documented statuses.
 *
 * @internal
 */
import { endpoint } from "./client.ts"

/** @internal */
export const endpoints = {
  list: endpoint({
    operation: "Users.list",
    method: "GET",
    api: "v2",
    path: "/users",
    statuses: [400, 401, 402, 403, 500],
  }),
  get: endpoint({
    operation: "Users.get",
    method: "GET",
    api: "v1",
    path: "/users/{userId}",
    statuses: [400, 403, 404, 500],
  }),
  managers: endpoint({
    operation: "Users.managers",
    method: "GET",
    api: "v1",
    path: "/users/{userId}/managers",
    statuses: [400, 404, 500],
  }),
  create: endpoint({
    operation: "Users.create",
    method: "POST",
    api: "v1",
    path: "/users",
    statuses: [400, 401, 403, 409, 500],
  }),
  activate: endpoint({
    operation: "Users.activate",
    method: "POST",
    api: "v1",
    path: "/users/activate",
    statuses: [400, 403, 500],
  }),
  deactivate: endpoint({
    operation: "Users.deactivate",
    method: "POST",
    api: "v1",
    path: "/users/deactivate",
    statuses: [400, 403, 500],
  }),
  removeMany: endpoint({
    operation: "Users.removeMany",
    method: "POST",
    api: "v1",
    path: "/users/delete",
    statuses: [400, 403, 404, 500],
  }),
  sendInvitations: endpoint({
    operation: "Users.sendInvitations",
    method: "POST",
    api: "v1",
    path: "/users/invitations",
    statuses: [400, 401, 402, 403, 500],
  }),
  updateRoles: endpoint({
    operation: "Users.updateRoles",
    method: "POST",
    api: "v1",
    path: "/users/roles",
    statuses: [400, 403, 500],
  }),
  assignRole: endpoint({
    operation: "Users.assignRole",
    method: "POST",
    api: "v1",
    path: "/users/{userId}/roles",
    statuses: [400, 404],
  }),
  sendChangePasswordEmail: endpoint({
    operation: "Users.sendChangePasswordEmail",
    method: "POST",
    api: "v1",
    path: "/users/{userId}/send-change-password-email",
    statuses: [400, 401, 403, 500],
  }),
  updateLanguage: endpoint({
    operation: "Users.updateLanguage",
    method: "PUT",
    api: "v1",
    path: "/users/{userId}",
    statuses: [400, 500],
  }),
  updateName: endpoint({
    operation: "Users.updateName",
    method: "PATCH",
    api: "v1",
    path: "/users/{userId}",
    statuses: [400, 403, 404, 500],
  }),
  updateInfo: endpoint({
    operation: "Users.updateInfo",
    method: "PATCH",
    api: "v1",
    path: "/users/{userId}/info",
    statuses: [400, 403, 404, 500],
  }),
  remove: endpoint({
    operation: "Users.remove",
    method: "DELETE",
    api: "v1",
    path: "/accounts/user/{id}",
    statuses: [400, 401, 402, 403, 409, 500],
  }),
  removeRole: endpoint({
    operation: "Users.removeRole",
    method: "DELETE",
    api: "v1",
    path: "/users/{userId}/roles/{roleId}",
    statuses: [400, 404, 409, 500],
  }),
  removeRoles: endpoint({
    operation: "Users.removeRoles",
    method: "DELETE",
    api: "v1",
    path: "/users/{userId}/roles",
    statuses: [400, 409, 500],
  }),
  legacyUpdateSettings: endpoint({
    operation: "LegacyUsers.updateSettings",
    method: "PUT",
    api: "v1",
    path: "/users/settings",
    statuses: [400, 404, 500],
    deprecated: "use Users.updateLanguage(userId, settings) (PUT /users/{userId})",
  }),
}
