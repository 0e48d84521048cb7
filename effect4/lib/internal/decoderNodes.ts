/**
 * The compiler behind `decoder.ts`: one `Node` per `effect/Schema` AST node, built once (memoized on the AST) out of
 * closures. A node's `decode` walks already-parsed JSON along the schema and returns exactly the value Schema's own
 * decoder would return, or `FAIL`; its `prepare` returns a copy of the input with the null rule applied (and, in
 * tolerant mode, the drifted optional fields removed), which is what the Schema decoder is given whenever we fall back
 * to it.
 *
 * Handled natively: the keywords, literals, structs and records (`Objects` with property signatures, or with string
 * index signatures only, in decoderStruct.ts), arrays and tuples, unions (`anyOf`) with at most one member that
 * accepts objects, suspended schemas, and the checks attached to any of those (run on the node's output, as Schema
 * does). Everything else (declarations, template literals, enums, symbols, nodes with an encoding, structs with both
 * fields and index signatures, records on other keys, `oneOf` unions, unions with several object-like members) falls
 * back per node to Schema's own decoder of that node, given its `prepare`d input.
 *
 * Nothing here recurses on the input where the schema does not: `Unknown` values are returned as they are, never
 * walked.
 *
 * @internal
 */
import { SchemaAST as AST } from "effect"
import {
  BOOLEAN,
  FAIL,
  fallback,
  identity,
  Kind,
  kindOf,
  type Node,
  NUMBER,
  passes,
  predicate,
  STRING,
  type Tolerant,
  UNKNOWN,
} from "./decoderCore.ts"
import { objects } from "./decoderStruct.ts"

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
  if (ast.encoding !== undefined || ("encodingChecks" in ast && ast.encodingChecks !== undefined)) {
    // A transformation: Schema's own decoder, given the encoded side's prepared input.
    let encoded: Node | undefined
    return fallback(ast, (input, t) => (encoded ??= nodeOf(AST.toEncoded(ast))).prepare(input, t))
  }
  const base = shape(ast)
  const checks = ast.checks
  if (checks === undefined) return base
  return {
    decode: (input, t) => {
      const a = base.decode(input, t)
      return a === FAIL || !passes(checks, a, ast) ? FAIL : a
    },
    prepare: base.prepare,
  }
}

/** The node of `ast` without its checks. */
const shape = (ast: AST.AST): Node => {
  switch (ast._tag) {
    case "String":
      return STRING
    case "Number":
      return NUMBER
    case "Boolean":
      return BOOLEAN
    case "Unknown":
    case "Any":
      return UNKNOWN
    case "Null":
      return predicate((u) => u === null)
    case "Undefined":
      return predicate((u) => u === undefined)
    case "Never":
      return predicate(() => false)
    case "Literal": {
      const literal = ast.literal
      return predicate((u) => u === literal)
    }
    case "Arrays":
      return arrays(ast)
    case "Objects":
      return objects(ast, nodeOf)
    case "Union":
      return union(ast)
    case "Suspend":
      return suspend(ast)
    default:
      // Declaration, Void, Enum, TemplateLiteral, BigInt, Symbol, UniqueSymbol, ObjectKeyword: Schema's own decoder,
      // on the input as it is.
      return fallback(ast, identity)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Arrays and tuples

const arrays = (ast: AST.Arrays): Node => {
  const elements = ast.elements
  const [head, ...tail] = ast.rest
  const requiredLen = elements.filter((e) => !AST.isOptional(e)).length + tail.length
  let linked:
    | {
      elements: Array<Node>
      head: Node | undefined
      tail: Array<Node>
    }
    | undefined
  const link = () => (linked ??= {
    elements: elements.map(nodeOf),
    head: head === undefined ? undefined : nodeOf(head),
    tail: tail.map(nodeOf),
  })
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
          for (let i = 0; i < len; i++) {
            if (typeof input[i] !== "string") return FAIL
          }
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
      prepare: (input, t) =>
        Array.isArray(input) ? input.map((value, i) => prepareAt(link().head!, value, i, t)) : input,
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
    prepare: (input, t) => {
      if (!Array.isArray(input)) return input
      const len = input.length
      return input.map((value, i) => {
        const node = nodeAt(i, len)
        return node === undefined ? value : prepareAt(node, value, i, t)
      })
    },
  }
}

const prepareAt = (node: Node, value: unknown, i: number, t: Tolerant | undefined) => {
  if (t === undefined) return node.prepare(value, undefined)
  t.path.push(i)
  const r = node.prepare(value, t)
  t.path.pop()
  return r
}

// ---------------------------------------------------------------------------------------------------------------
// Unions, suspended schemas

/** Whether a member may accept an object or an array (so that the null rule could apply inside it). */
const acceptsObjects = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "Literal":
    case "UniqueSymbol":
    case "Enum":
    case "TemplateLiteral":
    case "String":
    case "Number":
    case "Boolean":
    case "BigInt":
    case "Symbol":
    case "Null":
    case "Undefined":
    case "Never":
      return ast.encoding === undefined
    default:
      return true
  }
}

/**
 * An `anyOf` union whose members decode without transformation, with at most one member that accepts objects: at most
 * one member accepts any given input up to equal outputs, so trying the members in order gives Schema's answer
 * whatever order its candidate index picks. Otherwise Schema's own decoder, on the input as it is (no null rule
 * inside such a union: which member's optional fields would it follow?).
 */
const union = (ast: AST.Union): Node => {
  const objectLike = ast.types.filter(acceptsObjects)
  if (objectLike.length > 1 || ast.options?.mode === "oneOf" || ast.types.some((m) => m.encoding !== undefined)) {
    return fallback(ast, identity)
  }
  let members: Array<Node> | undefined
  const link = () => (members ??= ast.types.map(nodeOf))
  return {
    decode: (input, t) => {
      const ms = link()
      for (let i = 0; i < ms.length; i++) {
        const r = ms[i]!.decode(input, t)
        if (r !== FAIL) return r
      }
      return FAIL
    },
    prepare: objectLike.length === 0 ? identity : (input, t) => nodeOf(objectLike[0]!).prepare(input, t),
  }
}

const suspend = (ast: AST.Suspend): Node => {
  let target: Node | undefined
  return {
    decode: (input, t) => (target ??= nodeOf(ast.thunk())).decode(input, t),
    prepare: (input, t) => (target ??= nodeOf(ast.thunk())).prepare(input, t),
  }
}
