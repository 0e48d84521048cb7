/**
 * The bench's static server, run in its own process (`node dist/bench/staticServer.js`), so that what it costs is
 * nearly nothing and not on the client's CPU time: realistic users (the fake's seeded users, in the default order
 * `dateCreated,_id`) serialized once, pages assembled from those bytes.
 *
 * - `GET {root}/v2/users?skip&take&fields`: `{ items, totalCount }` (with `fields`, each item is `id` and those fields,
 *   as the fake projects); `sort` and `filter` are ignored (the order is the default sort).
 * - `GET {root}/v1/accounts/{id}`: the seeded account (about 3 KB).
 * - `{root}` is `/n/{users}/d/{delayMillis}`: the first `users` users, each answer after `delayMillis`.
 * - `GET /__requests` answers the count of API requests since the previous `/__requests`, and resets it.
 *
 * Prints `READY <port>` on stdout once listening on 127.0.0.1. Exits when its standard input closes.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { FakeQuantive } from "../testing.ts"

const USERS = Number(process.env.BENCH_SERVER_USERS ?? 100_000)
/** Users whose serialized bytes are kept (the timed figures); beyond, serialized per request (the memory figure). */
const KEEP = Number(process.env.BENCH_SERVER_KEEP ?? 20_000)

const fake = FakeQuantive.make({ users: USERS })
const text = (u: unknown) => (typeof u === "string" ? u : "")
const users = [...fake.users].sort((a, b) =>
  text(a.dateCreated) < text(b.dateCreated)
    ? -1
    : text(a.dateCreated) > text(b.dateCreated)
    ? 1
    : a.id < b.id
    ? -1
    : a.id > b.id
    ? 1
    : 0
)
const account = Buffer.from(JSON.stringify(fake.account))

const projectionOf = (fields: string | null): ReadonlyArray<string> | undefined => {
  const names = (fields ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "")
  return names.length === 0 ? undefined : names
}

const kept = new Map<string, Array<Buffer | undefined>>()

const userBytes = (i: number, projection: ReadonlyArray<string> | undefined): Buffer => {
  const key = projection?.join(",") ?? ""
  const cache = i < KEEP ? (kept.get(key) ?? kept.set(key, []).get(key)!) : undefined
  const cached = cache?.[i]
  if (cached !== undefined) return cached
  const user = users[i]!
  let value: unknown = user
  if (projection !== undefined) {
    const out: Record<string, unknown> = { id: user.id }
    for (const field of projection) if (user[field] !== undefined) out[field] = user[field]
    value = out
  }
  const bytes = Buffer.from(JSON.stringify(value))
  if (cache !== undefined) cache[i] = bytes
  return bytes
}

const COMMA = Buffer.from(",")

const page = (total: number, skip: number, take: number, projection: ReadonlyArray<string> | undefined): Buffer => {
  const parts: Array<Buffer> = [Buffer.from(`{"items":[`)]
  const end = Math.min(total, skip + take)
  for (let i = skip; i < end; i++) {
    if (i > skip) parts.push(COMMA)
    parts.push(userBytes(i, projection))
  }
  parts.push(Buffer.from(`],"totalCount":${total}}`))
  return Buffer.concat(parts)
}

const ROOT = /^\/n\/(\d+)\/d\/(\d+)(\/.*)$/

let requests = 0

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://bench.invalid")
  const send = (status: number, body: Buffer) => {
    res.writeHead(status, { "content-type": "application/json", "content-length": String(body.length) })
    res.end(body)
  }
  if (url.pathname === "/__requests") {
    send(200, Buffer.from(JSON.stringify({ requests })))
    requests = 0
    return
  }
  const root = ROOT.exec(url.pathname)
  if (root === null) return send(404, Buffer.from(`{"message":"no route"}`))
  requests += 1
  const total = Math.min(users.length, Number(root[1]))
  const delay = Number(root[2])
  const path = root[3]!
  let body: Buffer | undefined
  if (path === "/v2/users") {
    const skip = Number(url.searchParams.get("skip") ?? 0)
    const take = Number(url.searchParams.get("take") ?? 100)
    body = page(total, skip, take, projectionOf(url.searchParams.get("fields")))
  } else if (path.startsWith("/v1/accounts/")) {
    body = account
  }
  const answer = () => (body === undefined ? send(404, Buffer.from(`{"message":"no route"}`)) : send(200, body))
  if (delay > 0) setTimeout(answer, delay)
  else answer()
})

server.keepAliveTimeout = 60_000
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`)
})
process.stdin.on("end", () => process.exit(0))
process.stdin.resume()
