/**
 * Pagination over `skip`/`take` that never emits an item twice and never skips an item present throughout, while the
 * collection shifts between requests.
 *
 * How: every request after the first overlaps the previous page by one item (it starts at the position of the last
 * item seen). Items are in the stream's total order (a sort that ends with the id), so
 * - an item that does not sort after the last emitted one was already emitted (inserts before the cursor shifted it
 *   into this page): it is dropped, with no set of seen ids, so memory stays bounded. An item is dropped only on a
 *   comparison the server is known to make the same way (`compare` answers a magnitude of at least 1), or when it is
 *   known to have been emitted (the last item, an item of the previous page, or with `distinct` any id seen). On a
 *   guess (a magnitude below 1) about an item not known to be emitted, the stream fails with `OrderMismatch` rather
 *   than risk losing it (with `distinct` it keeps the item, and the seen ids keep out repeats);
 * - a page whose first item sorts after the last emitted one (or an empty page past the start) means items moved
 *   left (deletions before the cursor) and something may have been jumped over: the stream steps back (further each
 *   time) until the page starts at or before the last emitted item.
 *
 * With `concurrency > 1`, once the first page tells `totalCount`, the following pages are requested ahead (at most
 * `concurrency` in flight) and processed in order with the same checks; the first discontinuity cancels them and the
 * stream goes on one page at a time. Interrupting the stream interrupts the requests in flight.
 *
 * A server that breaks the rules fails the stream with `PaginationError` instead of hanging: a page inconsistent with
 * its own `totalCount` or holding the same id twice (anywhere in the page), items out of the stream's order, or pages
 * that stop advancing (a server ignoring `skip`).
 *
 * What no skip/take client can do: when an item's sort key changes during the export, it moves in the order, and may
 * then be seen twice (it moved past the cursor) or not at all (it moved before it). With `distinct`, the stream keeps
 * the ids it emitted (a `Set`, memory growing with the ids seen) and never emits one twice.
 *
 * @internal
 */
import { Effect, Either, Fiber, Option, Stream } from "effect"
import type { StreamPage } from "../QuantiveClient.ts"
import { PaginationError, type PaginationReason } from "../QuantiveError.ts"

/** One response of a paged endpoint. @internal */
export interface PageResult<A> {
  readonly items: ReadonlyArray<A>
  readonly totalCount: number
}

/** A page as the stream emits it (public as `QuantiveClient.StreamPage`). @internal */
export type EmittedPage<A> = StreamPage<A>

/**
 * One page's request, in one of two forms. `fetchLater` is the request decoding the page when the inner effect runs,
 * after the call's own effect has completed (see `sendPage` in the pipeline): a page requested ahead waits as bytes,
 * not as objects, and every page is parsed outside the call's span and scope, which keeps garbage collection cheap.
 * `fetch` answers the decoded page.
 *
 * @internal
 */
export type PageFetch<A, E> =
  | {
    readonly fetch: (skip: number, take: number) => Effect.Effect<PageResult<A>, E>
    readonly fetchLater?: undefined
  }
  | {
    readonly fetchLater: (skip: number, take: number) => Effect.Effect<Effect.Effect<PageResult<A>, E>, E>
    readonly fetch?: undefined
  }

/** @internal */
export type PaginateOptions<A, E> = PageFetch<A, E> & PaginateSettings<A>

/** @internal */
export interface PaginateSettings<A> {
  /**
   * The stream's total order: must agree with the sort sent to the server, and end with the id. Its sign is the order;
   * a magnitude below 1 (as `order.ts` answers) marks a guess the server may not share, on which no item is dropped.
   */
  readonly compare: (a: A, b: A) => number
  readonly idOf: (a: A) => string
  /** Items per request, at least 2 (one overlaps the previous page). */
  readonly pageSize: number
  readonly concurrency: number
  /** Never emit an id twice, even when an item's sort key changes during the stream (keeps every id seen). */
  readonly distinct?: boolean | undefined
  /** Names the operation in errors: `Users.stream`. */
  readonly operation: string
  readonly method: string
  readonly path: string
}

/**
 * Checks a stream's `pageSize` (2–1000, default 100: the API's default `take`), `concurrency` (1–16, default 1) and
 * `distinct` (a boolean, default false).
 *
 * @internal
 */
export const streamOptions = (query: {
  readonly pageSize?: number | undefined
  readonly concurrency?: number | undefined
  readonly distinct?: boolean | undefined
}): Either.Either<
  { readonly pageSize: number; readonly concurrency: number; readonly distinct: boolean },
  { readonly field: string; readonly problem: string }
> => {
  const pageSize = query.pageSize ?? 100
  const concurrency = query.concurrency ?? 1
  const distinct = query.distinct ?? false
  if (!Number.isSafeInteger(pageSize) || pageSize < 2 || pageSize > 1000) {
    return Either.left({ field: "pageSize", problem: "pageSize must be an integer from 2 to 1000" })
  }
  if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    return Either.left({ field: "concurrency", problem: "concurrency must be an integer from 1 to 16" })
  }
  if (typeof distinct !== "boolean") return Either.left({ field: "distinct", problem: "distinct must be a boolean" })
  return Either.right({ pageSize, concurrency, distinct })
}

/** Pages in a row that bring nothing new before the stream gives up with `NoProgress`. @internal */
export const MAX_PAGES_WITHOUT_PROGRESS = 32

type Step<A> =
  | { readonly _tag: "Emit"; readonly page: EmittedPage<A>; readonly next: number; readonly end: boolean }
  | { readonly _tag: "StepBack"; readonly skip: number }

/** @internal */
export const pages = <A, E>(options: PaginateOptions<A, E>): Stream.Stream<EmittedPage<A>, E | PaginationError> => {
  const { compare, concurrency, idOf, pageSize: take } = options
  const fail = (reason: PaginationReason, skip: number, problem: string) =>
    Effect.fail(
      new PaginationError({
        message: `${options.operation} (${options.method} ${options.path}) at skip ${skip}: ${problem}`,
        method: options.method,
        path: options.path,
        reason,
        skip,
      }),
    )

  return Stream.unwrapScoped(Effect.gen(function* () {
    const scope = yield* Effect.scope
    let last: A | undefined
    let done = false
    let started = false
    let sequentialSkip = 0
    let stepBacks = 0
    /** With `distinct`: every id emitted so far. */
    const seen = options.distinct === true ? new Set<string>() : undefined
    /** The ids of the last page read: every one was emitted, at or before `last`. */
    let behind: ReadonlySet<string> = new Set()
    let withoutProgress = 0
    /** Requests made ahead, in order; only while the collection has not been seen to shift. */
    let ahead: Array<
      { readonly skip: number; readonly fiber: Fiber.RuntimeFiber<Effect.Effect<PageResult<A>, E>, E> }
    > = []
    const fetchLater = options.fetchLater ??
      ((skip: number, take: number) => Effect.map(options.fetch(skip, take), Effect.succeed))
    let plannedNext = 0
    let plannedEnd = 0

    const check = (skip: number, page: PageResult<A>): Effect.Effect<Step<A>, PaginationError> => {
      const { items, totalCount } = page
      if (!Number.isInteger(totalCount) || totalCount < 0) {
        return fail("InconsistentPage", skip, `totalCount ${totalCount} is not a count`)
      }
      if (items.length > take) return fail("InconsistentPage", skip, `${items.length} items for take ${take}`)
      if (items.length < take && skip + items.length < totalCount) {
        return fail(
          "InconsistentPage",
          skip,
          `a short page (${items.length} of ${take}) while totalCount ${totalCount} says more follow`,
        )
      }
      if (items.length > 0 && skip + items.length > totalCount) {
        return fail("InconsistentPage", skip, `items run past totalCount ${totalCount}`)
      }
      // The same id twice anywhere in the page (the message names positions, not the id: it comes from the server).
      const positions = new Map<string, number>()
      for (let i = 0; i < items.length; i++) {
        const id = idOf(items[i]!)
        const before = positions.get(id)
        if (before !== undefined) {
          return fail("InconsistentPage", skip, `the same id twice in one page (at positions ${before} and ${i})`)
        }
        positions.set(id, i)
      }
      for (let i = 1; i < items.length; i++) {
        if (compare(items[i - 1]!, items[i]!) >= 0) {
          return fail("OrderMismatch", skip, "the server's order disagrees with the stream's sort")
        }
      }
      const end = items.length < take
      if (last !== undefined && skip > 0 && (items.length === 0 || compare(items[0]!, last) > 0)) {
        // Items moved left since the previous page (or the collection shrank below `skip`): something may have been
        // jumped over. Step back, further each time, until the page starts at or before `last`.
        if (++withoutProgress >= MAX_PAGES_WITHOUT_PROGRESS) {
          return fail("NoProgress", skip, `${withoutProgress} pages in a row brought nothing new`)
        }
        const back = (take - 1) * 2 ** stepBacks
        stepBacks += 1
        return Effect.succeed({ _tag: "StepBack", skip: Math.max(0, skip - back) })
      }
      stepBacks = 0
      let first = 0
      if (last !== undefined) {
        const cursor = last
        const cursorId = idOf(cursor)
        while (first < items.length) {
          const c = compare(items[first]!, cursor)
          if (c > 0) break
          if (c < 0 && c > -1) {
            // Sorts before the last emitted item only by a guess: dropped only if it is known to have been emitted.
            // With `distinct`, an id never seen is kept (and what follows goes through the seen ids).
            const id = idOf(items[first]!)
            if (id !== cursorId && !behind.has(id)) {
              if (seen !== undefined) {
                if (!seen.has(id)) break
              } else {
                return fail(
                  "OrderMismatch",
                  skip,
                  `the item at position ${first} may sort before or after the last emitted one (the server's ` +
                    "order of its sort values is not known); with distinct: true the stream tells by its id",
                )
              }
            }
          }
          first++
        }
      }
      const fresh = first === 0 ? items : items.slice(first)
      if (items.length > 0) behind = new Set(items.map(idOf))
      if (fresh.length > 0) {
        last = fresh[fresh.length - 1]
        withoutProgress = 0
      } else if (!end && ++withoutProgress >= MAX_PAGES_WITHOUT_PROGRESS) {
        return fail(
          "NoProgress",
          skip,
          `${withoutProgress} pages in a row brought nothing new (is the server ignoring skip?)`,
        )
      }
      const emitted = seen === undefined ? fresh : fresh.filter((item) => {
        const id = idOf(item)
        if (seen.has(id)) return false
        seen.add(id)
        return true
      })
      return Effect.succeed({
        _tag: "Emit",
        page: { items: emitted, totalCount, skip },
        next: skip + Math.max(items.length - 1, 1),
        end,
      })
    }

    const cancelAhead = Effect.suspend(() => {
      const fibers = ahead.map((entry) => entry.fiber)
      ahead = []
      plannedNext = plannedEnd
      return Fiber.interruptAll(fibers)
    })

    /** Keeps `concurrency` planned requests in flight (fewer near the end of the plan). */
    const fillAhead = Effect.gen(function* () {
      while (ahead.length < concurrency && plannedNext < plannedEnd) {
        const skip = plannedNext
        plannedNext += take - 1
        ahead.push({ skip, fiber: yield* Effect.forkIn(fetchLater(skip, take), scope) })
      }
    })

    /** The next request: the head of the requests made ahead, or one made now. */
    const nextPage: Effect.Effect<{ readonly skip: number; readonly page: PageResult<A> }, E> = Effect.suspend(() => {
      const head = ahead.shift()
      if (head !== undefined) {
        return Effect.flatMap(
          Effect.zipLeft(Fiber.join(head.fiber), fillAhead),
          (later) => Effect.map(later, (page) => ({ skip: head.skip, page })),
        )
      }
      const skip = sequentialSkip
      return Effect.map(Effect.flatten(fetchLater(skip, take)), (page) => ({ skip, page }))
    })

    /** The next non-empty page, or `None` at the end. */
    const step: Effect.Effect<Option.Option<EmittedPage<A>>, E | PaginationError> = Effect.gen(function* () {
      while (!done) {
        const { page, skip } = yield* nextPage
        const isFirst = !started
        started = true
        const result = yield* check(skip, page)
        if (result._tag === "StepBack") {
          yield* cancelAhead
          sequentialSkip = result.skip
          continue
        }
        sequentialSkip = result.next
        if (result.end) {
          done = true
          yield* cancelAhead
        } else if (isFirst && concurrency > 1) {
          // The first page told the size: request the following pages ahead, in order.
          plannedNext = result.next
          plannedEnd = Math.max(plannedNext, page.totalCount - 1)
          yield* fillAhead
        } else if (ahead.length > 0 && ahead[0]!.skip !== result.next) {
          yield* cancelAhead
        }
        if (result.page.items.length > 0) return Option.some(result.page)
      }
      return Option.none()
    })

    const pull = step.pipe(
      Effect.mapError(Option.some),
      Effect.flatMap(Option.match({ onNone: () => Effect.fail(Option.none()), onSome: Effect.succeed })),
    )

    return Stream.repeatEffectOption(pull)
  }))
}
