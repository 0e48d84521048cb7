/**
 * Serves a fake over a real `node:http` socket (Node and Deno), carrying out transport faults for real: resets,
 * silence, truncated and dripping bodies.
 *
 * @internal
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import type { FakeCore, FakeReply, FakeRequest } from "./core.ts"

/** @internal */
export interface Listening {
  /** `http://127.0.0.1:PORT`: the origin; the Quantive base URL is this origin (the fake serves `/v1`, `/v2`). */
  readonly origin: string
  readonly port: number
  /** How many connections the fake saw closed by the client while it was still holding the request. */
  readonly abandoned: () => number
  readonly close: () => Promise<void>
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })

const toHeaders = (req: IncomingMessage): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value
  }
  return out
}

const send = (res: ServerResponse, answer: FakeReply, onAbandon: () => void): void => {
  const socket = res.socket
  const bytes = Buffer.from(answer.body, "utf8")
  const transport = answer.transport
  if (transport?._tag === "ResetBeforeHeaders") {
    const s = socket as Socket & { resetAndDestroy?: () => void }
    if (typeof s?.resetAndDestroy === "function") s.resetAndDestroy()
    else s?.destroy()
    return
  }
  if (transport?._tag === "NoHeaders") {
    res.on("close", onAbandon)
    return
  }
  const headers: Record<string, string> = { ...answer.headers, "content-length": String(bytes.length) }
  if (answer.status === 204 || answer.status === 304 || answer.chunked) delete headers["content-length"]
  res.writeHead(answer.status, headers)
  if (transport?._tag === "TruncateBody") {
    res.write(bytes.subarray(0, Math.min(transport.afterBytes, Math.max(0, bytes.length - 1))), () => {
      socket?.destroy()
    })
    return
  }
  if (transport?._tag === "DripBody") {
    let offset = 0
    let closed = false
    res.on("close", () => {
      if (offset < bytes.length) {
        closed = true
        onAbandon()
      }
    })
    const tick = () => {
      if (closed) return
      const next = bytes.subarray(offset, offset + transport.chunkBytes)
      offset += next.length
      if (offset >= bytes.length) res.end(next)
      else res.write(next, () => setTimeout(tick, transport.intervalMillis))
    }
    tick()
    return
  }
  if (answer.chunked) {
    let offset = 0
    let closed = false
    res.on("close", () => {
      closed = true
      if (offset < bytes.length) onAbandon()
    })
    const pump = () => {
      while (!closed && offset < bytes.length) {
        const next = bytes.subarray(offset, offset + 65_536)
        offset += next.length
        if (offset >= bytes.length) return void res.end(next)
        if (!res.write(next)) return void res.once("drain", pump)
      }
    }
    pump()
    return
  }
  res.end(bytes)
}

/** `127.0.0.0/8` written as a plain dotted quad (no leading zeros, each part 0–255). */
const LOOPBACK_V4 = /^127\.(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){2}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/

/**
 * Whether the fake may listen on `host`: a loopback address only (`127.0.0.0/8`, `::1`, `localhost`). Every other
 * value (`0.0.0.0`, `::`, an empty string, another address or a host name) would open the fake, which accepts its
 * token from anyone, to other machines.
 *
 * @internal
 */
export const isLoopbackHost = (host: unknown): boolean =>
  typeof host === "string" && (host === "localhost" || host === "::1" || LOOPBACK_V4.test(host))

/**
 * Listens on a loopback host (see `isLoopbackHost`); any other host is refused (a rejected promise) before a socket
 * is opened.
 *
 * @internal
 */
export const listen = (core: FakeCore, host = "127.0.0.1", port = 0): Promise<Listening> => {
  if (!isLoopbackHost(host)) {
    const shown = typeof host === "string"
      ? JSON.stringify(host.length > 64 ? `${host.slice(0, 64)}…` : host)
      : typeof host
    return Promise.reject(
      new Error(
        `the fake server listens on loopback hosts only (127.0.0.0/8, ::1 or localhost), not ${shown}: ` +
          "it would be reachable from other machines",
      ),
    )
  }
  const sockets = new Set<Socket>()
  let abandoned = 0
  const server = createServer((req, res) => {
    readBody(req).then(
      async (body) => {
        const request: FakeRequest = {
          method: req.method ?? "GET",
          url: new URL(req.url ?? "/", "http://fake.invalid"),
          headers: toHeaders(req),
          body,
        }
        send(res, await core.dispatch(request), () => abandoned++)
      },
      () => res.destroy(),
    ).catch(() => res.destroy())
  })
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      const { port } = server.address() as AddressInfo
      const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`
      resolve({
        origin,
        port,
        abandoned: () => abandoned,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          }),
      })
    })
  })
}
