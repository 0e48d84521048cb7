/**
 * Type tests of the round-two surfaces (checked by `tsc --noEmit` in `npm test`; nothing here runs): one service's
 * layer over `Quantive.layerClient` is a layer of public names only; `Quantive.request` has the error union of its
 * documented statuses; `withRetry` and `withDecode` keep an `Effect` an `Effect` and a `Stream` a `Stream`.
 */
import type { HttpClient } from "effect/http"
import { type Config, Effect, Layer, Schema, Stream } from "effect"
import type { Equals, Universal } from "./util.ts"
import { Accounts, Quantive, type QuantiveClient, Retry, type User, Users } from "../../mod.ts"

const options = { token: "t", accountId: "a" }

// One service alone: Accounts.layer over the client layer needs only an HttpClient.
const accountsOnly = Accounts.layer.pipe(Layer.provide(Quantive.layerClient(options)))
export const accountsOnlyType: Equals<
  typeof accountsOnly,
  Layer.Layer<Accounts, Config.ConfigError, HttpClient.HttpClient>
> = true

// Quantive.layer also provides the pipeline, so Quantive.request runs on it.
export const layerProvidesClient: Equals<
  Extract<Layer.Success<ReturnType<typeof Quantive.layer>>, QuantiveClient.QuantiveClient>,
  QuantiveClient.QuantiveClient
> = true

// Quantive.request: the documented statuses' errors plus the universal ones, the success schema's type.
const request = Quantive.request({
  method: "GET",
  path: "/v2/goals/{id}",
  params: { id: "g" },
  success: Schema.Struct({ id: Schema.String }),
  statuses: [404, 409],
})
type Tags<E> = E extends { _tag: infer T } ? T : never
export const requestErrors: Equals<Tags<Effect.Error<typeof request>>, Universal | "NotFound" | "Conflict"> = true
export const requestSuccess: Equals<Effect.Success<typeof request>, { readonly id: string }> = true
export const requestContext: Equals<Effect.Services<typeof request>, QuantiveClient.QuantiveClient> = true
// Without statuses, only the universal errors: catching NotFound is a type error.
export const noStatuses = Quantive.request({ method: "GET", path: "/v2/goals" }).pipe(
  // @ts-expect-error NotFound is not documented here
  Effect.catchTag("NotFound", () => Effect.void),
)

// Per-call settings keep the shape of what they wrap.
const stream = Effect.map(Users, (users) => users.stream().pipe(Quantive.withRetry(Retry.none)))
export const streamStaysStream: Equals<
  Effect.Success<typeof stream>,
  Stream.Stream<User, import("../../mod.ts").UserStreamError>
> = true
const decoded = Effect.map(Users, (users) => users.get("u").pipe(Quantive.withDecode("tolerant")))
export const effectStaysEffect: Equals<
  Effect.Success<typeof decoded>,
  Effect.Effect<User, import("../../mod.ts").UserGetError>
> = true
