#!/usr/bin/env node
/**
 * The `quantive` command line. On Node: `npx @effect-quantive/cli …` (the bundle `cli/dist/quantive.js` in this
 * repo); on Deno: `deno run -A cli/dist/quantive.js …` or `deno run -A cli/main.ts …`.
 *
 * `quantive [command…] --help` is answered from the help rendered when the bundle was built; everything else loads
 * and runs the program (`src/run.ts`).
 *
 * @since 0.2.0
 */
import { printHelp } from "./src/help/fast.ts"
import { helpTexts } from "./src/help/texts.ts"

if (!printHelp(helpTexts)) await import("./src/run.ts")
