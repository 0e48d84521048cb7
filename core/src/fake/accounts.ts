/**
 * The fake server's Accounts routes: `GET /accounts/{id}`, `POST /accounts/domain` and `PATCH /accounts/{id}`.
 *
 * @internal
 */
import { problem, reply, type Route } from "./reply.ts"
import type { FakeAccount } from "./data.ts"

/** @internal */
export interface AccountsState {
  account: FakeAccount
  readonly takenDomains: Set<string>
}

const DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const STRING_FIELDS = ["accountName", "domain", "language", "methodologySummary", "settings"] as const
const OBJECT_FIELDS = ["accountMarketingInfo", "companyDescription"] as const

/** @internal */
export const accountRoutes = (state: AccountsState): ReadonlyArray<Route> => {
  const isTaken = (name: string, domain: string) =>
    state.takenDomains.has(domain.toLowerCase()) ||
    domain.toLowerCase() === state.account.domain.toLowerCase() ||
    name.toLowerCase() === state.account.name.toLowerCase()
  return [
    {
      method: "GET",
      api: "v1",
      path: "/accounts/{id}",
      handle: ({ params }) =>
        params.id === state.account.id ? reply(200, state.account) : problem(403, "no access to that account"),
    },
    {
      method: "POST",
      api: "v1",
      path: "/accounts/domain",
      handle: ({ json }) => {
        if (!isRecord(json) || typeof json.accountName !== "string" || typeof json.domain !== "string") {
          return problem(400, "accountName and domain are required strings")
        }
        if (!DOMAIN.test(json.domain)) return problem(400, "domain may hold lower-case letters, digits and dashes")
        if (isTaken(json.accountName, json.domain)) return problem(409, "the account name or domain is taken")
        return reply(204)
      },
    },
    {
      method: "PATCH",
      api: "v1",
      path: "/accounts/{id}",
      handle: ({ json, params }) => {
        if (params.id !== state.account.id) return problem(403, "no access to that account")
        if (!isRecord(json)) return problem(400, "the body must be an object")
        for (const field of STRING_FIELDS) {
          if (field in json && typeof json[field] !== "string") return problem(400, `${field} must be a string`)
        }
        for (const field of OBJECT_FIELDS) {
          if (field in json && !isRecord(json[field])) return problem(400, `${field} must be an object`)
        }
        if ("useQuantiveAuth0Domain" in json && typeof json.useQuantiveAuth0Domain !== "boolean") {
          return problem(400, "useQuantiveAuth0Domain must be a boolean")
        }
        const { accountName, ...rest } = json
        if (typeof rest.domain === "string") {
          if (!DOMAIN.test(rest.domain)) return problem(400, "domain may hold lower-case letters, digits and dashes")
          if (state.takenDomains.has(rest.domain)) return problem(400, "that domain is taken")
        }
        const next: Record<string, unknown> = { ...state.account }
        for (const [key, value] of Object.entries(rest)) {
          next[key] = isRecord(value) && isRecord(next[key]) ? { ...next[key] as object, ...value } : value
        }
        if (typeof accountName === "string") next.name = accountName
        state.account = next as unknown as FakeAccount
        return reply(200, state.account)
      },
    },
  ]
}
