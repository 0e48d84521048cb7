/**
 * What an operation of the Quantive Results REST API is: its method, version, path template, parameters, the statuses
 * it documents and, for a deprecated operation, what replaces it.
 *
 * @since 0.3.0
 */

/**
 * An HTTP method the API uses.
 *
 * @since 0.3.0
 * @category models
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/**
 * An API version segment: `v1`, `v2`.
 *
 * @since 0.3.0
 * @category models
 */
export type ApiVersion = `v${number}`

/**
 * Every status an operation of the reference documents.
 *
 * @since 0.3.0
 * @category models
 */
export const documentedStatuses = [400, 401, 402, 403, 404, 409, 423, 429, 500] as const

/**
 * A status an operation can document.
 *
 * @since 0.3.0
 * @category models
 */
export type DocumentedStatus = typeof documentedStatuses[number]

/**
 * A path or query parameter of an operation, as the reference documents it. The path parameters are the `{name}`
 * placeholders of the operation's path, in their order; the query parameters follow.
 *
 * @since 0.4.0
 * @category models
 */
export interface Param {
  readonly name: string
  readonly in: "path" | "query"
  /** The type of the value the API reads: the query string carries it as text. */
  readonly kind: "string" | "integer" | "boolean"
  readonly required: boolean
  /** What the parameter is, in the reference's words. */
  readonly description?: string
}

/**
 * A documented operation: where it lives, its parameters and which statuses it documents.
 *
 * @since 0.3.0
 * @category models
 */
export interface Operation<S extends DocumentedStatus = DocumentedStatus> {
  /** `Group.method`, as span names and error messages name it. */
  readonly operation: string
  readonly method: Method
  readonly api: ApiVersion
  /** The path after the version, with `{name}` placeholders: `/accounts/{id}`. */
  readonly path: string
  /** Its path and query parameters (none when absent). */
  readonly params?: ReadonlyArray<Param>
  readonly statuses: ReadonlyArray<S>
  /** Set on a deprecated operation: what replaces it. */
  readonly deprecated?: string
}
