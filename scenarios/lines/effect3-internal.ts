/**
 * The Effect 3 line's internals that the scenarios check directly (`#line/internal`): the pagination engine.
 */
export * as Paginate from "../../lib/internal/paginate.ts"
