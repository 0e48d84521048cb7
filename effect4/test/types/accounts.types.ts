/**
 * Type tests, checked by `tsc --noEmit` in `npm test`: each Accounts method's exact error union, and that
 * `Effect.catchTag("Conflict", ...)` compiles for `checkDomain` but not for `get`.
 *
 * Nothing here runs; a wrong type fails the type-check step.
 */
import { Effect } from "effect"
import type { Equals, ErrorTags, Universal } from "./util.ts"
import { Accounts, type AccountsService } from "../../mod.ts"

export const getErrors: Equals<
  ErrorTags<AccountsService["get"]>,
  Universal | "BadRequest" | "PaymentRequired" | "Forbidden"
> = true

export const checkDomainErrors: Equals<
  ErrorTags<AccountsService["checkDomain"]>,
  Universal | "BadRequest" | "Conflict"
> = true

export const isDomainAvailableErrors: Equals<
  ErrorTags<AccountsService["isDomainAvailable"]>,
  Universal | "BadRequest"
> = true

export const updateErrors: Equals<
  ErrorTags<AccountsService["update"]>,
  Universal | "BadRequest" | "PaymentRequired" | "Forbidden"
> = true

// The success types.
export const getSuccess: Equals<
  Effect.Success<ReturnType<AccountsService["get"]>>["name"],
  string
> = true
export const isDomainAvailableSuccess: Equals<
  Effect.Success<ReturnType<AccountsService["isDomainAvailable"]>>,
  boolean
> = true

export const conflictIsCatchable = Effect.gen(function* () {
  const accounts = yield* Accounts
  const available: boolean = yield* accounts.checkDomain({ accountName: "Acme", domain: "acme" }).pipe(
    Effect.as(true),
    Effect.catchTag("Conflict", (error) => Effect.succeed(error.status !== 409)),
  )
  return available
})

export const conflictIsNotInGet = Effect.gen(function* () {
  const accounts = yield* Accounts
  return yield* accounts.get("id").pipe(
    // @ts-expect-error: Accounts.get does not document 409, so "Conflict" is not in its error union
    Effect.catchTag("Conflict", () => Effect.succeed(null)),
  )
})

export const notFoundIsNotInGet = Effect.gen(function* () {
  const accounts = yield* Accounts
  return yield* accounts.get("id").pipe(
    // @ts-expect-error: Accounts.get does not document 404
    Effect.catchTag("NotFound", () => Effect.succeed(null)),
  )
})
