// prepack / postpack of @effect-quantive/cli.
//
// In this repo the CLI depends on the client as `file:..` (an npm workspace link), which would be meaningless in the
// published package. `prepack` builds dist/ and rewrites that dependency to `^<the client's version>` (read from the
// root package.json); `postpack` puts the file back as it was. Run: `node scripts/pack.mjs prepack|postpack`.
import { execFileSync } from "node:child_process"
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = join(dirname(fileURLToPath(import.meta.url)), "..")
const manifest = join(here, "package.json")
const saved = join(here, "package.json.in-repo")
const step = process.argv[2]

if (step === "prepack") {
  execFileSync(process.execPath, [join(here, "..", "node_modules", "typescript", "bin", "tsc"), "-p", here], {
    stdio: "inherit",
  })
  const client = JSON.parse(readFileSync(join(here, "..", "package.json"), "utf8"))
  const pkg = JSON.parse(readFileSync(manifest, "utf8"))
  if (pkg.dependencies[client.name]?.startsWith("file:")) {
    copyFileSync(manifest, saved)
    pkg.dependencies[client.name] = `^${client.version}`
    writeFileSync(manifest, JSON.stringify(pkg, null, 2) + "\n")
  }
} else if (step === "postpack") {
  if (existsSync(saved)) renameSync(saved, manifest)
} else {
  console.error("usage: node scripts/pack.mjs prepack|postpack")
  process.exit(2)
}
