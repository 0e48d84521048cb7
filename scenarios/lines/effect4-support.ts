/** The Effect 4 line's test helpers as the scenarios see them (`#line/support`): loopback fake layers, recorders. */
export * from "../../effect4/test/support.ts"
