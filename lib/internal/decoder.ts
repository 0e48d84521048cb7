/**
 * Compiled response decoders: one per schema, derived from its `effect/Schema` AST and built once, that
 * decode parsed JSON in one walk and give exactly what `Schema.decodeUnknownEither(schema)` gives after the null rule.
 *
 * The null rule (it replaces the pipeline's old `dropNulls`): `null` for an optional property signature means absent,
 * and so does `null` for a record entry (an index signature's value); anywhere else (a required field, an array
 * element, inside an `Unknown` value) `null` is a value like any other, so a required field sent as `null` fails,
 * naming the field.
 *
 * Modes: `strict` fails at the first field off its schema; at that point the whole input (null rule applied) goes to
 * Schema's own decoder, so the error (issue path, message) is Schema's. `tolerant` drops an optional field (or a record
 * entry) whose value is off its schema, reports it through `onDrift` with its path, and goes on; a required field off
 * its schema still fails (the nearest optional field above it is dropped instead, if there is one).
 *
 * @internal
 */
import { Either, ParseResult, Schema, type SchemaAST as AST } from "effect"
import { tolerant } from "./decoderCore.ts"
import { type Drift, FAIL, nodeOf } from "./decoderNodes.ts"

export type { Drift } from "./decoderNodes.ts"

/**
 * `strict`: any field off its schema fails the decode. `tolerant`: an optional field off its schema is dropped and
 * reported; a required one still fails.
 *
 * @since 0.2.0
 * @category models
 */
export type DecodeMode = "strict" | "tolerant"

/**
 * @since 0.2.0
 * @category models
 */
export interface Decoder<A> {
  /**
   * Decodes already-parsed JSON. `strict`: exactly what `Schema.decodeUnknownEither(schema)` gives after the null
   * rule. `tolerant`: optional fields whose value is off their schema are dropped (absent) and reported through
   * `onDrift`; a required field off its schema still fails.
   *
   * The result shares objects and arrays with the input wherever Schema's output would equal them (an object whose
   * keys are all declared fields, in schema order, each decoding to itself, is returned as it is): give it a value
   * nobody mutates afterwards, such as a fresh `JSON.parse` result.
   */
  readonly decode: (
    input: unknown,
    mode: DecodeMode,
    onDrift?: (drift: Drift) => void,
  ) => Either.Either<A, ParseResult.ParseError>
}

const decoders = new WeakMap<AST.AST, Decoder<any>>()

const tooDeep = (ast: AST.AST, input: unknown) =>
  Either.left(new ParseResult.ParseError({ issue: new ParseResult.Type(ast, input, "is nested too deeply to decode") }))

const make = <A>(ast: AST.AST): Decoder<A> => {
  const root = nodeOf(ast)
  const full = Schema.decodeUnknownEither(Schema.make<A, unknown, never>(ast))
  return {
    decode: (input, mode, onDrift) => {
      try {
        const t = mode === "tolerant" ? tolerant(onDrift) : undefined
        const out = root.decode(input, t)
        if (out !== FAIL) return Either.right(out as A)
        // Schema's own decoder for the error (with tolerant mode's drifted fields removed, so that it names the
        // required field that failed)
        return full(root.prepare(input, t === undefined ? undefined : tolerant(undefined), false))
      } catch (error) {
        if (error instanceof RangeError) return tooDeep(ast, input)
        throw error
      }
    },
  }
}

/**
 * The decoder of `schema`, compiled once per schema (memoized on its AST).
 *
 * @since 0.2.0
 * @category constructors
 */
export const compile = <A, I>(schema: Schema.Schema<A, I, never>): Decoder<A> => {
  let decoder = decoders.get(schema.ast)
  if (decoder === undefined) {
    decoder = make<A>(schema.ast)
    decoders.set(schema.ast, decoder)
  }
  return decoder
}
