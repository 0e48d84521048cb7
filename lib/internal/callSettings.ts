/**
 * Per-call settings, carried in the context so that they apply to an `Effect` and to a `Stream` alike
 * (`Effect.provideService` / `Stream.provideService`): the retry policy, the decode mode, and where
 * `Quantive.withResponse` collects the response of a call.
 *
 * @internal
 */
import { Context } from "effect"
import type { ResponseInfo } from "../QuantiveClient.ts"
import type * as Retry from "../Retry.ts"

import type { DecodeMode } from "../QuantiveClient.ts"

export type { DecodeMode }

/** @internal */
export class CallRetry extends Context.Tag("@effect-quantive/client/CallRetry")<CallRetry, Retry.Policy>() {}

/** @internal */
export class CallDecode extends Context.Tag("@effect-quantive/client/CallDecode")<CallDecode, DecodeMode>() {}

/** Where the pipeline writes the response info of each call it completes. @internal */
export interface ResponseSink {
  current: ResponseInfo | undefined
}

/** @internal */
export class CallResponse extends Context.Tag("@effect-quantive/client/CallResponse")<CallResponse, ResponseSink>() {}
