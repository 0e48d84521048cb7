/**
 * The fake server's Objectives and Key Results, beyond the documented reference: the seeded goals at
 * `GET /v2/goals`, their key results at `GET /v2/metrics` (both `{ items, totalCount }` lists with `filter`, `sort`,
 * `fields`, `skip`, `take` and `limit`, as `GET /v2/users`), and a check-in on a key result,
 * `POST /v1/metrics/{id}/checkin` (`{ actual }` or `{ value }`, an optional `comment`). What the README's recipes
 * (`Quantive.stream`, `Quantive.request`) and the CLI's `quantive request` call against the demo.
 *
 * @internal
 */
import { problem, reply, type Route } from "./reply.ts"
import { DEMO_KEY_RESULT_ID, type FakeGoal, type FakeMetric, iso } from "./okrData.ts"
import { matches, page, parseFields, parseFilter, project, sortBy } from "./query.ts"

export { DEMO_KEY_RESULT_ID }

/** What the Objectives routes read and change. @internal */
export interface ObjectivesState {
  readonly goals: Array<FakeGoal>
  readonly metrics: Array<FakeMetric>
  /** The user the token belongs to: the author of every check-in. */
  readonly ownerId: string
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/** A goal as the Objectives list answers it (the fake's `locked` flag is not part of it). */
const objectiveOf = (goal: FakeGoal): Record<string, unknown> => {
  const { locked: _locked, ...objective } = goal
  return objective
}

/** A list answer: filtered, sorted (stable), projected and paged as `GET /v2/users`. */
const list = (
  all: ReadonlyArray<Record<string, unknown>>,
  query: URLSearchParams,
) => {
  const filter = parseFilter(query.get("filter"))
  if (!filter.ok) return problem(400, filter.error)
  const fields = parseFields(query.get("fields"))
  if (!fields.ok) return problem(400, fields.error)
  const sorted = sortBy(
    all.filter((item) => matches(item, filter.value)),
    query.get("sort"),
  )
  if (!sorted.ok) return problem(400, sorted.error)
  const items = page(
    sorted.value,
    query.get("skip"),
    query.get("take"),
    query.get("limit"),
  )
  if (!items.ok) return problem(400, items.error)
  const shown = fields.value === undefined ? items.value : items.value.map((item) => project(item, fields.value!))
  return reply(200, { items: shown, totalCount: sorted.value.length })
}

/** @internal */
export const objectiveRoutes = (
  state: ObjectivesState,
): ReadonlyArray<Route> => {
  let checkins = 0
  const goalDate = (goalId: string) => state.goals.find((goal) => goal.id === goalId)?.dateCreated
  /** A key result as the list answers it: created with its goal, a minute apart from its siblings. */
  const keyResultOf = (
    metric: FakeMetric,
    index: number,
  ): Record<string, unknown> => {
    const created = goalDate(metric.goalId)
    const offset = index -
      state.metrics.findIndex((m) => m.goalId === metric.goalId)
    return {
      ...metric,
      dateCreated: typeof created === "string" ? iso(Date.parse(created) + offset * 60_000) : iso(0),
    }
  }
  return [
    {
      method: "GET",
      api: "v2",
      path: "/goals",
      handle: ({ query }) => list(state.goals.map(objectiveOf), query),
    },
    {
      method: "GET",
      api: "v2",
      path: "/metrics",
      handle: ({ query }) => list(state.metrics.map(keyResultOf), query),
    },
    {
      method: "POST",
      api: "v1",
      path: "/metrics/{id}/checkin",
      handle: ({ json, params }) => {
        const value = isRecord(json) ? json.actual ?? json.value : undefined
        if (
          !isRecord(json) || typeof value !== "number" ||
          !Number.isFinite(value)
        ) {
          return problem(
            400,
            "the body must be { actual: number, comment?: string } (or { value: number })",
          )
        }
        if ("comment" in json && typeof json.comment !== "string") {
          return problem(400, "comment must be a string")
        }
        const metric = state.metrics.find((m) => m.id === params.id)
        if (metric === undefined) {
          return problem(404, `key result ${params.id} not found`)
        }
        const previous = metric.actual
        metric.actual = value
        checkins += 1
        return reply(200, {
          id: checkins.toString(16).padStart(24, "0"),
          metricId: metric.id,
          goalId: metric.goalId,
          actual: value,
          previousActual: previous,
          target: metric.target,
          comment: typeof json.comment === "string" ? json.comment : "",
          createdById: state.ownerId,
          dateCreated: iso(Date.now()),
        })
      },
    },
  ]
}
