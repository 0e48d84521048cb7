/**
 * Many workers, one account: the Redis account coordinator for `@effect-quantive/client`, a shared pacing budget and a
 * shared 429 back-off across processes.
 *
 * ```ts
 * import { QuantiveRedis } from "@effect-quantive/client/redis"
 * ```
 *
 * Needs the optional peer dependency `ioredis` (5); the main entry point never loads it.
 *
 * @module
 * @since 0.2.0
 */
export * as QuantiveRedis from "./lib/QuantiveRedis.ts"
