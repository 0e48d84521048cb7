/**
 * The Effect 4 line's internals that the scenarios check directly (`#line/internal`): the pagination engine, and
 * Schema decoding and encoding (Effect's own and the compiled decoder) behind one shape both lines give, and the
 * raw pipeline as the layers build it, over any coordinator.
 */
import { Effect, Result, Schema, SchemaIssue } from "effect"
import * as Client from "../../effect4/lib/internal/client.ts"
import * as Config from "../../effect4/lib/internal/config.ts"
import { compile, type DecodeMode, type Drift } from "../../effect4/lib/internal/decoder.ts"
import { NonEmpty } from "../../effect4/lib/internal/schema.ts"

export * as Paginate from "../../effect4/lib/internal/paginate.ts"
export type { DecodeMode, Drift }
export type { Gate } from "../../effect4/lib/internal/resilience/coordinator.ts"

/** A schema of this line (a model, a page, a request body). */
export type AnySchema = Schema.Codec<any, any, never, never>

/** A decoding's result: the value, or the issues, one `path: message` line each. */
export type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: string }

const format = SchemaIssue.makeFormatterStandardSchemaV1()

const outcome = (result: Result.Result<unknown, Schema.SchemaError>): Outcome =>
  Result.isFailure(result)
    ? {
      ok: false,
      issues: format(result.failure.issue).issues
        .map((issue) => `${(issue.path ?? []).map(String).join(".") || "(root)"}: ${issue.message}`)
        .join("\n"),
    }
    : { ok: true, value: result.success }

/** Whether `u` is a schema. */
export const isSchema = (u: unknown): u is AnySchema => Schema.isSchema(u)

/** Effect's decoder; `exact`: an unknown extra field is an issue too, and every issue is reported. */
export const decode = (schema: AnySchema, value: unknown, options: { readonly exact?: boolean } = {}): Outcome =>
  outcome(
    Schema.decodeUnknownResult(schema, options.exact ? { onExcessProperty: "error", errors: "all" } : undefined)(value),
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
  return Result.isFailure(resolved)
    ? Effect.die(resolved.failure)
    : Effect.succeed(Client.make(resolved.success, http, options))
}
