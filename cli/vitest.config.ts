import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const here = dirname(fileURLToPath(import.meta.url))

// The CLI's own suite (Node only): `npx vitest run --config cli/vitest.config.ts`. Most tests run the command in the
// test's process; the global setup bundles cli/dist/quantive.js for those that spawn it (exit codes, signals,
// terminals, the packed package). The client is taken from this repository's sources, as the bundle takes it.
export default defineConfig({
  root: here,
  resolve: {
    alias: [
      { find: /^@effect-quantive\/client\/testing$/, replacement: join(here, "..", "testing.ts") },
      { find: /^@effect-quantive\/client$/, replacement: join(here, "..", "mod.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/build.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
})
