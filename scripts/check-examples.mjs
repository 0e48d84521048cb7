#!/usr/bin/env node
// The JSDoc examples compile (part of `npm test`; alone: `node scripts/check-examples.mjs`).
//
// Every fenced ```ts block inside a JSDoc comment of lib/, core/, mod.ts, testing.ts and redis.ts (under an `@example`
// tag or not) is written, as written, to .examples/<file>.L<line>.ts (the line of its opening fence; the folder ignores
// itself in git), and all of them are type-checked in one program under the repository's strict flags
// (.examples/tsconfig.json, which the script writes: it extends tsconfig.json, allows unused names, and maps
// `@effect-quantive/client`, `/testing` and `/redis` to mod.ts, testing.ts and redis.ts). An example is a module of
// its own, imports included, as a user would write it: `tsc -p .examples/tsconfig.json` shows the same errors.
//
// Prints one line per example (its errors at their line in the source file) and `N passed, N failed` last; exits 1 on
// any failure, or when there is no example at all.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { join, relative, sep } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const root = fileURLToPath(new URL("..", import.meta.url))
const out = join(root, ".examples")
const rel = (file) => relative(root, file).split(sep).join("/")
const started = Date.now()

const walk = (dir) =>
  !existsSync(dir) ? [] : readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) return []
    if (statSync(path).isDirectory()) return walk(path)
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : []
  })
const files = [
  ...["mod.ts", "testing.ts", "redis.ts"].map((f) => join(root, f)).filter(existsSync),
  ...walk(join(root, "lib")),
  ...walk(join(root, "core")),
]

// The examples: fenced ts blocks in JSDoc comments, with the source line of each code line.
const examples = []
for (const file of files) {
  const text = readFileSync(file, "utf8")
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const firstLine = text.slice(0, comment.index).split("\n").length
    const lines = comment[0].split("\n").map((line, i) => ({
      line: firstLine + i,
      text: i === 0 ? line.replace(/^\/\*\*\s?/, "") : line.replace(/^\s*\*(?!\/) ?/, "").replace(/\s*\*\/$/, ""),
    }))
    let tag = undefined
    for (let i = 0; i < lines.length; i++) {
      const tagged = /^\s*@(\w+)/.exec(lines[i].text)
      if (tagged) tag = tagged[1]
      const fence = /^\s*```(ts|typescript)\s*$/.exec(lines[i].text)
      if (fence === null) continue
      const indent = /^\s*/.exec(lines[i].text)[0].length
      let end = i + 1
      while (end < lines.length && !/^\s*```\s*$/.test(lines[end].text)) end++
      const code = lines.slice(i + 1, end).map((l) => ({ line: l.line, text: l.text.slice(indent) }))
      const name = `${rel(file).replace(/\.ts$/, "").replace(/[/\\]/g, "_")}.L${lines[i].line}.ts`
      examples.push({ file: rel(file), line: lines[i].line, tagged: tag === "example", code, name, errors: [] })
      i = end
    }
  }
}

// The example files and their program.
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
writeFileSync(join(out, ".gitignore"), "*\n")
const HEADER = 1
for (const example of examples) {
  writeFileSync(
    join(out, example.name),
    [
      `// ${example.file}:${example.line}, written by scripts/check-examples.mjs`,
      ...example.code.map((l) => l.text),
      "export {}",
      "",
    ].join("\n"),
  )
}
const tsconfig = {
  extends: "../tsconfig.json",
  compilerOptions: {
    noEmit: true,
    declaration: false,
    sourceMap: false,
    noUnusedLocals: false,
    noUnusedParameters: false,
    paths: {
      "@effect-quantive/client": ["../mod.ts"],
      "@effect-quantive/client/testing": ["../testing.ts"],
      "@effect-quantive/client/redis": ["../redis.ts"],
    },
  },
  include: ["./*.ts"],
  exclude: [],
}
writeFileSync(join(out, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`)

const results = []
const outside = []
if (examples.length > 0) {
  const configFile = join(out, "tsconfig.json")
  const config = ts.getParsedCommandLineOfConfigFile(configFile, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => outside.push(ts.flattenDiagnosticMessageText(d.messageText, "\n")),
  })
  if (config === undefined) {
    outside.push("cannot read .examples/tsconfig.json")
  } else {
    for (const d of config.errors) outside.push(ts.flattenDiagnosticMessageText(d.messageText, "\n"))
    const program = ts.createProgram(config.fileNames, config.options)
    const byName = new Map(examples.map((e) => [join(out, e.name), e]))
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      const message = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n      ")}`
      const example = diagnostic.file && byName.get(diagnostic.file.fileName)
      if (!example) {
        const where = diagnostic.file
          ? `${rel(diagnostic.file.fileName)}:${
            diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1
          }`
          : "tsc"
        outside.push(`${where}: ${message}`)
        continue
      }
      const at = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line - HEADER
      const line = example.code[Math.min(Math.max(at, 0), example.code.length - 1)]?.line ?? example.line
      const error = `${example.file}:${line}: ${message}`
      if (!example.errors.includes(error)) example.errors.push(error)
    }
  }
}

for (const example of examples) {
  const ok = example.errors.length === 0
  const what = `${example.file}:${example.line}${example.tagged ? " (@example)" : ""} -> .examples/${example.name}`
  console.log(`${ok ? "ok" : "not ok"} - ${what}`)
  for (const error of example.errors) console.log(`    ${error}`)
  results.push(ok)
}
if (outside.length > 0) {
  console.log("not ok - the program around the examples type-checks")
  for (const error of outside) console.log(`    ${error}`)
  results.push(false)
}
if (examples.length === 0) {
  console.log("not ok - there are examples to check")
  results.push(false)
}
const passed = results.filter(Boolean).length
const tagged = examples.filter((e) => e.tagged).length
console.log(
  `examples (${((Date.now() - started) / 1000).toFixed(1)}s; ${examples.length} in ${
    new Set(examples.map((e) => e.file)).size
  } files, ${tagged} under @example): ${passed} passed, ${results.length - passed} failed`,
)
process.exit(results.every(Boolean) ? 0 : 1)
