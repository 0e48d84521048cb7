/**
 * The fake server's deprecated routes (seed 003): announcements, metrics, goals, and the deprecated users endpoints.
 * (Skeleton: being filled in.)
 *
 * @internal
 */
import type { Route } from "./core.ts"
import type { UsersState } from "./users.ts"

/** @internal */
export interface DeprecatedState {}

/** @internal */
export const makeDeprecatedState = (_seed: number, _users: UsersState, _accountId: string): DeprecatedState => ({})

/** @internal */
export const deprecatedRoutes = (_state: DeprecatedState, _users: UsersState): ReadonlyArray<Route> => []
