/**
 * `@effect-quantive/client/testing` as Node and Deno load it: the installed `effect` and `@effect/platform` are
 * checked first (see `effectVersion.ts`), then `testing.ts` is loaded.
 *
 * @internal
 */
import { checkEffectVersion } from "../effectVersion.ts"

checkEffectVersion()
const entry = await import("../../../testing.ts")

export const { FakeQuantive } = entry
