/**
 * `FakeQuantive.listen` serves on loopback only, at run time too: any other host (every interface, another address,
 * a host name) is refused before a socket is opened. Runs on Node and Deno.
 */
import { assert, describe, it } from "@effect/vitest"
import { type AddressInfo, connect, createServer } from "node:net"
import { isLoopbackHost } from "../core/src/fake/socket.ts"
import { FakeQuantive } from "#line"

/** A port that was free a moment ago on 127.0.0.1. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })

/** Whether nothing accepts a TCP connection on 127.0.0.1:port. */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1")
    socket.once("connect", () => {
      socket.destroy()
      resolve(false)
    })
    socket.once("error", () => resolve(true))
  })

/** Whether this machine has an IPv6 loopback to listen on. */
const hasIpv6Loopback = () =>
  new Promise<boolean>((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(false))
    server.listen(0, "::1", () => server.close(() => resolve(true)))
  })

describe("FakeQuantive.listen hosts", () => {
  for (const host of ["0.0.0.0", "::"]) {
    it(`refuses ${JSON.stringify(host)} and opens no socket`, async () => {
      const fake = FakeQuantive.make({ users: 1 })
      const port = await freePort()
      const outcome = await FakeQuantive.listen(fake, { host: host as any, port }).then(
        async (server) => {
          const open = !(await refused(port))
          await server.close()
          return { listened: true, open }
        },
        (error: unknown) => ({ error }),
      )
      assert.notProperty(outcome, "listened", `listen on ${host} resolved`)
      assert.instanceOf((outcome as { error: unknown }).error, Error)
      assert.match((outcome as { error: Error }).error.message, /loopback/)
      assert.isTrue(await refused(port), "a socket was opened")
      assert.strictEqual(fake.requests.length, 0)
    })
  }

  it("refuses every host that is not a loopback address, before listening", async () => {
    const fake = FakeQuantive.make({ users: 1 })
    const hosts: ReadonlyArray<unknown> = [
      "0.0.0.0",
      "::",
      "",
      " 127.0.0.1",
      "127.0.0.1 ",
      "10.0.0.1",
      "192.168.1.20",
      "172.16.0.1",
      "8.8.8.8",
      "128.0.0.1",
      "127.0.0.256",
      "127.1",
      "0177.0.0.1",
      "127.00.0.1",
      "::ffff:127.0.0.1",
      "[::1]",
      "example.com",
      "127.0.0.1.nip.io",
      "localhost.example",
      null,
      42,
    ]
    for (const host of hosts) {
      assert.isFalse(isLoopbackHost(host), String(host))
      // An absent host (`undefined`, `null`) is the default, 127.0.0.1.
      if (host === null) continue
      const error = await FakeQuantive.listen(fake, { host: host as any }).then(
        async (server) => {
          await server.close()
          return undefined
        },
        (e: unknown) => e,
      )
      assert.instanceOf(error, Error, `${JSON.stringify(host)} was not refused`)
    }
  })

  it("listens on loopback: 127.0.0.1 (the default), 127.0.0.0/8, localhost, ::1", async () => {
    const hosts = [undefined, "127.0.0.1", "localhost", "127.0.0.2", ...(await hasIpv6Loopback() ? ["::1"] : [])]
    for (const host of hosts) {
      assert.isTrue(isLoopbackHost(host ?? "127.0.0.1"))
      const fake = FakeQuantive.make({ users: 1 })
      const server = await FakeQuantive.listen(fake, { host: host as any })
      try {
        const response = await fetch(`${server.baseUrl}/v2/users?take=1`, {
          headers: { authorization: `Bearer ${fake.token}`, "gtmhub-accountid": fake.accountId },
        })
        assert.strictEqual(response.status, 200)
        await response.arrayBuffer()
      } finally {
        await server.close()
      }
    }
    assert.isTrue(isLoopbackHost("::1"))
    assert.isTrue(isLoopbackHost("127.255.255.254"))
  })
})
