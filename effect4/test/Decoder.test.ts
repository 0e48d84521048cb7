/**
 * The compiled decoder on Effect 4 (effect4/lib/internal/decoder.ts), case by case: tolerant mode (drift reported with its path, required
 * fields still fail, nested optional fields inside arrays), the null rule, `"__proto__"` keys in records (through the
 * fast path and through Schema's own decoder), input nested deeper than any stack, and memoization.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Result, Schema, SchemaIssue } from "effect"
import { compile, type DecodeMode, type Drift, withoutFastPaths } from "../lib/internal/decoder.ts"
import { optional } from "../lib/internal/schema.ts"
import { OkrTag } from "../lib/Okr.ts"
import { Team } from "../lib/Team.ts"
import { User } from "../lib/User.ts"

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

const firstIssue = (error: Schema.SchemaError) => {
  const [first] = formatter(error.issue).issues
  return { path: first?.path?.map(String).join("."), message: first?.message }
}

const run = <A>(schema: Schema.Decoder<A>, input: unknown, mode: DecodeMode) => {
  const drifts: Array<Drift> = []
  const result = compile(schema).decode(input, mode, (d) => drifts.push(d))
  return { result, drifts }
}

const success = <A, E>(result: Result.Result<A, E>): A => {
  if (Result.isFailure(result)) assert.fail(`expected a success, got ${String(result.failure)}`)
  return result.success
}

const failure = <A>(result: Result.Result<A, Schema.SchemaError>) => {
  if (Result.isSuccess(result)) assert.fail(`expected a failure, got ${JSON.stringify(result.success)}`)
  return firstIssue(result.failure)
}

const Profile = Schema.Struct({
  id: Schema.String,
  nickname: optional(Schema.String),
  kind: optional(Schema.Literals(["person", "robot"])),
  address: optional(Schema.Struct({ city: Schema.String, zip: optional(Schema.String) })),
  tags: optional(Schema.Array(Schema.Struct({ name: Schema.String, color: optional(Schema.String) }))),
  extra: optional(Schema.Record(Schema.String, Schema.Unknown)),
})

describe("tolerant mode", () => {
  it("drops an optional field off its schema and reports it, with its path; strict mode fails there", () => {
    const input = { id: "u1", nickname: 42, kind: "alien" }
    const { result, drifts } = run(Profile, input, "tolerant")
    assert.deepStrictEqual(success(result), { id: "u1" })
    assert.deepStrictEqual(drifts, [
      { path: ["nickname"], message: "Expected string, got 42" },
      // the message is Schema's own, for that field's value
      {
        path: ["kind"],
        message: failure(
          Schema.decodeUnknownResult(Schema.Literals(["person", "robot"]))("alien", { reportInput: true }),
        ).message!,
      },
    ])
    const strict = run(Profile, input, "strict")
    assert.deepStrictEqual(failure(strict.result), { path: "nickname", message: "Expected string, got 42" })
    assert.deepStrictEqual(strict.drifts, [])
  })

  it("a required field off its schema still fails, naming it, even after drifted optional fields", () => {
    const { result } = run(Profile, { nickname: 42, id: 7 }, "tolerant")
    assert.deepStrictEqual(failure(result), { path: "id", message: "Expected string, got 7" })
    const missing = run(Profile, { nickname: "n" }, "tolerant")
    assert.deepStrictEqual(failure(missing.result), { path: "id", message: "Missing key" })
  })

  it("a required field off inside an optional object drops the object (the nearest optional field above it)", () => {
    const { result, drifts } = run(Profile, { id: "u1", address: { city: 5, zip: "1000" } }, "tolerant")
    assert.deepStrictEqual(success(result), { id: "u1" })
    assert.deepStrictEqual(drifts, [{ path: ["address"], message: "city: Expected string, got 5" }])
  })

  it("drops nested optional fields inside arrays, element by element", () => {
    const input = {
      id: "u1",
      tags: [
        { name: "a", color: "red" },
        { name: "b", color: 3 },
        { name: "c", color: null },
      ],
    }
    const { result, drifts } = run(Profile, input, "tolerant")
    assert.deepStrictEqual(success(result), {
      id: "u1",
      tags: [{ name: "a", color: "red" }, { name: "b" }, { name: "c" }],
    })
    assert.deepStrictEqual(drifts, [{ path: ["tags", 1, "color"], message: "Expected string, got 3" }])
  })

  it("a real model: a user whose team has an odd color and an odd member list keeps the rest of the user", () => {
    const input = {
      id: "u1",
      email: "a@b.example",
      roles: [
        { id: "r0", team: { name: "ok" } },
        { id: "r1", team: { name: "Sales", color: 12, members: {} } },
      ],
    }
    const { result, drifts } = run(User, input, "tolerant")
    assert.deepStrictEqual(success(result), {
      id: "u1",
      email: "a@b.example",
      roles: [
        { id: "r0", team: { name: "ok" } },
        { id: "r1", team: { name: "Sales" } },
      ],
    })
    assert.deepStrictEqual(
      drifts.map((d) => d.path),
      [
        ["roles", 1, "team", "color"],
        ["roles", 1, "team", "members"],
      ],
    )
    assert.isTrue(Result.isFailure(run(User, input, "strict").result))
  })

  it("marks record keys in a drift's path (entries), so that reports can name the field's shape", () => {
    const Custom = Schema.Struct({
      id: Schema.String,
      fields: optional(
        Schema.Record(Schema.String, Schema.Struct({ label: Schema.String, value: optional(Schema.Number) })),
      ),
      scores: optional(Schema.Record(Schema.String, Schema.Number)),
      nested: optional(Schema.Record(Schema.String, Schema.Record(Schema.String, Schema.Number))),
      // an index signature on a template literal: decoded through Schema's own decoder, drift still reported
      prefixed: optional(Schema.Record(Schema.TemplateLiteral(["k", Schema.String]), Schema.Number)),
    })
    const input = {
      id: "u1",
      fields: { a: { label: "A", value: "x" } },
      scores: { s1: "high" },
      nested: { outer: { inner: "deep" } },
      prefixed: { kx: "y" },
    }
    const { drifts, result } = run(Custom, input, "tolerant")
    success(result)
    assert.deepStrictEqual(
      drifts.map(({ entries, path }) => ({ path, entries })),
      [
        { path: ["fields", "a", "value"], entries: [1] },
        { path: ["scores", "s1"], entries: [1] },
        { path: ["nested", "outer", "inner"], entries: [1, 2] },
        { path: ["prefixed", "kx"], entries: [1] },
      ],
    )
    // declared fields only: no entries
    assert.isUndefined(run(Profile, { id: "u1", nickname: 42 }, "tolerant").drifts[0]!.entries)
  })

  it("a record keyed by a template literal decodes as Schema does, its other keys left alone", () => {
    const Prefixed = Schema.Struct({
      id: Schema.String,
      prefixed: optional(Schema.Record(Schema.TemplateLiteral(["k", Schema.String]), Schema.Number)),
    })
    const input = { id: "u1", prefixed: { k1: 1, other: "not a number", k2: null } }
    const expected = Schema.decodeUnknownSync(Prefixed)({ id: "u1", prefixed: { k1: 1, other: "not a number" } })
    assert.deepStrictEqual(success(run(Prefixed, input, "strict").result), expected)
    const tolerant = run(Prefixed, input, "tolerant")
    assert.deepStrictEqual(success(tolerant.result), expected)
    assert.deepStrictEqual(tolerant.drifts, [])
  })

  it("reports nothing and gives the strict value when nothing drifts", () => {
    const input = { id: "u1", nickname: "n", tags: [{ name: "a" }] }
    const { result, drifts } = run(Profile, input, "tolerant")
    assert.deepStrictEqual(success(result), success(run(Profile, input, "strict").result))
    assert.deepStrictEqual(drifts, [])
  })
})

describe("the null rule", () => {
  it("null for an optional field means absent, at any depth", () => {
    const input = { id: "u1", nickname: null, address: { city: "Sofia", zip: null }, tags: null }
    assert.deepStrictEqual(success(run(Profile, input, "strict").result), { id: "u1", address: { city: "Sofia" } })
  })

  it("a required field sent as null fails, naming the field (as Schema words it)", () => {
    assert.deepStrictEqual(failure(run(Profile, { id: null }, "strict").result), {
      path: "id",
      message: "Expected string, got null",
    })
    assert.deepStrictEqual(failure(run(Profile, { id: null }, "tolerant").result), {
      path: "id",
      message: "Expected string, got null",
    })
    assert.deepStrictEqual(failure(run(User, { id: null }, "strict").result).path, "id")
  })

  it("null record entries are absent; nulls inside Unknown values and array elements are values", () => {
    const input = { id: "u1", extra: { a: null, b: { c: null }, d: [null] } }
    assert.deepStrictEqual(success(run(Profile, input, "strict").result), {
      id: "u1",
      extra: { b: { c: null }, d: [null] },
    })
    const Names = Schema.Struct({ names: Schema.Array(Schema.String) })
    assert.deepStrictEqual(failure(run(Names, { names: ["a", null] }, "strict").result), {
      path: "names.1",
      message: "Expected string, got null",
    })
    const Anything = Schema.Struct({ value: Schema.Unknown })
    assert.deepStrictEqual(success(run(Anything, { value: null }, "strict").result), { value: null })
  })
})

describe('"__proto__" keys', () => {
  const parsed = () => JSON.parse(`{"id":"t","mentions":{"__proto__":{"polluted":true},"a":1}}`)

  const assertOwnData = (record: unknown) => {
    assert.strictEqual(Object.getPrototypeOf(record), Object.prototype)
    assert.isUndefined((record as { polluted?: unknown }).polluted)
    assert.deepStrictEqual(Object.getOwnPropertyDescriptor(record, "__proto__")?.value, { polluted: true })
  }

  it("a record keeps it as an own data property, never as the output's prototype (fast path)", () => {
    const team = success(run(Team, parsed(), "strict").result)
    assertOwnData(team.mentions)
    assert.deepStrictEqual(Object.keys(team.mentions!), ["__proto__", "a"])
  })

  it("also when the record is rebuilt (a null entry removed) and in tolerant mode", () => {
    const input = JSON.parse(`{"id":"t","mentions":{"x":null,"__proto__":{"polluted":true},"a":1}}`)
    for (const mode of ["strict", "tolerant"] as const) {
      const team = success(run(Team, input, mode).result)
      assertOwnData(team.mentions)
      assert.deepStrictEqual(Object.keys(team.mentions!), ["__proto__", "a"])
    }
  })

  it("Schema's own decoder gives the same record", () => {
    const team = Schema.decodeUnknownSync(Team)(parsed())
    assertOwnData(team.mentions)
    assert.deepStrictEqual(success(run(Team, parsed(), "strict").result), team)
  })

  it("through a per-node fallback (a default value, decoded by Schema itself): never the prototype", () => {
    const WithDefault = Schema.Struct({
      settings: Schema.Record(Schema.String, Schema.Unknown).pipe(Schema.withDecodingDefaultKey(Effect.succeed({}))),
    })
    const out = success(
      run(WithDefault, JSON.parse(`{"settings":{"__proto__":{"polluted":true},"a":1}}`), "strict").result,
    )
    assert.strictEqual(Object.getPrototypeOf(out.settings), Object.prototype)
    assert.isUndefined((out.settings as { polluted?: unknown }).polluted)
    assert.deepStrictEqual(
      out,
      Schema.decodeUnknownSync(WithDefault)(JSON.parse(`{"settings":{"__proto__":{"polluted":true},"a":1}}`)),
    )
    assert.deepStrictEqual(success(run(WithDefault, {}, "strict").result), { settings: {} })
  })

  it("through the strict fallback on a failure: Schema's error, and nothing else changes", () => {
    const input = JSON.parse(`{"id":5,"mentions":{"__proto__":{"polluted":true}}}`)
    assert.deepStrictEqual(failure(run(Team, input, "strict").result), {
      path: "id",
      message: "Expected string, got 5",
    })
    assert.isUndefined(({} as { polluted?: unknown }).polluted)
  })
})

describe("input deeper than the stack", () => {
  const deepArray = (depth: number): unknown => {
    let v: unknown = "leaf"
    for (let i = 0; i < depth; i++) v = [v]
    return v
  }

  it("an Unknown field holding a 100,000-deep array decodes (Unknown values are never walked)", () => {
    const value = deepArray(100_000)
    const Holder = Schema.Struct({ id: Schema.String, payload: Schema.Unknown, more: Schema.Array(Schema.Unknown) })
    const input = { id: "x", payload: value, more: [value], ignored: value }
    for (const mode of ["strict", "tolerant"] as const) {
      const out = success(run(Holder, input, mode).result)
      assert.strictEqual(out.payload, value)
      assert.strictEqual(out.more[0], value)
    }
    const team = success(run(Team, { mentions: { deep: value } }, "strict").result)
    assert.strictEqual(team.mentions!["deep"], value)
  })

  it("a recursive schema fed a 100,000-deep input fails with a typed error, not a stack overflow", () => {
    let tag: Record<string, unknown> = { name: "leaf" }
    for (let i = 0; i < 100_000; i++) tag = { name: `t${i}`, items: [tag] }
    for (const mode of ["strict", "tolerant"] as const) {
      const { result } = run(OkrTag, tag, mode)
      assert.isTrue(Result.isFailure(result))
    }
  })
})

describe("compile", () => {
  it("is memoized per schema", () => {
    assert.strictEqual(compile(User), compile(User))
    assert.notStrictEqual<unknown>(compile(User), compile(Team))
  })

  it("decodes an input without nulls through Schema's JIT-compiled decoder, any other through the walker", () => {
    // keys in schema order, all declared: the walker returns the input itself, Schema builds a new object
    const user = { email: "a@b.example", id: "u1", roles: [{ id: "r1", team: { name: "Sales" } }] }
    const fast = success(run(User, user, "strict").result)
    assert.notStrictEqual(fast, user)
    assert.deepStrictEqual(fast, user)
    assert.strictEqual(withoutFastPaths(() => success(run(User, user, "strict").result)), user)
    // a null the rule removes: the walker
    const withNull = { email: null, id: "u1", roles: [{ id: "r1", team: { name: "Sales" } }] }
    const walked = success(run(User, withNull, "strict").result)
    assert.deepStrictEqual(walked, { id: "u1", roles: [{ id: "r1", team: { name: "Sales" } }] })
    assert.strictEqual(walked.roles, withNull.roles)
  })

  it("keeps the checks of a field the fast path guards against null", () => {
    const small = Schema.makeFilter((u: unknown) => typeof u !== "number" || u < 10, { message: "too big" })
    const Checked = Schema.Struct({
      id: Schema.String,
      extra: optional(Schema.Unknown.check(small)),
      scores: optional(Schema.Record(Schema.String, Schema.Unknown.check(small))),
    })
    for (const input of [{ id: "a", extra: 12 }, { id: "a", scores: { s: 12 } }]) {
      assert.isTrue(Result.isFailure(run(Checked, input, "strict").result))
      assert.isTrue(Result.isFailure(withoutFastPaths(() => run(Checked, input, "strict").result)))
    }
    assert.deepStrictEqual(success(run(Checked, { id: "a", extra: 2, scores: { s: null } }, "strict").result), {
      id: "a",
      extra: 2,
      scores: {},
    })
  })

  it("drops excess properties as Schema does, and keeps Schema's key order", () => {
    const out = success(run(Profile, { nickname: "n", zzz: 1, id: "u1" }, "strict").result)
    assert.deepStrictEqual(Object.keys(out), ["id", "nickname"])
    // Every field in order first, excess keys after them: a copy without them, never the input itself.
    const input = { a: "x", b: 1, c: true, zzz: 1, yyy: null }
    const all = Schema.Struct({ a: Schema.String, b: Schema.Number, c: Schema.Boolean })
    const decoded = success(run(all, input, "strict").result)
    assert.notStrictEqual(decoded, input)
    assert.deepStrictEqual(decoded, { a: "x", b: 1, c: true })
    assert.deepStrictEqual(decoded, Schema.decodeUnknownSync(all)(input))
  })
})
