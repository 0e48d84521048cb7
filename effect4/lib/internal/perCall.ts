/**
 * The per-call combinators of the `Quantive` module: a setting provided to an effect or a stream alike, and the
 * response info of the last call an effect made.
 *
 * @internal
 */
import { type Context, Effect, Stream } from "effect"
import type { ResponseInfo } from "../QuantiveClient.ts"
import { InvalidInput } from "../QuantiveError.ts"
import { CurrentResponse, type ResponseSlot } from "./callSettings.ts"

/** Provides a per-call setting to an effect or a stream. @internal */
export const provideSetting = <I, S>(tag: Context.Key<I, S>, value: S) => <X>(self: X): X =>
  (Stream.isStream(self)
    ? Stream.provideService(self, tag, value)
    : Effect.provideService(self as any, tag, value)) as X

const noResponse = () =>
  new InvalidInput({
    message: "Quantive.withResponse: the effect made no Quantive request, so there is no response to report",
    method: "-",
    path: "-",
  })

/** The value of an effect with the info of the last response it had. @internal */
export const withResponse = <A, E, R>(
  self: Effect.Effect<A, E, R>,
): Effect.Effect<readonly [A, ResponseInfo], E | InvalidInput, R> =>
  Effect.suspend(() => {
    const slot: ResponseSlot = { current: undefined }
    return Effect.flatMap(Effect.provideService(self, CurrentResponse, slot), (value) =>
      slot.current === undefined ? Effect.fail(noResponse()) : Effect.succeed([value, slot.current()] as const))
  })
