/**
 * Seeded primitives of the fake's Users data: Mongo-style ids in few draws, ISO timestamps with whole
 * seconds, coin flips, and the clock the users' history starts from. Plain data, no Effect.
 *
 * @internal
 */

/** A day, in milliseconds. @internal */
export const DAY = 86_400_000
/** A minute, in milliseconds. @internal */
export const MINUTE = 60_000
/** When the users' history begins (the seeded account's `dateCreated`). @internal */
export const EPOCH = Date.UTC(2021, 2, 4, 10, 20, 30)

const dayPrefixes = new Map<number, string>()
const pad2 = (n: number) => (n < 10 ? "0" : "") + n

/** An ISO timestamp with whole seconds (`2021-03-04T10:20:30Z`), the form every date of the fake takes. @internal */
export const isoDate = (millis: number): string => {
  const day = Math.floor(millis / DAY)
  let prefix = dayPrefixes.get(day)
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11)
    dayPrefixes.set(day, prefix)
  }
  const seconds = Math.floor((millis - day * DAY) / 1000)
  // One flat string (`join`), not a tree of concatenations: the fake holds hundreds of thousands of these.
  return [
    prefix,
    pad2(Math.floor(seconds / 3600)),
    ":",
    pad2(Math.floor(seconds / 60) % 60),
    ":",
    pad2(seconds % 60),
    "Z",
  ]
    .join("")
}

const BYTES = Array.from({ length: 256 }, (_, i) => (i + 256).toString(16).slice(1))
const hex8 = (random: () => number) => {
  const x = Math.floor(random() * 0x100000000)
  return BYTES[x >>> 24]! + BYTES[(x >>> 16) & 255]! + BYTES[(x >>> 8) & 255]! + BYTES[x & 255]!
}

/** A Mongo-style 24-hex-digit id from the seeded generator (as `data.ts`'s `objectId`, in 3 draws). @internal */
export const hexId = (random: () => number): string => hex8(random) + hex8(random) + hex8(random)

/** One of two values, with even odds. @internal */
export const either = <A>(random: () => number, a: A, b: A): A => (random() < 0.5 ? a : b)

/** `true` with probability `p`. @internal */
export const chance = (random: () => number, p: number) => random() < p

/** What the users of one account share. @internal */
export interface UserContext {
  readonly accountId: string
  readonly accountName: string
  readonly accountDomain: string
  readonly clientId: string
  readonly ownerId: string
  readonly sessions: ReadonlyArray<{ readonly id: string; readonly name: string }>
}

/**
 * Freezes a value and everything in it: the seeded users share such values (one team object for all its members, one
 * `identities` per connection), so a change in place would reach every user holding it; frozen, it throws instead.
 *
 * @internal
 */
export const deepFreeze = <A>(value: A): A => {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}

/**
 * A memo of shared, frozen values by a key built from the draws that made them: equal draws give the same object.
 *
 * @internal
 */
export const sharedBy = <A>(): (key: string, make: () => A) => A => {
  const values = new Map<string, A>()
  return (key, make) => {
    let value = values.get(key)
    if (value === undefined) {
      value = deepFreeze(make())
      values.set(key, value)
    }
    return value
  }
}
