/**
 * Helpers shared by the type tests (checked by `tsc --noEmit`; nothing here runs).
 */
import type { Effect } from "effect"

/** `true` when `A` and `B` are the same type. */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false

/** The `_tag`s of a method's error union. */
export type ErrorTags<F> = F extends (...args: any) => Effect.Effect<any, infer E, any>
  ? E extends { _tag: infer T } ? T : never
  : never

/** A method's success type. */
export type Success<F> = F extends (...args: any) => Effect.Effect<infer A, any, any> ? A : never

/** The errors any request can meet, by tag. */
export type Universal =
  | "Unauthorized"
  | "TooManyRequests"
  | "ServerError"
  | "TransportError"
  | "DecodeError"
  | "UnexpectedStatus"
  | "InvalidInput"
  | "CoordinatorError"
