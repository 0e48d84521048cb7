/**
 * The Badges endpoints (seed 002). (Skeleton: being filled in.)
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import * as Client from "./internal/client.ts"

/**
 * @since 0.1.0
 * @category models
 */
export interface BadgesService {}

const make: Effect.Effect<BadgesService, never, Client.QuantiveClient> = Effect.map(
  Client.QuantiveClient,
  (_client): BadgesService => ({}),
)

const BadgesTag: Context.TagClass<Badges, "@effect-quantive/client/Badges", BadgesService> = Context.Tag(
  "@effect-quantive/client/Badges",
)<Badges, BadgesService>()

/**
 * The Badges service: `const x = yield* Badges`. `Quantive.layer` provides it.
 *
 * @since 0.1.0
 * @category tags
 */
export class Badges extends BadgesTag {
  /**
   * @since 0.1.0
   * @category constructors
   */
  static readonly make: Effect.Effect<BadgesService, never, Client.QuantiveClient> = make
  /**
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<Badges, never, Client.QuantiveClient> = Layer.effect(Badges, make)
}
