/**
 * Every model module of the API description, in the order the package publishes them.
 *
 * @since 0.4.0
 */
import { account } from "./account.ts"
import type { ModelModule } from "./model.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const modelModules: ReadonlyArray<ModelModule> = [
  account,
]
