/**
 * The Effect 4 line's internals that the scenarios check directly (`#line/internal`): the pagination engine.
 */
export * as Paginate from "../../effect4/lib/internal/paginate.ts"
