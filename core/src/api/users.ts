/**
 * The Users endpoints, and the deprecated Users endpoints (`legacy…`): method, version, path, parameters, documented
 * statuses, and for the deprecated ones what replaces them.
 *
 * @internal
 */
import type { Operation } from "./operation.ts"

/** The `userId` path parameter, as the reference describes it for every user operation. */
const userIdParam = {
  name: "userId",
  in: "path",
  kind: "string",
  required: true,
  description: "Specifies the user unique identifier (id).",
} as const

/** @internal */
export const endpoints = {
  list: {
    operation: "Users.list",
    method: "GET",
    api: "v2",
    path: "/users",
    params: [
      {
        name: "fields",
        in: "query",
        kind: "string",
        required: false,
        description: "Specifies the list of fields to be returned in the response. For example, to get only the " +
          "user's email, first and last name use fields=email,firstName,lastName",
      },
      {
        name: "limit",
        in: "query",
        kind: "integer",
        required: false,
        description: "The max number of entities that can be returned by the GET query. By default take value is 100.",
      },
      {
        name: "formatting",
        in: "query",
        kind: "string",
        required: false,
        description: "The formatting used for the description and custom fields of type text area. By default " +
          "returned as 'mentionsMarkup'. Ex: \"@[John " +
          "Smith:john.smith@okrs.tech:602a65efc05575000123291b]\". Use 'plainText' if you need the response " +
          'to be returned without markdown and special markup. Ex: "@John Smith"',
      },
      {
        name: "filter",
        in: "query",
        kind: "string",
        required: false,
        description: "Specifies the filter in Mongo syntax. For example, to get a single user by their Id, use " +
          'filter={"_id":"611fce386400780001b19e1e"}.',
      },
      {
        name: "sort",
        in: "query",
        kind: "string",
        required: false,
        description: "Specifies the sort expression. For example, to sort users by their creation date user " +
          "sort=dateCreated or sort=-dateCreated (to sort in descending order).",
      },
      {
        name: "skip",
        in: "query",
        kind: "integer",
        required: false,
        description: "Specifies how many items to skip from the beginning of the collection. Use this to implement " +
          "paging. For example, if you want to get users 5-10 use skip=5&take=5. Always sort your response " +
          "to ensure that you're paging through the collection in the same order, for example " +
          "sort=dateCreated&skip=5&take=5.",
      },
      {
        name: "take",
        in: "query",
        kind: "integer",
        required: false,
        description: "Specifies how many items to take from the collection. Use this to implement paging. For " +
          "example, if you want to get the first 10 users use take=10. Always sort your response to ensure " +
          "that you're paging through the collection in the same order, for example " +
          "sort=dateCreated&take=10.",
      },
    ],
    statuses: [400, 401, 402, 403, 500],
  },
  get: {
    operation: "Users.get",
    method: "GET",
    api: "v1",
    path: "/users/{userId}",
    params: [
      userIdParam,
      {
        name: "formatting",
        in: "query",
        kind: "string",
        required: false,
        description: "The formatting used for the custom fields of type text area. By default they are returned as " +
          "'mentionsMarkup' and they can contain markdown and special markup for mentioned people. Use " +
          "'plainText' if you want the response without markdown and special markup.",
      },
    ],
    statuses: [400, 403, 404, 500],
  },
  managers: {
    operation: "Users.managers",
    method: "GET",
    api: "v1",
    path: "/users/{userId}/managers",
    params: [
      userIdParam,
    ],
    statuses: [400, 404, 500],
  },
  create: {
    operation: "Users.create",
    method: "POST",
    api: "v1",
    path: "/users",
    statuses: [400, 401, 403, 409, 500],
  },
  activate: {
    operation: "Users.activate",
    method: "POST",
    api: "v1",
    path: "/users/activate",
    statuses: [400, 403, 500],
  },
  deactivate: {
    operation: "Users.deactivate",
    method: "POST",
    api: "v1",
    path: "/users/deactivate",
    statuses: [400, 403, 500],
  },
  removeMany: {
    operation: "Users.removeMany",
    method: "POST",
    api: "v1",
    path: "/users/delete",
    statuses: [400, 403, 404, 500],
  },
  sendInvitations: {
    operation: "Users.sendInvitations",
    method: "POST",
    api: "v1",
    path: "/users/invitations",
    statuses: [400, 401, 402, 403, 500],
  },
  updateRoles: {
    operation: "Users.updateRoles",
    method: "POST",
    api: "v1",
    path: "/users/roles",
    statuses: [400, 403, 500],
  },
  assignRole: {
    operation: "Users.assignRole",
    method: "POST",
    api: "v1",
    path: "/users/{userId}/roles",
    params: [
      userIdParam,
    ],
    statuses: [400, 404],
  },
  sendChangePasswordEmail: {
    operation: "Users.sendChangePasswordEmail",
    method: "POST",
    api: "v1",
    path: "/users/{userId}/send-change-password-email",
    params: [
      { name: "userId", in: "path", kind: "string", required: true },
    ],
    statuses: [400, 401, 403, 500],
  },
  updateLanguage: {
    operation: "Users.updateLanguage",
    method: "PUT",
    api: "v1",
    path: "/users/{userId}",
    params: [
      userIdParam,
    ],
    statuses: [400, 500],
  },
  updateName: {
    operation: "Users.updateName",
    method: "PATCH",
    api: "v1",
    path: "/users/{userId}",
    params: [
      userIdParam,
    ],
    statuses: [400, 403, 404, 500],
  },
  updateInfo: {
    operation: "Users.updateInfo",
    method: "PATCH",
    api: "v1",
    path: "/users/{userId}/info",
    params: [
      userIdParam,
    ],
    statuses: [400, 403, 404, 500],
  },
  remove: {
    operation: "Users.remove",
    method: "DELETE",
    api: "v1",
    path: "/accounts/user/{id}",
    params: [
      { name: "id", in: "path", kind: "string", required: true, description: "The ID of the user." },
    ],
    statuses: [400, 401, 402, 403, 409, 500],
  },
  removeRole: {
    operation: "Users.removeRole",
    method: "DELETE",
    api: "v1",
    path: "/users/{userId}/roles/{roleId}",
    params: [
      userIdParam,
      {
        name: "roleId",
        in: "path",
        kind: "string",
        required: true,
        description: "Specifies the unique role identifier (roleId).",
      },
    ],
    statuses: [400, 404, 409, 500],
  },
  removeRoles: {
    operation: "Users.removeRoles",
    method: "DELETE",
    api: "v1",
    path: "/users/{userId}/roles",
    params: [
      { name: "userId", in: "path", kind: "string", required: true },
      {
        name: "ids",
        in: "query",
        kind: "string",
        required: true,
        description: "The ids of the roles to remove, separated by commas.",
      },
    ],
    statuses: [400, 409, 500],
  },
  legacyUpdateSettings: {
    operation: "LegacyUsers.updateSettings",
    method: "PUT",
    api: "v1",
    path: "/users/settings",
    statuses: [400, 404, 500],
    deprecated: "use Users.updateLanguage(userId, settings) (PUT /users/{userId})",
  },
  legacyCreate: {
    operation: "LegacyUsers.create",
    method: "POST",
    api: "v1",
    path: "/users",
    params: [
      {
        name: "skipEmail",
        in: "query",
        kind: "boolean",
        required: false,
        description: "Skip sending email invitation.",
      },
    ],
    statuses: [401, 429],
    deprecated: "use Users.create([user]) (POST /users with an array of users)",
  },
  legacyList: {
    operation: "LegacyUsers.list",
    method: "GET",
    api: "v1",
    path: "/accounts/users",
    params: [
      {
        name: "filter",
        in: "query",
        kind: "string",
        required: false,
        description: "Filter query in Lucene query syntax. Supports filtering by: email, name, roles. Filter syntax: " +
          "filter=property:value. To filter by roles, use filter=roles:roleId1,roleId2.",
      },
      {
        name: "skip",
        in: "query",
        kind: "integer",
        required: false,
        description: "How many entities to skip when executing a get query. By default skip value is 0. Used when " +
          "implementing paging",
      },
      {
        name: "take",
        in: "query",
        kind: "integer",
        required: false,
        description:
          "The max number of entities that can be returned by the get query. By default take value is 100. " +
          "Used when implementing paging",
      },
      {
        name: "includeShadowedRoles",
        in: "query",
        kind: "boolean",
        required: false,
        description: "Specifies whether or not to include shadowed (e.g. team roles) user roles in the response. If " +
          "this parameter is set to 'true' all user roles in current account will be fetched. If set to " +
          "'false' or not set at all, shadowed roles (like team roles) will be excluded from the result.",
      },
    ],
    statuses: [400, 401, 402, 403, 500],
    deprecated: "use Users.list or Users.stream (GET /v2/users)",
  },
  legacyPasswordPolicy: {
    operation: "LegacyUsers.passwordPolicy",
    method: "GET",
    api: "v1",
    path: "/users/password/{clientId}/policy",
    params: [
      { name: "clientId", in: "path", kind: "string", required: true },
    ],
    statuses: [],
    deprecated: "the API documents no replacement",
  },
} as const satisfies Readonly<Record<string, Operation>>
