/**
 * The fake server's bulk Users operations, each over a list of users or ids: create (`POST /users`, and the
 * deprecated single-user create through `createUsers`), activate and deactivate, delete, send invitations, and
 * replace the roles of several users (`POST /users/roles`).
 *
 * @internal
 */
import { type FakeReply, problem, reply } from "./reply.ts"
import { buildUser, contextFrom, type FakeRole, type FakeUserRole, hexId, isoDate } from "./userData.ts"
import {
  clone,
  entryFor,
  idsOf,
  isRecord,
  isStringArray,
  now,
  ownerAdmin,
  randomOf,
  roleById,
  rolesOf,
  setRoles,
  splitIds,
  teamOf,
  text,
  userById,
  type UsersState,
} from "./userState.ts"

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const BAD_IDS = "the body must be a non-empty array of user ids"

interface NewUser {
  readonly email: string
  readonly firstName: string
  readonly lastName: string
  readonly language: string
  readonly roles: ReadonlyArray<FakeRole>
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
 * answers 201 with the one user (the deprecated single-user create), otherwise 201 `{ items, totalCount }`.
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
 * The current bulk `POST /users`: a non-empty array of users, 201 `{ items, totalCount }`. A single object is the
 * deprecated create, which `deprecated.ts` claims before this route sees it.
 *
 * @internal
 */
export const bulkCreate = (state: UsersState, json: unknown, skipEmail: boolean): FakeReply =>
  Array.isArray(json) && json.length > 0
    ? createUsers(state, json, skipEmail, false)
    : problem(400, "the body must be a non-empty array of users")

/**
 * `POST /users/activate` and `POST /users/deactivate`: a non-empty array of ids, 200 `{ hasFailures, items }` with
 * one `{ isSuccessful, userId }` per id. Unknown ids fail, and so does the account owner's deactivation.
 *
 * @internal
 */
export const setActive = (state: UsersState, json: unknown, active: boolean): FakeReply => {
  const ids = idsOf(json)
  if (ids === undefined) return problem(400, BAD_IDS)
  const users = new Map(state.users.map((user) => [user.id, user]))
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

/** Removes the users with these ids. @internal */
export const removeUsers = (state: UsersState, ids: ReadonlySet<string>): void => {
  let kept = 0
  for (const user of state.users) if (!ids.has(user.id)) state.users[kept++] = user
  state.users.length = kept
}

/**
 * `POST /users/delete`: a non-empty array of ids, 200 `{ hasFailures, items }`; 404 when none of them exists. The
 * account owner is never deleted.
 *
 * @internal
 */
export const deleteUsers = (state: UsersState, json: unknown): FakeReply => {
  const ids = idsOf(json)
  if (ids === undefined) return problem(400, BAD_IDS)
  const users = new Set(state.users.map((user) => user.id))
  if (!ids.some((id) => users.has(id))) return problem(404, "none of the users exists")
  const removed = new Set<string>()
  const items = ids.map((userId) => {
    // The account owner cannot be deleted.
    if (!users.has(userId) || userId === state.ownerId) return { isSuccessful: false, userId }
    removed.add(userId)
    return { isSuccessful: true, userId }
  })
  removeUsers(state, removed)
  return reply(200, { hasFailures: items.some((item) => !item.isSuccessful), items })
}

/** `POST /users/invitations`: a non-empty array of ids, 204; unknown ids are ignored. @internal */
export const inviteUsers = (state: UsersState, json: unknown): FakeReply => {
  const ids = idsOf(json)
  if (ids === undefined) return problem(400, BAD_IDS)
  const stamp = now()
  for (const id of ids) {
    const user = userById(state, id)
    if (user === undefined) continue // unknown ids are ignored, as a mail-out would
    user.dateInvited = stamp
    user.invitedBy = state.ownerId
  }
  return reply(204)
}

/**
 * `POST /users/roles`: `{ roleIds, userIds }`, each user's roles replaced by the known ones (the account owner keeps
 * the Admin role); 200 `{ hasFailures, items, updatedUsersCount }` with the failed additions and removals per user.
 * Unknown users are skipped.
 *
 * @internal
 */
export const setUsersRoles = (state: UsersState, json: unknown): FakeReply => {
  if (!isRecord(json) || !isStringArray(json.roleIds) || !isStringArray(json.userIds)) {
    return problem(400, "the body must be { roleIds: string[], userIds: string[] }")
  }
  const roleIds = splitIds(json.roleIds)
  const userIds = splitIds(json.userIds)
  if (roleIds.length === 0 || userIds.length === 0) {
    return problem(400, "roleIds and userIds must each hold at least one id")
  }
  const known = roleIds.flatMap((id) => roleById(state, id) ?? [])
  const unknown = roleIds.filter((id) => roleById(state, id) === undefined)
  const users = new Map(state.users.map((user) => [user.id, user]))
  let updatedUsersCount = 0
  const items = userIds.flatMap((userId) => {
    const user = users.get(userId)
    if (user === undefined) return [] // unknown users are skipped
    const failedAddings = unknown.map((roleId) => ({ reason: `role ${roleId} does not exist`, roleId }))
    const failedRemoves: Array<{ reason: string; roleId: string }> = []
    if (known.length > 0) {
      const current = rolesOf(user)
      const next: Array<FakeUserRole> = known.map((role) =>
        current.find((held) => held.id === role.id) ?? entryFor(state, user, role)
      )
      const admin = ownerAdmin(state, user)
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
}
