/**
 * The account coordinator: what every call of one account shares before it is sent, the back-off after a 429 (the
 * pause) and the client-side pacing. The in-process gate is the default; `@effect-quantive/client/redis` provides a
 * Redis-backed one shared by every worker of an account. Nothing here loads a Redis client.
 *
 * @internal
 */
import { Clock, Context, Duration, Effect, type Redacted } from "effect"

/**
 * The longest pause an account ever gets from one 429, whatever the header says and whatever the policy's
 * `maxRetryAfter` (the pause is the server's wait capped at the `maxRetryAfter` of the call that saw it, 60 s by
 * default, and never more than this).
 *
 * @internal
 */
export const MAX_PAUSE_MILLIS = 15 * 60 * 1000

/** Client-side pacing: at most `requests` attempts per `per`. @internal */
export interface Pacing {
  readonly requests: number
  readonly per: Duration.Duration
}

/** The shared store could not be used (Redis with `onStoreFailure: "fail"`). @internal */
export interface StoreFailure {
  readonly _tag: "StoreFailure"
  /** Why, without any key, address or credential. */
  readonly reason: string
}

/**
 * The furthest ahead a pacing slot is ever booked, in milliseconds, whatever the call's timeout and policy: a call
 * whose slot would be further away is refused without taking it, so the backlog of slots (booked by calls that may
 * yet give up) never reaches further than this.
 *
 * @internal
 */
export const MAX_PACING_BACKLOG_MILLIS = 15 * 60 * 1000

/** What `reserve` answers. @internal */
export interface Reservation {
  /** Whether the slot was taken: only then may the call be sent, after `wait`. */
  readonly taken: boolean
  /** How long until the account's next slot, in milliseconds (0: now). */
  readonly wait: number
}

/**
 * What the calls of one account share. Every effect is short: a wait is returned, never slept here.
 *
 * @internal
 */
export interface Gate {
  /** How long the account is paused for, in milliseconds; 0 when it is not. Never more than `MAX_PAUSE_MILLIS`. */
  readonly pausedFor: Effect.Effect<number, StoreFailure>
  /** Pauses the account for `millis` from now (at most `MAX_PAUSE_MILLIS`), unless a longer pause is already set. */
  readonly pause: (millis: number) => Effect.Effect<void, StoreFailure>
  /**
   * Takes the account's next pacing slot, unless it is `maxWait` milliseconds or more away (or further than
   * `MAX_PACING_BACKLOG_MILLIS`): then nothing is taken, and the slot stays for the next call. A slot due now is
   * always taken.
   */
  readonly reserve: (pacing: Pacing, maxWait?: number) => Effect.Effect<Reservation, StoreFailure>
}

/** The interval between two slots of a pacing, in milliseconds. @internal */
export const intervalMillis = (pacing: Pacing): number => Duration.toMillis(pacing.per) / pacing.requests

/** The longest wait `reserve` may book: `maxWait`, within `MAX_PACING_BACKLOG_MILLIS`. @internal */
export const backlogBound = (maxWait: number | undefined): number =>
  Math.min(maxWait === undefined || Number.isNaN(maxWait) ? Infinity : maxWait, MAX_PACING_BACKLOG_MILLIS)

/**
 * The in-process gate: one pause and one pacing per client, on Effect's `Clock` (so it follows the `TestClock`).
 *
 * @internal
 */
export const makeLocalGate = (): Gate => {
  let pausedUntil = 0
  let nextSlot = 0
  return {
    pausedFor: Effect.map(Clock.currentTimeMillis, (now) => Math.max(0, pausedUntil - now)),
    pause: (millis) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        pausedUntil = Math.max(pausedUntil, now + Math.min(millis, MAX_PAUSE_MILLIS))
      }),
    reserve: (pacing, maxWait) =>
      Effect.map(Clock.currentTimeMillis, (now): Reservation => {
        const slot = Math.max(now, nextSlot)
        const wait = slot - now
        if (wait > 0 && wait >= backlogBound(maxWait)) return { taken: false, wait }
        nextSlot = slot + intervalMillis(pacing)
        return { taken: true, wait }
      }),
  }
}

/**
 * A source of gates, one per account: provide it (e.g. `QuantiveRedis.layer`) and `Quantive.layer` takes the gate
 * of its account from it instead of an in-process one.
 *
 * @since 0.2.0
 * @category models
 */
export interface AccountCoordinatorService {
  /** The gate every call of this account passes before it is sent. */
  readonly forAccount: (accountId: Redacted.Redacted<string>) => Gate
}

const AccountCoordinatorTag: Context.TagClass<
  AccountCoordinator,
  "@effect-quantive/client/AccountCoordinator",
  AccountCoordinatorService
> = Context.Tag("@effect-quantive/client/AccountCoordinator")<AccountCoordinator, AccountCoordinatorService>()

/**
 * The account coordinator as a service. Absent, every client has its own in-process gate.
 *
 * @since 0.2.0
 * @category tags
 */
export class AccountCoordinator extends AccountCoordinatorTag {}

export { CoordinatorError } from "../../QuantiveError.ts"
