// The packed-package test (effect4/scripts/package-test.mjs): what main.ts must print, read from the installed
// package's fake directly (the same seed), as JSON: the account's name and every user's email.
import { FakeQuantive } from "@effect-quantive/client/testing"

const fake = FakeQuantive.make({ seed: 42 })
console.log(JSON.stringify({ account: fake.account.name, emails: fake.users.map((user) => user.email) }))
