/**
 * The fake server's Users routes (seed 001, and the deprecated `PUT /users/settings` of seed 003). The deprecated
 * single-user `POST /users` lives in `deprecated.ts`, which uses `createUsers` from here. The data lives in
 * `userData.ts`, the list query engine in `query.ts`.
 *
 * @internal
 */
import { type FakeReply, problem, reply, type Route } from "./reply.ts"
import { prng } from "./data.ts"
import { type ListCache, makeListCache } from "./listCache.ts"
import {
  applyPaging,
  filterFields,
  matchAll,
  matches,
  parseFields,
  parseFilter,
  parsePaging,
  parseSort,
  project,
  sortByKeys,
} from "./query.ts"
import {
  blankTeam,
  buildUser,
  contextFrom,
  type FakeRole,
  type FakeTeam,
  type FakeUser,
  type FakeUserRole,
  hexId,
  isoDate,
  permissionsFor,
  roleEntry,
} from "./userData.ts"

export { type FakeRole, type FakeUser, makeRoles, makeUsers } from "./userData.ts"

/** @internal */
export interface UsersState {
  users: Array<FakeUser>
  roles: Array<{ id: string; name: string; description: string }>
  /** The account owner (the token's user): cannot be deleted or deactivated, keeps the Admin role. */
  ownerId: string
  /** Called before each valid `GET /v2/users` reads the users (tests change the set between pages). */
  beforeList?: ((info: { skip: number; take: number; query: URLSearchParams }) => void) | undefined
  /** The fake's data version, bumped by every request that may change data (see `listCache.ts`). Default: 0. */
  version?: (() => number) | undefined
}

const listCaches = new WeakMap<UsersState, ListCache<FakeUser>>()

/**
 * The state's cache of filtered, sorted views (one per state, shared by `GET /v2/users` and the deprecated
 * `GET /accounts/users`). See `listCache.ts` for when a view is recomputed.
 *
 * @internal
 */
export const listCacheOf = (state: UsersState): ListCache<FakeUser> => {
  let cache = listCaches.get(state)
  if (cache === undefined) {
    cache = makeListCache(() => state.version?.() ?? 0)
    listCaches.set(state, cache)
  }
  return cache
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const isStringArray = (u: unknown): u is Array<string> => Array.isArray(u) && u.every((s) => typeof s === "string")

/** A body of user ids: a non-empty array of non-blank strings. */
const idsOf = (json: unknown): Array<string> | undefined =>
  isStringArray(json) && json.length > 0 && json.every((s) => s.trim() !== "") ? json : undefined

/** Comma lists (as the seed's `["id1, id2"]` sample and `?ids=a,b`) split, trimmed, blanks and repeats dropped. */
const splitIds = (values: ReadonlyArray<string>): Array<string> => [
  ...new Set(values.flatMap((s) => s.split(",")).map((s) => s.trim()).filter((s) => s !== "")),
]

const now = () => isoDate(Date.now())

const rolesOf = (user: FakeUser): Array<FakeUserRole> =>
  Array.isArray(user.roles) ? (user.roles as Array<FakeUserRole>) : []

const setRoles = (user: FakeUser, roles: Array<FakeUserRole>): void => {
  user.roles = roles
  user.permissions = permissionsFor(roles.map((role) => role.name))
}

const text = (user: FakeUser | undefined, key: string): string =>
  typeof user?.[key] === "string" ? (user[key] as string) : ""

const clone = <A>(a: A): A => JSON.parse(JSON.stringify(a)) as A

const kind = (u: unknown): string => (u === null ? "null" : Array.isArray(u) ? "array" : typeof u)

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const BAD_IDS = "the body must be a non-empty array of user ids"

const hash = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

interface NewUser {
  readonly email: string
  readonly firstName: string
  readonly lastName: string
  readonly language: string
  readonly roles: ReadonlyArray<FakeRole>
}

/** `notificationSettings` as a body gives it, or undefined when malformed. */
const notificationSettingsOf = (u: unknown): { subjectsOptedOut: Array<string> } | undefined =>
  isRecord(u) && isStringArray(u.subjectsOptedOut) ? { subjectsOptedOut: u.subjectsOptedOut.slice() } : undefined

const randoms = new WeakMap<UsersState, () => number>()

/** The state's seeded generator, one per state, shared by every route over it (the current and deprecated ones). */
const randomOf = (state: UsersState): () => number => {
  let random = randoms.get(state)
  if (random === undefined) {
    random = prng(hash(state.ownerId) ^ 0x0c7ea7e)
    randoms.set(state, random)
  }
  return random
}

const userById = (state: UsersState, id: string) => state.users.find((user) => user.id === id)

const roleById = (state: UsersState, id: string) => state.roles.find((role) => role.id === id)

/** A fresh team object for a role a user gains: their first role's team, else the owner's, else an empty team. */
const teamOf = (state: UsersState, user: FakeUser | undefined): FakeTeam => {
  const owner = userById(state, state.ownerId)
  const source = (user && rolesOf(user)[0]?.team) ?? (owner && rolesOf(owner)[0]?.team)
  return source !== undefined
    ? clone(source)
    : blankTeam(randomOf(state), text(user ?? owner, "accountId"), state.ownerId)
}

const parseNewUser = (state: UsersState, u: unknown, at: string): NewUser | string => {
  if (!isRecord(u)) return `${at} must be a user object`
  if (typeof u.email !== "string" || !EMAIL.test(u.email.trim())) return `${at}.email must be an e-mail address`
  for (const key of ["firstName", "lastName", "language"]) {
    if (u[key] !== undefined && typeof u[key] !== "string") return `${at}.${key} must be a string`
  }
  const member = state.roles.find((role) => role.name === "Member") ?? state.roles[0]
  let roles: Array<FakeRole> = member === undefined ? [] : [member]
  if (u.roleIds !== undefined) {
    if (!isStringArray(u.roleIds) || u.roleIds.length === 0) return `${at}.roleIds must be a non-empty array of ids`
    roles = []
    for (const id of splitIds(u.roleIds)) {
      const role = roleById(state, id)
      if (role === undefined) return `${at}.roleIds: role ${id} does not exist`
      roles.push(role)
    }
  }
  return {
    email: u.email.trim(),
    firstName: ((u.firstName as string | undefined) ?? "").trim(),
    lastName: ((u.lastName as string | undefined) ?? "").trim(),
    language: (u.language as string | undefined) ?? "english",
    roles,
  }
}

/**
 * Validates every user, then creates them all (or none): 400 on a malformed one, 409 on a taken e-mail. `single`
 * answers 201 with the one user (the deprecated create of seeds 003/004), otherwise 201 `{ items, totalCount }`.
 * `skipEmail` leaves `dateInvited` empty.
 *
 * @internal
 */
export const createUsers = (
  state: UsersState,
  bodies: ReadonlyArray<unknown>,
  skipEmail: boolean,
  single: boolean,
): FakeReply => {
  const random = randomOf(state)
  const inputs: Array<NewUser> = []
  const emails = new Set(state.users.map((user) => text(user, "email").toLowerCase()))
  for (const [i, body] of bodies.entries()) {
    const input = parseNewUser(state, body, single ? "the user" : `users[${i}]`)
    if (typeof input === "string") return problem(400, input)
    if (emails.has(input.email.toLowerCase())) return problem(409, `a user with e-mail ${input.email} exists`)
    emails.add(input.email.toLowerCase())
    inputs.push(input)
  }
  const template = userById(state, state.ownerId) ?? state.users[0]
  const ctx = contextFrom(random, state.ownerId, template)
  const team = teamOf(state, template)
  const taken = new Set(state.users.map((user) => user.id))
  const created = inputs.map((input) => {
    let id = hexId(random)
    while (taken.has(id)) id = hexId(random)
    taken.add(id)
    const stamp = Date.now()
    return buildUser(random, ctx, {
      id,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      dateCreated: stamp,
      dateDeactivated: "",
      dateInvited: skipEmail ? "" : isoDate(stamp),
      language: input.language,
      roles: input.roles,
      roleTeams: input.roles.map(() => clone(team)),
      teamIds: [team.id],
    })
  })
  state.users.push(...created)
  return single ? reply(201, created[0]) : reply(201, { items: created, totalCount: created.length })
}

/**
 * The current bulk `POST /users` (seed 001): a non-empty array of users, 201 `{ items, totalCount }`. A single object
 * is the deprecated create, which `deprecated.ts` claims before this route sees it.
 *
 * @internal
 */
export const bulkCreate = (state: UsersState, json: unknown, skipEmail: boolean): FakeReply =>
  Array.isArray(json) && json.length > 0
    ? createUsers(state, json, skipEmail, false)
    : problem(400, "the body must be a non-empty array of users")

/** @internal */
export const userRoutes = (state: UsersState): ReadonlyArray<Route> => {
  const find = (id: string) => userById(state, id)
  const findRole = (id: string) => roleById(state, id)
  const index = () => new Map(state.users.map((user) => [user.id, user]))
  const remove = (ids: ReadonlySet<string>) => {
    let kept = 0
    for (const user of state.users) if (!ids.has(user.id)) state.users[kept++] = user
    state.users.length = kept
  }
  /** The owner's Admin role, which the owner cannot lose. */
  const ownerAdmin = (user: FakeUser) =>
    user.id === state.ownerId ? rolesOf(user).find((role) => role.name === "Admin") : undefined
  const entryFor = (user: FakeUser, role: FakeRole) => roleEntry(role, text(user, "accountId"), teamOf(state, user))

  const setActive = (json: unknown, active: boolean) => {
    const ids = idsOf(json)
    if (ids === undefined) return problem(400, BAD_IDS)
    const users = index()
    const stamp = now()
    const items = ids.map((userId) => {
      const user = users.get(userId)
      // The account owner cannot be deactivated.
      if (user === undefined || (!active && userId === state.ownerId)) return { isSuccessful: false, userId }
      if (user.isActive !== active) user.dateDeactivated = active ? "" : stamp
      user.isActive = active
      if (isRecord(user.pictureInfo)) user.pictureInfo = { ...user.pictureInfo, isActive: active }
      return { isSuccessful: true, userId }
    })
    return reply(200, { hasFailures: items.some((item) => !item.isSuccessful), items })
  }

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

  /** The deprecated personal settings: `userSettings` keys (same JSON kind; objects merge), `language`, `notificationSettings`. */
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
      handle: ({ query }) => {
        // `formatting` is accepted and changes nothing: users have no text-area fields.
        const paging = parsePaging(query.get("skip"), query.get("take"), query.get("limit"))
        if (!paging.ok) return problem(400, paging.error)
        const filter = parseFilter(query.get("filter"))
        if (!filter.ok) return problem(400, filter.error)
        const sort = parseSort(query.get("sort"))
        if (!sort.ok) return problem(400, sort.error)
        const fields = parseFields(query.get("fields"))
        if (!fields.ok) return problem(400, fields.error)
        state.beforeList?.({ skip: paging.value.skip, take: paging.value.take, query })
        const rawFilter = query.get("filter") ?? ""
        const rawSort = query.get("sort") ?? ""
        const fieldsRead = new Set([...sort.value.map((key) => key.path[0]!), ...filterFields(filter.value)])
        const users = state.users
        const matched = listCacheOf(state).view(
          `v2\n${rawFilter}\n${rawSort}`,
          users,
          [...fieldsRead],
          () =>
            sortByKeys(
              filter.value === matchAll ? users : users.filter((user) => matches(user, filter.value)),
              sort.value,
            ),
        )
        const items = applyPaging(matched, paging.value)
        const projection = fields.value
        return reply(200, {
          items: projection === undefined ? items : items.map((user) => project(user, projection)),
          totalCount: matched.length,
        })
      },
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
      // An array (seed 001, 201 `{ items, totalCount }`). A single object is the deprecated create (seeds 003/004),
      // which the deprecated routes (registered first) claim. `skipEmail=true` leaves `dateInvited` empty.
      handle: ({ json, query }) => bulkCreate(state, json, query.get("skipEmail") === "true"),
    },
    { method: "POST", api: "v1", path: "/users/activate", handle: ({ json }) => setActive(json, true) },
    { method: "POST", api: "v1", path: "/users/deactivate", handle: ({ json }) => setActive(json, false) },
    {
      method: "POST",
      api: "v1",
      path: "/users/delete",
      handle: ({ json }) => {
        const ids = idsOf(json)
        if (ids === undefined) return problem(400, BAD_IDS)
        const users = index()
        if (!ids.some((id) => users.has(id))) return problem(404, "none of the users exists")
        const removed = new Set<string>()
        const items = ids.map((userId) => {
          // The account owner cannot be deleted.
          if (!users.has(userId) || userId === state.ownerId) return { isSuccessful: false, userId }
          removed.add(userId)
          return { isSuccessful: true, userId }
        })
        remove(removed)
        return reply(200, { hasFailures: items.some((item) => !item.isSuccessful), items })
      },
    },
    {
      method: "POST",
      api: "v1",
      path: "/users/invitations",
      handle: ({ json }) => {
        const ids = idsOf(json)
        if (ids === undefined) return problem(400, BAD_IDS)
        const users = index()
        const stamp = now()
        for (const id of ids) {
          const user = users.get(id)
          if (user === undefined) continue // unknown ids are ignored, as a mail-out would
          user.dateInvited = stamp
          user.invitedBy = state.ownerId
        }
        return reply(204)
      },
    },
    {
      method: "POST",
      api: "v1",
      path: "/users/roles",
      handle: ({ json }) => {
        if (!isRecord(json) || !isStringArray(json.roleIds) || !isStringArray(json.userIds)) {
          return problem(400, "the body must be { roleIds: string[], userIds: string[] }")
        }
        const roleIds = splitIds(json.roleIds)
        const userIds = splitIds(json.userIds)
        if (roleIds.length === 0 || userIds.length === 0) {
          return problem(400, "roleIds and userIds must each hold at least one id")
        }
        const known = roleIds.flatMap((id) => findRole(id) ?? [])
        const unknown = roleIds.filter((id) => findRole(id) === undefined)
        const users = index()
        let updatedUsersCount = 0
        const items = userIds.flatMap((userId) => {
          const user = users.get(userId)
          if (user === undefined) return [] // unknown users are skipped
          const failedAddings = unknown.map((roleId) => ({ reason: `role ${roleId} does not exist`, roleId }))
          const failedRemoves: Array<{ reason: string; roleId: string }> = []
          if (known.length > 0) {
            const current = rolesOf(user)
            const next = known.map((role) => current.find((held) => held.id === role.id) ?? entryFor(user, role))
            const admin = ownerAdmin(user)
            if (admin !== undefined && !next.some((role) => role.id === admin.id)) {
              next.unshift(admin)
              failedRemoves.push({ reason: "the account owner keeps the Admin role", roleId: admin.id })
            }
            setRoles(user, next)
            updatedUsersCount += 1
          }
          return [{ failedAddings, failedRemoves, userId }]
        })
        const hasFailures = items.some((item) => item.failedAddings.length > 0 || item.failedRemoves.length > 0)
        return reply(200, { hasFailures, items, updatedUsersCount })
      },
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
        if (!roles.some((held) => held.id === role.id)) setRoles(user, [...roles, entryFor(user, role)])
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
        const admin = ownerAdmin(user)
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
        if (ownerAdmin(user)?.id === params.roleId) return problem(409, "the account owner keeps the Admin role")
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
        remove(new Set([params.id]))
        return reply(200)
      },
    },
  ]
}
