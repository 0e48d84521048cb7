import { existsSync } from "node:fs"
import { dirname, join, sep } from "node:path"
import { fileURLToPath } from "node:url"
import { defineConfig, type Plugin } from "vitest/config"

// The Effect 4 line's suite, run on Node 22 (`node_modules/.bin/node node_modules/vitest/vitest.mjs run`) and on
// Deno: effect4/test/, and the scenarios both lines share (../scenarios/) with `#line` the Effect 4 line
// (scenarios/lines/effect4.ts; `#line/<name>` is scenarios/lines/effect4-<name>.ts). A scenario file sits outside effect4/, so its bare imports (`effect`,
// `@effect/vitest`, `vitest`) are resolved as if it sat here, from effect4/node_modules: one `effect` 4 and one
// vitest for the whole run. The scenarios need the Effect 4 package's entry points: without effect4/mod.ts they are
// left out (scripts/test.mjs says so).
const here = dirname(fileURLToPath(import.meta.url))
const root = dirname(here)
const scenarios = join(root, "scenarios") + sep
const withScenarios = existsSync(join(here, "mod.ts")) && existsSync(join(here, "testing.ts"))

const scenarioImports = (): Plugin => ({
  name: "effect4-scenario-imports",
  enforce: "pre",
  async resolveId(source, importer, options) {
    if (importer === undefined || !importer.startsWith(scenarios)) return null
    if (source === "#line") return join(scenarios, "lines", "effect4.ts")
    if (source.startsWith("#line/")) return join(scenarios, "lines", `effect4-${source.slice("#line/".length)}.ts`)
    if (source.startsWith(".") || source.startsWith("/") || source.startsWith("node:")) return null
    return (await this.resolve(source, join(here, "vitest.config.ts"), { ...options, skipSelf: true })) ?? null
  },
})

export default defineConfig({
  root,
  plugins: [scenarioImports()],
  test: {
    include: ["effect4/test/**/*.test.ts"].concat(withScenarios ? ["scenarios/**/*.test.ts"] : []),
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
