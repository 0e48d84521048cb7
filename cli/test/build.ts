// Global setup: builds the client's dist/ when it is missing (the CLI imports the package's public entry points,
// which resolve to it) and the CLI's dist/, once per run.
import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { cliRoot, repoRoot } from "./helpers.ts"

export default function setup() {
  const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc")
  if (!existsSync(join(repoRoot, "dist", "mod.js")) || !existsSync(join(repoRoot, "dist", "testing.js"))) {
    execFileSync(process.execPath, [tsc, "-p", join(repoRoot, "tsconfig.build.json")], { stdio: "inherit" })
  }
  execFileSync(process.execPath, [tsc, "-p", join(cliRoot, "tsconfig.json")], { stdio: "inherit" })
}
