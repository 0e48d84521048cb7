#!/usr/bin/env node
// The packed-package test of the Effect 4 package (`npm run test:package` in effect4/).
//
// What a user gets from npm, tried from outside the repository, on Node 22 (effect4/node_modules/.bin/node, which
// also runs npm and tsc here):
//   1. `npm pack` (its `prepack` builds dist/) into a temporary directory under os.tmpdir(): the tarball holds
//      dist/effect4 (JS, source maps, declarations of mod, testing, redis and every public module, each a subpath of
//      `exports`), dist/core (the shared core, compiled), README.md, LICENSE and package.json; no test, no bench, no
//      script and no .ts source.
//   2. A fresh project runs the README's install line with the tarball in the package's place,
//      `npm install <tarball> effect`, against the npm registry: it succeeds without ERESOLVE and `effect` resolves
//      to a 4.x. Then the user's own toolchain: `npm install -D typescript@5.9 @types/node@22`.
//   3. effect4/README.md's first program is package-test/main.ts, byte for byte. `tsc` type-checks it (strict,
//      exactOptionalPropertyTypes, noUncheckedIndexedAccess, NodeNext, lib ES2022 with Node's types and no DOM) and
//      every other ```ts block of that README against the shipped declarations; Node 22 runs it, compiled and as
//      `node main.ts`: it prints the fake's account name and three of its users' emails, as the installed fake
//      itself reports them for that seed. (The options are in tsconfig.node.json, not tsconfig.json: Deno 2 reads a
//      project's tsconfig.json, and its `lib` without DOM would hide `console` from `deno check`.) A CommonJS file
//      require()s the package (require(esm)).
//   4. Deno (the root's node_modules/.bin/deno) type-checks main.ts and the README's blocks and runs main.ts from
//      that project (package.json + node_modules, no deno.json, no import map), with the same output.
//   5. publint on the installed package and `attw --profile esm-only` on the tarball (the root's devDependencies).
//   6. With `effect` 3.22.4 installed instead (a stub), importing the package fails at once, on Node and on Deno,
//      with the one line that says which version to install.
// Each step is one check. Prints `N passed, N failed` last; exits 1 on any failure. Keeps the directory with
// `--keep`; `--verbose` shows every command's output.
import { spawnSync } from "node:child_process"
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = fileURLToPath(new URL("..", import.meta.url))
const repository = dirname(here.replace(/[\\/]$/, ""))
const fixtures = join(here, "package-test")
const node = existsSync(join(here, "node_modules", ".bin", "node"))
  ? join(here, "node_modules", ".bin", "node")
  : process.execPath
const deno = join(repository, "node_modules", ".bin", "deno")
const work = mkdtempSync(join(tmpdir(), "effect-quantive-effect4-package-"))
const project = join(work, "project")
const manifest = JSON.parse(readFileSync(join(here, "package.json"), "utf8"))

/** npm's own script, run with Node 22 (`npm` on the PATH may be run by another Node). */
const npmCli = (() => {
  const candidates = [process.env.npm_execpath]
  const which = spawnSync("sh", ["-c", "command -v npm"], { encoding: "utf8" })
  if (which.status === 0 && which.stdout.trim() !== "") {
    candidates.push(join(dirname(realpathSync(which.stdout.trim())), "npm-cli.js"))
  }
  candidates.push(join(dirname(process.execPath), "..", "lib", "node_modules", "npm", "bin", "npm-cli.js"))
  return candidates.find((path) => path !== undefined && /npm-cli\.js$/.test(path) && existsSync(path))
})()

const results = []
const started = Date.now()

/** Runs a command; its output is shown only when it fails (or with --verbose). */
const run = (command, args, options = {}) => {
  const env = { ...process.env, ...options.env }
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key]
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? here,
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  })
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`
  return { ok: result.status === 0, output, stdout: result.stdout ?? "" }
}
// npm with Node 22 on its PATH first, so that lifecycle scripts (`prepack`) and `engines` see Node 22 as well.
const npm = (args, options = {}) =>
  run(node, [npmCli, ...args, "--no-audit", "--no-fund", "--no-update-notifier"], {
    ...options,
    env: { PATH: `${dirname(node)}:${process.env.PATH}`, npm_config_loglevel: "warn", ...options.env },
  })

const check = (name, body) => {
  const start = Date.now()
  let ok = false
  let detail = ""
  try {
    const outcome = body()
    ok = outcome.ok
    detail = outcome.output ?? ""
  } catch (error) {
    detail = error instanceof Error ? error.stack ?? error.message : String(error)
  }
  const seconds = ((Date.now() - start) / 1000).toFixed(1)
  console.log(`${ok ? "ok" : "not ok"} - ${name} (${seconds}s)`)
  if (!ok || process.argv.includes("--verbose")) console.log(detail.trim().replace(/^/gm, "    "))
  results.push(ok)
  return ok
}

const fail = (output) => ({ ok: false, output })

if (npmCli === undefined) {
  check("npm's npm-cli.js is found", () => fail("no npm-cli.js beside `npm` on the PATH nor beside this Node"))
}

// 1. npm pack
let tarball
const packed = npmCli !== undefined && check("npm pack (prepack builds dist/)", () => {
  const result = npm(["pack", "--pack-destination", work, "--json"])
  if (!result.ok) return result
  const [info] = JSON.parse(result.stdout.slice(result.stdout.indexOf("[")))
  tarball = join(work, info.filename)
  const files = new Set(info.files.map((file) => file.path))
  const problems = []
  const required = ["package.json", "README.md", "LICENSE"]
  for (const name of ["mod", "testing", "redis"]) {
    required.push(`dist/effect4/${name}.js`, `dist/effect4/${name}.d.ts`, `dist/effect4/lib/internal/entry/${name}.js`)
  }
  // The core compiled in: the fake server and the operation tables the modules import.
  required.push("dist/core/src/fake/socket.js", "dist/core/src/api/accounts.js", "dist/core/src/order.js")
  const missing = required.filter((file) => !files.has(file))
  if (missing.length > 0) problems.push(`missing: ${missing.join(", ")}`)
  // Every public module (dist/effect4/lib/X.d.ts, not internal/) is an entry point of its own (`./X`), as on the
  // root package, and every path `exports` names is in the tarball.
  const publicModules = [...files].flatMap((file) => /^dist\/effect4\/lib\/(\w+)\.d\.ts$/.exec(file)?.slice(1) ?? [])
  const sources = readdirNames(join(here, "lib")).filter((file) => file.endsWith(".ts")).map((f) => f.slice(0, -3))
  const absent = sources.filter((name) => !publicModules.includes(name))
  if (absent.length > 0) problems.push(`public modules not in dist: ${absent.join(", ")}`)
  const unexported = publicModules.filter((name) =>
    manifest.exports[`./${name}`]?.types !== `./dist/effect4/lib/${name}.d.ts` ||
    manifest.exports[`./${name}`]?.default !== `./dist/effect4/lib/${name}.js`
  )
  if (unexported.length > 0) problems.push(`public modules without a subpath in exports: ${unexported.join(", ")}`)
  const targetsOf = (value) =>
    typeof value === "string" ? [value.replace(/^\.\//, "")] : Object.values(value).flatMap(targetsOf)
  const dangling = targetsOf(manifest.exports).filter((target) => !files.has(target))
  if (dangling.length > 0) problems.push(`exports name files not in the tarball: ${dangling.join(", ")}`)
  // Nothing else: no test, bench, script, source or build info.
  const allowed = /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/(effect4|core\/src)\/.+\.(js|js\.map|d\.ts))$/
  const unwanted = [...files].filter((file) =>
    !allowed.test(file) || /(^|\/)(test|bench|scripts)\//.test(file) || /\.test\.(js|d\.ts)$/.test(file)
  )
  if (unwanted.length > 0) problems.push(`should not ship: ${unwanted.join(", ")}`)
  if (readFileSync(join(here, "LICENSE"), "utf8") !== readFileSync(join(repository, "LICENSE"), "utf8")) {
    problems.push("effect4/LICENSE differs from the repository's LICENSE")
  }
  if (problems.length > 0) return fail(problems.join("\n"))
  return {
    ok: true,
    output: `${info.filename}: ${info.entryCount} files, ${info.size} bytes packed, ${info.unpackedSize} unpacked`,
  }
})

function readdirNames(dir) {
  return existsSync(dir) ? spawnSync("ls", [dir], { encoding: "utf8" }).stdout.split("\n").filter(Boolean) : []
}

// 2. The README's install line, with the tarball in the package's place, in a fresh project.
const installed = packed && check("npm install <tarball> effect (the README's install line) in a fresh project", () => {
  mkdirSync(project, { recursive: true })
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "effect-quantive-consumer", private: true, type: "module" }, null, 2) + "\n",
  )
  const result = npm(["install", tarball, "effect"], { cwd: project })
  if (!result.ok) return result
  if (/ERESOLVE/.test(result.output)) return fail(`npm reported ERESOLVE:\n${result.output}`)
  const version = (name) =>
    JSON.parse(readFileSync(join(project, "node_modules", ...name.split("/"), "package.json"), "utf8")).version
  const effect = version("effect")
  const client = version("@effect-quantive/client")
  const dependencies = JSON.parse(readFileSync(join(project, "package.json"), "utf8")).dependencies ?? {}
  if (!/^4\./.test(effect)) return fail(`effect resolved to ${effect}, not a 4.x`)
  if (client !== manifest.version) {
    return fail(`installed @effect-quantive/client ${client}, packed ${manifest.version}`)
  }
  return {
    ok: true,
    output: `effect ${effect} (${dependencies.effect}), @effect-quantive/client ${client}\n${result.output}`,
  }
})

const toolchain = installed && check("npm install -D typescript@5.9 @types/node@22 (the user's toolchain)", () => {
  const versions = JSON.parse(readFileSync(join(here, "package.json"), "utf8")).devDependencies
  return npm(
    [
      "install",
      "-D",
      "--prefer-offline",
      `typescript@${versions.typescript}`,
      `@types/node@${versions["@types/node"]}`,
    ],
    { cwd: project },
  )
})

// 3. The README's programs: the first one is package-test/main.ts, exactly; every ```ts block of effect4/README.md
// type-checks (strict, NodeNext) against the shipped declarations, and Node 22 runs the first program, compiled by
// tsc and as `node main.ts` (the README's command; Node 22 strips the types).
if (toolchain) {
  for (const file of ["main.ts", "tsconfig.node.json", "expected.mjs", "require.cjs"]) {
    copyFileSync(join(fixtures, file), join(project, file))
  }
}
const readme = readFileSync(join(here, "README.md"), "utf8").split("\n")
/** The README's ```ts blocks: their first line's number and their code. */
const readmeBlocks = []
for (let i = 0; i < readme.length; i++) {
  if (!/^```(ts|typescript)\s*$/.test(readme[i])) continue
  let end = i + 1
  while (end < readme.length && !/^```\s*$/.test(readme[end])) end++
  readmeBlocks.push({ line: i + 1, file: `readme-L${i + 1}.ts`, code: readme.slice(i + 1, end).join("\n") + "\n" })
  i = end
}
const mainText = readFileSync(join(fixtures, "main.ts"), "utf8")
check("effect4/README.md's first program is package-test/main.ts, exactly", () => {
  const first = readmeBlocks.find((block) => /\bEffect\.run(Promise|Fork|Sync|Main)\b/.test(block.code))
  if (first === undefined) return fail("no ```ts block with a program in effect4/README.md")
  return first.code === mainText
    ? { ok: true, output: `README.md line ${first.line}` }
    : fail(`README.md line ${first.line} differs from package-test/main.ts:\n${first.code}`)
})

check("the repository README shows package-test/main.ts as the Effect 4 line's first program", () => {
  const root = readFileSync(join(here, "..", "README.md"), "utf8")
  return root.includes("```ts\n" + mainText + "```\n")
    ? { ok: true, output: "README.md (repository)" }
    : fail("the repository README has no ```ts block equal to package-test/main.ts")
})

/** What main.ts prints must be the installed fake's account name and three distinct emails of its users. */
const expected = toolchain ? run(node, ["expected.mjs"], { cwd: project }) : undefined
const printsTheFake = (result) => {
  if (!result.ok) return result
  if (!expected.ok) return fail(`expected.mjs failed:\n${expected.output}`)
  const { account, emails } = JSON.parse(expected.stdout)
  const shown = emails.filter((email) => typeof email === "string" && result.stdout.includes(email))
  const ok = typeof account === "string" && account !== "" && result.stdout.includes(account) &&
    new Set(shown).size === 3
  return {
    ok,
    output: `${ok ? "" : `expected the account ${account} and three of its users' emails in the output\n`}` +
      result.output,
  }
}
const tsc = (config) =>
  run(node, [join(project, "node_modules", "typescript", "bin", "tsc"), "-p", config], { cwd: project })
const typed = toolchain && check(
  "tsc 5.9: the README's first program, strict and NodeNext, against the shipped declarations",
  () => tsc("tsconfig.node.json"),
)
const nodeVersion = run(node, ["--version"]).stdout.trim()
if (typed) {
  check(
    `node ${nodeVersion} runs it, compiled (Accounts.get, Users.stream, the /testing fake over a socket)`,
    () => printsTheFake(run(node, ["main.js"], { cwd: project })),
  )
  check(
    `node ${nodeVersion} main.ts (the README's command)`,
    () => printsTheFake(run(node, ["main.ts"], { cwd: project })),
  )
}
if (toolchain) {
  check(`tsc 5.9: the README's ${readmeBlocks.length} code blocks, with the same options`, () => {
    for (const block of readmeBlocks) writeFileSync(join(project, block.file), block.code)
    const config = {
      extends: "./tsconfig.node.json",
      compilerOptions: { noEmit: true },
      files: readmeBlocks.map((block) => block.file),
    }
    writeFileSync(join(project, "tsconfig.readme.json"), JSON.stringify(config, null, 2) + "\n")
    const result = tsc("tsconfig.readme.json")
    return { ...result, output: `${readmeBlocks.map((block) => block.file).join(", ")}\n${result.output}` }
  })
  check(
    `node ${nodeVersion} require()s the package (require(esm))`,
    () => run(node, ["require.cjs"], { cwd: project }),
  )
}

// 4. Deno, from the same project.
if (toolchain) {
  const denoEnv = { NO_COLOR: "1", FORCE_COLOR: undefined, DENO_NO_UPDATE_CHECK: "1" }
  check(
    "deno check main.ts and the README's code blocks in that project",
    () => run(deno, ["check", "main.ts", ...readmeBlocks.map((block) => block.file)], { cwd: project, env: denoEnv }),
  )
  check(
    "deno run --allow-net=127.0.0.1 --allow-env main.ts in that project",
    () =>
      printsTheFake(
        run(deno, ["run", "--allow-net=127.0.0.1", "--allow-env", "main.ts"], { cwd: project, env: denoEnv }),
      ),
  )
}

// 5. publint on the installed package and `attw --profile esm-only` on the tarball (both from the root's
// node_modules).
if (installed) {
  check("publint on the installed package", () => {
    const result = run(node, [
      "--input-type=module",
      "-e",
      `import { publint } from "publint"
       import { formatMessage } from "publint/utils"
       import { readFileSync } from "node:fs"
       const pkgDir = ${JSON.stringify(join(project, "node_modules", "@effect-quantive", "client"))}
       const pkg = JSON.parse(readFileSync(pkgDir + "/package.json", "utf8"))
       const { messages } = await publint({ pkgDir, pack: false, level: "suggestion", strict: true })
       // The entry points' "node" branch splits import (the version check first) from the rest: publint then reads
       // the types as meant for require too, and they are, for the same ES module that require() loads (require(esm)).
       const esmOnly = (m) => m.code === "EXPORTS_TYPES_INVALID_FORMAT" && m.args?.condition === "require"
       const tolerated = "tolerated (ESM only, require(esm)): "
       for (const m of messages) console.log((esmOnly(m) ? tolerated : "") + m.type + ": " + formatMessage(m, pkg))
       process.exit(messages.some((m) => !esmOnly(m)) ? 1 : 0)`,
    ], { cwd: repository })
    return { ...result, output: result.output || "no messages" }
  })
  check(
    "attw --profile esm-only on the tarball",
    () =>
      run(node, [
        join(repository, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js"),
        tarball,
        "--profile",
        "esm-only",
        "--format",
        "table-flipped",
      ], {
        env: { NO_COLOR: "1", FORCE_COLOR: "0" },
      }),
  )
}

// 6. Effect 3 installed in place of Effect 4: a project whose `effect` is 3.22.4 (a stub package with that version;
// nothing of it is loaded) fails at once, on Node and on Deno, with the one line that says what to install, for the
// main entry point and /testing, instead of a module missing inside `effect`.
const effect3 = join(work, "effect3")
const stubbed = installed && check("a project with effect 3.22.4 installed (a stub) beside the package", () => {
  const modules = join(effect3, "node_modules")
  mkdirSync(join(modules, "@effect-quantive"), { recursive: true })
  cpSync(join(project, "node_modules", "@effect-quantive", "client"), join(modules, "@effect-quantive", "client"), {
    recursive: true,
  })
  mkdirSync(join(modules, "effect", "dist"), { recursive: true })
  writeFileSync(
    join(modules, "effect", "package.json"),
    JSON.stringify({
      name: "effect",
      version: "3.22.4",
      type: "module",
      exports: { "./package.json": "./package.json", ".": "./dist/index.js", "./*": "./dist/*.js" },
    }),
  )
  writeFileSync(join(modules, "effect", "dist", "index.js"), "export const Effect = {}\n")
  writeFileSync(
    join(effect3, "package.json"),
    JSON.stringify({
      name: "effect3-consumer",
      private: true,
      type: "module",
      dependencies: { "@effect-quantive/client": "*", effect: "3.22.4" },
    }),
  )
  writeFileSync(
    join(effect3, "main.mjs"),
    `import { Quantive } from "@effect-quantive/client"\nconsole.log(typeof Quantive)\n`,
  )
  writeFileSync(
    join(effect3, "testing.mjs"),
    `import { FakeQuantive } from "@effect-quantive/client/testing"\nconsole.log(typeof FakeQuantive)\n`,
  )
  return { ok: true, output: effect3 }
})
if (stubbed) {
  const line = `@effect-quantive/client ${manifest.version.split(".")[0]}.x needs effect ^4.1 (the Effect 4 line); ` +
    "found effect 3.22.4: run `npm install effect@^4.1`"
  const failsWithTheLine = (result) => {
    const lines = result.output.split("\n").filter((text) => text.includes("needs effect"))
    const ok = !result.ok && lines.length === 1 && lines[0].includes(line) &&
      !/ERR_MODULE_NOT_FOUND|does not provide an export/.test(result.output)
    return { ok, output: `${ok ? "" : `expected one line with: ${line}\n`}${result.output}` }
  }
  for (const file of ["main.mjs", "testing.mjs"]) {
    check(
      `node, effect 3.22.4 installed: ${file} fails at once with the one line that says what to install`,
      () => failsWithTheLine(run(node, [file], { cwd: effect3 })),
    )
  }
  check("deno, effect 3.22.4 installed: the same line", () =>
    failsWithTheLine(
      run(deno, ["run", "--allow-read", "--allow-env", "main.mjs"], {
        cwd: effect3,
        env: { NO_COLOR: "1", FORCE_COLOR: undefined, DENO_NO_UPDATE_CHECK: "1" },
      }),
    ))
}

if (process.argv.includes("--keep")) console.log(`kept ${work}`)
else rmSync(work, { recursive: true, force: true })
const passed = results.filter(Boolean).length
const failed = results.length - passed
console.log(`effect4 package test (${((Date.now() - started) / 1000).toFixed(1)}s): ${passed} passed, ${failed} failed`)
process.exit(failed === 0 && passed > 0 ? 0 : 1)
