/**
 * Every model module of the API description, in the order the package publishes them.
 *
 * @since 0.4.0
 */
import { account } from "./account.ts"
import { announcement } from "./announcement.ts"
import { badge } from "./badge.ts"
import { goal } from "./goal.ts"
import { goalTask } from "./goalTask.ts"
import { goalWorkflow } from "./goalWorkflow.ts"
import { legacyUser } from "./legacyUser.ts"
import { metric } from "./metric.ts"
import type { ModelModule } from "./model.ts"
import { okr } from "./okr.ts"
import { okrLinks } from "./okrLinks.ts"
import { team } from "./team.ts"
import { user } from "./user.ts"
import { userProfile } from "./userProfile.ts"
import { userSettings } from "./userSettings.ts"

/**
 * @since 0.4.0
 * @category models
 */
export const modelModules: ReadonlyArray<ModelModule> = [
  account,
  announcement,
  badge,
  goal,
  goalTask,
  goalWorkflow,
  legacyUser,
  metric,
  okr,
  okrLinks,
  team,
  user,
  userProfile,
  userSettings,
]
