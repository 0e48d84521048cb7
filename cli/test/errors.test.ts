import { QuantiveError } from "@effect-quantive/client"
import { Duration } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { describeApiError } from "../src/errors.ts"
import { cli, serve, type Served } from "./helpers.ts"

let served: Served

beforeAll(async () => {
  served = await serve({ seed: 5, users: 10 })
})
afterAll(() => served.close())

describe("exit codes and messages", () => {
  it("0 on success", async () => {
    const result = await cli(["account"], { env: served.env })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(served.fake.account.name)
    expect(result.stdout).not.toContain(served.fake.accountId)
  })

  it("2 for bad flags and for input rejected before sending", async () => {
    const before = served.fake.requests.length
    expect((await cli(["users", "export", "--format", "xml"], { env: served.env })).code).toBe(2)
    expect((await cli(["users", "export", "--concurrency", "40"], { env: served.env })).code).toBe(2)
    expect((await cli(["users", "frobnicate"], { env: served.env })).code).toBe(2)
    expect((await cli(["request", "GET", "goals"], { env: served.env })).code).toBe(2)
    expect(served.fake.requests.length).toBe(before)
  })

  it("3 for missing or malformed configuration, naming the variable or flag", async () => {
    const noToken = await cli(["account"], { env: { QUANTIVE_ACCOUNT_ID: "x" } })
    expect(noToken.code).toBe(3)
    expect(noToken.stderr).toMatch(/^quantive: no API token: set QUANTIVE_TOKEN or pass --token-file/)
    const noAccount = await cli(["account"], { env: { QUANTIVE_TOKEN: "t" } })
    expect(noAccount.code).toBe(3)
    expect(noAccount.stderr).toContain("QUANTIVE_ACCOUNT_ID")
    const badUrl = await cli(["account", "--base-url", "http://example.com"], { env: served.env })
    expect(badUrl.code).toBe(3)
    expect(badUrl.stderr).toMatch(/^quantive: invalid --base-url: /)
    const missingFile = await cli(["account", "--token-file", "/nonexistent/token"], { env: served.env })
    expect(missingFile.code).toBe(3)
    expect(missingFile.stderr).toContain("--token-file")
  })

  it("4 for 401 and 403, with what to do, the request id, and never the token", async () => {
    const secret = "wrong-token-5e3c7a1f"
    const unauthorized = await cli(["account"], { env: { ...served.env, QUANTIVE_TOKEN: secret } })
    expect(unauthorized.code).toBe(4)
    expect(unauthorized.stderr).toMatch(/401 Unauthorized: check the API token .*\[request id [^\]]+\]\n$/)
    expect(unauthorized.stderr.split("\n")).toHaveLength(2) // one line, no stack trace
    expect(unauthorized.stderr + unauthorized.stdout).not.toContain(secret)
    const forbidden = await cli(["users", "export"], { env: { ...served.env, QUANTIVE_ACCOUNT_ID: "another" } })
    expect(forbidden.code).toBe(4)
    expect(forbidden.stderr).toContain("403 Forbidden")
    expect(forbidden.stderr).toContain("lacks the permission")
    served.fake.inject({ _tag: "Status", status: 401 }, { times: 1 })
    const injected = await cli(["badges", "list"], { env: served.env })
    expect(injected.code).toBe(4)
    expect(injected.stderr + injected.stdout).not.toContain(served.fake.token)
  })

  it("5 for 429 after retrying, saying it retried only when it did and never that it waited", async () => {
    served.fake.inject({ _tag: "Status", status: 429, headers: { "retry-after": "0" } }, { times: 100 })
    const result = await cli(["account"], { env: served.env })
    served.fake.clearFaults()
    expect(result.code).toBe(5)
    expect(result.stderr).toMatch(/rate limited \(429\): retried, then gave up \(after 4 attempts/)
    expect(result.stderr).not.toContain("waited")
  })

  it("5 for a 429 that was not retried says so", () => {
    const error = new QuantiveError.TooManyRequests({
      message: "429",
      method: "GET",
      path: "/v2/users",
      status: 429,
      attempts: 1,
      retryAfter: Duration.seconds(30),
    })
    const { code, line } = describeApiError(error)
    expect(code).toBe(5)
    expect(line).toContain("rate limited (429), not retried; the server asks to wait 30s")
    expect(line).not.toMatch(/retried,|waited/)
  })

  it("1 for 404 and other API errors", async () => {
    const missing = await cli(["badges", "assign", "--badge", "no-such-badge", "--users", "-"], {
      env: served.env,
      stdin: "someone@example.com\n",
    })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^quantive: GET \/v1\/badges\/no-such-badge answered 404 Not Found.*check the id/)
    served.fake.inject({ _tag: "Status", status: 500 }, { times: 100 })
    const broken = await cli(["account"], { env: served.env })
    served.fake.clearFaults()
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain("server error")
  })

  it("request reaches any endpoint and prints JSON", async () => {
    const result = await cli(["request", "GET", "/v2/users", "--query", "take=2", "--query", "fields=email"], {
      env: served.env,
    })
    expect(result.code).toBe(0)
    const page = JSON.parse(result.stdout) as { items: Array<{ email: string }>; totalCount: number }
    expect(page.items).toHaveLength(2)
    expect(page.totalCount).toBe(served.fake.users.length)
    const last = served.fake.requests.at(-1)!
    expect(last.query).toMatchObject({ take: "2", fields: "email" })
  })
})
