/**
 * The Effect-native client for the Quantive Results REST API.
 *
 * - `Quantive`: configuration and the layers (`layer`, `layerConfig`, `layerClient`, `layerClientConfig`); any
 *   endpoint through the same pipeline (`request`, `paginate`, `stream`); `withResponse`, `withRetry`, `withDecode`.
 * - `Accounts`, `Users`, `Badges` and the deprecated `LegacyUsers`, `Announcements`, `Metrics`, `Goals`: one
 *   `Context.Service` per endpoint group, reached with `yield* Users`.
 * - `QuantiveClient`: the pipeline as a service, and the types that describe an endpoint.
 * - `QuantiveError`: one tagged error per documented status, plus transport, decode, input, pagination and
 *   coordinator errors.
 * - `Retry`: retry policies (`defaultPolicy`, `policy`, `none`).
 * - The models (`Account`, `User`, `Badge`, ...) are both a `Schema` and a type.
 *
 * The embedded fake server is `@effect-quantive/client/testing`; the Redis coordinator is
 * `@effect-quantive/client/redis`.
 *
 * @module
 * @since 0.1.0
 */
export * from "./lib/Account.ts"
export * from "./lib/Accounts.ts"
export * from "./lib/Announcement.ts"
export * from "./lib/Announcements.ts"
export * from "./lib/Badge.ts"
export * from "./lib/Badges.ts"
export * from "./lib/Goal.ts"
export * from "./lib/Goals.ts"
export * from "./lib/GoalTask.ts"
export * from "./lib/GoalWorkflow.ts"
export * from "./lib/LegacyUser.ts"
export * from "./lib/LegacyUsers.ts"
export * from "./lib/Metric.ts"
export * from "./lib/Metrics.ts"
export * from "./lib/Okr.ts"
export * from "./lib/OkrLinks.ts"
export * from "./lib/User.ts"
export * from "./lib/Users.ts"
export * from "./lib/UserSettings.ts"
export * as Quantive from "./lib/Quantive.ts"
export * as QuantiveClient from "./lib/QuantiveClient.ts"
export * as QuantiveError from "./lib/QuantiveError.ts"
export * as Retry from "./lib/Retry.ts"
