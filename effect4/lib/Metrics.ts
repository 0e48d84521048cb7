/**
 * The deprecated Metrics endpoint: the metrics (key results) of one owner. Its replacement is the Key
 * Results API with an `ownerIds` filter. The method logs one deprecation warning on its first call in the process.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import * as Client from "./internal/client.ts"
import * as Api from "./QuantiveClient.ts"
import { QuantiveClient } from "./QuantiveClient.ts"
import { endpoints } from "../../core/src/api/deprecated.ts"
import { MetricsPage } from "./Metric.ts"
import type { ErrorOf } from "./QuantiveError.ts"
import type { Formatting } from "./Users.ts"

/**
 * How text is returned: `"mentionsMarkup"` (the default: descriptions and text-area custom fields keep markdown and
 * mention markup such as `@[Mariya Velikova:…:602a65efc05575000123291b]`) or `"plainText"` (`@Mariya Velikova`).
 *
 * @since 0.1.0
 * @category models
 */
export interface MetricByOwnerOptions {
  readonly formatting?: Formatting | undefined
}

/**
 * @since 0.1.0
 * @category errors
 */
export type MetricByOwnerError = ErrorOf<typeof endpoints.metricsByOwner>

/**
 * @since 0.1.0
 * @category models
 */
export interface MetricsService {
  /**
   * Gets the metrics (key results) owned by the given user or team.
   *
   * `GET /v1/metrics/owner/{ownerId}`
   *
   * @deprecated Use the Key Results API: GET key results with an `ownerIds` filter.
   */
  readonly byOwner: (ownerId: string, options?: MetricByOwnerOptions) => Effect.Effect<MetricsPage, MetricByOwnerError>
}

const BY_OWNER_OPTIONS = { formatting: Client.checks.string }

const make: Effect.Effect<MetricsService, never, QuantiveClient> = Effect.map(
  QuantiveClient,
  (client): MetricsService => ({
    byOwner: (ownerId, options) =>
      Client.withOptions(
        client,
        endpoints.metricsByOwner,
        options,
        BY_OWNER_OPTIONS,
        ({ formatting }) =>
          client.execute(endpoints.metricsByOwner, Api.json(MetricsPage), {
            params: { ownerId },
            query: { formatting },
          }),
      ),
  }),
)

const MetricsTag: Context.ServiceClass<Metrics, "@effect-quantive/client/Metrics", MetricsService> = Context.Service<
  Metrics,
  MetricsService
>()("@effect-quantive/client/Metrics")

/**
 * The deprecated Metrics endpoint: `const metrics = yield* Metrics`. `Quantive.layer` provides it.
 *
 * @since 0.1.0
 * @category tags
 */
export class Metrics extends MetricsTag {
  /**
   * @since 0.1.0
   * @category constructors
   */
  static readonly make: Effect.Effect<MetricsService, never, QuantiveClient> = make
  /**
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<Metrics, never, QuantiveClient> = Layer.fresh(Layer.effect(Metrics, make))
}
