import { dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

// The CLI's own suite (Node only): `npx vitest run --config cli/vitest.config.ts`. The global setup builds the CLI
// (cli/dist) so that each test spawns the real `node cli/dist/main.js`.
export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/build.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
})
