/**
 * The deprecated Announcements endpoints (seed 003; the feature was sunset on 2022-03-15). (Skeleton.)
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import * as Client from "./internal/client.ts"

/**
 * @since 0.1.0
 * @category models
 */
export interface AnnouncementsService {}

const make: Effect.Effect<AnnouncementsService, never, Client.QuantiveClient> = Effect.map(
  Client.QuantiveClient,
  (_client): AnnouncementsService => ({}),
)

const AnnouncementsTag: Context.TagClass<Announcements, "@effect-quantive/client/Announcements", AnnouncementsService> =
  Context.Tag(
    "@effect-quantive/client/Announcements",
  )<Announcements, AnnouncementsService>()

/**
 * The Announcements service: `const x = yield* Announcements`. `Quantive.layer` provides it.
 *
 * @since 0.1.0
 * @category tags
 */
export class Announcements extends AnnouncementsTag {
  /**
   * @since 0.1.0
   * @category constructors
   */
  static readonly make: Effect.Effect<AnnouncementsService, never, Client.QuantiveClient> = make
  /**
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<Announcements, never, Client.QuantiveClient> = Layer.effect(Announcements, make)
}
