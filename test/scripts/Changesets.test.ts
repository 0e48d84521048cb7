/**
 * The changelogs are kept with changesets: the configuration is valid, both packages (the client at the root and
 * the CLI) are seen, and `changeset version` turns the pending changesets into each package's `CHANGELOG.md` entry
 * and version bump. Run on a copy of the manifests, so the repository is left as it is.
 */
import { spawnSync } from "node:child_process"
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("../..", import.meta.url))
const work = mkdtempSync(join(tmpdir(), "quantive-changesets-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const pending = () =>
  readdirSync(join(root, ".changeset")).filter((name) => name.endsWith(".md") && name !== "README.md")

/** The bump and the summary of every pending changeset, per package. */
const expectations = () => {
  const byPackage = new Map<string, Array<{ bump: string; summary: string }>>()
  for (const name of pending()) {
    const text = readFileSync(join(root, ".changeset", name), "utf8")
    const [, front = "", summary = ""] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? []
    for (const [, pkg, bump] of front.matchAll(/^"([^"]+)":\s*(\w+)\s*$/gm)) {
      byPackage.set(pkg!, [...(byPackage.get(pkg!) ?? []), { bump: bump!, summary: summary.trim() }])
    }
  }
  return byPackage
}

describe.skipIf("Deno" in globalThis)("changesets", () => {
  it("every pending changeset names a package of the repository with a known bump", () => {
    const names = new Set(
      [join(root, "package.json"), join(root, "cli", "package.json")].map((file) =>
        JSON.parse(readFileSync(file, "utf8")).name as string
      ),
    )
    const found = expectations()
    expect(found.size).toBeGreaterThan(0)
    for (const [pkg, entries] of found) {
      expect(names).toContain(pkg)
      for (const entry of entries) expect(["patch", "minor", "major"]).toContain(entry.bump)
    }
  })

  it("changeset version writes each package's CHANGELOG.md entry and bumps its version", () => {
    const copy = join(work, "repo")
    mkdirSync(join(copy, "cli"), { recursive: true })
    for (const file of ["package.json", "CHANGELOG.md", "cli/package.json", "cli/CHANGELOG.md"]) {
      cpSync(join(root, file), join(copy, file))
    }
    cpSync(join(root, ".changeset"), join(copy, ".changeset"), { recursive: true })
    symlinkSync(join(root, "node_modules"), join(copy, "node_modules"), "dir")
    const before = {
      client: JSON.parse(readFileSync(join(copy, "package.json"), "utf8")).version as string,
      cli: JSON.parse(readFileSync(join(copy, "cli", "package.json"), "utf8")).version as string,
    }
    const result = spawnSync(
      process.execPath,
      [join(root, "node_modules", "@changesets", "cli", "bin.js"), "version"],
      {
        cwd: copy,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1", CI: "1" },
      },
    )
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0)
    const found = expectations()
    for (const [dir, key] of [[".", "client"], ["cli", "cli"]] as const) {
      const manifest = JSON.parse(readFileSync(join(copy, dir, "package.json"), "utf8"))
      const entries = found.get(manifest.name) ?? []
      const changelog = readFileSync(join(copy, dir, "CHANGELOG.md"), "utf8")
      if (entries.length === 0) {
        expect(manifest.version).toBe(before[key])
        continue
      }
      expect(manifest.version).not.toBe(before[key])
      expect(changelog).toContain(`## ${manifest.version}`)
      for (const entry of entries) expect(changelog).toContain(entry.summary.split("\n")[0])
      expect(changelog.startsWith(`# ${manifest.name}\n`)).toBe(true)
    }
    expect(readdirSync(join(copy, ".changeset")).filter((name) => name.endsWith(".md"))).toEqual(["README.md"])
  }, 60_000)
})
