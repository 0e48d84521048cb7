/**
 * The fake's cached list views (`GET /v2/users`, `GET /v1/accounts/users`): every change to the users, through the
 * API or made directly to `fake.users`, shows in the next page, exactly as if the view were recomputed.
 */
import { assert, describe, it } from "@effect/vitest"
import { FakeQuantive } from "#line"

type Page = { items: Array<{ id: string; [field: string]: unknown }>; totalCount: number }

const client = (fake: FakeQuantive.FakeQuantive) => {
  const headers = { authorization: `Bearer ${fake.token}`, "gtmhub-accountid": fake.accountId }
  const get = async (path: string): Promise<Page> => {
    const response = await fake.fetch(`https://fake.invalid${path}`, { headers })
    assert.strictEqual(response.status, 200)
    return (await response.json()) as Page
  }
  const post = async (path: string, body: unknown) => {
    const response = await fake.fetch(`https://fake.invalid${path}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    })
    assert.strictEqual(response.status, 200)
  }
  return { get, post }
}

const text = (u: unknown) => (typeof u === "string" ? u : "")

/** The expected default order, computed from the users as they are now. */
const byDateThenId = (users: ReadonlyArray<FakeQuantive.FakeUser>) =>
  [...users].sort((a, b) =>
    text(a.dateCreated) < text(b.dateCreated)
      ? -1
      : text(a.dateCreated) > text(b.dateCreated)
      ? 1
      : a.id < b.id
      ? -1
      : a.id > b.id
      ? 1
      : 0
  ).map((u) => u.id)

const SORTED = "/v2/users?sort=dateCreated,_id&take=1000"

describe("the fake's cached list views", () => {
  it("follow pushes, splices, replaced entries and in-place field changes made to fake.users", async () => {
    const fake = FakeQuantive.make({ users: 40 })
    const { get } = client(fake)
    const ids = async () => (await get(SORTED)).items.map((u) => u.id)
    assert.deepStrictEqual(await ids(), byDateThenId(fake.users))
    assert.deepStrictEqual(await ids(), byDateThenId(fake.users)) // served from the cache

    fake.users.push({
      ...structuredClone(fake.users[3]!),
      id: "ffffffffffffffffffffff01",
      dateCreated: "2020-01-01T00:00:00Z",
    })
    assert.strictEqual((await ids())[0], "ffffffffffffffffffffff01")

    const removed = fake.users.splice(5, 1)[0]!
    assert.notInclude(await ids(), removed.id)

    fake.users[7] = { ...structuredClone(fake.users[7]!), id: "ffffffffffffffffffffff02" }
    assert.include(await ids(), "ffffffffffffffffffffff02")

    // In place, on a top-level field the sort reads: the user moves to the end.
    const moved = fake.users[2]!
    moved.dateCreated = "2099-01-01T00:00:00Z"
    assert.strictEqual((await ids()).at(-1), moved.id)
    assert.deepStrictEqual(await ids(), byDateThenId(fake.users))
  })

  it("follow in-place changes of the fields a filter reads, and changes made through the API", async () => {
    const fake = FakeQuantive.make({ users: 30 })
    const { get, post } = client(fake)
    const inactive = `/v2/users?filter=${encodeURIComponent(JSON.stringify({ isActive: false }))}&take=1000`
    const count = async () => (await get(inactive)).totalCount
    const expected = () => fake.users.filter((u) => u.isActive === false).length
    assert.strictEqual(await count(), expected())

    const someone = fake.users.find((u) => u.isActive === true && u.id !== fake.users[0]!.id)!
    someone.isActive = false
    assert.strictEqual(await count(), expected())

    const other = fake.users.find((u) => u.isActive === true && u.id !== fake.users[0]!.id)!
    await post("/v1/users/deactivate", [other.id])
    assert.strictEqual(await count(), expected())
    assert.include((await get(inactive)).items.map((u) => u.id), other.id)

    // A filter on a nested field the API changes in place (the picture's `isActive`): the data version sees it.
    const nested = `/v2/users?filter=${encodeURIComponent(JSON.stringify({ "pictureInfo.isActive": true }))}&take=1000`
    const before = (await get(nested)).totalCount
    await post("/v1/users/activate", [other.id])
    assert.strictEqual((await get(nested)).totalCount, before + 1)
  })

  it("keep a view per filter and sort, and serve the deprecated GET /accounts/users in id order as it changes", async () => {
    const fake = FakeQuantive.make({ users: 25 })
    const { get } = client(fake)
    const descending = (await get("/v2/users?sort=-dateCreated,_id&take=1000")).items.map((u) => u.id)
    const ascending = (await get(SORTED)).items.map((u) => u.id)
    assert.deepStrictEqual(ascending, byDateThenId(fake.users))
    assert.notDeepEqual(descending, ascending)
    assert.deepStrictEqual((await get("/v2/users?sort=-dateCreated,_id&take=1000")).items.map((u) => u.id), descending)

    const legacy = async () => (await get("/v1/accounts/users?take=1000")).items.map((u) => u.id)
    const byId = () => fake.users.map((u) => u.id).sort()
    assert.deepStrictEqual(await legacy(), byId())
    fake.users.push({ ...structuredClone(fake.users[1]!), id: "000000000000000000000001", email: "first@example.com" })
    assert.deepStrictEqual(await legacy(), byId())
    assert.strictEqual((await legacy())[0], "000000000000000000000001")
    fake.users[0]!.email = "renamed@example.com"
    const found = await get(`/v1/accounts/users?filter=${encodeURIComponent("email:renamed@example.com")}`)
    assert.deepStrictEqual(found.items.map((u) => u.id), [fake.users[0]!.id])
  })

  it("share frozen nested values between seeded users: an edit inside one throws, replacing the field works", async () => {
    const fake = FakeQuantive.make({ users: 40 })
    const { get } = client(fake)
    type Role = { name: string; team: { id: string; name: string } }
    const rolesOf = (u: FakeQuantive.FakeUser) => u.roles as Array<Role>
    const a = fake.users[1]!
    // Another user of the same team holds the very same team object.
    const b = fake.users.find((u) => u !== a && rolesOf(u)[0]!.team === rolesOf(a)[0]!.team)
    assert.isDefined(b)
    assert.throws(() => {
      rolesOf(a)[0]!.team.name = "Renamed"
    }, TypeError)
    assert.notStrictEqual(rolesOf(b!)[0]!.team.name, "Renamed")
    const byRole = `/v2/users?filter=${encodeURIComponent(JSON.stringify({ "roles.name": "Auditor" }))}&take=1000`
    assert.strictEqual((await get(byRole)).totalCount, 0)
    a.roles = [{ ...rolesOf(a)[0]!, name: "Auditor" }]
    assert.deepStrictEqual((await get(byRole)).items.map((u) => u.id), [a.id])
  })
})
