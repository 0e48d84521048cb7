#!/usr/bin/env node
// The repository's structure, checked (part of `npm test`; alone: `node scripts/check-structure.mjs`).
//
// Over the repository's own TypeScript (lib/, effect4/lib/, core/, cli/src/ and cli/main.ts, the entry points of both
// lines: mod.ts, testing.ts, redis.ts, effect4/mod.ts, effect4/testing.ts, effect4/redis.ts):
// (a) no import cycle: relative imports (and the package's own entry points, `@effect-quantive/client[/testing|/redis]`)
//     resolved to files, strongly connected components found with Tarjan's algorithm; each cycle is printed, with
//     whether it is made of type-only imports;
// (b) no file over 400 lines, except generated files (a first line `// @generated …`, or `// Generated … by
//     scripts/<generator>` naming a generator that exists) and the files of `ALLOWED_LONG`, each with its reason;
// (c) nothing in lib/ reads a private field of a platform response (`original`, `source`, `controller`, `statusCode`):
//     every access of those names is found in the syntax tree, then the type checker tells an access to a field of a
//     standard type (`RegExp#source`) or of a type of our own from one reached through a cast, an untyped value or a
//     platform type;
// (d) core/ imports nothing but its own files and `node:` builtins (no `effect`, no `@effect/*`, no other package), and
//     its package.json depends on nothing;
// (e) no project history in the comments (JSDoc and others) of lib/, core/ and the entry points: no "seed 00N", no
//     "issue N";
// (f) every test file and test name docs/RELIABILITY.md refers to (`test/X.test.ts` or `scenarios/X.test.ts` ›
//     "name") exists;
// (g) regenerating the derived files changes nothing: every scripts/generate*.{mjs,ts} run with `--check` (a .ts one
//     with Deno) exits 0; with no generator, the check is reported as skipped and not counted.
//
// Prints each check with its evidence, and `N passed, N failed` last; exits 1 on any failure.
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative, resolve, sep } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const root = fileURLToPath(new URL("..", import.meta.url))
const rel = (file) => relative(root, file).split(sep).join("/")

const MAX_LINES = 400
// Files allowed past MAX_LINES, each with the reason printed next to it: `["lib/X.ts", "why"]`.
const ALLOWED_LONG = new Map([])
const PRIVATE_FIELDS = new Set(["original", "source", "controller", "statusCode"])
const SELF_ENTRIES = {
  "@effect-quantive/client": "mod.ts",
  "@effect-quantive/client/testing": "testing.ts",
  "@effect-quantive/client/redis": "redis.ts",
}

const results = []
const report = (name, ok, evidence) => {
  console.log(`${ok ? "ok" : "not ok"} - ${name}`)
  for (const line of evidence) console.log(`    ${line}`)
  results.push(ok)
}

// The files.
const walk = (dir) =>
  !existsSync(dir) ? [] : readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) return []
    if (statSync(path).isDirectory()) return walk(path)
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : []
  })
const entryFiles = [
  "mod.ts",
  "testing.ts",
  "redis.ts",
  "cli/main.ts",
  "effect4/mod.ts",
  "effect4/testing.ts",
  "effect4/redis.ts",
].map((f) => join(root, f)).filter(existsSync)
const files = [
  ...entryFiles,
  ...walk(join(root, "lib")),
  ...walk(join(root, "effect4", "lib")),
  ...walk(join(root, "core")),
  ...walk(join(root, "cli", "src")),
]
const texts = new Map(files.map((file) => [file, readFileSync(file, "utf8")]))
const sources = new Map(
  files.map((file) => [file, ts.createSourceFile(file, texts.get(file), ts.ScriptTarget.Latest, true)]),
)
const under = (file, dir) => rel(file).startsWith(`${dir}/`)

// Every module specifier of a file, with whether only types are imported through it.
const importsOf = (source) => {
  const found = []
  const add = (literal, typeOnly) => found.push({ specifier: literal.text, typeOnly, line: lineOf(source, literal) })
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (
        clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) &&
        clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)
      ))
      add(node.moduleSpecifier, typeOnly)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) &&
        node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly))
      add(node.moduleSpecifier, typeOnly)
    } else if (
      ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      add(node.moduleReference.expression, node.isTypeOnly)
    } else if (
      ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0], false)
    } else if (
      ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)
    ) {
      add(node.argument.literal, true)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}
const lineOf = (source, node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1

// A specifier as a file of the repository (`undefined`: a package or a builtin; `null`: a relative path to nothing).
const resolveImport = (from, specifier) => {
  if (SELF_ENTRIES[specifier] !== undefined) return join(root, SELF_ENTRIES[specifier])
  if (!specifier.startsWith(".")) return undefined
  const base = resolve(dirname(from), specifier)
  const candidates = [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, join(base, "index.ts")]
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null
}

const imports = new Map(files.map((file) => [file, importsOf(sources.get(file))]))

// (a) No import cycle.
{
  const edges = new Map(files.map((file) => [file, new Map()]))
  const unresolved = []
  let count = 0
  let typeOnlyCount = 0
  for (const file of files) {
    for (const { specifier, typeOnly, line } of imports.get(file)) {
      const target = resolveImport(file, specifier)
      if (target === null) unresolved.push(`${rel(file)}:${line} imports "${specifier}", which is no file`)
      if (!target || !edges.has(target)) continue
      count++
      if (typeOnly) typeOnlyCount++
      // An edge is type-only when every import along it is.
      const known = edges.get(file).get(target)
      edges.get(file).set(target, { typeOnly: (known?.typeOnly ?? true) && typeOnly, line: known?.line ?? line })
    }
  }
  // Tarjan's strongly connected components, iteratively.
  const index = new Map()
  const low = new Map()
  const onStack = new Set()
  const stack = []
  const components = []
  let next = 0
  for (const start of files) {
    if (index.has(start)) continue
    const work = [{ node: start, targets: [...edges.get(start).keys()], i: 0 }]
    index.set(start, next)
    low.set(start, next++)
    stack.push(start)
    onStack.add(start)
    while (work.length > 0) {
      const frame = work[work.length - 1]
      if (frame.i < frame.targets.length) {
        const target = frame.targets[frame.i++]
        if (!index.has(target)) {
          index.set(target, next)
          low.set(target, next++)
          stack.push(target)
          onStack.add(target)
          work.push({ node: target, targets: [...edges.get(target).keys()], i: 0 })
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(target)))
        }
        continue
      }
      work.pop()
      if (work.length > 0) {
        const parent = work[work.length - 1].node
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)))
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = []
        let member
        do {
          member = stack.pop()
          onStack.delete(member)
          component.push(member)
        } while (member !== frame.node)
        if (component.length > 1 || edges.get(frame.node).has(frame.node)) components.push(component)
      }
    }
  }
  // One shortest cycle through the component's first file (breadth-first inside the component).
  const cycleIn = (component) => {
    const members = new Set(component)
    const start = [...component].sort()[0]
    const previous = new Map([[start, null]])
    const queue = [start]
    while (queue.length > 0) {
      const node = queue.shift()
      for (const target of edges.get(node).keys()) {
        if (!members.has(target)) continue
        if (target === start) {
          const path = [node]
          while (previous.get(path[0]) !== null) path.unshift(previous.get(path[0]))
          return [...path, start]
        }
        if (!previous.has(target)) {
          previous.set(target, node)
          queue.push(target)
        }
      }
    }
    return [start, start]
  }
  const evidence = [
    `${files.length} files, ${count} imports between them (${typeOnlyCount} type-only), ${components.length} cycles`,
  ]
  for (const component of components) {
    const cycle = cycleIn(component)
    const steps = cycle.slice(0, -1).map((file, i) => edges.get(file).get(cycle[i + 1]))
    const kind = steps.every((s) => s.typeOnly) ? "type-only imports" : "runtime imports"
    evidence.push(`cycle of ${component.length} files (${kind}):`)
    evidence.push(
      `  ${cycle.slice(0, -1).map((file, i) => `${rel(file)}:${steps[i].line}`).join(" -> ")} -> ${rel(cycle.at(-1))}`,
    )
    if (component.length > cycle.length - 1) {
      evidence.push(`  the component: ${component.map(rel).sort().join(", ")}`)
    }
  }
  for (const line of unresolved) evidence.push(`note: ${line}`)
  report(
    "(a) no import cycle among lib/, effect4/lib/, core/, cli/ and the entry points",
    components.length === 0,
    evidence,
  )
}

// (b) No file over MAX_LINES lines, but generated ones.
{
  const stale = []
  const lineCount = (text) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0)
  const measured = files.filter((f) =>
    under(f, "lib") || under(f, "effect4/lib") || under(f, "core") || under(f, "cli/src")
  )
    .map((file) => {
      const text = texts.get(file)
      const first = text.split("\n", 1)[0]
      const marker = /^\s*(?:\/\/|\/\*+)\s*(@generated\b|generated\b.*?\b(scripts\/[\w./-]+\.(?:mjs|ts)))/i.exec(first)
      const by = marker?.[2]
      if (marker && by !== undefined && !existsSync(join(root, by))) {
        stale.push(`${rel(file)} names ${by}, which is no file`)
      }
      const generated = marker !== null && (by === undefined || existsSync(join(root, by)))
      return { file: rel(file), lines: lineCount(text), generated }
    })
    .sort((a, b) => b.lines - a.lines)
  const long = measured.filter((m) => m.lines > MAX_LINES && !m.generated)
  const refused = long.filter((m) => !ALLOWED_LONG.has(m.file))
  const generated = measured.filter((m) => m.generated)
  const evidence = [
    `${measured.length} files in lib/, effect4/lib/, core/, cli/src/; ${generated.length} generated; ` +
    `${long.length} non-generated over ${MAX_LINES} lines (${long.length - refused.length} allowed)`,
  ]
  for (const m of refused) evidence.push(`over ${MAX_LINES}: ${m.file} (${m.lines} lines)`)
  for (const m of long.filter((l) => ALLOWED_LONG.has(l.file))) {
    evidence.push(`allowed: ${m.file} (${m.lines} lines): ${ALLOWED_LONG.get(m.file)}`)
  }
  for (const [file] of ALLOWED_LONG) {
    if (!long.some((m) => m.file === file)) evidence.push(`note: ${file} is allowed but no longer needs to be`)
  }
  for (const line of stale) evidence.push(`not counted as generated: ${line}`)
  const longest = measured.filter((m) => !m.generated && m.lines <= MAX_LINES).slice(0, 5)
  evidence.push(`longest within the limit: ${longest.map((m) => `${m.file} ${m.lines}`).join(", ")}`)
  if (generated.length > 0) {
    evidence.push(`generated (not counted): ${generated.map((m) => `${m.file} ${m.lines}`).join(", ")}`)
  }
  report(
    `(b) no non-generated file over ${MAX_LINES} lines in lib/, effect4/lib/, core/, cli/src/`,
    refused.length === 0,
    evidence,
  )
}

// (c) Nothing in lib/ reads a private field of a platform response.
{
  const libFiles = files.filter((f) => under(f, "lib"))
  const candidates = []
  const direct = []
  for (const file of libFiles) {
    const source = sources.get(file)
    const visit = (node) => {
      if (ts.isPropertyAccessExpression(node) && PRIVATE_FIELDS.has(node.name.text)) {
        candidates.push({ file, node, name: node.name.text })
      } else if (
        ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) &&
        PRIVATE_FIELDS.has(node.argumentExpression.text)
      ) {
        candidates.push({ file, node, name: node.argumentExpression.text })
      } else if (
        (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword &&
          ts.isStringLiteralLike(node.left) && PRIVATE_FIELDS.has(node.left.text)) ||
        (ts.isCallExpression(node) &&
          /^(Reflect\.(get|has)|Object\.getOwnPropertyDescriptor)$/.test(node.expression.getText()) &&
          node.arguments.length > 1 && ts.isStringLiteralLike(node.arguments[1]) &&
          PRIVATE_FIELDS.has(node.arguments[1].text))
      ) {
        // Probing or reading a field by name: counted whatever the types say.
        direct.push(`${rel(file)}:${lineOf(source, node)}: ${node.getText(source).slice(0, 70)} (a field read by name)`)
      } else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
        const key = node.propertyName ?? node.name
        if ((ts.isIdentifier(key) || ts.isStringLiteralLike(key)) && PRIVATE_FIELDS.has(key.text)) {
          candidates.push({ file, node, name: key.text })
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  const hits = [...direct]
  const ignored = []
  if (candidates.length > 0) {
    // The type checker, over the files that hold candidates (and what they import).
    const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    })
    const program = ts.createProgram([...new Set(candidates.map((c) => c.file))], {
      ...config.options,
      noEmit: true,
    })
    const checker = program.getTypeChecker()
    const inRepo = (decl) => !rel(decl.getSourceFile().fileName).startsWith("node_modules/")
    const standard = (decl) => program.isSourceFileDefaultLibrary(decl.getSourceFile())
    // A declaration inside a type that some value of our code is asserted to (`x as { original?: unknown }`, or
    // `x as unknown as NodeBody` for an interface or alias of its file).
    const assertedTo = (decl) => {
      for (let n = decl.parent; n !== undefined; n = n.parent) {
        if (ts.isAsExpression(n) || ts.isTypeAssertionExpression(n)) return true
        if (ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n)) {
          const name = n.name.text
          let found = false
          const visit = (node) => {
            if (found) return
            if (
              (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) &&
              new RegExp(`\\b${name}\\b`).test(node.type.getText())
            ) found = true
            else ts.forEachChild(node, visit)
          }
          visit(n.getSourceFile())
          return found
        }
      }
      return false
    }
    for (const candidate of candidates) {
      const source = program.getSourceFile(candidate.file)
      // The same node in the checker's program.
      const find = (node) =>
        node.pos === candidate.node.pos && node.end === candidate.node.end && node.kind === candidate.node.kind
          ? node
          : ts.forEachChild(node, find)
      const node = find(source)
      let symbol
      if (ts.isPropertyAccessExpression(node)) symbol = checker.getSymbolAtLocation(node.name)
      else if (ts.isElementAccessExpression(node)) {
        symbol = checker.getTypeAtLocation(node.expression).getProperty(candidate.name)
      } else {
        symbol = checker.getTypeAtLocation(node.parent).getProperty(candidate.name)
      }
      const declarations = symbol?.declarations ?? []
      const where = `${rel(candidate.file)}:${lineOf(source, node)}: ${node.getText(source).slice(0, 70)}`
      let reason
      if (declarations.length === 0) reason = "a field of an untyped value"
      else if (declarations.some((d) => !inRepo(d) && !standard(d))) reason = "a field declared by a package"
      else if (declarations.some((d) => inRepo(d) && assertedTo(d))) reason = "a field reached through a cast"
      if (reason !== undefined) hits.push(`${where} (${reason})`)
      else {ignored.push(
          `${where} (${declarations.some(standard) ? "a field of a standard type" : "a field of our own type"})`,
        )}
    }
  }
  const evidence = [
    `${libFiles.length} files in lib/; ${candidates.length + direct.length} accesses of ${
      [...PRIVATE_FIELDS].join(", ")
    }; ` +
    `${hits.length} reach into a platform response`,
    ...hits,
    ...ignored.map((line) => `not counted: ${line}`),
  ]
  report("(c) nothing in lib/ reads a private field of a platform response", hits.length === 0, evidence)
}

// (d) core/ imports nothing but itself and node: builtins.
{
  const coreFiles = files.filter((f) => under(f, "core"))
  const problems = []
  const kinds = { own: 0, builtin: 0 }
  for (const file of coreFiles) {
    for (const { specifier, line } of imports.get(file)) {
      if (specifier.startsWith("node:")) {
        kinds.builtin++
        continue
      }
      const target = resolveImport(file, specifier)
      if (typeof target === "string" && under(target, "core") && !(specifier in SELF_ENTRIES)) {
        kinds.own++
        continue
      }
      problems.push(`${rel(file)}:${line} imports "${specifier}"`)
    }
  }
  const manifest = join(root, "core", "package.json")
  if (existsSync(manifest)) {
    const pkg = JSON.parse(readFileSync(manifest, "utf8"))
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
      for (const name of Object.keys(pkg[field] ?? {})) problems.push(`core/package.json ${field} lists "${name}"`)
    }
  }
  const builtins = [
    ...new Set(coreFiles.flatMap((f) => imports.get(f).map((i) => i.specifier).filter((s) => s.startsWith("node:")))),
  ]
  report("(d) core/ imports nothing from effect, @effect/* or any other package", problems.length === 0, [
    `${coreFiles.length} files in core/; ${kinds.own} imports of core's own files, ${kinds.builtin} of builtins ` +
    `(${builtins.sort().join(", ") || "none"}); ${problems.length} others`,
    ...problems,
  ])
}

// (e) No project history in comments: JSDoc (what users read) and line comments.
{
  const scanned = files.filter((f) =>
    under(f, "lib") || under(f, "effect4/lib") || under(f, "core") ||
    /^(effect4\/)?(mod|testing|redis)\.ts$/.test(rel(f))
  )
  const words = /\bseeds?\s+0\d+|\bissues?\s+#?\d+/gi
  // Every comment of a file, from the syntax tree (so a "/**" inside a string is no comment).
  const commentsOf = (source) => {
    const text = source.getFullText()
    const ranges = new Map()
    const visit = (node) => {
      for (const range of ts.getLeadingCommentRanges(text, node.pos) ?? []) ranges.set(range.pos, range)
      for (const range of ts.getTrailingCommentRanges(text, node.end) ?? []) ranges.set(range.pos, range)
      ts.forEachChild(node, visit)
    }
    visit(source)
    for (const range of ts.getLeadingCommentRanges(text, source.endOfFileToken.pos) ?? []) ranges.set(range.pos, range)
    return [...ranges.values()].map((r) => ({ pos: r.pos, text: text.slice(r.pos, r.end) }))
  }
  const perFile = []
  const counts = { jsdoc: 0, other: 0, jsdocHits: 0, otherHits: 0 }
  for (const file of scanned) {
    const source = sources.get(file)
    const found = []
    for (const comment of commentsOf(source)) {
      const jsdoc = comment.text.startsWith("/**")
      counts[jsdoc ? "jsdoc" : "other"]++
      for (const word of comment.text.matchAll(words)) {
        counts[jsdoc ? "jsdocHits" : "otherHits"]++
        found.push({ line: source.getLineAndCharacterOfPosition(comment.pos + word.index).line + 1, jsdoc })
      }
    }
    if (found.length > 0) perFile.push({ file: rel(file), found: found.sort((a, b) => a.line - b.line) })
  }
  perFile.sort((a, b) => b.found.length - a.found.length)
  const total = counts.jsdocHits + counts.otherHits
  report(
    '(e) no "seed 0…" or "issue N" in the comments of lib/, effect4/lib/, core/ and the entry points',
    total === 0,
    [
      `${scanned.length} files; ${counts.jsdoc} JSDoc comments with ${counts.jsdocHits} mentions, ` +
      `${counts.other} other comments with ${counts.otherHits}; ${perFile.length} files`,
      ...perFile.map(({ file, found }) =>
        `${file}: ${found.length} (lines ${
          found.slice(0, 8).map((f) => `${f.line}${f.jsdoc ? "" : " //"}`).join(", ")
        }` +
        `${found.length > 8 ? ", …" : ""})`
      ),
    ],
  )
}

// (f) The tests docs/RELIABILITY.md names exist.
{
  const doc = join(root, "docs", "RELIABILITY.md")
  const text = existsSync(doc) ? readFileSync(doc, "utf8") : ""
  const missing = []
  let fileCount = 0
  let nameCount = 0
  const reference =
    /`((?:(?:cli\/)?test|scenarios)\/[\w/.-]+\.test\.ts)`((?:\s*›\s*(?:"[^"]*"|`[^`]*`|[\w.]+(?: [\w.]+)*)(?:;\s*"[^"]*")*)*)/g
  for (const match of text.matchAll(reference)) {
    const line = text.slice(0, match.index).split("\n").length
    fileCount++
    const file = join(root, match[1])
    if (!existsSync(file)) {
      missing.push(`docs/RELIABILITY.md:${line}: ${match[1]} is no file`)
      continue
    }
    const source = readFileSync(file, "utf8")
    for (const name of match[2].matchAll(/"([^"]*)"|`([^`]*)`/g)) {
      nameCount++
      const title = name[1] ?? name[2]
      if (!source.includes(title)) missing.push(`docs/RELIABILITY.md:${line}: ${match[1]} has no test "${title}"`)
    }
  }
  report("(f) every test docs/RELIABILITY.md names exists", missing.length === 0 && fileCount > 0, [
    `${fileCount} references to test files, naming ${nameCount} tests; ${missing.length} missing`,
    ...missing,
  ])
}

// (g) Regenerating the derived files changes nothing.
{
  const generators = readdirSync(join(root, "scripts")).filter((name) => /^generate.*\.(mjs|ts)$/.test(name)).sort()
  if (generators.length === 0) {
    console.log("skipped - (g) regenerating the derived files changes nothing: no scripts/generate*.{mjs,ts} yet")
  }
  for (const name of generators) {
    const script = join("scripts", name)
    const [command, args] = name.endsWith(".ts")
      ? [join(root, "node_modules", ".bin", "deno"), ["run", "--allow-read", "--allow-write", "--allow-run", script]]
      : [process.execPath, [script]]
    const started = Date.now()
    const run = spawnSync(command, [...args, "--check"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    })
    const output = `${run.stdout ?? ""}${run.stderr ?? ""}`.trim().split("\n").filter((l) => l.trim() !== "")
    report(`(g) regenerating with ${script} changes nothing`, run.status === 0, [
      `${command === process.execPath ? "node" : "deno run"} ${script} --check: exit ${run.status ?? run.signal} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)}s)`,
      ...output.slice(-20),
    ])
  }
}

const passed = results.filter(Boolean).length
console.log(`structure checks: ${passed} passed, ${results.length - passed} failed`)
process.exit(results.every(Boolean) ? 0 : 1)
