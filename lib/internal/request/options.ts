/**
 * The checks of what a caller passes before anything is sent: query values, option bags and their fields. A value is
 * described by its kind, never by its content.
 *
 * @internal
 */
import type { Effect } from "effect"
import { loneSurrogateIndex } from "../../../core/src/jsonValue.ts"
import type { Endpoint, Service } from "../../QuantiveClient.ts"
import type * as QE from "../../QuantiveError.ts"

/**
 * The value a query parameter may hold: a string, a finite number or a boolean (`undefined` leaves it out). An array,
 * a `Date`, an object, `null`, a `BigInt` or a symbol is refused rather than turned into text by `String()`: the API's
 * list conventions differ per parameter (`ids=a,b` or repeated keys), and a value joined by the client could split
 * (`["a,b","c"]` would reach the server as three ids).
 */
const queryValueProblem = (key: string, value: unknown): string | undefined => {
  if (typeof value === "string" || typeof value === "boolean") return undefined
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${key} must be a finite number`
  return `${key} must be a string, a finite number or a boolean, not ${kindOf(value)} (join a list yourself, in the ` +
    `form the endpoint documents)`
}

/**
 * What a value is, for a message: its kind, never its content (which may be anything, a secret included).
 *
 * @internal
 */
export const kindOf = (value: unknown): string => {
  if (value === null) return "null"
  if (Array.isArray(value)) return "an array"
  if (value instanceof Date) return "a Date"
  switch (typeof value) {
    case "object":
      return "an object"
    case "undefined":
      return "undefined"
    case "bigint":
      return "a BigInt"
    case "number":
      return Number.isNaN(value) ? "NaN" : "a number"
    default:
      return `a ${typeof value}`
  }
}

/** An object a caller wrote as `{ … }` (or made with `Object.create(null)`): not an array, a `Date`, a `Map`. */
const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> => {
  if (typeof value !== "object" || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * Why a query cannot be sent, or undefined: the query must be a plain object, and each value one of
 * `queryValueProblem`'s (a lone surrogate in a key or value cannot be encoded either).
 *
 * @internal
 */
export const queryProblem = (query: unknown): { readonly field: string; readonly problem: string } | undefined => {
  if (query === undefined) return undefined
  if (!isPlainObject(query)) return { field: "query", problem: `query must be an object, not ${kindOf(query)}` }
  for (const key of Object.keys(query)) {
    const value = query[key]
    if (value === undefined) continue
    const problem = queryValueProblem(key, value)
    if (problem !== undefined) return { field: key, problem }
    if (loneSurrogateIndex(String(value)) >= 0 || loneSurrogateIndex(key) >= 0) {
      return { field: key, problem: `${key} holds a lone surrogate, which cannot be sent in a URL` }
    }
  }
  return undefined
}

/**
 * The check of one option, given its value (an option left out, `undefined`, is never checked): the problem, worded
 * to follow the option's name (`must be a string`), or undefined.
 *
 * @internal
 */
export type OptionCheck = (value: unknown) => string | undefined

/**
 * The checks options are made of.
 *
 * @internal
 */
export const checks = {
  string: ((value) => typeof value === "string" ? undefined : `must be a string, not ${kindOf(value)}`) as OptionCheck,
  nonEmptyString:
    ((value) =>
      typeof value === "string" && value.trim() !== ""
        ? undefined
        : `must be a non-empty string, not ${
          typeof value === "string" ? "an empty one" : kindOf(value)
        }`) as OptionCheck,
  boolean:
    ((value) => typeof value === "boolean" ? undefined : `must be a boolean, not ${kindOf(value)}`) as OptionCheck,
  number: ((value) => typeof value === "number" ? undefined : `must be a number, not ${kindOf(value)}`) as OptionCheck,
  object: ((value) => isPlainObject(value) ? undefined : `must be an object, not ${kindOf(value)}`) as OptionCheck,
  array: ((value) => Array.isArray(value) ? undefined : `must be an array, not ${kindOf(value)}`) as OptionCheck,
  /** One of the given strings. */
  oneOf: (...allowed: ReadonlyArray<string>): OptionCheck => (value) =>
    typeof value === "string" && allowed.includes(value)
      ? undefined
      : `must be ${allowed.map((a) => JSON.stringify(a)).join(" or ")}${
        typeof value === "string" ? "" : `, not ${kindOf(value)}`
      }`,
}

/**
 * Why an options argument cannot be used, or undefined: `undefined` stands for no options; anything else must be an
 * object (not `null`, an array or a string) whose options each pass their check. The field named is the option's
 * (or the argument's, when it is not an object).
 *
 * @internal
 */
export const optionsProblem = (
  options: unknown,
  optionChecks: Readonly<Record<string, OptionCheck>>,
  argument = "options",
): { readonly field: string; readonly problem: string } | undefined => {
  if (options === undefined) return undefined
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    return { field: argument, problem: `${argument} must be an object (or left out), not ${kindOf(options)}` }
  }
  for (const name of Object.keys(optionChecks)) {
    const value = (options as Record<string, unknown>)[name]
    if (value === undefined) continue
    const problem = optionChecks[name]!(value)
    if (problem !== undefined) return { field: name, problem: `${name} ${problem}` }
  }
  return undefined
}

/**
 * Runs `f` with the options when they pass `optionChecks` (`undefined` becomes `{}`); otherwise fails with the
 * endpoint's `InvalidInput` naming the option, before anything is sent.
 *
 * @internal
 */
export const withOptions = <O extends object, A, E>(
  client: Service,
  endpoint: Endpoint<any>,
  options: O | undefined,
  optionChecks: Readonly<Record<string, OptionCheck>>,
  f: (options: O) => Effect.Effect<A, E>,
  argument = "options",
): Effect.Effect<A, E | QE.InvalidInput> => {
  const problem = optionsProblem(options, optionChecks, argument)
  if (problem === undefined) return f(options ?? ({} as O))
  return client.invalidInput({
    operation: endpoint.operation,
    method: endpoint.method,
    path: `/${endpoint.api}${endpoint.path}`,
    field: problem.field,
    problem: problem.problem,
  })
}
