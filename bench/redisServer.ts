/**
 * A throwaway `redis-server` for the Redis tests and benchmark: 127.0.0.1, a free port, its own temporary directory,
 * no persistence. It can be stopped and started again on the same port (an outage), and is removed by `close`.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { createConnection, createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

export interface RedisServer {
  readonly port: number
  readonly url: string
  /** Stops the server (SIGTERM, then SIGKILL) and waits for it to exit. */
  readonly stop: () => Promise<void>
  /** Starts it again on the same port and waits until it answers. */
  readonly start: () => Promise<void>
  /** Freezes (SIGSTOP) or thaws (SIGCONT) the server: a Redis that hangs without closing its connections. */
  readonly freeze: (frozen: boolean) => void
  /** Stops it and removes its directory. */
  readonly close: () => Promise<void>
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis))

/** One PING over a raw socket: true when the server answers PONG. */
const ping = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => done(false))
    socket.on("error", () => done(false))
    socket.on("connect", () => socket.write("PING\r\n"))
    socket.on("data", (data) => done(data.toString().startsWith("+PONG")))
  })

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once("exit", () => resolve())
  })

/** Starts `redis-server` (or `$REDIS_SERVER`) and waits until it answers. */
export const startRedis = async (): Promise<RedisServer> => {
  const dir = mkdtempSync(join(tmpdir(), "quantive-redis-"))
  const port = await freePort()
  const binary = process.env["REDIS_SERVER"] ?? "redis-server"
  let child: ChildProcess | undefined
  let stderr = ""

  const start = async () => {
    stderr = ""
    const process_ = spawn(
      binary,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
      { stdio: ["ignore", "ignore", "pipe"] },
    )
    process_.stderr?.on("data", (data: Buffer) => (stderr += data.toString()))
    const failed = new Promise<never>((_, reject) => {
      process_.once("error", (error) => reject(new Error(`cannot start ${binary}: ${error.message}`)))
      process_.once("exit", (code) => reject(new Error(`${binary} exited with ${code}: ${stderr}`)))
    })
    failed.catch(() => {})
    child = process_
    for (let i = 0; i < 200; i++) {
      const ok = await Promise.race([ping(port), failed])
      if (ok) return
      await sleep(25)
    }
    throw new Error(`${binary} did not answer on port ${port}`)
  }

  const stop = async () => {
    const current = child
    child = undefined
    if (current === undefined || current.exitCode !== null || current.signalCode !== null) return
    current.kill("SIGCONT")
    current.kill("SIGTERM")
    const timer = setTimeout(() => current.kill("SIGKILL"), 3000)
    await exited(current)
    clearTimeout(timer)
  }

  await start()
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    freeze: (frozen) => {
      child?.kill(frozen ? "SIGSTOP" : "SIGCONT")
    },
    close: async () => {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
