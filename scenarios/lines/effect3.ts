/**
 * The Effect 3 line as the scenarios see it (`#line`): the package's public entry points, the fake server, and
 * fast-check as Effect 3 re-exports it.
 */
export * from "../../mod.ts"
export { FakeQuantive } from "../../testing.ts"
export { FastCheck as fc } from "effect"
