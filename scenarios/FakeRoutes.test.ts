/**
 * `fake.route`: routes of the user's own on the fake, over a real loopback socket with plain `fetch`. They get the
 * same auth and account checks, faults, request log and latency as the built-in routes, and take precedence over
 * them.
 */
import { assert, describe, it } from "@effect/vitest"
import { FakeQuantive } from "#line"

const serve = async (options: FakeQuantive.Options = {}) => {
  const fake = FakeQuantive.make(options)
  const server = await FakeQuantive.listen(fake)
  const headers = { authorization: `Bearer ${fake.token}`, "gtmhub-accountid": fake.accountId }
  const call = async (method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { ...headers, "content-type": "application/json", ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, json: text === "" ? undefined : JSON.parse(text) }
  }
  return { fake, server, call }
}

const goals = [{ id: "g1", name: "Grow ARR" }, { id: "g2", name: "Ship v2" }]

describe("fake.route", () => {
  it("serves a GET with a query, and a POST with params and a JSON body, under the real hosts' prefix too", async () => {
    const { call, fake, server } = await serve()
    try {
      fake.route("GET", "/v2/goals", ({ query }) => {
        const take = Number(query.get("take") ?? 100)
        return { status: 200, body: { items: goals.slice(0, take), totalCount: goals.length } }
      })
      const checkins: Array<unknown> = []
      fake.route("POST", "/v1/metrics/{id}/checkin", ({ body, params }) => {
        checkins.push({ id: params.id, body })
        return { status: 201, body: { metricId: params.id, ...(body as object) }, headers: { "X-Checkin": "yes" } }
      })
      const list = await call("GET", "/v2/goals?take=1")
      assert.strictEqual(list.status, 200)
      assert.deepStrictEqual(list.json, { items: [goals[0]], totalCount: 2 })
      assert.isNotNull(list.headers.get("x-request-id"))

      const created = await call("POST", "/results/api/v1/metrics/m%2F1/checkin", { body: `{"actual":42}` })
      assert.strictEqual(created.status, 201)
      assert.deepStrictEqual(created.json, { metricId: "m/1", actual: 42 })
      assert.strictEqual(created.headers.get("x-checkin"), "yes")
      assert.deepStrictEqual(checkins, [{ id: "m/1", body: { actual: 42 } }])

      // The request log records them as it does any request.
      assert.deepStrictEqual(fake.requests.map((r) => [r.method, r.path]), [
        ["GET", "/v2/goals"],
        ["POST", "/v1/metrics/m%2F1/checkin"],
      ])
      assert.deepStrictEqual(fake.requests[1]?.body, { actual: 42 })
    } finally {
      await server.close()
    }
  })

  it("checks the token and the account, and answers 400 for a malformed JSON body, before the handler runs", async () => {
    const { call, fake, server } = await serve()
    try {
      let calls = 0
      fake.route("POST", "/v1/metrics/{id}/checkin", () => {
        calls += 1
        return { status: 200, body: {} }
      })
      assert.strictEqual(
        (await call("POST", "/v1/metrics/m1/checkin", { headers: { authorization: "Bearer x" } })).status,
        401,
      )
      assert.strictEqual(
        (await call("POST", "/v1/metrics/m1/checkin", { headers: { "gtmhub-accountid": "" } })).status,
        400,
      )
      assert.strictEqual(
        (await call("POST", "/v1/metrics/m1/checkin", { headers: { "gtmhub-accountid": "someone-else" } })).status,
        403,
      )
      assert.strictEqual((await call("POST", "/v1/metrics/m1/checkin", { body: "{not json" })).status, 400)
      assert.strictEqual((await call("POST", "/v1/metrics/%E0%A4%A/checkin", { body: "{}" })).status, 400)
      assert.strictEqual(calls, 0)
      fake.paymentRequired = true
      assert.strictEqual((await call("POST", "/v1/metrics/m1/checkin", { body: "{}" })).status, 402)
      fake.paymentRequired = false
      assert.strictEqual((await call("POST", "/v1/metrics/m1/checkin", { body: "{}" })).status, 200)
      assert.strictEqual(calls, 1)
      // The path matched, the method did not: 405, as for a built-in route.
      assert.strictEqual((await call("GET", "/v1/metrics/m1/checkin")).status, 405)
    } finally {
      await server.close()
    }
  })

  it("gets faults and the rate limit like a built-in route", async () => {
    const { call, fake, server } = await serve({ rateLimit: { requests: 1, perMillis: 60_000, retryAfterSeconds: 7 } })
    try {
      let calls = 0
      fake.route("GET", "/v2/goals", () => {
        calls += 1
        return { status: 200, body: { items: [], totalCount: 0 } }
      })
      fake.inject({ _tag: "Status", status: 503 }, { path: "/goals", times: 1 })
      assert.strictEqual((await call("GET", "/v2/goals")).status, 503)
      assert.strictEqual(calls, 0)
      fake.inject({ _tag: "Raw", body: "<html>", contentType: "text/html" }, { method: "GET", path: /^\/v2\/goals$/ })
      const raw = await fetch(`${server.baseUrl}/v2/goals`, {
        headers: { authorization: `Bearer ${fake.token}`, "gtmhub-accountid": fake.accountId },
      })
      assert.strictEqual(await raw.text(), "<html>")
      assert.strictEqual(calls, 0)
      assert.strictEqual((await call("GET", "/v2/goals")).status, 200)
      assert.strictEqual(calls, 1)
      const limited = await call("GET", "/v2/goals")
      assert.strictEqual(limited.status, 429)
      assert.strictEqual(limited.headers.get("retry-after"), "7")
      assert.strictEqual(calls, 1)
    } finally {
      await server.close()
    }
  })

  it("takes precedence over a built-in route, the newest registration first, and can be removed", async () => {
    const { call, fake, server } = await serve()
    try {
      const builtIn = await call("GET", `/v1/accounts/${fake.accountId}`)
      assert.strictEqual(builtIn.json.id, fake.accountId)
      const removeFirst = fake.route(
        "GET",
        "/v1/accounts/{id}",
        ({ params }) => ({ status: 200, body: { first: params.id } }),
      )
      const removeSecond = fake.route("GET", "/v1/accounts/{id}", () => ({ status: 404, body: { message: "gone" } }))
      assert.strictEqual((await call("GET", `/v1/accounts/${fake.accountId}`)).status, 404)
      removeSecond()
      assert.deepStrictEqual((await call("GET", `/v1/accounts/${fake.accountId}`)).json, { first: fake.accountId })
      removeFirst()
      assert.strictEqual((await call("GET", `/v1/accounts/${fake.accountId}`)).json.id, fake.accountId)
      // Other methods on the same path still reach the built-in routes.
      fake.route("GET", "/v1/accounts/{id}", () => ({ status: 204 }))
      const patched = await call("PATCH", `/v1/accounts/${fake.accountId}`, { body: `{"language":"German"}` })
      assert.strictEqual(patched.status, 200)
      assert.strictEqual(patched.json.language, "German")
      const empty = await call("GET", `/v1/accounts/${fake.accountId}`)
      assert.strictEqual(empty.status, 204)
      assert.strictEqual(empty.json, undefined)
    } finally {
      await server.close()
    }
  })

  it("answers 500 when a handler throws, rejects or answers no status, and waits for an async handler", async () => {
    const { call, fake, server } = await serve()
    try {
      fake.route("GET", "/v2/tasks", () => {
        throw new Error("boom")
      })
      fake.route("GET", "/v2/sessions", async () => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        return { status: 200, body: { items: ["s1"], totalCount: 1 } }
      })
      fake.route("GET", "/v2/teams", () => ({}) as FakeQuantive.RouteResponse)
      const thrown = await call("GET", "/v2/tasks")
      assert.strictEqual(thrown.status, 500)
      assert.include(thrown.json.message, "boom")
      assert.deepStrictEqual((await call("GET", "/v2/sessions")).json, { items: ["s1"], totalCount: 1 })
      assert.strictEqual((await call("GET", "/v2/teams")).status, 500)
    } finally {
      await server.close()
    }
  })

  it("refuses a malformed method or path at registration", () => {
    const fake = FakeQuantive.make()
    const ok = () => ({ status: 200 })
    assert.throws(() => fake.route("GET", "goals", ok), TypeError)
    assert.throws(() => fake.route("GET", "/goals", ok), TypeError)
    assert.throws(() => fake.route("GET", "/v2/goals?x=1", ok), TypeError)
    assert.throws(() => fake.route("GET", "/v1/a/{id}/b/{id}", ok), TypeError)
    assert.throws(() => fake.route("GET /x", "/v2/goals", ok), TypeError)
    assert.doesNotThrow(() => fake.route("get", "/v2/goals/{goalId}", ok))
  })
})
