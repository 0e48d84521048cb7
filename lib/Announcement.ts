/**
 * The Announcement models of seed 003. (Skeleton.)
 *
 * @since 0.1.0
 */
export {}
