/** The Effect 3 line's test helpers as the scenarios see them (`#line/support`): loopback fake layers, recorders. */
export * from "../../test/support.ts"
