/**
 * The fake server's Users state (the account's users and roles, and its owner) and the helpers every Users route
 * shares: looking users and roles up, a user's roles and the team a gained role carries, the state's seeded
 * generator, and the checks of JSON bodies.
 *
 * @internal
 */
import { prng } from "./data.ts"
import {
  blankTeam,
  type FakeRole,
  type FakeTeam,
  type FakeUser,
  type FakeUserRole,
  isoDate,
  permissionsFor,
  roleEntry,
} from "./userData.ts"

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

/** @internal */
export const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** @internal */
export const isStringArray = (u: unknown): u is Array<string> =>
  Array.isArray(u) && u.every((s) => typeof s === "string")

/** A body of user ids: a non-empty array of non-blank strings. @internal */
export const idsOf = (json: unknown): Array<string> | undefined =>
  isStringArray(json) && json.length > 0 && json.every((s) => s.trim() !== "") ? json : undefined

/**
 * Comma lists (as the API reference's `["id1, id2"]` sample and `?ids=a,b`) split, trimmed, blanks and repeats
 * dropped.
 *
 * @internal
 */
export const splitIds = (values: ReadonlyArray<string>): Array<string> => [
  ...new Set(values.flatMap((s) => s.split(",")).map((s) => s.trim()).filter((s) => s !== "")),
]

/** The current time as the API writes dates. @internal */
export const now = () => isoDate(Date.now())

/** @internal */
export const rolesOf = (user: FakeUser): Array<FakeUserRole> =>
  Array.isArray(user.roles) ? (user.roles as Array<FakeUserRole>) : []

/** Gives the user these roles, and the permissions they grant. @internal */
export const setRoles = (user: FakeUser, roles: Array<FakeUserRole>): void => {
  user.roles = roles
  user.permissions = permissionsFor(roles.map((role) => role.name))
}

/** A string field of the user, or `""`. @internal */
export const text = (user: FakeUser | undefined, key: string): string =>
  typeof user?.[key] === "string" ? (user[key] as string) : ""

/** @internal */
export const clone = <A>(a: A): A => JSON.parse(JSON.stringify(a)) as A

const hash = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

const randoms = new WeakMap<UsersState, () => number>()

/**
 * The state's seeded generator, one per state, shared by every route over it (the current and deprecated ones).
 *
 * @internal
 */
export const randomOf = (state: UsersState): () => number => {
  let random = randoms.get(state)
  if (random === undefined) {
    random = prng(hash(state.ownerId) ^ 0x0c7ea7e)
    randoms.set(state, random)
  }
  return random
}

/** @internal */
export const userById = (state: UsersState, id: string) => state.users.find((user) => user.id === id)

/** @internal */
export const roleById = (state: UsersState, id: string) => state.roles.find((role) => role.id === id)

/**
 * A fresh team object for a role a user gains: their first role's team, else the owner's, else an empty team.
 *
 * @internal
 */
export const teamOf = (state: UsersState, user: FakeUser | undefined): FakeTeam => {
  const owner = userById(state, state.ownerId)
  const source = (user && rolesOf(user)[0]?.team) ?? (owner && rolesOf(owner)[0]?.team)
  return source !== undefined
    ? clone(source)
    : blankTeam(randomOf(state), text(user ?? owner, "accountId"), state.ownerId)
}

/** The owner's Admin role, which the owner cannot lose; `undefined` for any other user. @internal */
export const ownerAdmin = (state: UsersState, user: FakeUser): FakeUserRole | undefined =>
  user.id === state.ownerId ? rolesOf(user).find((role) => role.name === "Admin") : undefined

/** The entry of `user.roles` for a role the user gains. @internal */
export const entryFor = (state: UsersState, user: FakeUser, role: FakeRole): FakeUserRole =>
  roleEntry(role, text(user, "accountId"), teamOf(state, user))
