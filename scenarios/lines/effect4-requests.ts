/**
 * What the request scenarios (trace context, configuration, input checks, the generic request) need that Effect 3
 * and Effect 4 spell differently (`#line/requests`).
 */
import { Effect } from "effect"
import { HttpClient } from "effect/http"

/** The platform's switch for sending trace context, as this line names it. */
export const tracerPropagationName = "HttpClient.TracerPropagationEnabled"

/** Runs `self` with the platform's trace-context propagation turned on or off. */
export const withTracerPropagation =
  (enabled: boolean) => <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.provideService(self, HttpClient.TracerPropagationEnabled, enabled)
