/**
 * Type tests for Users, checked by `tsc --noEmit` in `npm test`: typed field projection, error unions, filters.
 * Nothing here runs; a wrong type fails the type-check step.
 */
import { Effect, Stream } from "effect"
import type { Equals, ErrorTags, Universal } from "./util.ts"
import { type User, Users, type UsersService } from "../../mod.ts"

export const projection = Effect.gen(function* () {
  const users = yield* Users
  const page = yield* users.list({ fields: ["email", "firstName"] })
  const item = page.items[0]!
  const email: string | undefined = item.email
  const id: string = item.id
  // @ts-expect-error: lastName was not projected, so it is not on the item
  const lastName = item.lastName
  return [email, id, lastName]
})

export const projectedItemType: Equals<
  Effect.Success<ReturnType<typeof projectedList>>["items"][number],
  Pick<User, "email" | "firstName" | "id">
> = true
const projectedList = (users: UsersService) => users.list({ fields: ["email", "firstName"] })

export const fullItemType: Equals<
  Effect.Success<ReturnType<UsersService["get"]>>,
  User
> = true

export const streamProjection = Effect.gen(function* () {
  const users = yield* Users
  return users.stream({ fields: ["email"] }).pipe(
    Stream.map((user) => {
      const ok: string | undefined = user.email
      // @ts-expect-error: firstName was not projected
      return [ok, user.firstName]
    }),
  )
})

export const unknownFieldRejected = Effect.gen(function* () {
  const users = yield* Users
  // @ts-expect-error: not a user field
  return yield* users.list({ fields: ["emial"] })
})

export const typedFilter = Effect.gen(function* () {
  const users = yield* Users
  yield* users.list({ filter: { isActive: true, email: { $in: ["a@x.com"] } } })
  // @ts-expect-error: isActive is a boolean
  yield* users.list({ filter: { isActive: "yes" } })
})

export const getErrors: Equals<ErrorTags<UsersService["get"]>, Universal | "BadRequest" | "Forbidden" | "NotFound"> =
  true
export const assignRoleErrors: Equals<ErrorTags<UsersService["assignRole"]>, Universal | "BadRequest" | "NotFound"> =
  true
export const removeErrors: Equals<
  ErrorTags<UsersService["remove"]>,
  Universal | "BadRequest" | "PaymentRequired" | "Forbidden" | "Conflict"
> = true

export const streamErrors: Equals<
  Stream.Error<ReturnType<UsersService["stream"]>> extends { _tag: infer T } ? T : never,
  Universal | "BadRequest" | "PaymentRequired" | "Forbidden" | "PaginationError"
> = true
