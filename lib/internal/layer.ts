/**
 * The wiring behind `Quantive.layer` and `Quantive.layerConfig`: the options read from the environment, the checks
 * of the layer-wide settings, the pipeline (`QuantiveClient`) built over the user's `HttpClient`, and every endpoint
 * group's layer on top of it.
 *
 * @internal
 */
import { HttpClient } from "@effect/platform"
import { Config, ConfigError, Effect, Layer, Option } from "effect"
import { Accounts } from "../Accounts.ts"
import { Announcements } from "../Announcements.ts"
import { Badges } from "../Badges.ts"
import { Goals } from "../Goals.ts"
import { LegacyUsers } from "../LegacyUsers.ts"
import { Metrics } from "../Metrics.ts"
import { type DecodeMode, QuantiveClient } from "../QuantiveClient.ts"
import { Users } from "../Users.ts"
import * as Client from "./client.ts"
import * as internal from "./config.ts"
import { AccountCoordinator } from "./resilience/coordinator.ts"

/** The options of a layer as it reads them (the public, documented shape is `Quantive.Options`). @internal */
export interface LayerOptions extends internal.RawConfig {
  readonly decode?: DecodeMode | undefined
  readonly tracerPropagation?: boolean | undefined
}

/** The options and the names to report a problem under (option names, or environment variables). @internal */
export interface NamedOptions {
  readonly options: LayerOptions
  readonly names: internal.ConfigNames
}

/** The options `layerConfig` reads from the environment. @internal */
export const config: Config.Config<LayerOptions & { readonly region?: internal.Region | undefined }> = Config.all({
  token: Config.redacted("QUANTIVE_TOKEN"),
  accountId: Config.string("QUANTIVE_ACCOUNT_ID"),
  region: Config.string("QUANTIVE_REGION").pipe(Config.option),
  baseUrl: Config.string("QUANTIVE_BASE_URL").pipe(Config.option),
  maxResponseBytes: Config.integer("QUANTIVE_MAX_RESPONSE_BYTES").pipe(Config.option),
  decode: Config.string("QUANTIVE_DECODE").pipe(Config.option),
}).pipe(
  Config.map(({ accountId, baseUrl, decode, maxResponseBytes, region, token }) => ({
    token,
    accountId,
    region: Option.getOrUndefined(region) as internal.Region | undefined,
    baseUrl: Option.getOrUndefined(baseUrl),
    maxResponseBytes: Option.getOrUndefined(maxResponseBytes),
    decode: Option.getOrUndefined(decode) as DecodeMode | undefined,
  })),
)

const DECODE_MODES: ReadonlySet<string> = new Set(["strict", "tolerant"])

const decodeOption = (
  decode: unknown,
  name: string,
): Effect.Effect<DecodeMode | undefined, ConfigError.ConfigError> =>
  decode === undefined || DECODE_MODES.has(decode as string)
    ? Effect.succeed(decode as DecodeMode | undefined)
    : Effect.fail(ConfigError.InvalidData([name], `must be "strict" or "tolerant"`))

/** The pipeline, from options checked when the layer is built. @internal */
export const clientLayer = (
  options: Effect.Effect<NamedOptions, ConfigError.ConfigError>,
): Layer.Layer<QuantiveClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(
    QuantiveClient,
    Effect.gen(function* () {
      const { names, options: raw } = yield* options
      const resolved = yield* internal.resolve(raw, names)
      const decode = yield* decodeOption(raw.decode, names === internal.envNames ? "QUANTIVE_DECODE" : "decode")
      const tracerPropagation: unknown = raw.tracerPropagation
      if (tracerPropagation !== undefined && typeof tracerPropagation !== "boolean") {
        return yield* Effect.fail(ConfigError.InvalidData(["tracerPropagation"], "must be a boolean"))
      }
      // With `QuantiveRedis.layer` provided, the account's gate is shared through Redis; else it is this process's.
      const coordinator = yield* Effect.serviceOption(AccountCoordinator)
      return Client.make(resolved, yield* HttpClient.HttpClient, {
        decode,
        tracerPropagation,
        gate: Option.isSome(coordinator) ? coordinator.value.forAccount(resolved.accountId) : undefined,
      })
    }),
  )

/** Every endpoint group, over the pipeline. @internal */
export const servicesLayer: Layer.Layer<
  Accounts | Users | Badges | LegacyUsers | Announcements | Metrics | Goals,
  never,
  QuantiveClient
> = Layer.mergeAll(
  Accounts.layer,
  Users.layer,
  Badges.layer,
  LegacyUsers.layer,
  Announcements.layer,
  Metrics.layer,
  Goals.layer,
)
