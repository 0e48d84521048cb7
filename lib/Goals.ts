/**
 * The deprecated Goals endpoints (seed 003). (Skeleton.)
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import * as Client from "./internal/client.ts"

/**
 * @since 0.1.0
 * @category models
 */
export interface GoalsService {}

const make: Effect.Effect<GoalsService, never, Client.QuantiveClient> = Effect.map(
  Client.QuantiveClient,
  (_client): GoalsService => ({}),
)

const GoalsTag: Context.TagClass<Goals, "@effect-quantive/client/Goals", GoalsService> = Context.Tag(
  "@effect-quantive/client/Goals",
)<Goals, GoalsService>()

/**
 * The Goals service: `const x = yield* Goals`. `Quantive.layer` provides it.
 *
 * @since 0.1.0
 * @category tags
 */
export class Goals extends GoalsTag {
  /**
   * @since 0.1.0
   * @category constructors
   */
  static readonly make: Effect.Effect<GoalsService, never, Client.QuantiveClient> = make
  /**
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<Goals, never, Client.QuantiveClient> = Layer.effect(Goals, make)
}
