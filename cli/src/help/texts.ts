/**
 * The help of every command path, rendered by `@effect/cli` when the bundle is built: the bundler replaces this
 * module with the rendered texts. Run from sources, there are none, and every `--help` takes the full path.
 *
 * @since 0.4.0
 */
import type { HelpTexts } from "./fast.ts"

/**
 * The rendered help of each command path, or `undefined` outside the bundle.
 *
 * @since 0.4.0
 * @category constants
 */
export const helpTexts: HelpTexts | undefined = undefined
