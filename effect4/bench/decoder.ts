/**
 * Micro-benchmark of the Effect 4 line's compiled decoder: the fake's realistic users (the core's seeded data set,
 * about 6.5 KB of JSON each) decoded one at a time and as a page of 100 (`UsersPage`), against `JSON.parse` of the same
 * text, and against Effect 4's own Schema decoder, interpreted and JIT-compiled (`effect/schema` `SchemaJITCompiler`),
 * and the JIT-compiled decoder of a Schema that has the null rule written into it (every optional field
 * `Schema.optionalKey(Schema.NullOr(…))` turned back into absent by a transformation). The compiled decoder is
 * measured as the pipeline uses it, on a page without nulls (its fast path) and with nulls (its walker), and as the
 * walker alone on both. A variant with every object's keys reversed and an unmodelled field shows the cost when the
 * output must be built anew.
 *
 * Variants run interleaved, round after round; each figure is the median over rounds of the time per item, and the
 * ratios are against `JSON.parse` of the same text. The JIT-compiled variants run in a second process (the JIT is
 * enabled per AST and globally, so the interpreted figures are taken in a process where it never was). Prints
 * figures; asserts nothing.
 *
 * Run, from effect4/: `node_modules/.bin/node bench/decoder.ts` (Node 22 strips the types; env: BENCH_ROUNDS,
 * default 15).
 */
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Option, Result, Schema, SchemaAST, SchemaGetter } from "effect"
import { SchemaJITCompiler } from "effect/schema"
import { makeAccount } from "../../core/src/fake/data.ts"
import { makeUsers } from "../../core/src/fake/userData.ts"
import { compile, withoutFastPaths } from "../lib/internal/decoder.ts"
import { User, UsersPage } from "../lib/User.ts"

const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 15)
/** Per round and variant, at least this long (ms), so that the timer's resolution does not matter. */
const MIN_MS = 40
const JIT = process.env["BENCH_JIT"] === "1"

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const account = makeAccount(1)
const users = makeUsers(1, 100, account.id, account)
const texts: ReadonlyArray<string> = users.map((user) => JSON.stringify(user))
const parsed: ReadonlyArray<unknown> = texts.map((text) => JSON.parse(text))
const reorder = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(reorder) : typeof value === "object" && value !== null
    ? Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reorder(v)]),
    )
    : value
const rebuilt: ReadonlyArray<unknown> = parsed.map((u) =>
  JSON.parse(JSON.stringify({ unmodelled: 1, ...(reorder(u) as object) }))
)
const pageText = JSON.stringify({ items: users, totalCount: users.length })
/** The same page with some optional fields sent as `null` (as the API does): the null rule applies. */
const nullsParsed: unknown = JSON.parse(
  JSON.stringify({
    items: users.map((u, i) => (i % 2 === 0 ? { ...u, language: null, picture: null } : u)),
    totalCount: users.length,
  }),
)
const pageParsed: unknown = JSON.parse(pageText)

/**
 * The null rule written into Schema: every optional field of every struct accepts `null`, and a `null` is decoded to
 * an absent key (the Schema-only way to give the compiled decoder's answer).
 */
const nullRule = (ast: SchemaAST.AST, seen = new Map<SchemaAST.AST, Schema.Top>()): Schema.Top => {
  const known = seen.get(ast)
  if (known !== undefined) return known
  switch (ast._tag) {
    case "Objects": {
      if (ast.indexSignatures.length > 0) return Schema.make(ast)
      const fields: Record<string, Schema.Top> = {}
      for (const ps of ast.propertySignatures) {
        const value = nullRule(ps.type, seen)
        fields[String(ps.name)] = SchemaAST.isOptional(ps.type)
          ? Schema.optionalKey(Schema.NullOr(value)).pipe(
            Schema.decodeTo(Schema.optionalKey(Schema.toType(value)), {
              decode: SchemaGetter.transformOptional((o) => Option.filter(o, (v) => v !== null)),
              encode: SchemaGetter.passthrough({ strict: false }),
            }),
          )
          : value
      }
      const out = Schema.Struct(fields)
      seen.set(ast, out)
      return out
    }
    case "Arrays":
      return ast.elements.length === 0 && ast.rest.length === 1
        ? Schema.Array(nullRule(ast.rest[0]!, seen))
        : Schema.make(ast)
    case "Suspend":
      return Schema.suspend(() => nullRule(ast.thunk(), seen))
    default:
      return Schema.make(ast)
  }
}

const userDecoder = compile(User)
const pageDecoder = compile(UsersPage)
if (JIT) {
  SchemaJITCompiler.enable(User.ast)
  SchemaJITCompiler.enable(UsersPage.ast)
}
const schemaUser = Schema.decodeUnknownResult(User)
const schemaPage = Schema.decodeUnknownResult(UsersPage)
const NullRulePage = nullRule(UsersPage.ast) as Schema.Decoder<unknown>
if (JIT) SchemaJITCompiler.enable(NullRulePage.ast)
const nullRulePage = Schema.decodeUnknownResult(NullRulePage)

let sink = 0
const consume = (e: Result.Result<unknown, unknown>) => {
  if (Result.isFailure(e)) throw new Error(`a benchmark input failed to decode: ${String(e.failure)}`)
  sink++
}

interface Variant {
  readonly name: string
  /** One pass over `items` inputs. */
  readonly run: () => void
  readonly items: number
  readonly baseline: string
  readonly samples: Array<number>
}

const variant = (name: string, items: number, baseline: string, run: () => void): Variant => ({
  name,
  run,
  items,
  baseline,
  samples: [],
})

const ONE = "JSON.parse (one user)"
const PAGE = "JSON.parse (page of 100)"
const schema = JIT ? "Schema, JIT-compiled" : "Schema, interpreted"

const variants: ReadonlyArray<Variant> = [
  variant(ONE, texts.length, ONE, () => {
    for (const text of texts) sink += (JSON.parse(text) as { id: string }).id.length
  }),
  variant(PAGE, 1, PAGE, () => {
    sink += (JSON.parse(pageText) as { totalCount: number }).totalCount
  }),
  variant(`${schema} (one user)`, parsed.length, ONE, () => {
    for (const u of parsed) consume(schemaUser(u))
  }),
  variant(`${schema} (page of 100)`, 1, PAGE, () => consume(schemaPage(pageParsed))),
  variant(`${schema}, null rule written in (page of 100)`, 1, PAGE, () => consume(nullRulePage(pageParsed))),
  ...(JIT ? [] : [
    variant("compiled strict (one user)", parsed.length, ONE, () => {
      for (const u of parsed) consume(userDecoder.decode(u, "strict"))
    }),
    variant("compiled tolerant (one user)", parsed.length, ONE, () => {
      for (const u of parsed) consume(userDecoder.decode(u, "tolerant"))
    }),
    variant("compiled strict, every object rebuilt (one user)", rebuilt.length, ONE, () => {
      for (const u of rebuilt) consume(userDecoder.decode(u, "strict"))
    }),
    variant("compiled strict (page of 100)", 1, PAGE, () => consume(pageDecoder.decode(pageParsed, "strict"))),
    variant("compiled tolerant (page of 100)", 1, PAGE, () => consume(pageDecoder.decode(pageParsed, "tolerant"))),
    variant(
      "compiled strict, nulls in half the users (page of 100)",
      1,
      PAGE,
      () => consume(pageDecoder.decode(nullsParsed, "strict")),
    ),
    variant(
      "walker alone, strict (page of 100)",
      1,
      PAGE,
      () => withoutFastPaths(() => consume(pageDecoder.decode(pageParsed, "strict"))),
    ),
    variant(
      "walker alone, strict, nulls in half the users (page of 100)",
      1,
      PAGE,
      () => withoutFastPaths(() => consume(pageDecoder.decode(nullsParsed, "strict"))),
    ),
  ]),
]

/** Runs `v` for at least MIN_MS and records the time per item (µs). */
const measure = (v: Variant) => {
  let passes = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < MIN_MS) {
    v.run()
    passes++
    elapsed = performance.now() - start
  }
  v.samples.push((elapsed * 1000) / (passes * v.items))
}

// warm-up, then interleaved rounds
for (const v of variants) for (let i = 0; i < 50; i++) v.run()
for (let round = 0; round < ROUNDS; round++) for (const v of variants) measure(v)

const byName = new Map(variants.map((v) => [v.name, median(v.samples)]))
const rows = variants
  .filter((v) => !v.name.startsWith("JSON.parse") || !JIT)
  .map((v) => {
    const us = byName.get(v.name)!
    return `${v.name.padEnd(52)} ${us.toFixed(2).padStart(9)}  ${
      (us / byName.get(v.baseline)!).toFixed(2)
    }× ${v.baseline}`
  })
if (!JIT) {
  const bytes = Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length)
  console.log(
    `decoder micro-benchmark (Effect 4): ${texts.length} users of ~${bytes} B, ${ROUNDS} interleaved rounds (medians)`,
  )
  console.log(`${"variant".padEnd(52)} ${"µs/item".padStart(9)}  ratio`)
}
for (const row of rows) console.log(row)
if (!JIT) {
  const self = fileURLToPath(import.meta.url)
  const child = spawnSync(process.execPath, [...process.execArgv, self], {
    env: { ...process.env, BENCH_JIT: "1" },
    stdio: "inherit",
  })
  if (child.status !== 0) console.log(`(the JIT-compiled variants did not run: exit ${child.status})`)
}
if (sink < 0) console.log(sink)
