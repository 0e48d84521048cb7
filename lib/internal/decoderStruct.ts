/**
 * Structs and records (`TypeLiteral`) for the compiled decoder: property signatures and string index signatures,
 * the null rule, tolerant drops, and an output that is the input object itself wherever Schema's would equal it.
 *
 * @internal
 */
import { ParseResult, Schema, type SchemaAST as AST } from "effect"
import {
  drift,
  enterEntry,
  FAIL,
  fallback,
  hasOwn,
  isRecord,
  Kind,
  kindOf,
  leaveEntry,
  type Node,
  predicate,
  setOwn,
  startEntries,
  type Tolerant,
  UNKNOWN,
} from "./decoderCore.ts"

interface Field {
  readonly name: PropertyKey
  readonly ast: AST.AST
  readonly optional: boolean
  readonly kind: Kind
  /** Object.prototype has a property of this name: `input[name]` alone cannot tell absent from present. */
  readonly inherited: boolean
  node: Node
}

/** The node of a `TypeLiteral`; `nodeOf` compiles its fields' types (lazily, on first use). @internal */
export const typeLiteral = (ast: AST.TypeLiteral, nodeOf: (ast: AST.AST) => Node): Node => {
  // Schema returns any non-nullish input as it is for `Struct({})`.
  if (ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0) {
    return predicate((u) => u !== null && u !== undefined)
  }
  // Index signatures on other keys (template literals, refined strings, symbols) decode through Schema's own decoder.
  const onStringsOnly = ast.indexSignatures.every((is) => is.parameter._tag === "StringKeyword")
  const fields: Array<Field> = ast.propertySignatures.map((ps) => ({
    name: ps.name,
    ast: ps.type,
    optional: ps.isOptional,
    kind: kindOf(ps.type),
    inherited: ps.name in Object.prototype,
    node: UNKNOWN, // set below, once this node is registered (a field may refer back to it through a suspend)
  }))
  const names = new Set<PropertyKey>(fields.map((f) => f.name))
  const records = ast.indexSignatures.map((is) => ({
    ast: is.type,
    node: UNKNOWN,
    accepts: is.parameter._tag === "StringKeyword"
      ? (key: PropertyKey) => typeof key === "string"
      : ParseResult.is(Schema.make(is.parameter)),
  }))
  let linked = false
  const link = () => {
    if (linked) return
    linked = true
    for (const f of fields) f.node = nodeOf(f.ast)
    for (const r of records) r.node = nodeOf(r.ast)
  }
  const count = fields.length

  const fieldNames = fields.map((f) => f.name)
  // Parallel arrays for the hot loop (no property loads from field records there).
  const kinds = fields.map((f) => f.kind)
  const optionals = fields.map((f) => f.optional)
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
    if (matched === 0) return fieldLoop(record, {}, 0, t, preset, presetResult)
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
      // Keys in schema order: the next name is the key (one comparison of internalized strings).
      if (fieldNames[j] !== key) {
        j++
        while (j < count && fieldNames[j] !== key) j++
        // an excess or out-of-order key: Schema's output differs from the input
        if (j >= count) return restart(record, k, matched, t)
        for (let m = k; m < j; m++) if (!optionals[m]) return restart(record, m, matched, t)
      }
      const value = record[key]
      const kind = kinds[j]
      const absent = value === null && optionals[j]!
      let r: unknown
      if (kind !== Kind.Node) {
        // The leaf kinds inline (most fields), without a call.
        const ok = kind === Kind.String
          ? typeof value === "string"
          : kind === Kind.Number
          ? typeof value === "number"
          : kind === Kind.Boolean
          ? typeof value === "boolean"
          : true
        if (ok && !absent) {
          k = j + 1
          matched++
          continue
        }
        if (absent) return restart(record, j, matched, t)
        r = FAIL
      } else {
        if (absent) return restart(record, j, matched, t)
        r = decodeValue(fields[j]!, value, t)
      }
      if (r !== value) return restart(record, j, matched, t, j, r)
      k = j + 1
      matched++
    }
    for (let m = k; m < count; m++) if (!optionals[m]) return restart(record, m, matched, t)
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
          enterEntry(t, key)
          r = is.node.decode(value, t)
          leaveEntry(t)
        }
        if (r === FAIL) {
          if (t !== undefined && !declared) {
            drift(t, key, is.ast, is.node, value, true)
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
    for (const key of Reflect.ownKeys(input)) {
      const value = input[key]
      const field = fields.find((f) => f.name === key)
      const entry = field === undefined ? records.find((r) => r.accepts(key)) : undefined
      if (field === undefined && entry === undefined) {
        setOwn(out, key, value) // excess: Schema ignores it
        continue
      }
      const optional = field === undefined || field.optional
      const { ast, node } = field ?? entry!
      if (value === null && optional) continue
      if (forOutput && field === undefined && key === "__proto__") continue
      if (t !== undefined && optional) {
        // tolerant, silently: whether the value decodes once its own drifted fields are dropped
        const ok = node.decode(value, { path: t.path, entries: t.entries, onDrift: undefined }) !== FAIL
        if (!ok) {
          drift(t, key, ast, node, value, field === undefined)
          continue
        }
      }
      if (t === undefined) setOwn(out, key, node.prepare(value, undefined, forOutput))
      else if (field === undefined) {
        enterEntry(t, key)
        setOwn(out, key, node.prepare(value, t, forOutput))
        leaveEntry(t)
      } else {
        t.path.push(key)
        setOwn(out, key, node.prepare(value, t, forOutput))
        t.path.pop()
      }
    }
    return out
  }

  return onStringsOnly ? { decode, prepare: prepareTypeLiteral } : fallback(ast, prepareTypeLiteral)
}
