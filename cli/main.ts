#!/usr/bin/env node
/**
 * The `quantive` command line. On Node: `npx @effect-quantive/cli …` (or `node cli/dist/main.js …` in this repo);
 * on Deno: `deno run -A cli/main.ts …`.
 *
 * @since 0.2.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Effect } from "effect"
import { main } from "./src/app.ts"

main(process.argv).pipe(
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      // The program never fails: its value is the exit code. Let pending output drain instead of exiting at once.
      process.exitCode = exit._tag === "Success" ? Number(exit.value) : 1
      onExit(0)
    },
  }),
)
