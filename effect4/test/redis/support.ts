/**
 * Support for the Redis scenarios: a throwaway `redis-server` on loopback (the one the Effect 3 line's tests and the
 * benchmark use).
 */
export { type RedisServer, startRedis } from "../../../bench/redisServer.ts"

export const isDeno = typeof (globalThis as { Deno?: unknown }).Deno === "object"
