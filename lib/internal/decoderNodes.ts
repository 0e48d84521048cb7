/**
 * The compiler behind `decoder.ts`: one `Node` per `effect/Schema` AST node, built once (memoized on the AST) out of
 * closures. A node's `decode` walks already-parsed JSON along the schema and returns exactly the value Schema's own
 * decoder would return, or `FAIL`; its `prepare` returns a copy of the input with the null rule applied (and, in
 * tolerant mode, the drifted optional fields removed), which is what the Schema decoder is given whenever we fall back
 * to it.
 *
 * Handled natively: keywords, literals, enums, structs and records (`TypeLiteral` with property signatures and string
 * index signatures), arrays and tuples, unions with at most one member that accepts objects, refinements (the
 * `from` node, then the filter on its output) and suspended schemas. Everything else (transformations, declarations,
 * template literals, symbol-keyed records, nodes carrying parse-option or decoding-fallback annotations, unions with
 * several object-like members) falls back per node to `ParseResult.decodeUnknownEither` of that node, given its
 * `prepare`d input.
 *
 * Nothing here recurses on the input where the schema does not: `Unknown` values are returned as they are, never
 * walked.
 *
 * @internal
 */
import { Either, Option, ParseResult, Schema, SchemaAST as AST } from "effect"

/** The result of a failed `decode`. @internal */
export const FAIL: unique symbol = Symbol.for("effect-quantive/decoder/FAIL")

/** An optional field dropped in tolerant mode because its value was off its schema. @internal */
export interface Drift {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

/** Tolerant-mode state: where the walk is, and who hears about drift (nobody, while preparing a fallback). @internal */
export interface Tolerant {
  readonly path: Array<PropertyKey>
  readonly onDrift: ((drift: Drift) => void) | undefined
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

const hasOwn = Object.prototype.hasOwnProperty
const identity = (input: unknown) => input

/** A pure record's output so far, when the entries before `k` decoded to their own input values: a copy of those. */
const startEntries = (record: Record<PropertyKey, unknown>, keys: ReadonlyArray<string>, k: number) => {
  const out: Record<PropertyKey, unknown> = {}
  for (let j = 0; j < k; j++) setOwn(out, keys[j]!, record[keys[j]!])
  return out
}
const isRecord = (u: unknown): u is Record<PropertyKey, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** Sets `key` as an own data property, so that a `"__proto__"` key never changes the output's prototype. */
const setOwn = (out: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown) => {
  if (key === "__proto__") {
    Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true })
  } else out[key] = value
}

const nodes = new WeakMap<AST.AST, Node>()

/** The node of `ast`, compiled once. @internal */
export const nodeOf = (ast: AST.AST): Node => {
  let node = nodes.get(ast)
  if (node === undefined) {
    node = build(ast)
    nodes.set(ast, node)
  }
  return node
}

const predicate = (test: (u: unknown) => boolean): Node => ({
  decode: (input) => test(input) ? input : FAIL,
  prepare: identity,
})

const STRING: Node = predicate((u) => typeof u === "string")
const NUMBER: Node = predicate((u) => typeof u === "number")
const BOOLEAN: Node = predicate((u) => typeof u === "boolean")
const UNKNOWN: Node = { decode: identity, prepare: identity }

const build = (ast: AST.AST): Node => {
  if (
    Option.isSome(AST.getParseOptionsAnnotation(ast)) || Option.isSome(AST.getDecodingFallbackAnnotation(ast))
  ) return fallback(ast, identity)
  switch (ast._tag) {
    case "StringKeyword":
      return STRING
    case "NumberKeyword":
      return NUMBER
    case "BooleanKeyword":
      return BOOLEAN
    case "UnknownKeyword":
    case "AnyKeyword":
    case "VoidKeyword":
      return UNKNOWN
    case "UndefinedKeyword":
      return predicate((u) => u === undefined)
    case "NeverKeyword":
      return predicate(() => false)
    case "BigIntKeyword":
      return predicate((u) => typeof u === "bigint")
    case "SymbolKeyword":
      return predicate((u) => typeof u === "symbol")
    case "ObjectKeyword":
      return predicate((u) => (typeof u === "object" && u !== null) || typeof u === "function")
    case "Literal": {
      const literal = ast.literal
      return predicate((u) => u === literal)
    }
    case "UniqueSymbol": {
      const symbol = ast.symbol
      return predicate((u) => u === symbol)
    }
    case "Enums": {
      const values = ast.enums.map(([, value]) => value)
      return predicate((u) => values.includes(u as string | number))
    }
    case "TupleType":
      return tuple(ast)
    case "TypeLiteral":
      return typeLiteral(ast)
    case "Union":
      return union(ast)
    case "Refinement":
      return refinement(ast)
    case "Suspend":
      return suspend(ast)
    case "Transformation":
      return transformation(ast)
    default:
      // Declaration, TemplateLiteral: Schema's own decoder, on the input as it is (Schema cannot see inside them).
      return fallback(ast, identity)
  }
}

/** Schema's own decoder for this node, given the prepared input. */
const fallback = (ast: AST.AST, prepare: Node["prepare"]): Node => {
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
    const prepared = node.prepare(value, { path: [], onDrift: undefined }, false)
    const result = ParseResult.decodeUnknownEither(Schema.make(ast))(prepared)
    if (result._tag === "Right") return "does not match the schema"
    const [first] = ParseResult.ArrayFormatter.formatIssueSync(result.left)
    if (first === undefined) return "does not match the schema"
    return first.path.length === 0 ? first.message : `${first.path.map(String).join(".")}: ${first.message}`
  } catch {
    return "does not match the schema (too deeply nested to describe)"
  }
}

/** Reports an optional field (or record entry) at `t.path` + `key` dropped because `value` is off `ast`. */
const drift = (t: Tolerant, key: PropertyKey, ast: AST.AST, node: Node, value: unknown) => {
  if (t.onDrift !== undefined) t.onDrift({ path: [...t.path, key], message: describe(ast, node, value) })
}

// ---------------------------------------------------------------------------------------------------------------
// Structs and records

/** How a field's value is checked: inline for the common leaves, else through its node. */
const Kind = { Node: 0, String: 1, Number: 2, Boolean: 3, Unknown: 4 } as const
type Kind = typeof Kind[keyof typeof Kind]

const kindOf = (ast: AST.AST): Kind => {
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

interface Field {
  readonly name: PropertyKey
  readonly ast: AST.AST
  readonly optional: boolean
  readonly kind: Kind
  /** Object.prototype has a property of this name: `input[name]` alone cannot tell absent from present. */
  readonly inherited: boolean
  node: Node
}

const typeLiteral = (ast: AST.TypeLiteral): Node => {
  // Schema returns any non-nullish input as it is for `Struct({})`.
  if (ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0) {
    return predicate((u) => u !== null && u !== undefined)
  }
  if (ast.indexSignatures.some((is) => is.parameter._tag !== "StringKeyword")) {
    return fallback(ast, (input, t, forOutput) => prepareTypeLiteral(input, t, forOutput))
  }
  const fields: Array<Field> = ast.propertySignatures.map((ps) => ({
    name: ps.name,
    ast: ps.type,
    optional: ps.isOptional,
    kind: kindOf(ps.type),
    inherited: ps.name in Object.prototype,
    node: UNKNOWN, // set below, once this node is registered (a field may refer back to it through a suspend)
  }))
  const names = new Set<PropertyKey>(fields.map((f) => f.name))
  const records = ast.indexSignatures.map((is) => ({ ast: is.type, node: UNKNOWN }))
  let linked = false
  const link = () => {
    if (linked) return
    linked = true
    for (const f of fields) f.node = nodeOf(f.ast)
    for (const r of records) r.node = nodeOf(r.ast)
  }
  const count = fields.length

  const fieldNames = fields.map((f) => f.name)
  const pureRecord = count === 0 && records.length === 1

  /** A present field's value, decoded (no null or absence handling), or `FAIL`. */
  const decodeValue = (f: Field, value: unknown, t: Tolerant | undefined): unknown => {
    switch (f.kind) {
      case Kind.String:
        return typeof value === "string" ? value : FAIL
      case Kind.Number:
        return typeof value === "number" ? value : FAIL
      case Kind.Boolean:
        return typeof value === "boolean" ? value : FAIL
      case Kind.Unknown:
        return value
      default: {
        if (t === undefined) return f.node.decode(value, undefined)
        t.path.push(f.name)
        const r = f.node.decode(value, t)
        t.path.pop()
        return r
      }
    }
  }

  /** The output so far, when the fields before `i` decoded to their own input values: a copy of those. */
  const startOutput = (record: Record<PropertyKey, unknown>, i: number): Record<PropertyKey, unknown> => {
    const out: Record<PropertyKey, unknown> = {}
    for (let j = 0; j < i; j++) {
      const name = fieldNames[j]!
      if (hasOwn.call(record, name)) setOwn(out, name, record[name])
    }
    return out
  }

  /** Decodes the fields from `from` on into `out`, in schema order, as Schema does. */
  const fieldLoop = (
    record: Record<PropertyKey, unknown>,
    out: Record<PropertyKey, unknown>,
    from: number,
    t: Tolerant | undefined,
    preset: number,
    presetResult: unknown,
  ): unknown => {
    for (let i = from; i < count; i++) {
      const f = fields[i]!
      const name = f.name
      const value = record[name]
      let r: unknown
      if ((value === undefined || f.inherited) && !hasOwn.call(record, name)) {
        if (f.optional) continue
        // Schema decodes `input[name]` of an absent required key (an Unknown field then decodes to undefined)
        r = f.node.decode(value, undefined)
        if (r === FAIL) return FAIL
        setOwn(out, name, r)
        continue
      }
      if (value === null && f.optional) continue
      r = i === preset ? presetResult : decodeValue(f, value, t)
      if (r === FAIL) {
        if (t !== undefined && f.optional) {
          drift(t, name, f.ast, f.node, value)
          continue
        }
        return FAIL
      }
      if (name === "__proto__") setOwn(out, name, r)
      else out[name] = r
    }
    return out
  }

  /**
   * The output differs from the input at field `upTo` (or the input's key order does): build it. When the `matched`
   * fields (each decoded to its own input value) are all the input holds before `upTo`, they are copied and decoding
   * goes on from `upTo`; otherwise (a field before `upTo` comes later in the input) from the start. `preset`: a field
   * already decoded, to `presetResult` (not decoded twice, so that its drift is not reported twice).
   */
  const restart = (
    record: Record<PropertyKey, unknown>,
    upTo: number,
    matched: number,
    t: Tolerant | undefined,
    preset = -1,
    presetResult?: unknown,
  ): unknown => {
    let present = 0
    for (let m = 0; m < upTo; m++) if (hasOwn.call(record, fieldNames[m]!)) present++
    return present === matched
      ? fieldLoop(record, startOutput(record, upTo), upTo, t, preset, presetResult)
      : fieldLoop(record, {}, 0, t, preset, presetResult)
  }

  /**
   * The common case: the input's keys are declared fields in schema order and each decodes to its own input value,
   * so the output (which Schema builds in schema order) is the input object itself, and the input is read in one
   * `for…in` pass (V8 loads those values by index). At the first difference, the output is built from there on.
   */
  const decodeStruct = (record: Record<PropertyKey, unknown>, t: Tolerant | undefined): unknown => {
    let k = 0
    let matched = 0
    for (const key in record) {
      let j = k
      while (j < count && fieldNames[j] !== key) j++
      // an excess or out-of-order key: Schema's output differs from the input
      if (j === count) return restart(record, k, matched, t)
      for (let m = k; m < j; m++) if (!fields[m]!.optional) return restart(record, m, matched, t)
      const f = fields[j]!
      const value = record[key]
      if (value === null && f.optional) return restart(record, j, matched, t)
      const r = decodeValue(f, value, t)
      if (r !== value) return restart(record, j, matched, t, j, r)
      k = j + 1
      matched++
    }
    for (let m = k; m < count; m++) if (!fields[m]!.optional) return restart(record, m, matched, t)
    return record
  }

  const decode = (input: unknown, t: Tolerant | undefined): unknown => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return FAIL
    if (!linked) link()
    const record = input as Record<PropertyKey, unknown>
    if (records.length === 0) return decodeStruct(record, t)
    // `undefined` while the output is still the input itself (a pure record whose entries decode to themselves)
    let out: Record<PropertyKey, unknown> | undefined
    if (!pureRecord) {
      const r = fieldLoop(record, {}, 0, t, -1, undefined)
      if (r === FAIL) return FAIL
      out = r as Record<PropertyKey, unknown>
    }
    for (let j = 0; j < records.length; j++) {
      const is = records[j]!
      const keys = Object.keys(record)
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k]!
        const value = record[key]
        const declared = count > 0 && names.has(key)
        if (value === null && (!declared || fields.find((f) => f.name === key)!.optional)) {
          out ??= startEntries(record, keys, k)
          continue
        }
        let r: unknown
        if (t === undefined) r = is.node.decode(value, undefined)
        else {
          t.path.push(key)
          r = is.node.decode(value, t)
          t.path.pop()
        }
        if (r === FAIL) {
          if (t !== undefined && !declared) {
            drift(t, key, is.ast, is.node, value)
            out ??= startEntries(record, keys, k)
            continue
          }
          return FAIL
        }
        if (out === undefined) {
          if (r === value) continue
          out = startEntries(record, keys, k)
        }
        if (!declared) setOwn(out, key, r)
      }
    }
    return out ?? record
  }

  /** A copy holding the same keys minus the ones the null rule (and tolerant mode) removes; excess keys as they are. */
  const prepareTypeLiteral = (input: unknown, t: Tolerant | undefined, forOutput: boolean): unknown => {
    if (!isRecord(input)) return input
    link()
    const out: Record<PropertyKey, unknown> = {}
    const record = records[0]
    for (const key of Reflect.ownKeys(input)) {
      const value = input[key]
      const field = fields.find((f) => f.name === key)
      const entry = field === undefined && typeof key === "string" ? record : undefined
      if (field === undefined && entry === undefined) {
        setOwn(out, key, value) // excess: Schema ignores it
        continue
      }
      const optional = field === undefined || field.optional
      const { ast, node } = field ?? entry!
      if (value === null && optional) continue
      if (forOutput && field === undefined && key === "__proto__") continue
      if (t !== undefined && optional) {
        t.path.push(key)
        const ok = node.decode(value, { path: t.path, onDrift: undefined }) !== FAIL
        t.path.pop()
        if (!ok) {
          drift(t, key, ast, node, value)
          continue
        }
      }
      if (t === undefined) setOwn(out, key, node.prepare(value, undefined, forOutput))
      else {
        t.path.push(key)
        setOwn(out, key, node.prepare(value, t, forOutput))
        t.path.pop()
      }
    }
    return out
  }

  return { decode, prepare: prepareTypeLiteral }
}

// ---------------------------------------------------------------------------------------------------------------
// Arrays and tuples

const tuple = (ast: AST.TupleType): Node => {
  const elements = ast.elements.map((e) => e.type)
  const [head, ...tail] = ast.rest.map((r) => r.type)
  const requiredLen = ast.elements.filter((e) => !e.isOptional).length + tail.length
  let linked: { elements: Array<Node>; head: Node | undefined; tail: Array<Node> } | undefined
  const link = () =>
    linked ??= {
      elements: elements.map(nodeOf),
      head: head === undefined ? undefined : nodeOf(head),
      tail: tail.map(nodeOf),
    }
  /** The node for index `i` of an input of length `len`. */
  const nodeAt = (i: number, len: number): Node | undefined => {
    const l = link()
    if (i < elements.length) return l.elements[i]
    if (l.head === undefined) return undefined
    const fromEnd = len - i
    return fromEnd <= tail.length && i >= len - tail.length ? l.tail[tail.length - fromEnd] : l.head
  }

  const step = (node: Node, value: unknown, i: number, t: Tolerant | undefined) => {
    if (t === undefined) return node.decode(value, undefined)
    t.path.push(i)
    const r = node.decode(value, t)
    t.path.pop()
    return r
  }

  // The common case, `Schema.Array(item)`: one loop, the item checked inline when it is a string.
  if (elements.length === 0 && head !== undefined && tail.length === 0) {
    const kind = kindOf(head)
    return {
      decode: (input, t) => {
        if (!Array.isArray(input)) return FAIL
        const len = input.length
        if (kind === Kind.String) {
          for (let i = 0; i < len; i++) if (typeof input[i] !== "string") return FAIL
          return input
        }
        const item = link().head!
        // `undefined` while the output is still the input itself
        let out: Array<unknown> | undefined
        for (let i = 0; i < len; i++) {
          const value = input[i]
          const r = step(item, value, i, t)
          if (r === FAIL) return FAIL
          if (out === undefined) {
            if (r === value) continue
            out = input.slice(0, i)
          }
          out.push(r)
        }
        return out ?? input
      },
      prepare: (input, t, forOutput) =>
        Array.isArray(input) ? input.map((value, i) => prepareAt(link().head!, value, i, t, forOutput)) : input,
    }
  }

  return {
    decode: (input, t) => {
      if (!Array.isArray(input)) return FAIL
      const len = input.length
      if (len < requiredLen) return FAIL
      if (head === undefined && len > elements.length) return FAIL
      const out: Array<unknown> = []
      for (let i = 0; i < len; i++) {
        const r = step(nodeAt(i, len)!, input[i], i, t)
        if (r === FAIL) return FAIL
        out.push(r)
      }
      return out
    },
    prepare: (input, t, forOutput) => {
      if (!Array.isArray(input)) return input
      const len = input.length
      return input.map((value, i) => {
        const node = nodeAt(i, len)
        return node === undefined ? value : prepareAt(node, value, i, t, forOutput)
      })
    },
  }
}

const prepareAt = (node: Node, value: unknown, i: number, t: Tolerant | undefined, forOutput: boolean) => {
  if (t === undefined) return node.prepare(value, undefined, forOutput)
  t.path.push(i)
  const r = node.prepare(value, t, forOutput)
  t.path.pop()
  return r
}

// ---------------------------------------------------------------------------------------------------------------
// Unions, refinements, suspended schemas

/** Whether a member may accept an object or an array (so that the null rule could apply inside it). */
const acceptsObjects = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "Literal":
    case "UniqueSymbol":
    case "Enums":
    case "TemplateLiteral":
    case "StringKeyword":
    case "NumberKeyword":
    case "BooleanKeyword":
    case "BigIntKeyword":
    case "SymbolKeyword":
    case "UndefinedKeyword":
    case "NeverKeyword":
      return false
    case "Refinement":
      return acceptsObjects(ast.from)
    default:
      return true
  }
}

/**
 * With at most one member that accepts objects, at most one member accepts any given input, so trying the members in
 * order gives Schema's answer whatever order its search tree picks. Several object-like members: Schema's own
 * decoder, on the input as it is (no null rule inside such a union: which member's optional fields would it follow?).
 */
const union = (ast: AST.Union): Node => {
  const objectLike = ast.types.filter(acceptsObjects)
  if (objectLike.length > 1) return fallback(ast, identity)
  let members: Array<Node> | undefined
  const link = () => members ??= ast.types.map(nodeOf)
  return {
    decode: (input, t) => {
      const ms = link()
      for (let i = 0; i < ms.length; i++) {
        const r = ms[i]!.decode(input, t)
        if (r !== FAIL) return r
      }
      return FAIL
    },
    prepare: objectLike.length === 0
      ? identity
      : (input, t, forOutput) => nodeOf(objectLike[0]!).prepare(input, t, forOutput),
  }
}

const refinement = (ast: AST.Refinement): Node => {
  let from: Node | undefined
  return {
    decode: (input, t) => {
      const a = (from ??= nodeOf(ast.from)).decode(input, t)
      if (a === FAIL) return FAIL
      return Option.isNone(ast.filter(a, AST.defaultParseOption, ast)) ? a : FAIL
    },
    prepare: (input, t, forOutput) => (from ??= nodeOf(ast.from)).prepare(input, t, forOutput),
  }
}

const suspend = (ast: AST.Suspend): Node => {
  let target: Node | undefined
  return {
    decode: (input, t) => (target ??= nodeOf(ast.f())).decode(input, t),
    prepare: (input, t, forOutput) => (target ??= nodeOf(ast.f())).prepare(input, t, forOutput),
  }
}

/**
 * `from` natively, then the transformation when it answers synchronously (an `Either`), then `to` natively and
 * strictly (its input is what the transformation built, not the payload). A `TypeLiteralTransformation` (renamed keys,
 * defaults) or a transformation that answers with an effect: Schema's own decoder for the whole node.
 */
const transformation = (ast: AST.Transformation): Node => {
  const whole = fallback(ast, (input, t, forOutput) => nodeOf(ast.from).prepare(input, t, forOutput))
  const final = ast.transformation
  if (final._tag === "TypeLiteralTransformation") return whole
  return {
    decode: (input, t) => {
      const a = nodeOf(ast.from).decode(input, t)
      if (a === FAIL) return FAIL
      let b: unknown = a
      if (final._tag === "FinalTransformation") {
        const r = final.decode(a, AST.defaultParseOption, ast, input)
        if (!Either.isEither(r)) return whole.decode(input, t)
        if (Either.isLeft(r)) return FAIL
        b = r.right
      }
      return nodeOf(ast.to).decode(b, undefined)
    },
    prepare: whole.prepare,
  }
}
