/**
 * Whether a value can be sent as JSON faithfully: what `JSON.stringify` would send is what the caller passed, with no
 * value silently dropped, changed or thrown on.
 *
 * The walk is iterative (an explicit stack), so a value nested 100 000 levels deep gets an answer, not a
 * `RangeError`; a path to the problem is built only when there is one.
 *
 * @internal
 */

/** The first lone surrogate of a string (a UTF-16 half without its pair), or -1. */
export const loneSurrogateIndex = (text: string): number => {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0xd800 || unit > 0xdfff) continue
    if (unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++
        continue
      }
    }
    return i
  }
  return -1
}

/** `U+D800`: a code unit as the Unicode standard writes it. */
export const codePoint = (unit: number): string => `U+${unit.toString(16).toUpperCase().padStart(4, "0")}`

/** The problem with one string, or undefined. */
export const stringProblem = (text: string): string | undefined => {
  const at = loneSurrogateIndex(text)
  return at < 0
    ? undefined
    : `a string with a lone surrogate (${codePoint(text.charCodeAt(at))} at index ${at}) cannot be encoded as UTF-8`
}

interface Frame {
  readonly value: unknown
  readonly parent: Frame | undefined
  /** The key or index under the parent. */
  readonly key: string | number | undefined
  /** Set once the frame's children were pushed: popping it again leaves the object (for cycle detection). */
  exiting: boolean
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** The most path segments shown: the first ones and the last ones, with `…` between. */
const MAX_SEGMENTS = 12
const MAX_KEY_CHARS = 40

const segment = (key: string | number): string => {
  if (typeof key === "number") return `[${key}]`
  if (IDENTIFIER.test(key)) return `.${key}`
  const shown = key.length > MAX_KEY_CHARS ? `${key.slice(0, MAX_KEY_CHARS)}…` : key
  return `[${JSON.stringify(loneSurrogateIndex(shown) < 0 ? shown : shown.replace(/[\ud800-\udfff]/g, "\ufffd"))}]`
}

const pathOf = (frame: Frame, root: string): string => {
  const keys: Array<string | number> = []
  for (let f: Frame | undefined = frame; f !== undefined && f.key !== undefined; f = f.parent) keys.push(f.key)
  keys.reverse()
  if (keys.length <= MAX_SEGMENTS) return root + keys.map(segment).join("")
  const head = keys.slice(0, 4).map(segment).join("")
  const tail = keys.slice(keys.length - (MAX_SEGMENTS - 4)).map(segment).join("")
  return `${root}${head}…(${keys.length - MAX_SEGMENTS} more levels)…${tail}`
}

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

const describeObject = (value: object): string => {
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name
  return typeof name === "string" && name !== "" && IDENTIFIER.test(name) ? `a ${name}` : "an object with a prototype"
}

/** What is wrong with one value that is not a container, or undefined when JSON sends it as it is. */
const scalarProblem = (value: unknown, inArray: boolean): string | undefined => {
  switch (typeof value) {
    case "string":
      return stringProblem(value)
    case "number":
      return Number.isFinite(value) ? undefined : `${value} cannot be sent as JSON (it would be sent as null)`
    case "bigint":
      return "a BigInt cannot be sent as JSON (give a number or a string)"
    case "function":
      return inArray
        ? "a function cannot be sent as JSON (it would be sent as null)"
        : "a function cannot be sent as JSON"
    case "symbol":
      return inArray ? "a symbol cannot be sent as JSON (it would be sent as null)" : "a symbol cannot be sent as JSON"
    case "undefined":
      return inArray ? "undefined in an array would be sent as null" : undefined
    default:
      return undefined
  }
}

/**
 * Why `value` cannot be sent as JSON faithfully, with a readable path (`body.items[3].x: NaN cannot be sent as JSON
 * (it would be sent as null)`), or `undefined` when it can. Refused: `BigInt`; cycles; `NaN` and `±Infinity`;
 * functions and symbols (anywhere), `undefined` and holes inside arrays (sent as `null`); objects other than plain
 * objects and arrays (`Date`, `Map`, `Set`, class instances, boxed primitives, typed arrays: `JSON.stringify` sends
 * them changed, or `{}`); an own `toJSON` on a plain object; strings and keys with a lone surrogate (not encodable as
 * UTF-8). Accepted as JSON sends them: `undefined` object properties (absent), `-0` (sent as `0`, equal to it), own
 * keys such as `__proto__` (sent as given), numbers beyond 2^53 (sent as the same double).
 *
 * @since 0.2.0
 * @category validation
 */
export const jsonProblem = (value: unknown, root = "body"): string | undefined => {
  const stack: Array<Frame> = [{ value, parent: undefined, key: undefined, exiting: false }]
  /** The objects on the path from the root to the current one: meeting one again is a cycle. */
  const onPath = new Set<object>()
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!
    const current = frame.value
    if (frame.exiting) {
      stack.pop()
      onPath.delete(current as object)
      continue
    }
    const inArray = frame.parent !== undefined && Array.isArray(frame.parent.value)
    if (typeof current !== "object" || current === null) {
      stack.pop()
      const problem = scalarProblem(current, inArray)
      if (problem !== undefined) return `${pathOf(frame, root)}: ${problem}`
      continue
    }
    if (onPath.has(current)) return `${pathOf(frame, root)}: a cycle (the value contains itself) cannot be sent as JSON`
    if (Array.isArray(current)) {
      if (Object.getPrototypeOf(current) !== Array.prototype) {
        return `${pathOf(frame, root)}: ${describeObject(current)} cannot be sent as JSON faithfully`
      }
      frame.exiting = true
      onPath.add(current)
      for (let i = 0; i < current.length; i++) {
        if (!(i in current)) {
          const hole: Frame = { value: undefined, parent: frame, key: i, exiting: false }
          return `${pathOf(hole, root)}: a hole in an array would be sent as null`
        }
      }
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push({ value: current[i], parent: frame, key: i, exiting: false })
      }
      continue
    }
    if (!isPlainObject(current)) {
      return `${pathOf(frame, root)}: ${
        describeObject(current)
      } cannot be sent as JSON faithfully (give plain objects, arrays, strings, numbers, booleans or null)`
    }
    if (Object.hasOwn(current, "toJSON")) {
      return `${pathOf(frame, root)}: an object with its own toJSON cannot be sent as JSON faithfully`
    }
    frame.exiting = true
    onPath.add(current)
    const keys = Object.keys(current)
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!
      const keyProblem = stringProblem(key)
      if (keyProblem !== undefined) return `${pathOf(frame, root)}: ${keyProblem.replace("a string", "a key")}`
      stack.push({ value: (current as Record<string, unknown>)[key], parent: frame, key, exiting: false })
    }
  }
  return undefined
}
