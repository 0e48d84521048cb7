/**
 * The fake server's deprecated users endpoints: `GET /accounts/users` with its Lucene-style
 * filter, the single-user `POST /users` with its own rate limit, and the password policy. The deprecated
 * `PUT /users/settings` stays with the other Users routes in `users.ts`.
 *
 * `POST /v1/users` with one user object is the deprecated create (201 with the user, 429 past `createRateLimit`); an
 * array goes on to the current bulk create (`userBulk.ts`). `deprecated.ts` registers these routes before the current
 * Users routes.
 *
 * @internal
 */
import { compareValues } from "../order.ts"
import { parsePaging, type Result } from "./query.ts"
import { overLimit, type RateLimit, type RateWindow } from "./rateLimit.ts"
import { type FakeReply, problem, reply, type Route } from "./reply.ts"
import { bulkCreate, createUsers } from "./userBulk.ts"
import type { FakeUser } from "./userData.ts"
import { listCacheOf } from "./userList.ts"
import type { UsersState } from "./userState.ts"

/** What the deprecated users endpoints keep besides the users: the create rate limit and the policy. @internal */
export interface LegacyUsersState {
  /** The legacy single-user create's rate: past `requests` creates within `perMillis`, 429 with `Retry-After`. */
  createRateLimit: RateLimit
  /** The text `GET /users/password/{clientId}/policy` answers. */
  passwordPolicy: string
  /** The current window of the create rate limit. */
  readonly createWindow: RateWindow
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const text = (record: Record<string, unknown> | undefined, key: string): string =>
  typeof record?.[key] === "string" ? (record[key] as string) : ""

/** The policy text, as Auth0's "good" password policy words it. @internal */
export const DEFAULT_PASSWORD_POLICY =
  "Your password must be at least 8 characters long and contain at least 3 of the following: lower case letters " +
  "(a-z), upper case letters (A-Z), numbers (0-9), special characters (e.g. !@#$%^&*)."

// ---------------------------------------------------------------------------------------------------------------------
// The Lucene-style filter of GET /accounts/users

/** One term: `field:value[,value…]`, matching when any of its values matches. */
interface LuceneTerm {
  readonly field: "email" | "name" | "roles"
  readonly values: ReadonlyArray<string>
}

const FIELDS = new Set(["email", "name", "roles"])

/** Splits on `separator` outside double quotes; `undefined` when a quote is left open. */
const splitOutsideQuotes = (s: string, separator: RegExp): Array<string> | undefined => {
  const parts: Array<string> = []
  let current = ""
  let quoted = false
  for (const ch of s) {
    if (ch === '"') quoted = !quoted
    if (!quoted && separator.test(ch)) {
      parts.push(current)
      current = ""
    } else {
      current += ch
    }
  }
  if (quoted) return undefined
  parts.push(current)
  return parts
}

const unquote = (s: string) => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s)

/**
 * Parses the filter: whitespace-separated `property:value` terms, all of which must match (`AND` and `&&` between
 * terms, and a leading `+`, are accepted and mean the same). A term's value may list alternatives with commas, each
 * optionally repeating the property (the API reference's `roles:a,roles:b`): any of them matches. Values may be
 * quoted and may hold `*`/`?` wildcards. Properties: `email`, `name`, `roles` (role ids). Anything else (`OR`, `NOT`,
 * groups, other properties) is a 400.
 *
 * @internal
 */
export const parseLucene = (raw: string | null): Result<ReadonlyArray<LuceneTerm>> => {
  if (raw === null || raw.trim() === "") return { ok: true, value: [] }
  const tokens = splitOutsideQuotes(raw.trim(), /\s/)
  if (tokens === undefined) return { ok: false, error: "the filter has an unclosed quote" }
  const terms: Array<LuceneTerm> = []
  for (const token of tokens) {
    if (token === "" || token === "AND" || token === "&&") continue
    if (token === "OR" || token === "||" || token === "NOT" || /^[-!(]|\)$/.test(token)) {
      return { ok: false, error: `the filter supports AND of property:value terms only, not ${JSON.stringify(token)}` }
    }
    const term = token.startsWith("+") ? token.slice(1) : token
    const colon = term.indexOf(":")
    const field = colon < 0 ? "" : term.slice(0, colon)
    if (!FIELDS.has(field)) {
      return {
        ok: false,
        error: `${JSON.stringify(term)} is not a property:value term on email, name or roles (filter=property:value)`,
      }
    }
    const values: Array<string> = []
    for (const part of splitOutsideQuotes(term.slice(colon + 1), /,/) ?? []) {
      const prefixed = /^(\w+):/.exec(part)
      if (prefixed !== null && FIELDS.has(prefixed[1]!) && prefixed[1] !== field) {
        return { ok: false, error: `one term cannot mix ${field} and ${prefixed[1]}: use separate terms` }
      }
      const value = unquote(prefixed !== null && prefixed[1] === field ? part.slice(field.length + 1) : part).trim()
      if (value === "") return { ok: false, error: `the ${field} term has an empty value` }
      values.push(value)
    }
    terms.push({ field: field as LuceneTerm["field"], values })
  }
  return { ok: true, value: terms }
}

const glob = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`,
    "i",
  )

const like = (pattern: string, value: string) =>
  /[*?]/.test(pattern) ? glob(pattern).test(value) : pattern.toLowerCase() === value.toLowerCase()

const roleIdsOf = (user: FakeUser): Array<string> =>
  Array.isArray(user.roles) ? user.roles.flatMap((role) => (isRecord(role) ? [text(role, "id")] : [])) : []

/** Whether a user matches every term: e-mail whole, name whole or any word of it, roles by id. @internal */
export const matchesLucene = (user: FakeUser, terms: ReadonlyArray<LuceneTerm>): boolean =>
  terms.every((term) =>
    term.values.some((value) => {
      switch (term.field) {
        case "email":
          return like(value, text(user, "email"))
        case "name": {
          const name = text(user, "name")
          return like(value, name) || name.split(/\s+/).some((word) => like(value, word))
        }
        case "roles":
          return roleIdsOf(user).includes(value)
      }
    })
  )

/**
 * A user as `GET /accounts/users` answers it: without `includeShadowedRoles`, only the user's own role (the first);
 * the fake treats a user's further roles as held through a team, that is shadowed.
 */
const legacyView = (user: FakeUser, includeShadowedRoles: boolean): FakeUser =>
  includeShadowedRoles || !Array.isArray(user.roles) ? user : { ...user, roles: user.roles.slice(0, 1) }

const textReply = (status: number, body: string): FakeReply => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8" },
  body,
})

/** Counts a legacy create against `createRateLimit`; the 429 to answer past it. */
const createLimited = (state: LegacyUsersState): FakeReply | undefined =>
  overLimit(
    state.createRateLimit,
    state.createWindow,
    `too many user creations: at most ${state.createRateLimit.requests} per ${state.createRateLimit.perMillis} ms`,
  )

/**
 * The deprecated users routes: the single-user create (an array goes on to the bulk create), `GET /accounts/users`
 * and `GET /users/password/{clientId}/policy`.
 *
 * @internal
 */
export const legacyUserRoutes = (state: LegacyUsersState, usersState: UsersState): ReadonlyArray<Route> => [
  {
    // The deprecated single-user create: one user object, 201 with the user, 429 past the rate.
    // An array is the current bulk create (`bulkCreate`), as `POST /users` of the current routes answers it.
    method: "POST",
    api: "v1",
    path: "/users",
    handle: ({ json, query }) => {
      const skipEmail = query.get("skipEmail") === "true"
      if (!isRecord(json)) return bulkCreate(usersState, json, skipEmail)
      return createLimited(state) ?? createUsers(usersState, [json], skipEmail, true)
    },
  },
  {
    // Ascending id order (MongoDB's default `_id` order): the endpoint takes no sort.
    method: "GET",
    api: "v1",
    path: "/accounts/users",
    handle: ({ query }) => {
      const paging = parsePaging(query.get("skip"), query.get("take"), null)
      if (!paging.ok) return problem(400, paging.error)
      const filter = parseLucene(query.get("filter"))
      if (!filter.ok) return problem(400, filter.error)
      const shadowed = query.get("includeShadowedRoles")
      if (shadowed !== null && shadowed !== "true" && shadowed !== "false") {
        return problem(400, "includeShadowedRoles must be true or false")
      }
      const users = usersState.users
      const fields = ["id", ...new Set(filter.value.map((term) => term.field))]
      const matched = listCacheOf(usersState).view(
        `v1-accounts-users\n${query.get("filter") ?? ""}`,
        users,
        fields,
        () => users.filter((user) => matchesLucene(user, filter.value)).sort((a, b) => compareValues(a.id, b.id)),
      )
      const { skip, take } = paging.value
      return reply(200, {
        items: matched.slice(skip, skip + take).map((user) => legacyView(user, shadowed === "true")),
        totalCount: matched.length,
      })
    },
  },
  {
    method: "GET",
    api: "v1",
    path: "/users/password/{clientId}/policy",
    handle: () => textReply(200, state.passwordPolicy),
  },
]
