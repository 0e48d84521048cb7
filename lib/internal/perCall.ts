/**
 * The per-call combinators of the `Quantive` module: a setting provided to an effect or a stream alike, and the
 * response info of the last call an effect made.
 *
 * @internal
 */
import { type Context, Effect, FiberRef, Stream } from "effect"
import type { ResponseInfo } from "../QuantiveClient.ts"
import { InvalidInput } from "../QuantiveError.ts"
import { currentResponse } from "./callSettings.ts"

const isStream = (u: unknown): u is Stream.Stream<unknown, unknown, unknown> =>
  typeof u === "object" && u !== null && Stream.StreamTypeId in u

/** Provides a per-call setting to an effect or a stream. @internal */
export const provideSetting = <I, S>(tag: Context.Tag<I, S>, value: S) => <X>(self: X): X =>
  (isStream(self) ? Stream.provideService(self, tag, value) : Effect.provideService(self as any, tag, value)) as X

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
  Effect.locally(
    Effect.flatMap(self, (value) =>
      Effect.flatMap(FiberRef.get(currentResponse), (info) =>
        info === undefined ? Effect.fail(noResponse()) : Effect.succeed([value, info()] as const))),
    currentResponse,
    undefined,
  )
