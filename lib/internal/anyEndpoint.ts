/**
 * Any endpoint through the pipeline (`Quantive.request`), and any `{ items, totalCount }` skip/take endpoint as a
 * stream with the same guarantees as `Users.stream` (`Quantive.paginate` / `Quantive.stream`).
 *
 * @internal
 */
import { Effect, Either, Schema, Stream } from "effect"
import * as QE from "../QuantiveError.ts"
import {
  type ApiVersion,
  type Endpoint,
  type HttpMethod,
  json,
  type PaginateOptions,
  QuantiveClient,
  type RequestInput,
  type RequestOptions,
  type Service,
  type Success,
  unknown,
} from "../QuantiveClient.ts"
import * as Query from "./request/listQuery.ts"
import * as Paginate from "./paginate.ts"
import { checks, kindOf, type OptionCheck, optionsProblem, queryProblem, redactorOf, sendPage } from "./client.ts"

const METHODS: ReadonlySet<string> = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"])
const VERSIONED = /^\/(v\d+)(\/.*)?$/
const STATUSES: ReadonlySet<number> = new Set(Object.keys(QE.statusClasses).map(Number))
const STATUS_LIST = [...STATUSES].sort((a, b) => a - b)
const STATUSES_SAID = `${STATUS_LIST.slice(0, -1).join(", ")} and ${STATUS_LIST.at(-1)}`

/** Splits `/v2/goals/{id}` into its version and path; a path without a version takes `version` (default `v1`). */
const locate = (path: string, version: ApiVersion | undefined): Either.Either<[ApiVersion, string], string> => {
  if (typeof path !== "string" || !path.startsWith("/")) return Either.left("path must start with / (e.g. /v2/goals)")
  if (/[?#]/.test(path)) return Either.left("path must not hold a query or a fragment: give query parameters in query")
  // A URL parser reads `\` as `/` (and the pipeline refuses `.`, `..` segments): the request would leave the API root
  // with the token. Dynamic segments go in `params`, which are encoded.
  if (path.includes("\\")) return Either.left("path must not hold a backslash (a URL reads it as /)")
  // A URL parser drops tabs and newlines and trims spaces, which can make `.\t.` a `..` segment.
  if (/[\u0000-\u0020\u007f]/.test(path)) return Either.left("path must not hold spaces or control characters")
  const match = VERSIONED.exec(path)
  if (match !== null) {
    if (version !== undefined && version !== match[1]) {
      return Either.left(`path says ${match[1]} but version says ${version}`)
    }
    return Either.right([match[1] as ApiVersion, match[2] ?? ""])
  }
  if (version !== undefined && !/^v\d+$/.test(version)) return Either.left(`version must be like v1 or v2`)
  return Either.right([version ?? "v1", path])
}

const successOf = <A>(success: RequestOptions<A, any>["success"]): Success<A> =>
  success === undefined
    ? (unknown as Success<A>)
    : success === "void"
    ? ({ _tag: "Void" } as Success<A>)
    : success === "text"
    ? ({ _tag: "Text" } as Success<A>)
    : json(success)

const schema: OptionCheck = (value) => Schema.isSchema(value) ? undefined : `must be a Schema, not ${kindOf(value)}`

const statuses: OptionCheck = (value) => {
  if (!Array.isArray(value)) return `must be an array of statuses (e.g. [404]), not ${kindOf(value)}`
  const unknownStatus = value.find((status) => !STATUSES.has(status))
  return unknownStatus === undefined && value.length === Object.keys(value).length
    ? undefined
    : `: status ${
      typeof unknownStatus === "number" ? unknownStatus : kindOf(unknownStatus)
    } has no error of its own (the documented statuses are ${STATUSES_SAID}; any ` +
      `other is UnexpectedStatus, or ServerError for 5xx)`
}

/** The options `request` and `paginate` share, each checked before it is used. */
const COMMON: Readonly<Record<string, OptionCheck>> = {
  path: checks.string,
  version: checks.string,
  params: checks.object,
  statuses,
  operation: checks.nonEmptyString,
}

const REQUEST: Readonly<Record<string, OptionCheck>> = {
  ...COMMON,
  bodySchema: schema,
  success: (value) =>
    value === "void" || value === "text" || Schema.isSchema(value)
      ? undefined
      : `must be a Schema, "void" or "text", not ${typeof value === "string" ? JSON.stringify(value) : kindOf(value)}`,
}

const PAGINATE: Readonly<Record<string, OptionCheck>> = {
  ...COMMON,
  item: schema,
  sort: checks.string,
  idField: checks.nonEmptyString,
  pageSize: checks.number,
  concurrency: checks.number,
  distinct: checks.boolean,
}

/**
 * The path as messages, spans and logs may show it: the token and account id redacted (a path built with the account
 * id, `/v1/accounts/${id}`, names `{accountId}`). A service not built by the pipeline has no redactor: its path is
 * shown as a shape, each segment other than a word, a version or a `{name}` placeholder replaced by `{…}`.
 */
const shownPath = (client: Service, path: unknown): string => {
  const text = typeof path === "string" ? path : kindOf(path)
  const redact = redactorOf(client)
  if (redact !== undefined) return redact(text)
  return text.split("/").map((segment) =>
    segment === "" || /^(?:[A-Za-z]+(?:-[A-Za-z]+)*|v\d+|\{\w+\})$/.test(segment) && segment.length <= 32
      ? segment
      : "{…}"
  ).join("/")
}

type Prepared<A, S extends QE.DocumentedStatus> = readonly [Endpoint<S>, Success<A>, RequestInput]

interface Refusal {
  readonly operation: string
  readonly method: string
  readonly field: string
  readonly problem: string
}

/** Checks the options of any request and turns them into an endpoint, before anything is sent. */
const prepare = <A, S extends QE.DocumentedStatus>(
  client: Service,
  options: RequestOptions<A, S>,
): Either.Either<Prepared<A, S>, Refusal> => {
  if (typeof options !== "object" || options === null) {
    return Either.left({
      operation: "request",
      method: "-",
      field: "options",
      problem: `the options must be an object, not ${kindOf(options)}`,
    })
  }
  const method = typeof options.method === "string" ? options.method.toUpperCase() : kindOf(options.method)
  const operation = typeof options.operation === "string" && options.operation.trim() !== ""
    ? options.operation
    : `request ${method} ${shownPath(client, options.path)}`
  const problem = (field: string, problem: string) => Either.left({ operation, method, field, problem })
  if (!METHODS.has(method)) return problem("method", "method must be GET, POST, PUT, PATCH or DELETE")
  const invalid = optionsProblem(options, REQUEST) ?? queryProblem(options.query)
  if (invalid !== undefined) return problem(invalid.field, invalid.problem)
  const located = locate(options.path, options.version)
  if (Either.isLeft(located)) return problem("path", located.left)
  const [api, path] = located.right
  const endpoint: Endpoint<S> = { operation, method: method as HttpMethod, api, path, statuses: options.statuses ?? [] }
  const input: RequestInput = {
    ...(options.params === undefined ? {} : { params: options.params }),
    ...(options.query === undefined ? {} : { query: options.query }),
    ...(options.body === undefined
      ? {}
      : { body: { schema: options.bodySchema ?? Schema.Unknown, value: options.body } }),
  }
  return Either.right([endpoint, successOf(options.success), input])
}

/** The `InvalidInput` of a request `prepare` refused. */
const refuse = (client: Service, options: RequestOptions<any, any>, { field, method, operation, problem }: Refusal) =>
  client.invalidInput({
    operation,
    method,
    path: shownPath(client, typeof options === "object" && options !== null ? options.path : undefined),
    field,
    problem,
  })

const run = <A, S extends QE.DocumentedStatus>(client: Service, options: RequestOptions<A, S>) => {
  const prepared = prepare(client, options)
  if (Either.isLeft(prepared)) return refuse(client, options, prepared.left)
  const [endpoint, success, input] = prepared.right
  return client.execute(endpoint, success, input)
}

/** `run` of a JSON request, parsing and decoding the body when the inner effect runs (see `sendPage`). */
const runLater = <A, S extends QE.DocumentedStatus>(
  client: Service,
  options: RequestOptions<A, S> & { readonly success: Schema.Schema<A, any, never> },
) => {
  const prepared = prepare(client, options)
  if (Either.isLeft(prepared)) return refuse(client, options, prepared.left)
  const [endpoint, , input] = prepared.right
  return sendPage(client, endpoint, options.success, input)
}

/** @internal */
export const request = <A = unknown, const S extends QE.DocumentedStatus = never>(
  options: RequestOptions<A, S>,
): Effect.Effect<A, QE.ErrorFor<S>, QuantiveClient> => Effect.flatMap(QuantiveClient, (client) => run(client, options))

/** @internal */
export const paginate = <A, const S extends QE.DocumentedStatus = never>(
  options: PaginateOptions<A, S>,
): Stream.Stream<Paginate.EmittedPage<A>, QE.ErrorFor<S> | QE.PaginationError, QuantiveClient> =>
  Stream.unwrap(Effect.map(QuantiveClient, (client) => paginateWith(client, options)))

const paginateWith = <A, S extends QE.DocumentedStatus>(
  client: Service,
  options: PaginateOptions<A, S>,
): Stream.Stream<Paginate.EmittedPage<A>, QE.ErrorFor<S> | QE.PaginationError> => {
  const given = typeof options === "object" && options !== null ? options : undefined
  const path = shownPath(client, given?.path)
  const redact = redactorOf(client)
  // The operation as errors name it (`PaginationError` too): the default one is derived from the path as shown.
  const operation = typeof given?.operation === "string" && given.operation.trim() !== ""
    ? redact === undefined ? given.operation : redact(given.operation)
    : `stream GET ${path}`
  const invalid = (field: string, problem: string) =>
    Stream.fromEffect(client.invalidInput({ operation, method: "GET", path, field, problem }))
  if (given === undefined) return invalid("options", `the options must be an object, not ${kindOf(options)}`)
  const problem = optionsProblem(options, PAGINATE) ?? queryProblem(options.query)
  if (problem !== undefined) return invalid(problem.field, problem.problem)
  if (options.item === undefined) return invalid("item", "item (the schema of one item) is required")
  const checked = Paginate.streamOptions(options)
  if (Either.isLeft(checked)) return invalid(checked.left.field, checked.left.problem)
  const idField = options.idField ?? "id"
  const sort = Query.stableSort(options.sort, "_id")
  if (Either.isLeft(sort)) return invalid("sort", sort.left)
  const keys = Either.getOrThrow(Query.parseSort(sort.right)).map((key) =>
    key.field === "id" ? { ...key, field: idField } : key
  )
  for (const name of ["sort", "skip", "take"]) {
    if (options.query !== undefined && Object.hasOwn(options.query, name)) {
      return invalid("query", `${name} is set by the stream; give sort as the sort option`)
    }
  }
  const Page = Schema.Struct({ items: Schema.Array(options.item), totalCount: Schema.Number })
  const pageRequest = (skip: number, take: number) => ({
    method: "GET" as const,
    path: options.path,
    version: options.version,
    params: options.params,
    query: { ...options.query, sort: sort.right, skip, take },
    success: Page,
    statuses: options.statuses,
    operation,
  })
  return Paginate.pages({
    fetchLater: (skip, take) => runLater(client, pageRequest(skip, take)),
    compare: Query.comparator(keys),
    idOf: (item: A) => String((item as Record<string, unknown>)[idField]),
    pageSize: checked.right.pageSize,
    concurrency: checked.right.concurrency,
    ...(options.distinct === true ? { distinct: true } : {}),
    operation,
    method: "GET",
    path,
  })
}
