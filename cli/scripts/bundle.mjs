// Bundles the CLI into one file, dist/quantive.js: main.ts with everything it imports (effect, @effect/*, the
// client from this repository's sources), as an ES module for Node 20.19+ (and Deno), starting with a hashbang.
// Run: `node scripts/bundle.mjs` (from anywhere). The bundle is what `bin` points at and what `npm pack` ships.
import * as esbuild from "esbuild"
import { chmodSync, mkdtempSync, renameSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

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

/** What both builds share: one ES module for Node 20 with its dependencies inside. */
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  legalComments: "none",
  logLevel: "warning",
  // The client from this repository's sources, whatever dist/ holds.
  alias: {
    "@effect-quantive/client/testing": join(root, "testing.ts"),
    "@effect-quantive/client": join(root, "mod.ts"),
  },
  // A few dependencies still call require() for Node's built-in modules.
  banner: {
    js:
      'import { createRequire as __quantiveRequire } from "node:module";\nconst require = __quantiveRequire(import.meta.url);',
  },
}

/**
 * The help of every command path, rendered by the program itself (src/help/render.ts, bundled to a temporary file
 * and run here), for the fast help of the bundle.
 */
const renderHelpTexts = async () => {
  const scratch = mkdtempSync(join(tmpdir(), "quantive-help-"))
  try {
    const renderer = join(scratch, "render.mjs")
    await esbuild.build({
      ...common,
      entryPoints: [join(here, "src", "help", "render.ts")],
      outfile: renderer,
      plugins: [withoutConfigFileParsers],
    })
    const { renderHelpTexts } = await import(pathToFileURL(renderer).href)
    return await renderHelpTexts()
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** src/help/texts.ts becomes the rendered texts. */
const withHelpTexts = (texts) => ({
  name: "with-help-texts",
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]help[\\/]texts\.ts$/ }, () => ({
      contents: `export const helpTexts = ${JSON.stringify(texts)}`,
      loader: "js",
    }))
  },
})

// Written beside the bundle, then renamed over it: a `quantive` started meanwhile (the README test and the CLI suite
// run side by side in `npm test`) runs the old bundle or the new one, never half of one.
const written = `${outfile}.${process.pid}.tmp`
await esbuild.build({
  ...common,
  entryPoints: [join(here, "main.ts")],
  outfile: written,
  minify: true,
  plugins: [withoutConfigFileParsers, withHelpTexts(await renderHelpTexts())],
})
chmodSync(written, 0o755)
renameSync(written, outfile)
