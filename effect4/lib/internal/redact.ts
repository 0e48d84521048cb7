/**
 * The redaction of one configuration's secrets: the core's redactor (`core/src/redact.ts`) over the configuration's
 * `Redacted` token and account id.
 *
 * @internal
 */
import { Redacted } from "effect"
import { makeRedactor as redactorOf, type Redactor } from "../../../core/src/redact.ts"
import type { ResolvedConfig } from "./config.ts"

export { normalize, type Redactor, snippet } from "../../../core/src/redact.ts"

/** The redactor of a configuration's token and account id (see the core's `makeRedactor`). @internal */
export const makeRedactor = (config: Pick<ResolvedConfig, "token" | "accountId">): Redactor =>
  redactorOf(Redacted.value(config.token), Redacted.value(config.accountId))
