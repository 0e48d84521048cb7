/**
 * `@effect-quantive/client/redis` as Node and Deno load it: the installed `effect` and `@effect/platform` are checked
 * first (see `effectVersion.ts`), then `redis.ts` is loaded.
 *
 * @internal
 */
import { checkEffectVersion } from "../effectVersion.ts"

checkEffectVersion()
const entry = await import("../../../redis.ts")

export const { QuantiveRedis } = entry
