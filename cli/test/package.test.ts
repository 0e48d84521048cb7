// The packed package: `npm pack` of cli/ makes a tarball holding the bundle alone, with no dependency; installed by
// itself into an empty project (offline: there is nothing to fetch), `quantive` answers --help and runs a job
// against the embedded fake; Deno runs the same bundle.
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cliRoot, repoRoot, run } from "./helpers.ts"

let dir: string
let tarball: string

const npm = (args: ReadonlyArray<string>, cwd: string) =>
  execFileSync("npm", [...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 })

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "quantive-cli-pack-"))
  const packed = JSON.parse(npm(["pack", "--json", "--pack-destination", dir], cliRoot)) as Array<{
    readonly filename: string
    readonly files: ReadonlyArray<{ readonly path: string }>
  }>
  tarball = join(dir, packed[0]!.filename)
  expect(packed[0]!.files.map((file) => file.path).sort()).toEqual(["README.md", "dist/quantive.js", "package.json"])
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("the packed CLI", () => {
  it("installs alone from its tarball and runs --help and a --demo job", async () => {
    const project = join(dir, "project")
    execFileSync("mkdir", [project])
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "try-quantive", private: true }))
    npm(["install", "--offline", "--no-audit", "--no-fund", tarball], project)
    // Nothing but the CLI itself was installed.
    expect(readdirSync(join(project, "node_modules")).sort()).toEqual([
      ".bin",
      ".package-lock.json",
      "@effect-quantive",
    ])
    expect(readdirSync(join(project, "node_modules", "@effect-quantive"))).toEqual(["cli"])
    // npx resolves the bin of the project it runs in.
    const inProject = await run("sh", ["-c", `cd "${project}" && npx --no-install quantive --help`])
    expect(inProject.stderr).toBe("")
    expect(inProject.code).toBe(0)
    expect(inProject.stdout).toContain("USAGE")
    expect(inProject.stdout).toContain("EXIT CODES")
    const demo = await run(join(project, "node_modules", ".bin", "quantive"), [
      "users",
      "export",
      "--demo",
      "--format",
      "table",
    ])
    expect(demo.stderr).toBe("")
    expect(demo.code).toBe(0)
    const lines = demo.stdout.trimEnd().split("\n")
    expect(lines[0]).toMatch(/^id\s+email\s+firstName\s+lastName\s+isActive$/)
    expect(lines).toHaveLength(25 + 2)
  })

  it("runs on Deno from the same bundle", async () => {
    // Deno comes with the repository's devDependencies.
    const deno = join(repoRoot, "node_modules", ".bin", "deno")
    expect(existsSync(deno)).toBe(true)
    const bundle = join(cliRoot, "dist", "quantive.js")
    const help = await run(deno, ["run", "-A", bundle, "--help"])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("EXIT CODES")
    const account = await run(deno, ["run", "-A", bundle, "account", "--demo", "--json"])
    expect(account.stderr).toBe("")
    expect(account.code).toBe(0)
    expect(JSON.parse(account.stdout)).toMatchObject({ name: expect.any(String), domain: expect.any(String) })
  })
})
