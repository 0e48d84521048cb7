/**
 * The deprecated Metrics endpoint (seed 003). (Skeleton.)
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import * as Client from "./internal/client.ts"

/**
 * @since 0.1.0
 * @category models
 */
export interface MetricsService {}

const make: Effect.Effect<MetricsService, never, Client.QuantiveClient> = Effect.map(
  Client.QuantiveClient,
  (_client): MetricsService => ({}),
)

const MetricsTag: Context.TagClass<Metrics, "@effect-quantive/client/Metrics", MetricsService> = Context.Tag(
  "@effect-quantive/client/Metrics",
)<Metrics, MetricsService>()

/**
 * The Metrics service: `const x = yield* Metrics`. `Quantive.layer` provides it.
 *
 * @since 0.1.0
 * @category tags
 */
export class Metrics extends MetricsTag {
  /**
   * @since 0.1.0
   * @category constructors
   */
  static readonly make: Effect.Effect<MetricsService, never, Client.QuantiveClient> = make
  /**
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<Metrics, never, Client.QuantiveClient> = Layer.effect(Metrics, make)
}
