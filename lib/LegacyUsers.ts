/**
 * The deprecated Users endpoints (seeds 003 and 004). They still run in real accounts and in scripts being migrated;
 * each method says what replaces it.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import * as Client from "./internal/client.ts"
import { endpoints } from "./internal/usersEndpoints.ts"
import type { ErrorFor } from "./QuantiveError.ts"
import { LegacyUserSettingsParams } from "./User.ts"

/**
 * @since 0.1.0
 * @category errors
 */
export type LegacyUserUpdateSettingsError = ErrorFor<400 | 404 | 500>

/**
 * @since 0.1.0
 * @category models
 */
export interface LegacyUsersService {
  /**
   * Updates the personal settings of the token's user.
   *
   * `PUT /v1/users/settings`
   *
   * @deprecated Use `Users.updateLanguage(userId, settings)` (`PUT /users/{userId}`).
   */
  readonly updateSettings: (settings: LegacyUserSettingsParams) => Effect.Effect<void, LegacyUserUpdateSettingsError>
}

const make: Effect.Effect<LegacyUsersService, never, Client.QuantiveClient> = Effect.map(
  Client.QuantiveClient,
  (client): LegacyUsersService => ({
    updateSettings: (settings) =>
      client.execute(endpoints.legacyUpdateSettings, Client.empty, {
        body: Client.body(LegacyUserSettingsParams, settings),
      }),
  }),
)

const LegacyUsersTag: Context.TagClass<LegacyUsers, "@effect-quantive/client/LegacyUsers", LegacyUsersService> = Context
  .Tag("@effect-quantive/client/LegacyUsers")<LegacyUsers, LegacyUsersService>()

/**
 * The deprecated Users endpoints: `const legacy = yield* LegacyUsers`. `Quantive.layer` provides it.
 *
 * @since 0.1.0
 * @category tags
 */
export class LegacyUsers extends LegacyUsersTag {
  /**
   * @since 0.1.0
   * @category constructors
   */
  static readonly make: Effect.Effect<LegacyUsersService, never, Client.QuantiveClient> = make
  /**
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<LegacyUsers, never, Client.QuantiveClient> = Layer.effect(LegacyUsers, make)
}
