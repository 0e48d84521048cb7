// prepack of @effect-quantive/cli: bundles dist/quantive.js, the one file the package ships besides its README (its
// dependencies are inside it, so the package has none). Run: `node scripts/pack.mjs`.
import { execFileSync } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = join(dirname(fileURLToPath(import.meta.url)), "..")
execFileSync(process.execPath, [join(here, "scripts", "bundle.mjs")], { stdio: "inherit" })
