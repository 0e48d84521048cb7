/**
 * The compiled decoder's fast path (see `decoder.ts`): Effect 4's own JIT-compiled Schema decoder, on a twin of the
 * schema in which the null rule cannot matter. The twin is the schema with `null` refused wherever the null rule
 * would remove it (an optional field or a record entry whose type would accept `null`: `Unknown`, `Any`, a union
 * with `Null`); every other node is the schema's own. An input the twin accepts has no `null` the rule would remove,
 * so Schema's value for it is the decoder's value, in either mode (nothing drifts), and the JIT-compiled type guard
 * (`Schema.is`, which builds nothing) says so cheaply before the JIT-compiled decoder builds the value. Any other
 * input goes to the walker. A fast path refused again and again (a schema whose inputs keep carrying such `null`s) is
 * tried on one input in 16 only.
 *
 * There is no twin (and no fast path) for a schema with a transformation, a tuple, a `oneOf` union, or a struct with
 * both fields and index signatures, nor where code generation is not allowed (`new Function` blocked): those decode
 * through the walker alone.
 *
 * @internal
 */
import { Result, Schema, SchemaAST as AST } from "effect"
import * as SchemaCompilers from "effect/schema"

/** What a fast path answers for an input the twin refuses (or that it skips). @internal */
export const MISS: unique symbol = Symbol.for("effect-quantive/decoder/MISS")

/** A decoder for the inputs the twin accepts: their value, or `MISS` for any other input. @internal */
export type Fast = (input: unknown) => unknown

/** After this many inputs in a row refused, a fast path is tried on one input in `RETRY` only. */
const MISSES = 8
const RETRY = 16

let enabled = true

/**
 * Runs `f` with every fast path off, so that every input goes through the walker (for tests and the bench).
 *
 * @internal
 */
export const withoutFastPaths = <A>(f: () => A): A => {
  enabled = false
  try {
    return f()
  } finally {
    enabled = true
  }
}

const notNull = Schema.makeFilter((u: unknown) => u !== null, { expected: "a value other than null" })
const UnknownNotNull = Schema.Unknown.check(notNull)

const jitAllowed = (): boolean => {
  try {
    return globalThis.Function("return true")() === true
  } catch {
    return false
  }
}

class NoTwin extends Error {}

const plain = (ast: AST.AST) => ast.encoding === undefined && ast.checks === undefined

/** The twin of `ast`; `nullable`: at a place where the null rule removes `null` (an optional field, a record entry). */
const twinOf = (root: AST.AST): Schema.Top => {
  const done = new Map<AST.AST, Schema.Top>()
  const pending = new Map<AST.AST, Schema.Top>()
  const visit = (ast: AST.AST, nullable: boolean): Schema.Top => {
    if (ast.encoding !== undefined) throw new NoTwin()
    switch (ast._tag) {
      case "Unknown":
      case "Any":
        if (!nullable) return Schema.make(ast)
        return ast.checks === undefined
          ? UnknownNotNull
          : Schema.make<Schema.Unknown>(ast as AST.Unknown).check(notNull)
      case "Null":
        return nullable ? Schema.Never : Schema.make(ast)
      case "Union": {
        if (ast.options?.mode === "oneOf" || ast.checks !== undefined) throw new NoTwin()
        const members = ast.types.filter((t) => !(nullable && t._tag === "Null")).map((t) => visit(t, nullable))
        return members.length === 1 ? members[0]! : Schema.Union(members)
      }
      case "Objects":
      case "Arrays":
      case "Suspend":
        return container(ast)
      default:
        return Schema.make(ast)
    }
  }
  const container = (ast: AST.Objects | AST.Arrays | AST.Suspend): Schema.Top => {
    const known = done.get(ast) ?? pending.get(ast)
    if (known !== undefined) return known
    const placeholder = Schema.suspend((): Schema.Top => done.get(ast)!)
    pending.set(ast, placeholder)
    let out: Schema.Top
    if (ast._tag === "Suspend") {
      if (ast.checks !== undefined) throw new NoTwin()
      out = visit(ast.thunk(), false)
    } else if (ast._tag === "Arrays") {
      if (ast.elements.length > 0 || ast.rest.length !== 1) throw new NoTwin()
      out = Schema.Array(visit(ast.rest[0]!, false))
    } else if (ast.indexSignatures.length > 0) {
      const [is] = ast.indexSignatures
      if (ast.propertySignatures.length > 0 || ast.indexSignatures.length > 1 || is!.parameter._tag !== "String") {
        throw new NoTwin()
      }
      if (!plain(is!.parameter)) throw new NoTwin()
      out = Schema.Record(Schema.String, visit(is!.type, true))
    } else {
      const fields: Record<PropertyKey, Schema.Top> = {}
      for (const ps of ast.propertySignatures) {
        const optional = AST.isOptional(ps.type)
        const type = visit(ps.type, optional)
        fields[ps.name] = optional ? Schema.optionalKey(type) : type
      }
      out = Schema.Struct(fields)
    }
    if (ast._tag !== "Suspend" && ast.checks !== undefined) out = out.check(...ast.checks)
    pending.delete(ast)
    done.set(ast, out)
    return out
  }
  return visit(root, false)
}

/** The fast path of `ast`, or `undefined` where there is none. @internal */
export const fastPath = (ast: AST.AST): Fast | undefined => {
  // `effect/schema` is unstable: without its JIT compiler (a later Effect 4 release), the walker alone.
  const jit: Partial<typeof SchemaCompilers.SchemaJITCompiler> | undefined = SchemaCompilers.SchemaJITCompiler
  if (typeof jit?.enable !== "function" || !jitAllowed()) return undefined
  let twin: Schema.Top
  try {
    twin = twinOf(ast)
  } catch (error) {
    if (error instanceof NoTwin) return undefined
    throw error
  }
  jit.enable(twin.ast)
  const is = Schema.is(twin)
  const decode = Schema.decodeUnknownResult(twin as Schema.Decoder<unknown>)
  // Consecutive refusals: a schema whose inputs keep carrying nulls (or drift) soon skips the type guard, and tries
  // it again now and then.
  let misses = 0
  return (input) => {
    if (!enabled) return MISS
    if (misses >= MISSES && misses++ % RETRY !== 0) return MISS
    try {
      if (is(input)) {
        const result = decode(input)
        if (Result.isSuccess(result)) {
          misses = 0
          return result.success
        }
      }
    } catch {
      // an input nested deeper than the stack: the walker says so, as a typed error
    }
    misses++
    return MISS
  }
}
