/**
 * The Effect 3 line's internals that the scenarios check directly (`#line/internal`): the pagination engine, and
 * Schema decoding and encoding (Effect's own and the compiled decoder) behind one shape both lines give, and the
 * raw pipeline as the layers build it, over any coordinator.
 */
import { Effect, Either, ParseResult, Schema } from "effect"
import * as Client from "../../lib/internal/client.ts"
import * as Config from "../../lib/internal/config.ts"
import { compile, type DecodeMode, type Drift } from "../../lib/internal/decoder.ts"
import { NonEmpty } from "../../lib/internal/schema.ts"

export * as Paginate from "../../lib/internal/paginate.ts"
export type { DecodeMode, Drift }
export type { Gate } from "../../lib/internal/resilience/coordinator.ts"

/** A schema of this line (a model, a page, a request body). */
export type AnySchema = Schema.Schema<any, any, never>

/** A decoding's result: the value, or the issues, one `path: message` line each. */
export type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: string }

const outcome = (result: Either.Either<unknown, ParseResult.ParseError>): Outcome =>
  Either.isLeft(result)
    ? {
      ok: false,
      issues: ParseResult.ArrayFormatter.formatErrorSync(result.left)
        .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
        .join("\n"),
    }
    : { ok: true, value: result.right }

/** Whether `u` is a schema. */
export const isSchema = (u: unknown): u is AnySchema => Schema.isSchema(u)

/** Effect's decoder; `exact`: an unknown extra field is an issue too, and every issue is reported. */
export const decode = (schema: AnySchema, value: unknown, options: { readonly exact?: boolean } = {}): Outcome =>
  outcome(
    Schema.decodeUnknownEither(schema, options.exact ? { onExcessProperty: "error", errors: "all" } : undefined)(value),
  )

/** Effect's encoder (throws on a value off the schema). */
export const encode = (schema: AnySchema, value: unknown): unknown => Schema.encodeSync(schema)(value)

/** The compiled decoder the client decodes responses with. */
export const decodeCompiled = (
  schema: AnySchema,
  value: unknown,
  mode: DecodeMode,
  onDrift?: (drift: Drift) => void,
): Outcome => outcome(compile(schema).decode(value, mode, onDrift))

/** The body of the bulk users operations (`activate`, `deactivate`, `removeMany`, `sendInvitations`). */
export const Ids: AnySchema = Schema.NonEmptyArray(NonEmpty)

/** The pipeline over `http` with this configuration, as the layers build it; a configuration error is a defect. */
export const rawClient = (
  raw: Config.RawConfig,
  http: Parameters<typeof Client.make>[1],
  options: Client.MakeOptions = {},
): Effect.Effect<ReturnType<typeof Client.make>> => {
  const resolved = Config.resolve(raw, Config.optionNames)
  return Either.isLeft(resolved)
    ? Effect.die(resolved.left)
    : Effect.succeed(Client.make(resolved.right, http, options))
}
