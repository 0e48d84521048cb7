/**
 * The Accounts endpoints: method, version, path, parameters and documented statuses.
 *
 * @internal
 */
import type { Operation } from "./operation.ts"

/** @internal */
export const endpoints = {
  get: {
    operation: "Accounts.get",
    method: "GET",
    api: "v1",
    path: "/accounts/{id}",
    params: [
      { name: "id", in: "path", kind: "string", required: true, description: "Specifies the account ID." },
    ],
    statuses: [400, 401, 402, 403, 500],
  },
  checkDomain: {
    operation: "Accounts.checkDomain",
    method: "POST",
    api: "v1",
    path: "/accounts/domain",
    statuses: [400, 409, 500],
  },
  update: {
    operation: "Accounts.update",
    method: "PATCH",
    api: "v1",
    path: "/accounts/{id}",
    params: [
      { name: "id", in: "path", kind: "string", required: true, description: "Specifies the account ID." },
    ],
    statuses: [400, 401, 402, 403, 500],
  },
} as const satisfies Readonly<Record<string, Operation>>
