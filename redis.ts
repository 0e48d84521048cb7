/**
 * Many workers, one account: the Redis account coordinator for `@effect-quantive/client`, a shared pacing budget and a
 * shared 429 back-off across processes.
 *
 * ```ts
 * import { QuantiveRedis } from "@effect-quantive/client/redis"
 * ```
 *
 * Needs the optional peer dependencies `ioredis` (5) and `@effect/experimental` (0.61); the main entry point never
 * loads them.
 *
 * @module
 * @since 0.2.0
 */
export * as QuantiveRedis from "./lib/QuantiveRedis.ts"
