#!/usr/bin/env node
/**
 * The `quantive` command line. On Node: `npx @effect-quantive/cli …` (or `node cli/dist/main.js …` in this repo);
 * on Deno: `deno run -A cli/main.ts …`.
 *
 * @since 0.2.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Cause, Effect } from "effect"
import { main } from "./src/app.ts"

main(process.argv).pipe(
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      // The program never fails: its value is the exit code. Let pending output drain instead of exiting at once.
      const code = exit._tag === "Success" ? Number(exit.value) : Cause.isInterruptedOnly(exit.cause) ? 130 : 1
      process.exitCode = code
      onExit(code === 130 ? code : 0)
    },
  }),
)
