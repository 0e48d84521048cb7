/**
 * The fake server's Users routes: `GET /v2/users`, `POST /users` and the bulk `POST /users/{activate,deactivate,
 * delete,invitations,roles}`, the single-user `GET/PUT/PATCH /users/{userId}` with its info, roles and password
 * e-mail, `GET /users/{userId}/managers`, `DELETE /accounts/user/{id}`, and the deprecated `PUT /users/settings`. The
 * deprecated single-user `POST /users` lives in `deprecated.ts`, which uses `createUsers` from `userBulk.ts`. The
 * state lives in `userState.ts`, the bulk operations in `userBulk.ts`, the list in `userList.ts`, the data in
 * `userData.ts`.
 *
 * @internal
 */
import { problem, reply, type Route } from "./reply.ts"
import { bulkCreate, deleteUsers, inviteUsers, removeUsers, setActive, setUsersRoles } from "./userBulk.ts"
import type { FakeUser } from "./userData.ts"
import { listUsers } from "./userList.ts"
import {
  clone,
  entryFor,
  isRecord,
  isStringArray,
  ownerAdmin,
  roleById,
  rolesOf,
  setRoles,
  splitIds,
  text,
  userById,
  type UsersState,
} from "./userState.ts"

export { bulkCreate, createUsers } from "./userBulk.ts"
export { type FakeRole, type FakeUser, makeRoles, makeUsers } from "./userData.ts"
export { listCacheOf } from "./userList.ts"
export type { UsersState } from "./userState.ts"

const kind = (u: unknown): string => (u === null ? "null" : Array.isArray(u) ? "array" : typeof u)

/** `notificationSettings` as a body gives it, or undefined when malformed. */
const notificationSettingsOf = (u: unknown): { subjectsOptedOut: Array<string> } | undefined =>
  isRecord(u) && isStringArray(u.subjectsOptedOut) ? { subjectsOptedOut: u.subjectsOptedOut.slice() } : undefined

/** @internal */
export const userRoutes = (state: UsersState): ReadonlyArray<Route> => {
  const find = (id: string) => userById(state, id)
  const findRole = (id: string) => roleById(state, id)

  /** Validates `{ firstName?, lastName? }` (at least one, non-blank) and renames; `name` follows. */
  const rename = (json: unknown, userId: string) => {
    if (!isRecord(json)) return problem(400, "the body must be an object with firstName and/or lastName")
    if (json.firstName === undefined && json.lastName === undefined) {
      return problem(400, "firstName or lastName is required")
    }
    for (const key of ["firstName", "lastName"]) {
      const value = json[key]
      if (value !== undefined && (typeof value !== "string" || value.trim() === "")) {
        return problem(400, `${key} must be a non-blank string`)
      }
    }
    const user = find(userId)
    if (user === undefined) return problem(404, `user ${userId} not found`)
    if (typeof json.firstName === "string") user.firstName = json.firstName.trim()
    if (typeof json.lastName === "string") user.lastName = json.lastName.trim()
    user.name = `${text(user, "firstName")} ${text(user, "lastName")}`.trim()
    return reply(200)
  }

  /**
   * The deprecated personal settings: `userSettings` keys (same JSON kind; objects merge), `language`,
   * `notificationSettings`.
   */
  const updateSettings = (user: FakeUser, json: Record<string, unknown>) => {
    const settings = isRecord(user.userSettings) ? user.userSettings : {}
    for (const [key, value] of Object.entries(json)) {
      if (key === "language") {
        if (typeof value !== "string" || value.trim() === "") return problem(400, "language must be a non-blank string")
      } else if (key === "notificationSettings") {
        if (notificationSettingsOf(value) === undefined) {
          return problem(400, "notificationSettings must be { subjectsOptedOut: string[] }")
        }
      } else if (!(key in settings)) {
        return problem(400, `unknown setting ${JSON.stringify(key)}`)
      } else if (kind(value) !== kind(settings[key])) {
        return problem(400, `the setting ${key} must be of type ${kind(settings[key])}`)
      }
    }
    for (const [key, value] of Object.entries(json)) {
      if (key === "language") user.language = value
      else if (key === "notificationSettings") user.notificationSettings = notificationSettingsOf(value)
      else settings[key] = isRecord(value) ? { ...(settings[key] as object), ...clone(value) } : clone(value)
    }
    user.userSettings = settings
    return reply(200)
  }

  return [
    {
      method: "GET",
      api: "v2",
      path: "/users",
      handle: ({ query }) => listUsers(state, query),
    },
    {
      method: "GET",
      api: "v1",
      path: "/users/{userId}/managers",
      handle: ({ params }) => {
        const user = find(params.userId)
        if (user === undefined) return problem(404, `user ${params.userId} not found`)
        const managers = [
          ...new Set(
            rolesOf(user).map((role) => role.team?.manager).filter((id): id is string =>
              typeof id === "string" && id !== "" && id !== user.id
            ),
          ),
        ]
        return reply(200, { count: managers.length, managers })
      },
    },
    {
      method: "POST",
      api: "v1",
      path: "/users",
      // An array (201 `{ items, totalCount }`). A single object is the deprecated single-user create, which the
      // deprecated routes (registered first) claim. `skipEmail=true` leaves `dateInvited` empty.
      handle: ({ json, query }) => bulkCreate(state, json, query.get("skipEmail") === "true"),
    },
    { method: "POST", api: "v1", path: "/users/activate", handle: ({ json }) => setActive(state, json, true) },
    { method: "POST", api: "v1", path: "/users/deactivate", handle: ({ json }) => setActive(state, json, false) },
    {
      method: "POST",
      api: "v1",
      path: "/users/delete",
      handle: ({ json }) => deleteUsers(state, json),
    },
    {
      method: "POST",
      api: "v1",
      path: "/users/invitations",
      handle: ({ json }) => inviteUsers(state, json),
    },
    {
      method: "POST",
      api: "v1",
      path: "/users/roles",
      handle: ({ json }) => setUsersRoles(state, json),
    },
    {
      // Before `PUT /users/{userId}`, which the same path would otherwise match.
      method: "PUT",
      api: "v1",
      path: "/users/settings",
      handle: ({ json }) => {
        if (!isRecord(json)) return problem(400, "the body must be a settings object")
        const owner = find(state.ownerId)
        if (owner === undefined) return problem(404, "the token's user no longer exists")
        return updateSettings(owner, json)
      },
    },
    {
      method: "GET",
      api: "v1",
      path: "/users/{userId}",
      handle: ({ params }) => {
        const user = find(params.userId)
        return user === undefined ? problem(404, `user ${params.userId} not found`) : reply(200, user)
      },
    },
    {
      method: "PUT",
      api: "v1",
      path: "/users/{userId}",
      handle: ({ json, params }) => {
        if (!isRecord(json) || typeof json.language !== "string" || json.language.trim() === "") {
          return problem(400, "the body must hold a non-blank language")
        }
        const notifications = notificationSettingsOf(json.notificationSettings)
        if (json.notificationSettings !== undefined && notifications === undefined) {
          return problem(400, "notificationSettings must be { subjectsOptedOut: string[] }")
        }
        const user = find(params.userId)
        if (user === undefined) return problem(400, `user ${params.userId} does not exist`)
        user.language = json.language
        if (notifications !== undefined) user.notificationSettings = notifications
        return reply(200)
      },
    },
    { method: "PATCH", api: "v1", path: "/users/{userId}", handle: ({ json, params }) => rename(json, params.userId) },
    {
      method: "PATCH",
      api: "v1",
      path: "/users/{userId}/info",
      handle: ({ json, params }) => rename(json, params.userId),
    },
    {
      method: "POST",
      api: "v1",
      path: "/users/{userId}/roles",
      handle: ({ json, params }) => {
        if (!isRecord(json) || typeof json.roleId !== "string" || json.roleId.trim() === "") {
          return problem(400, "the body must be { roleId: string }")
        }
        const user = find(params.userId)
        if (user === undefined) return problem(404, `user ${params.userId} not found`)
        const role = findRole(json.roleId)
        if (role === undefined) return problem(404, `role ${json.roleId} not found`)
        const roles = rolesOf(user)
        if (!roles.some((held) => held.id === role.id)) setRoles(user, [...roles, entryFor(state, user, role)])
        return reply(200)
      },
    },
    {
      // `DELETE /users/{userId}/roles?ids=a,b`: 404 is not documented here, so an unknown user or role is a 400.
      method: "DELETE",
      api: "v1",
      path: "/users/{userId}/roles",
      handle: ({ params, query }) => {
        const ids = new Set(splitIds(query.getAll("ids")))
        if (ids.size === 0) return problem(400, "the ids query parameter is required")
        const user = find(params.userId)
        if (user === undefined) return problem(400, `user ${params.userId} does not exist`)
        for (const id of ids) if (findRole(id) === undefined) return problem(400, `role ${id} does not exist`)
        const admin = ownerAdmin(state, user)
        if (admin !== undefined && ids.has(admin.id)) return problem(409, "the account owner keeps the Admin role")
        const remaining = rolesOf(user).filter((role) => !ids.has(role.id))
        if (remaining.length === 0) return problem(409, "a user must keep at least one role")
        setRoles(user, remaining)
        return reply(200)
      },
    },
    {
      method: "DELETE",
      api: "v1",
      path: "/users/{userId}/roles/{roleId}",
      handle: ({ params }) => {
        const user = find(params.userId)
        if (user === undefined) return problem(404, `user ${params.userId} not found`)
        const roles = rolesOf(user)
        if (findRole(params.roleId) === undefined || !roles.some((role) => role.id === params.roleId)) {
          return problem(404, `the user has no role ${params.roleId}`)
        }
        if (ownerAdmin(state, user)?.id === params.roleId) return problem(409, "the account owner keeps the Admin role")
        if (roles.length === 1) return problem(409, "a user must keep at least one role")
        setRoles(user, roles.filter((role) => role.id !== params.roleId))
        return reply(200)
      },
    },
    {
      // 404 is not documented here, so an unknown user is a 400.
      method: "POST",
      api: "v1",
      path: "/users/{userId}/send-change-password-email",
      handle: ({ params }) =>
        find(params.userId) === undefined ? problem(400, `user ${params.userId} does not exist`) : reply(200),
    },
    {
      method: "DELETE",
      api: "v1",
      path: "/accounts/user/{id}",
      handle: ({ params }) => {
        if (params.id === state.ownerId) return problem(409, "the account owner cannot be deleted")
        if (find(params.id) === undefined) return problem(400, `user ${params.id} does not exist`)
        removeUsers(state, new Set([params.id]))
        return reply(200)
      },
    },
  ]
}
