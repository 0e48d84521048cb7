/**
 * Micro-benchmark of the compiled decoder (issue 9, "decoding one full user alone vs `JSON.parse` of it"): realistic
 * users of the fake (`FakeQuantive.make({ users: 100 })`, about 6.5 KB of JSON each) decoded one at a time, against
 * `JSON.parse` of the same text, and against Schema's own decoder (with and without the old `dropNulls` pass). Also a
 * whole page (`UsersPage` of 100 users). The decoder returns objects that need no change as they are (keys all
 * modelled, in schema order); a variant with every key order reversed and an unmodelled field shows the cost when it
 * must build every object instead.
 *
 * Variants run interleaved, round after round; each figure is the median over rounds of the time per item, and the
 * ratios are against `JSON.parse` of the same text. Prints figures; asserts nothing.
 *
 * Run: `npx tsc -p tsconfig.build.json && node dist/bench/decoder.js` (env: BENCH_ROUNDS, default 15).
 */
import { Either, Schema } from "effect"
import { compile } from "../lib/internal/decoder.ts"
import { User, UsersPage } from "../mod.ts"
import { FakeQuantive } from "../testing.ts"

const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 15)
/** Per round and variant, at least this long (ms), so that the timer's resolution does not matter. */
const MIN_MS = 40

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const fake = FakeQuantive.make({ users: 100 })
const texts: ReadonlyArray<string> = fake.users.map((user) => JSON.stringify(user))
const parsed: ReadonlyArray<unknown> = texts.map((text) => JSON.parse(text))
/**
 * The same users with every object's keys in reverse order and one unmodelled field at the top: Schema's output (in
 * schema order, without the extra field) then differs from the input everywhere, so the decoder builds every object.
 */
const reorder = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(reorder)
    : typeof value === "object" && value !== null
    ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)]))
    : value
const rebuilt: ReadonlyArray<unknown> = parsed.map((u) =>
  JSON.parse(JSON.stringify({ unmodelled: 1, ...(reorder(u) as object) }))
)
const pageText = JSON.stringify({ items: fake.users, totalCount: fake.users.length })
const pageParsed: unknown = JSON.parse(pageText)

/** The pipeline's old pass: deletes null-valued properties, in place, recursively. */
const dropNulls = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    for (const item of value) dropNulls(item)
  } else if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>
    for (const key in record) {
      const field = record[key]
      if (field === null) delete record[key]
      else if (typeof field === "object") dropNulls(field)
    }
  }
  return value
}

const userDecoder = compile(User)
const pageDecoder = compile(UsersPage)
const schemaUser = Schema.decodeUnknownEither(User)
const schemaPage = Schema.decodeUnknownEither(UsersPage)

let sink = 0
const consume = (e: Either.Either<unknown, unknown>) => {
  if (Either.isLeft(e)) throw new Error("a benchmark input failed to decode")
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

const variants: ReadonlyArray<Variant> = [
  variant("JSON.parse (one user)", texts.length, "JSON.parse (one user)", () => {
    for (const text of texts) sink += (JSON.parse(text) as { id: string }).id.length
  }),
  variant("compiled strict (one user)", parsed.length, "JSON.parse (one user)", () => {
    for (const u of parsed) consume(userDecoder.decode(u, "strict"))
  }),
  variant("compiled tolerant (one user)", parsed.length, "JSON.parse (one user)", () => {
    for (const u of parsed) consume(userDecoder.decode(u, "tolerant"))
  }),
  variant("compiled strict, every object rebuilt (one user)", rebuilt.length, "JSON.parse (one user)", () => {
    for (const u of rebuilt) consume(userDecoder.decode(u, "strict"))
  }),
  variant("Schema.decodeUnknownEither (one user)", parsed.length, "JSON.parse (one user)", () => {
    for (const u of parsed) consume(schemaUser(u))
  }),
  variant("dropNulls + Schema (one user, before)", parsed.length, "JSON.parse (one user)", () => {
    for (const u of parsed) consume(schemaUser(dropNulls(u)))
  }),
  variant("JSON.parse (page of 100)", 1, "JSON.parse (page of 100)", () => {
    sink += (JSON.parse(pageText) as { totalCount: number }).totalCount
  }),
  variant("compiled strict (page of 100)", 1, "JSON.parse (page of 100)", () => {
    consume(pageDecoder.decode(pageParsed, "strict"))
  }),
  variant("Schema.decodeUnknownEither (page of 100)", 1, "JSON.parse (page of 100)", () => {
    consume(schemaPage(pageParsed))
  }),
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
for (const v of variants) for (let i = 0; i < 200; i++) v.run()
for (let round = 0; round < ROUNDS; round++) for (const v of variants) measure(v)

const byName = new Map(variants.map((v) => [v.name, median(v.samples)]))
const bytes = Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length)
console.log(`decoder micro-benchmark: ${texts.length} users of ~${bytes} B, ${ROUNDS} interleaved rounds (medians)`)
console.log(`${"variant".padEnd(44)} ${"µs/item".padStart(9)}  ratio`)
for (const v of variants) {
  const us = byName.get(v.name)!
  const ratio = us / byName.get(v.baseline)!
  console.log(`${v.name.padEnd(44)} ${us.toFixed(2).padStart(9)}  ${ratio.toFixed(2)}× ${v.baseline}`)
}
const schemaOverCompiled = byName.get("Schema.decodeUnknownEither (one user)")! /
  byName.get("compiled strict (one user)")!
console.log(`Schema.decodeUnknownEither / compiled strict (one user): ${schemaOverCompiled.toFixed(1)}×`)
if (sink < 0) console.log(sink)
