import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

// The main suite, run on Node (`vitest run`) and on Deno (`deno run -A node_modules/vitest/vitest.mjs run`): test/
// and the scenarios both lines share (scenarios/), whose `#line` is the Effect 3 line here (scenarios/lines/effect3.ts,
// and `#line/<name>` scenarios/lines/effect3-<name>.ts; effect4/vitest.config.ts runs them on the Effect 4 line).
// test/redis/ needs a `redis-server` binary and runs on Node only; the CLI package (cli/) has its own config,
// cli/vitest.config.ts, which scripts/test.mjs runs on Node.
const onDeno = "Deno" in globalThis

export default defineConfig({
  resolve: {
    alias: [
      { find: /^#line$/, replacement: fileURLToPath(new URL("scenarios/lines/effect3.ts", import.meta.url)) },
      { find: /^#line\/(\w+)$/, replacement: fileURLToPath(new URL("scenarios/lines/effect3-$1.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["test/**/*.test.ts", "scenarios/**/*.test.ts"],
    exclude: ["test/deno/**", "test/package/**", "test/readme/**", "node_modules/**", "dist/**", "cli/**"].concat(
      onDeno ? ["test/redis/**"] : [],
    ),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    poolOptions: { forks: { singleFork: false } },
  },
})
