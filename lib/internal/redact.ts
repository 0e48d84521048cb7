import { Redacted } from "effect"
import type { ResolvedConfig } from "./config.ts"

/** A function that removes the secrets of one configuration from any text. @internal */
export type Redactor = (text: string) => string

/**
 * Replaces every occurrence of the token with `<redacted>` and of the account id with `{accountId}`, in that order
 * (the token may contain the account id, never the reverse in practice).
 *
 * @internal
 */
export const makeRedactor = (config: Pick<ResolvedConfig, "token" | "accountId">): Redactor => {
  const token = Redacted.value(config.token)
  const accountId = Redacted.value(config.accountId)
  const encodedAccountId = encodeURIComponent(accountId)
  return (text) => {
    let out = text.split(token).join("<redacted>")
    out = out.split(accountId).join("{accountId}")
    if (encodedAccountId !== accountId) out = out.split(encodedAccountId).join("{accountId}")
    return out
  }
}

/** Shortens text for an error message: collapses whitespace and strips markup. @internal */
export const snippet = (text: string, max = 200): string => {
  const flat = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}
