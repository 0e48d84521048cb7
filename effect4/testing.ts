/**
 * Test support for users of `@effect-quantive/client`: the embedded fake Quantive server.
 *
 * ```ts
 * import { FakeQuantive } from "@effect-quantive/client/testing"
 * ```
 *
 * @module
 * @since 0.1.0
 */
export * as FakeQuantive from "./lib/FakeQuantive.ts"
