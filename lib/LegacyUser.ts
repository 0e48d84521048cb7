/**
 * The models of the deprecated Users endpoints (seeds 003, 004). (Skeleton.)
 *
 * @since 0.1.0
 */
export {}
