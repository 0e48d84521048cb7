/**
 * The fake server's Badges routes (seed 002). (Skeleton: being filled in.)
 *
 * @internal
 */
import type { Route } from "./core.ts"

/** @internal */
export interface BadgesState {}

/** @internal */
export const makeBadgesState = (_seed: number, _userIds: ReadonlyArray<string>): BadgesState => ({})

/** @internal */
export const badgeRoutes = (_state: BadgesState): ReadonlyArray<Route> => []
