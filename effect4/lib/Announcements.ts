/**
 * The deprecated Announcements endpoints. Gtmhub sunset the Announcements feature on 2022-03-15 and
 * names no replacement; the endpoints are kept for accounts and scripts that still use them. Each method logs one
 * deprecation warning on its first call in the process.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import { Announcement, AnnouncementCreateParams, AnnouncementsPage, AnnouncementUpdateParams } from "./Announcement.ts"
import * as Client from "./internal/client.ts"
import * as Api from "./QuantiveClient.ts"
import { QuantiveClient } from "./QuantiveClient.ts"
import { endpoints } from "../../core/src/api/deprecated.ts"
import type { ErrorOf } from "./QuantiveError.ts"
import type { Formatting } from "./Users.ts"

/**
 * How an announcement's comment is returned: `"mentionsMarkup"` (the default: markdown and mention markup such as
 * `@[John Smith:john.smith@okrs.tech:602a…]`) or `"plainText"` (`@John Smith`).
 *
 * @since 0.1.0
 * @category models
 */
export interface AnnouncementReadOptions {
  readonly formatting?: Formatting | undefined
}

/**
 * @since 0.1.0
 * @category errors
 */
export type AnnouncementListError = ErrorOf<typeof endpoints.announcementsList>
/**
 * @since 0.1.0
 * @category errors
 */
export type AnnouncementGetError = ErrorOf<typeof endpoints.announcementsGet>
/**
 * @since 0.1.0
 * @category errors
 */
export type AnnouncementCreateError = ErrorOf<typeof endpoints.announcementsCreate>
/**
 * @since 0.1.0
 * @category errors
 */
export type AnnouncementUpdateError = ErrorOf<typeof endpoints.announcementsUpdate>
/**
 * @since 0.1.0
 * @category errors
 */
export type AnnouncementRemoveError = ErrorOf<typeof endpoints.announcementsRemove>
/**
 * @since 0.1.0
 * @category errors
 */
export type AnnouncementRemoveReactionError = ErrorOf<typeof endpoints.announcementsRemoveReaction>

/**
 * @since 0.1.0
 * @category models
 */
export interface AnnouncementsService {
  /**
   * Gets all announcements of the account.
   *
   * `GET /v1/announcements`
   *
   * @deprecated The Announcements feature was sunset on 2022-03-15; there is no replacement.
   */
  readonly list: (options?: AnnouncementReadOptions) => Effect.Effect<AnnouncementsPage, AnnouncementListError>
  /**
   * Gets a single announcement by its id.
   *
   * `GET /v1/announcements/{id}`
   *
   * @deprecated The Announcements feature was sunset on 2022-03-15; there is no replacement.
   */
  readonly get: (id: string, options?: AnnouncementReadOptions) => Effect.Effect<Announcement, AnnouncementGetError>
  /**
   * Creates an announcement in the current account; answers 201 with it.
   *
   * `POST /v1/announcements`
   *
   * @deprecated The Announcements feature was sunset on 2022-03-15; there is no replacement.
   */
  readonly create: (
    announcement: AnnouncementCreateParams,
  ) => Effect.Effect<Announcement, AnnouncementCreateError>
  /**
   * Updates the specified announcement's comment; answers with the announcement.
   *
   * `PATCH /v1/announcements/{id}`
   *
   * @deprecated The Announcements feature was sunset on 2022-03-15; there is no replacement.
   */
  readonly update: (
    id: string,
    announcement: AnnouncementUpdateParams,
  ) => Effect.Effect<Announcement, AnnouncementUpdateError>
  /**
   * Deletes an announcement (204).
   *
   * `DELETE /v1/announcements/{id}`
   *
   * @deprecated The Announcements feature was sunset on 2022-03-15; there is no replacement.
   */
  readonly remove: (id: string) => Effect.Effect<void, AnnouncementRemoveError>
  /**
   * Deletes the token's user's reaction from an announcement; answers with the announcement.
   *
   * `DELETE /v1/announcements/{id}/react`
   *
   * @deprecated The Announcements feature was sunset on 2022-03-15; there is no replacement.
   */
  readonly removeReaction: (id: string) => Effect.Effect<Announcement, AnnouncementRemoveReactionError>
}

const READ_OPTIONS = { formatting: Client.checks.string }

const make: Effect.Effect<AnnouncementsService, never, QuantiveClient> = Effect.map(
  QuantiveClient,
  (client): AnnouncementsService => ({
    list: (options) =>
      Client.withOptions(
        client,
        endpoints.announcementsList,
        options,
        READ_OPTIONS,
        ({ formatting }) =>
          client.execute(endpoints.announcementsList, Api.json(AnnouncementsPage), { query: { formatting } }),
      ),
    get: (id, options) =>
      Client.withOptions(
        client,
        endpoints.announcementsGet,
        options,
        READ_OPTIONS,
        ({ formatting }) =>
          client.execute(endpoints.announcementsGet, Api.json(Announcement), {
            params: { id },
            query: { formatting },
          }),
      ),
    create: (announcement) =>
      client.execute(endpoints.announcementsCreate, Api.json(Announcement), {
        body: Api.body(AnnouncementCreateParams, announcement),
      }),
    update: (id, announcement) =>
      client.execute(endpoints.announcementsUpdate, Api.json(Announcement), {
        params: { id },
        body: Api.body(AnnouncementUpdateParams, announcement),
      }),
    remove: (id) => client.execute(endpoints.announcementsRemove, Api.empty, { params: { id } }),
    removeReaction: (id) =>
      client.execute(endpoints.announcementsRemoveReaction, Api.json(Announcement), { params: { id } }),
  }),
)

const AnnouncementsTag: Context.ServiceClass<
  Announcements,
  "@effect-quantive/client/Announcements",
  AnnouncementsService
> = Context.Service<
  Announcements,
  AnnouncementsService
>()("@effect-quantive/client/Announcements")

/**
 * The deprecated Announcements endpoints: `const announcements = yield* Announcements`. `Quantive.layer` provides
 * it. The feature was sunset on 2022-03-15 with no replacement.
 *
 * @since 0.1.0
 * @category tags
 */
export class Announcements extends AnnouncementsTag {
  /**
   * @since 0.1.0
   * @category constructors
   */
  static readonly make: Effect.Effect<AnnouncementsService, never, QuantiveClient> = make
  /**
   * @since 0.1.0
   * @category layers
   */
  static readonly layer: Layer.Layer<Announcements, never, QuantiveClient> = Layer.fresh(
    Layer.effect(Announcements, make),
  )
}
