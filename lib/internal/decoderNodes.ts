/**
 * The compiler behind `decoder.ts`: one `Node` per `effect/Schema` AST node, built once (memoized on the AST) out of
 * closures. A node's `decode` walks already-parsed JSON along the schema and returns exactly the value Schema's own
 * decoder would return, or `FAIL`; its `prepare` returns a copy of the input with the null rule applied (and, in
 * tolerant mode, the drifted optional fields removed), which is what the Schema decoder is given whenever we fall back
 * to it.
 *
 * Handled natively: keywords, literals, enums, structs and records (`TypeLiteral` with property signatures and string
 * index signatures, in decoderStruct.ts), arrays and tuples, unions with at most one member that accepts objects,
 * refinements (the `from` node, then the filter on its output), suspended schemas, and transformations whose
 * transformation answers synchronously (`from` natively, the transformation, `to` natively). Everything else
 * (declarations, template literals, symbol-keyed records, property-signature transformations such as defaults and
 * renamed keys, effectful transformations, nodes carrying parse-option or decoding-fallback annotations, unions with
 * several object-like members) falls back per node to `ParseResult.decodeUnknownEither` of that node, given its
 * `prepare`d input.
 *
 * Nothing here recurses on the input where the schema does not: `Unknown` values are returned as they are, never
 * walked.
 *
 * @internal
 */
import { Either, Option, SchemaAST as AST } from "effect"
import {
  BOOLEAN,
  FAIL,
  fallback,
  identity,
  Kind,
  kindOf,
  type Node,
  NUMBER,
  predicate,
  STRING,
  type Tolerant,
  UNKNOWN,
} from "./decoderCore.ts"
import { typeLiteral } from "./decoderStruct.ts"

export { type Drift, FAIL, type Node, type Tolerant } from "./decoderCore.ts"

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
      return typeLiteral(ast, nodeOf)
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
