/**
 * The Effect 4 line as the scenarios see it (`#line`): the package's public entry points, the fake server, and
 * fast-check (Effect 4 no longer re-exports it; this is the copy Effect 3 depends on, resolved from the repository's
 * root).
 */
export * from "../../effect4/mod.ts"
export { FakeQuantive } from "../../effect4/testing.ts"
export * as fc from "fast-check"
