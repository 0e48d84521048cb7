/**
 * The deprecated Goals endpoints: the full update of an objective (replaced by PATCH Objective) and the
 * update of its confidence (confidence now lives on key results: PATCH Key Result). Each method logs one
 * deprecation warning on its first call in the process.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import { Goal, GoalUpdateConfidenceParams, GoalUpdateParams, GoalWithMetrics } from "./Goal.ts"
import * as Api from "./QuantiveClient.ts"
import { QuantiveClient } from "./QuantiveClient.ts"
import { endpoints } from "../../core/src/api/deprecated.ts"
import type { ErrorOf } from "./QuantiveError.ts"

/**
 * The errors of `Goals.update`; `Locked` (423) when the goal is locked.
 *
 * @since 0.1.0
 * @category errors
 */
export type GoalUpdateError = ErrorOf<typeof endpoints.goalsUpdate>

/**
 * @since 0.1.0
 * @category errors
 */
export type GoalUpdateConfidenceError = ErrorOf<typeof endpoints.goalsUpdateConfidence>

/**
 * @since 0.1.0
 * @category models
 */
export interface GoalsService {
  /**
   * Updates an objective; answers with the objective, its metrics, tasks and links. A locked goal fails with
   * `Locked`.
   *
   * `PUT /v1/goals/{goalId}`
   *
   * @deprecated Use PATCH Objective (the Objectives API).
   */
  readonly update: (goalId: string, goal: GoalUpdateParams) => Effect.Effect<GoalWithMetrics, GoalUpdateError>
  /**
   * Updates an objective's confidence; answers with the stored goal.
   *
   * `PUT /v1/goals/{goalId}/confidence`
   *
   * @deprecated Confidence is available on the Key Result level: use PATCH Key Result.
   */
  readonly updateConfidence: (
    goalId: string,
    confidence: GoalUpdateConfidenceParams,
  ) => Effect.Effect<Goal, GoalUpdateConfidenceError>
}

const make: Effect.Effect<GoalsService, never, QuantiveClient> = Effect.map(
  QuantiveClient,
  (client): GoalsService => ({
    update: (goalId, goal) =>
      client.execute(endpoints.goalsUpdate, Api.json(GoalWithMetrics), {
        params: { goalId },
        body: Api.body(GoalUpdateParams, goal),
      }),
    updateConfidence: (goalId, confidence) =>
      client.execute(endpoints.goalsUpdateConfidence, Api.json(Goal), {
        params: { goalId },
        body: Api.body(GoalUpdateConfidenceParams, confidence),
      }),
  }),
)

const GoalsTag: Context.ServiceClass<Goals, "@effect-quantive/client/Goals", GoalsService> = Context.Service<
  Goals,
  GoalsService
>()("@effect-quantive/client/Goals")

/**
 * The deprecated Goals endpoints: `const goals = yield* Goals`. `Quantive.layer` provides it.
 *
 * @since 0.1.0
 * @category tags
 */
export class Goals extends GoalsTag {
  /**
   * @since 0.1.0
   * @category constructors
   */
  static readonly make: Effect.Effect<GoalsService, never, QuantiveClient> = make
  /**
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<Goals, never, QuantiveClient> = Layer.fresh(Layer.effect(Goals, make))
}
