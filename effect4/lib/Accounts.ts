/**
 * The Accounts endpoints: read the account, check whether an account name and domain are free, update
 * the account's settings.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import { Account, AccountCheckDomainParams, AccountUpdateParams } from "./Account.ts"
import { endpoints } from "../../core/src/api/accounts.ts"
import * as Api from "./QuantiveClient.ts"
import { QuantiveClient } from "./QuantiveClient.ts"
import type { ErrorOf } from "./QuantiveError.ts"

/**
 * The errors of `Accounts.get`: documented 400, 401, 402, 403, 500, plus the universal ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type AccountGetError = ErrorOf<typeof endpoints.get>

/**
 * The errors of `Accounts.checkDomain`: documented 400, 409 (the name or domain is taken), 500, plus the universal
 * ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type AccountCheckDomainError = ErrorOf<typeof endpoints.checkDomain>

/**
 * The errors of `Accounts.isDomainAvailable`: those of `checkDomain` without `Conflict`, which becomes `false`.
 *
 * @since 0.1.0
 * @category errors
 */
export type AccountIsDomainAvailableError = Exclude<AccountCheckDomainError, { readonly _tag: "Conflict" }>

/**
 * The errors of `Accounts.update`: documented 400, 401, 402, 403, 500, plus the universal ones.
 *
 * @since 0.1.0
 * @category errors
 */
export type AccountUpdateError = ErrorOf<typeof endpoints.update>

/**
 * @since 0.1.0
 * @category models
 */
export interface AccountsService {
  /**
   * Gets an account by its ID: name, domain, settings, subscription details.
   *
   * `GET /v1/accounts/{id}`
   */
  readonly get: (id: string) => Effect.Effect<Account, AccountGetError>
  /**
   * Checks the availability of an account name and domain name: succeeds (204) when both are free, fails with
   * `Conflict` (409) when either is taken. See `isDomainAvailable` for a boolean.
   *
   * `POST /v1/accounts/domain`
   */
  readonly checkDomain: (params: AccountCheckDomainParams) => Effect.Effect<void, AccountCheckDomainError>
  /**
   * `checkDomain` as a boolean: `true` when free, `false` when the server answers 409.
   */
  readonly isDomainAvailable: (
    params: AccountCheckDomainParams,
  ) => Effect.Effect<boolean, AccountIsDomainAvailableError>
  /**
   * Updates the specified account (by ID) with the specified settings and returns the updated account. An empty
   * patch fails with `InvalidInput` before any request is sent.
   *
   * `PATCH /v1/accounts/{id}`
   */
  readonly update: (id: string, patch: AccountUpdateParams) => Effect.Effect<Account, AccountUpdateError>
}

/**
 * Builds the service on the request pipeline.
 */
const make: Effect.Effect<AccountsService, never, QuantiveClient> = Effect.map(
  QuantiveClient,
  (client): AccountsService => {
    const checkDomain = (params: AccountCheckDomainParams) =>
      client.execute(endpoints.checkDomain, Api.empty, { body: Api.body(AccountCheckDomainParams, params) })
    return {
      get: (id) => client.execute(endpoints.get, Api.json(Account), { params: { id } }),
      checkDomain,
      isDomainAvailable: (params) =>
        checkDomain(params).pipe(
          Effect.as(true),
          Effect.catchTag("Conflict", () => Effect.succeed(false)),
        ),
      update: (id, patch) =>
        client.execute(endpoints.update, Api.json(Account), {
          params: { id },
          body: Api.body(AccountUpdateParams, patch),
        }),
    }
  },
)

const AccountsTag: Context.ServiceClass<Accounts, "@effect-quantive/client/Accounts", AccountsService> = Context
  .Service<
    Accounts,
    AccountsService
  >()("@effect-quantive/client/Accounts")

/**
 * The Accounts service: `const accounts = yield* Accounts`. `Quantive.layer` provides it; a test can replace it with
 * `Layer.succeed(Accounts, Accounts.of({ ... }))`.
 *
 * @since 0.1.0
 * @category tags
 */
export class Accounts extends AccountsTag {
  /**
   * Builds the service on the request pipeline.
   *
   * @since 0.1.0
   * @category constructors
   */
  static readonly make: Effect.Effect<AccountsService, never, QuantiveClient> = make
  /**
   * The service as a layer over the request pipeline. `Quantive.layer` includes it.
   *
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<Accounts, never, QuantiveClient> = Layer.fresh(Layer.effect(Accounts, make))
}
