#!/usr/bin/env node
// The README's code is tested on both lines of the client (part of `npm test`; alone: `npm run test:readme`, the
// Effect 3 line, and `node scripts/readme-test.mjs --line 4`, the Effect 4 line).
//
// Every ```ts block of README.md is extracted into .readme-test/readme-L<line>.ts (the line of its opening fence),
// type-checked in one `tsc` run against this repository's build, which this script brings up to date first
// (test/readme/tsconfig.json maps `@effect-quantive/client` and its entries to dist/*.d.ts: the declarations the
// package ships, and four times faster to check against than the sources), and the whole programs among them are run
// on Node against the fake server.
//
// With `--line 4` the same blocks are checked on the Effect 4 line (effect4/), changed as the README's migration list
// says (scripts/readme/lines.mjs: `@effect/platform` becomes `effect/http`, and Effect's own renames): written to
// effect4/.readme-test/, type-checked by effect4's tsc on its Node 22 against effect4's build declarations
// (test/readme/tsconfig.effect4.json, the same strict flags), and run on Node 22 against effect4's fake. The whole
// script then runs on that Node. A block whose marker says `Effect 3 only` (with its reason) is not checked there.
//
// What a block is, by simple rules (an HTML comment on the line before the fence, `<!-- readme-test: MODE -->`,
// overrides them):
// - `program`: it has `import` lines and runs something (`Effect.runPromise`, `runFork`, `runSync`, `runMain`). It is
//   type-checked as written, then transpiled (the package's imports pointing at dist/, which this script builds)
//   and run with Node, with QUANTIVE_BASE_URL, QUANTIVE_TOKEN and QUANTIVE_ACCOUNT_ID pointing at a fresh
//   `FakeQuantive.listen` socket. It passes if it exits 0 within 60 s (an Effect that fails rejects, so it exits 1).
// - `module`: it has `import` lines and runs nothing (a library file such as the retry recipes): type-checked only.
// - `fragment`: no `import` lines. It is wrapped, not edited: the names it uses from `effect`, `@effect/platform`,
//   `@effect-quantive/client` and its `/testing` entry are imported, and its code becomes the body of an
//   `Effect.gen(function* () { ... })`. A service it uses by its usual local name without binding it
//   (`accounts`, `users`, `badges`, `legacyUsers`) is bound first (`const users = yield* Users`). A line ending in
//   `// type error` must not compile: it gets a `// @ts-expect-error` above it, so it fails the check if it compiles.
//   `import` lines in a block marked `fragment` are hoisted out of the wrapper. Type-checked only.
// - `skip`: not extracted (say why in the comment: `<!-- readme-test: skip, shows a type error on purpose -->`).
// - `vitest`: a test file for the user's own vitest project (`@effect/vitest`'s `it.effect`): type-checked here;
//   scripts/package-test.mjs runs it with vitest in a project outside the repository, from the packed package. On the
//   Effect 4 line it is also run here, with effect4's vitest on Node 22 against effect4's build.
//
// Programs must print something (their result) on stdout. A fragment marked `<!-- readme-test: fragment, run with
// users=500, last line "500 of 500" -->` is also run, on Node, against `FakeQuantive.layer({ users: 500 })`, and passes
// if it succeeds and its last line of output is the one quoted.
//
// The blocks are type-checked under the strict flags the README recommends (`strict`, `exactOptionalPropertyTypes`,
// `noUncheckedIndexedAccess`: test/readme/tsconfig.json).
//
// A ```sh block marked `<!-- readme-test: cli -->` is the CLI's: each of its lines that carries `--demo` is run with
// `sh` in a fresh temporary directory, `quantive` being the built CLI (`node cli/dist/quantive.js`), and passes if it
// exits 0. Until cli/dist/quantive.js exists, those lines are listed and not run.
//
// Prints one line per check and `N passed, N failed` last; exits 1 on any failure.
import { spawn, spawnSync } from "node:child_process"
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import ts from "typescript"
import { lineOf } from "./readme/lines.mjs"

const root = fileURLToPath(new URL("..", import.meta.url))
const lineArgument = process.argv.indexOf("--line")
const client = lineOf(root, lineArgument === -1 ? 3 : Number(process.argv[lineArgument + 1]))
// The Effect 4 line's checks run on its own Node (22): this script starts again on it.
if (realpathSync(client.node) !== realpathSync(process.execPath) && process.env.README_TEST_RESTARTED === undefined) {
  const again = spawnSync(client.node, process.argv.slice(1), {
    stdio: "inherit",
    env: { ...process.env, README_TEST_RESTARTED: "1" },
  })
  process.exit(again.status ?? 1)
}
const out = client.out
const started = Date.now()
const results = []
const report = (name, ok, detail, seconds) => {
  const shown = client.number === 3 ? name : `${client.label}: ${name}`
  console.log(`${ok ? "ok" : "not ok"} - ${shown} (${seconds.toFixed(1)}s)`)
  if (!ok && detail.trim() !== "") {
    const detailLines = detail.trim().split("\n")
    const tail = detailLines.length > 40 ? ["(... the last 40 lines)", ...detailLines.slice(-40)] : detailLines
    console.log(tail.join("\n").replace(/^/gm, "    "))
  }
  results.push(ok)
}
const finish = () => {
  const passed = results.filter(Boolean).length
  const failed = results.length - passed
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(`readme test, ${client.label} line (${seconds}s): ${passed} passed, ${failed} failed`)
  process.exit(failed === 0 ? 0 : 1)
}

// The package's public names, to import what a fragment uses. The build also gives the programs something to run.
const build = spawnSync(process.execPath, [client.build], { encoding: "utf8" })
if (build.status !== 0) {
  report(`build (${client.build.slice(root.length)})`, false, `${build.stdout}${build.stderr}`, 0)
  finish()
}
const entries = client.entries
const exportsOf = async (specifier) => Object.keys(await import(specifier))
const modules = [
  ...await Promise.all(client.modules.map(async ([specifier, source]) => [specifier, await exportsOf(source)])),
  ["@effect-quantive/client", await exportsOf(pathToFileURL(entries["@effect-quantive/client"]).href)],
  ["@effect-quantive/client/testing", await exportsOf(pathToFileURL(entries["@effect-quantive/client/testing"]).href)],
]
const services = { accounts: "Accounts", users: "Users", badges: "Badges", legacyUsers: "LegacyUsers" }

// Extract the blocks.
const lines = readFileSync(join(root, "README.md"), "utf8").split("\n")
const blocks = []
const cliLines = []
for (let i = 0; i < lines.length; i++) {
  const fence = /^```(\S*)\s*$/.exec(lines[i])
  if (fence === null) continue
  const start = i
  let end = i + 1
  while (end < lines.length && !/^```\s*$/.test(lines[end])) end++
  i = end
  let before = start - 1
  while (before >= 0 && lines[before].trim() === "") before--
  const marker = before >= 0 ? /^<!--\s*readme-test:\s*(\w+)(.*?)-->/.exec(lines[before]) : null
  const code = client.migrate(lines.slice(start + 1, end).join("\n"))
  if ((fence[1] === "sh" || fence[1] === "bash") && marker?.[1] === "cli") {
    if (client.number !== 3) continue // the CLI carries its own Effect: its lines are checked once, with line 3
    lines.slice(start + 1, end).forEach((line, k) => {
      if (/(^|\s)--demo(\s|$)/.test(line)) cliLines.push({ line: start + 2 + k, command: line.replace(/\s+#.*$/, "") })
    })
    continue
  }
  if (fence[1] !== "ts" && fence[1] !== "typescript") continue
  const hasImports = /^import\s/m.test(code)
  const runs = /\bEffect\.run(Promise|Fork|Sync|Main)\b|\brunMain\b/.test(code)
  const mode = marker?.[1] ?? (hasImports ? (runs ? "program" : "module") : "fragment")
  if (!["program", "module", "fragment", "skip", "vitest"].includes(mode)) {
    report(`README.md line ${start + 1}: a known readme-test mode`, false, `unknown mode "${mode}"`, 0)
    continue
  }
  const options = marker?.[2] ?? ""
  const runWith = /\brun with users=(\d+)/.exec(options)
  const lastLine = /\blast line "([^"]*)"/.exec(options)
  const run = mode === "fragment" && runWith !== null
    ? { users: Number(runWith[1]), lastLine: lastLine?.[1] }
    : undefined
  if (client.number !== 3 && /\bEffect 3 only\b/.test(options)) {
    console.log(`note: README.md line ${start + 1} is marked Effect 3 only: not checked on the ${client.label} line`)
    continue
  }
  if (mode !== "skip") blocks.push({ line: start + 1, mode, code, run, file: `readme-L${start + 1}.ts` })
}

const wrapFragment = (code) => {
  const imports = code.split("\n").filter((line) => /^import\s/.test(line))
  const body = code.split("\n").filter((line) => !/^import\s/.test(line))
    .flatMap((line) =>
      /\/\/\s*type error\b/.test(line)
        ? [`${/^\s*/.exec(line)[0]}// @ts-expect-error the README says this line is a type error`, line]
        : [line]
    )
  const text = body.join("\n")
  // Identifiers, not property names (`.pipe` is no reason to import `pipe`).
  const used = new Set(text.match(/(?<![.\w$])[A-Za-z_$][\w$]*/g) ?? [])
  const bindings = Object.entries(services)
    .filter(([local]) => used.has(local) && !new RegExp(`\\b(const|let|var)\\s+${local}\\b`).test(text))
  for (const [, service] of bindings) used.add(service)
  used.add("Effect") // the wrapper's Effect.gen
  const imported = new Set(imports.flatMap((line) => line.match(/\b[A-Za-z_$][\w$]*\b/g) ?? []))
  const declared = new Set(
    [...text.matchAll(/\b(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]),
  )
  const prelude = []
  const taken = new Set()
  for (const [specifier, names] of modules) {
    const wanted = names.filter((name) =>
      used.has(name) && !imported.has(name) && !declared.has(name) && !taken.has(name)
    )
    for (const name of wanted) taken.add(name)
    if (wanted.length > 0) prelude.push(`import { ${wanted.join(", ")} } from "${specifier}"`)
  }
  return [
    "// Generated by scripts/readme-test.mjs from a README fragment: imports and the Effect.gen wrapper added.",
    ...imports,
    ...prelude,
    "",
    "export const fragment = Effect.gen(function* () {",
    ...bindings.map(([local, service]) => `  const ${local} = yield* ${service}`),
    ...body.map((line) => (line === "" ? "" : `  ${line}`)),
    "})",
    "",
  ].join("\n")
}

mkdirSync(out, { recursive: true })
for (const name of readdirSync(out)) if (name.startsWith("readme-L")) rmSync(join(out, name))
for (const block of blocks) {
  const text = block.mode === "fragment"
    ? wrapFragment(block.code)
    : `// Generated by scripts/readme-test.mjs: README.md line ${block.line}, as written.\n${block.code}\n`
  writeFileSync(join(out, block.file), text)
}

// Type-check every block in one program.
{
  const t0 = Date.now()
  const tsc = spawnSync(
    process.execPath,
    [client.tsc, "-p", client.tsconfig],
    { encoding: "utf8", cwd: root },
  )
  const counts = blocks.reduce((acc, b) => ({ ...acc, [b.mode]: (acc[b.mode] ?? 0) + 1 }), {})
  const summary = Object.entries(counts).map(([mode, n]) => `${n} ${mode}${n === 1 ? "" : "s"}`).join(", ")
  report(
    `tsc: the README's ${blocks.length} ts blocks (${summary}) type-check`,
    tsc.status === 0 && blocks.length > 0,
    `${tsc.stdout}${tsc.stderr}`.replace(
      /\.readme-test\/readme-L(\d+)\.ts/g,
      `.readme-test/readme-L$1.ts (README.md:$1${client.number === 3 ? "" : `, on the ${client.label} line`})`,
    ),
    (Date.now() - t0) / 1000,
  )
}

// Run the programs, each against a fresh fake on its own loopback socket.
const { FakeQuantive } = await import(pathToFileURL(entries["@effect-quantive/client/testing"]).href)
const runProgram = (file, env) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [file], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    let stdout = ""
    child.stdout.on("data", (chunk) => {
      output += chunk
      stdout += chunk
    })
    child.stderr.on("data", (chunk) => (output += chunk))
    const timer = setTimeout(() => {
      output += "\n(killed after 60 s)"
      child.kill("SIGKILL")
    }, 60_000)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ ok: code === 0, output, stdout })
    })
  })

/** TypeScript to a Node module, the package's imports pointing at dist/. */
const transpile = (code, fileName) =>
  ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    fileName,
  }).outputText.replace(
    /(from\s+|import\s*\(\s*)(["'])(@effect-quantive\/client(?:\/testing|\/redis)?)\2/g,
    (all, prefix, quote, specifier) => `${prefix}${quote}${pathToFileURL(entries[specifier]).href}${quote}`,
  )

for (const block of blocks.filter((b) => b.mode === "program")) {
  const t0 = Date.now()
  const js = transpile(block.code, block.file)
  const file = join(out, block.file.replace(/\.ts$/, ".mjs"))
  writeFileSync(file, js)
  const fake = FakeQuantive.make({ seed: 1 })
  const server = await FakeQuantive.listen(fake)
  try {
    const result = await runProgram(file, {
      QUANTIVE_BASE_URL: server.baseUrl,
      QUANTIVE_TOKEN: fake.token,
      QUANTIVE_ACCOUNT_ID: fake.accountId,
    })
    const printed = result.stdout.trim() !== ""
    const firstLine = result.stdout.trim().split("\n")[0]?.slice(0, 80) ?? ""
    report(
      `node runs the program at README.md line ${block.line} and it prints its result${
        printed ? ` (${firstLine})` : ""
      }`,
      result.ok && printed,
      printed ? result.output : `${result.output}\n(the program printed nothing on stdout)`,
      (Date.now() - t0) / 1000,
    )
  } finally {
    await server.close()
  }
}

// Fragments marked `run with users=N`: run against a fake of N users; their last line of output is checked.
for (const block of blocks.filter((b) => b.run !== undefined)) {
  const t0 = Date.now()
  const source = readFileSync(join(out, block.file), "utf8")
  const runner = [
    source,
    `import { FakeQuantive as ReadmeTestFake } from "@effect-quantive/client/testing"`,
    `await Effect.runPromise(fragment.pipe(Effect.provide(ReadmeTestFake.layer({ users: ${block.run.users} }))))`,
  ].join("\n")
  const file = join(out, block.file.replace(/\.ts$/, ".run.mjs"))
  writeFileSync(file, transpile(runner, block.file))
  const result = await runProgram(file, {})
  const last = result.stdout.trim().split("\n").at(-1) ?? ""
  const expected = block.run.lastLine
  report(
    `node runs the fragment at README.md line ${block.line} with ${block.run.users} users` +
      (expected === undefined ? "" : `: its last line is "${expected}"`),
    result.ok && (expected === undefined || last === expected),
    `${result.output}\n(last line: ${JSON.stringify(last)})`,
    (Date.now() - t0) / 1000,
  )
}

// On the Effect 4 line, the `vitest` blocks run here, with effect4's vitest on Node 22, the package's names pointing
// at effect4's build (on the Effect 3 line, scripts/package-test.mjs runs them from the packed package).
if (client.number === 4) {
  for (const block of blocks.filter((b) => b.mode === "vitest")) {
    const t0 = Date.now()
    const file = block.file.replace(/\.ts$/, ".test.ts")
    writeFileSync(join(out, file), `${block.code}\n`)
    const alias = Object.entries(entries)
      .map(([specifier, path]) =>
        `{ find: /^${specifier.replace(/\//g, "\\/")}$/, replacement: ${JSON.stringify(path)} }`
      )
    const config = join(out, "vitest.config.mjs")
    writeFileSync(
      config,
      "// Generated by scripts/readme-test.mjs: runs a README test file against effect4's build.\n" +
        `export default { resolve: { alias: [${alias.join(", ")}] }, test: { include: [${JSON.stringify(file)}] } }\n`,
    )
    const vitest = join(root, "effect4", "node_modules", "vitest", "vitest.mjs")
    const result = spawnSync(process.execPath, [vitest, "run", "--root", out, "--config", config], {
      encoding: "utf8",
      cwd: out,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      timeout: 120_000,
    })
    const output = `${result.stdout}${result.stderr}`
    const tests = /Tests\s+(\d+) passed/.exec(output)
    report(
      `vitest runs the test file at README.md line ${block.line}${tests === null ? "" : ` (${tests[1]} tests passed)`}`,
      result.status === 0 && tests !== null,
      output,
      (Date.now() - t0) / 1000,
    )
  }
}

// The CLI's lines (```sh blocks marked `cli`, lines with --demo), against the built CLI.
const cli = join(root, "cli", "dist", "quantive.js")
if (cliLines.length > 0 && !existsSync(cli)) {
  console.log(`note: ${cliLines.length} CLI line(s) of the README not run: cli/dist/quantive.js is not built`)
} else {
  for (const { line, command } of cliLines) {
    const t0 = Date.now()
    const dir = mkdtempSync(join(tmpdir(), "quantive-readme-cli-"))
    try {
      const script = `quantive() { ${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} "$@"; }\n${command}\n`
      const result = spawnSync("sh", ["-c", script], { cwd: dir, encoding: "utf8", timeout: 60_000 })
      report(
        `README.md line ${line}: \`${command.trim()}\` exits 0`,
        result.status === 0,
        `${result.stdout}${result.stderr}`,
        (Date.now() - t0) / 1000,
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

finish()
