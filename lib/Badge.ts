/**
 * The Badge models of seed 002. (Skeleton.)
 *
 * @since 0.1.0
 */
export {}
