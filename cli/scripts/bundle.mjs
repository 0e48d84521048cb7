// Bundles the CLI into one file, dist/quantive.js: main.ts with everything it imports (effect, @effect/*, the
// client from this repository's sources), as an ES module for Node 20.19+ (and Deno), starting with a hashbang.
// Run: `node scripts/bundle.mjs` (from anywhere). The bundle is what `bin` points at and what `npm pack` ships.
import * as esbuild from "esbuild"
import { chmodSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = join(dirname(fileURLToPath(import.meta.url)), "..")
const root = join(here, "..")
const outfile = join(here, "dist", "quantive.js")

/**
 * `@effect/cli` reads YAML and TOML for options that parse a configuration file, which `quantive` has none of: its
 * parsers are left out of the bundle (a sixth of it), and a call to them would fail saying so.
 */
const withoutConfigFileParsers = {
  name: "without-config-file-parsers",
  setup(build) {
    build.onResolve({ filter: /^(yaml|toml)$/ }, (args) => ({ path: args.path, namespace: "left-out" }))
    build.onLoad({ filter: /.*/, namespace: "left-out" }, (args) => ({
      contents: `export const parse = () => { throw new Error("quantive is bundled without the ${args.path} parser") }`,
      loader: "js",
    }))
  },
}

await esbuild.build({
  entryPoints: [join(here, "main.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  // The client from this repository's sources, whatever dist/ holds.
  alias: {
    "@effect-quantive/client/testing": join(root, "testing.ts"),
    "@effect-quantive/client": join(root, "mod.ts"),
  },
  plugins: [withoutConfigFileParsers],
  // A few dependencies still call require() for Node's built-in modules.
  banner: {
    js:
      'import { createRequire as __quantiveRequire } from "node:module";\nconst require = __quantiveRequire(import.meta.url);',
  },
})
chmodSync(outfile, 0o755)
