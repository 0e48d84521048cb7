/**
 * A worker process for the Redis scenarios, built through the public API (`Quantive.layer` and `QuantiveRedis.layer`)
 * from the repo's sources (bundled by `support.ts`, run by plain node). Its input is one JSON argument; it prints JSON
 * lines: `{"event":"ready"}` once its layer is built, then waits for `go` on stdin; one `{"event":"export","ids":[…]}`
 * per export of every user; `{"log":…}` for each log entry at Info and above; `{"event":"done"}` at the end.
 */
import { Deferred, Effect, Layer, Logger, References, Stream } from "effect"
import { FetchHttpClient } from "effect/http"
import { createInterface } from "node:readline"
import { Quantive, Users } from "../../mod.ts"
import { QuantiveRedis } from "../../redis.ts"

/** What the test gives a worker. */
export interface WorkerInput {
  readonly baseUrl: string
  readonly token: string
  readonly accountId: string
  /** Absent: the in-process gate only. */
  readonly redisUrl?: string | undefined
  readonly prefix?: string | undefined
  readonly onStoreFailure?: "fallback" | "fail" | undefined
  /** Requests per second for the account. */
  readonly rate?: number | undefined
  readonly pageSize: number
  readonly concurrency: number
  /** How many exports; `0`: export again and again until `stop` arrives on stdin. */
  readonly exports: number
}

const input = JSON.parse(process.argv[2] ?? "{}") as WorkerInput
const emit = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`)

const go = Deferred.makeUnsafe<void>()
let stopped = false
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "go") Effect.runSync(Deferred.succeed(go, undefined))
  if (line === "stop") stopped = true
})

const quantive = Quantive.layer({
  token: input.token,
  accountId: input.accountId,
  baseUrl: input.baseUrl,
  rateLimit: input.rate === undefined ? undefined : { requests: input.rate, per: "1 second" },
})
const coordinated = input.redisUrl === undefined ? quantive : quantive.pipe(
  Layer.provide(
    QuantiveRedis.layer({ url: input.redisUrl, prefix: input.prefix, onStoreFailure: input.onStoreFailure }),
  ),
)
// The Effect 3 line's JSON shape: the level under `logLevel` too.
const logger = Logger.layer([
  Logger.map(
    Logger.formatStructured,
    (entry) => process.stdout.write(`${JSON.stringify({ log: { ...entry, logLevel: entry.level } })}\n`),
  ),
])
const live = Layer.mergeAll(
  coordinated.pipe(Layer.provide(FetchHttpClient.layer)),
  logger,
  Layer.succeed(References.MinimumLogLevel, "Info"),
)

const program = Effect.gen(function* () {
  const users = yield* Users
  emit({ event: "ready" })
  yield* Deferred.await(go)
  for (let n = 0; input.exports === 0 ? !stopped : n < input.exports; n++) {
    const ids = yield* users.stream({ pageSize: input.pageSize, concurrency: input.concurrency }).pipe(
      Stream.map((user) => user.id),
      Stream.runCollect,
    )
    emit({ event: "export", ids: Array.from(ids) })
  }
  emit({ event: "done" })
})

Effect.runPromiseExit(program.pipe(Effect.provide(live))).then((exit) => {
  if (exit._tag === "Failure") emit({ event: "error", cause: String(exit.cause) })
  process.exit(exit._tag === "Success" ? 0 : 1)
})
