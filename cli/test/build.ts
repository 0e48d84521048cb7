// Global setup: bundles the CLI (cli/dist/quantive.js) once per run, for the tests that spawn it.
import { execFileSync } from "node:child_process"
import { join } from "node:path"
import { cliRoot } from "./helpers.ts"

export default function setup() {
  execFileSync(process.execPath, [join(cliRoot, "scripts", "bundle.mjs")], { stdio: "inherit" })
}
