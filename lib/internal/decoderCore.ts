/**
 * The building blocks of the compiled decoder (see `decoder.ts`): the node interface, the failure marker, the per-node
 * fallback to Schema's own decoder, and drift reporting.
 *
 * @internal
 */
import { Option, ParseResult, Schema, SchemaAST as AST } from "effect"

/** The result of a failed `decode`. @internal */
export const FAIL: unique symbol = Symbol.for("effect-quantive/decoder/FAIL")

/** An optional field dropped in tolerant mode because its value was off its schema. @internal */
export interface Drift {
  /** Where the field is: field names, array positions and record keys. */
  readonly path: ReadonlyArray<PropertyKey>
  /** The positions in `path` that are record keys (entries of an index signature), not declared field names. */
  readonly entries?: ReadonlyArray<number>
  readonly message: string
}

/**
 * Tolerant-mode state: where the walk is (`entries`: the positions in `path` that are record keys), and who hears
 * about drift (nobody, while preparing a fallback).
 *
 * @internal
 */
export interface Tolerant {
  readonly path: Array<PropertyKey>
  readonly entries: Array<number>
  readonly onDrift: ((drift: Drift) => void) | undefined
}

/** Tolerant-mode state at the root. @internal */
export const tolerant = (onDrift: ((drift: Drift) => void) | undefined): Tolerant => ({
  path: [],
  entries: [],
  onDrift,
})

/** Steps into a record entry: its key joins the path, marked as a record key. @internal */
export const enterEntry = (t: Tolerant, key: PropertyKey) => {
  t.entries.push(t.path.length)
  t.path.push(key)
}

/** Steps out of the record entry `enterEntry` stepped into. @internal */
export const leaveEntry = (t: Tolerant) => {
  t.path.pop()
  t.entries.pop()
}

/** @internal */
export interface Node {
  /** The decoded value, or `FAIL`. `t` is set in tolerant mode. */
  readonly decode: (input: unknown, t: Tolerant | undefined) => unknown
  /**
   * The input the Schema decoder of this node is given: the null rule applied, drifted fields removed (tolerant).
   * `forOutput`: the result is decoded for its value (a per-node fallback), so a record's `"__proto__"` entry is left
   * out (Schema would make it the output's prototype); otherwise (to get Schema's error) it is kept.
   */
  readonly prepare: (input: unknown, t: Tolerant | undefined, forOutput: boolean) => unknown
}

export const hasOwn = Object.prototype.hasOwnProperty
export const identity = (input: unknown) => input

/** A pure record's output so far, when the entries before `k` decoded to their own input values: a copy of those. */
export const startEntries = (record: Record<PropertyKey, unknown>, keys: ReadonlyArray<string>, k: number) => {
  const out: Record<PropertyKey, unknown> = {}
  for (let j = 0; j < k; j++) setOwn(out, keys[j]!, record[keys[j]!])
  return out
}
export const isRecord = (u: unknown): u is Record<PropertyKey, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** Sets `key` as an own data property, so that a `"__proto__"` key never changes the output's prototype. */
export const setOwn = (out: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown) => {
  if (key === "__proto__") {
    Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true })
  } else out[key] = value
}

export const predicate = (test: (u: unknown) => boolean): Node => ({
  decode: (input) => test(input) ? input : FAIL,
  prepare: identity,
})

export const STRING: Node = predicate((u) => typeof u === "string")
export const NUMBER: Node = predicate((u) => typeof u === "number")
export const BOOLEAN: Node = predicate((u) => typeof u === "boolean")
export const UNKNOWN: Node = { decode: identity, prepare: identity }
/** Schema's own decoder for this node, given the prepared input. */
export const fallback = (ast: AST.AST, prepare: Node["prepare"]): Node => {
  const parse = ParseResult.decodeUnknownEither(Schema.make(ast))
  return {
    decode: (input, t) => {
      const result = parse(prepare(input, t, true))
      return result._tag === "Right" ? result.right : FAIL
    },
    prepare,
  }
}

/** The first issue of Schema's error for `value` (after `prepare`), as the message of a drift. */
const describe = (ast: AST.AST, node: Node, value: unknown): string => {
  try {
    const prepared = node.prepare(value, tolerant(undefined), false)
    const result = ParseResult.decodeUnknownEither(Schema.make(ast))(prepared)
    if (result._tag === "Right") return "does not match the schema"
    const [first] = ParseResult.ArrayFormatter.formatIssueSync(result.left)
    if (first === undefined) return "does not match the schema"
    return first.path.length === 0 ? first.message : `${first.path.map(String).join(".")}: ${first.message}`
  } catch {
    return "does not match the schema (too deeply nested to describe)"
  }
}

/**
 * Reports an optional field (or, `entry`, a record entry) at `t.path` + `key` dropped because `value` is off `ast`.
 */
export const drift = (t: Tolerant, key: PropertyKey, ast: AST.AST, node: Node, value: unknown, entry = false) => {
  if (t.onDrift === undefined) return
  const entries = entry ? [...t.entries, t.path.length] : t.entries.slice()
  const message = describe(ast, node, value)
  t.onDrift(entries.length === 0 ? { path: [...t.path, key], message } : { path: [...t.path, key], entries, message })
}

/** How a field's value is checked: inline for the common leaves, else through its node. */
export const Kind = { Node: 0, String: 1, Number: 2, Boolean: 3, Unknown: 4 } as const
export type Kind = typeof Kind[keyof typeof Kind]

export const kindOf = (ast: AST.AST): Kind => {
  if (Option.isSome(AST.getParseOptionsAnnotation(ast)) || Option.isSome(AST.getDecodingFallbackAnnotation(ast))) {
    return Kind.Node
  }
  switch (ast._tag) {
    case "StringKeyword":
      return Kind.String
    case "NumberKeyword":
      return Kind.Number
    case "BooleanKeyword":
      return Kind.Boolean
    case "UnknownKeyword":
    case "AnyKeyword":
      return Kind.Unknown
    default:
      return Kind.Node
  }
}
