// The two lines of the client the README's code is checked on (scripts/readme-test.mjs, `--line 3`, the default, or
// `--line 4`): where each line's build, declarations, Effect and Node are, and how a README block becomes the Effect 4
// line's program.
//
// The README is written for the Effect 3 line. On the Effect 4 line each block is changed as the README's "Moving a
// program between the lines" list says, and in nothing else: `@effect/platform` becomes `effect/http`, `TestClock`
// comes from `effect/testing`, and the renames of Effect's own names that the list gives. A block that needs more
// than that is either written so that it holds on both lines or marked `effect3-only` with its reason.
import { existsSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"

/** The README's migration list, as rewrites of a block's text (the left side is the Effect 3 spelling). */
const renames = [
  [/(from\s+|import\s*\(\s*)(["'])@effect\/platform\2/g, "$1$2effect/http$2"],
  [/\bConfigError\.ConfigError\b/g, "Config.ConfigError"],
  [/\bDuration\.DurationInput\b/g, "Duration.Input"],
  [/\bSchema\.Schema</g, "Schema.Codec<"],
  [/\bEffect\.either\b/g, "Effect.result"],
  [/\["Type"\]/g, `["Service"]`],
  [
    /\bEffect\.locally\(\s*HttpClient\.currentTracerPropagation\s*,\s*false\s*\)/g,
    "Effect.provideService(HttpClient.TracerPropagationEnabled, false)",
  ],
]

/** Names Effect 4 exports from a module of its own instead of `effect`. */
const movedOutOfEffect = { TestClock: "effect/testing" }

/** A block of the README, as the Effect 4 line's program: the migration list applied to its text. */
const toEffect4 = (code) => {
  let text = renames.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), code)
  text = text.replace(/^import\s*\{([^}]*)\}\s*from\s*(["'])effect\2(.*)$/gm, (line, names, quote, rest) => {
    const all = names.split(",").map((name) => name.trim()).filter((name) => name !== "")
    const moved = all.filter((name) => name in movedOutOfEffect)
    if (moved.length === 0) return line
    const kept = all.filter((name) => !(name in movedOutOfEffect))
    const extra = moved.map((name) => `import { ${name} } from ${quote}${movedOutOfEffect[name]}${quote}`)
    return [...(kept.length > 0 ? [`import { ${kept.join(", ")} } from ${quote}effect${quote}${rest}`] : []), ...extra]
      .join("\n")
  })
  return text
}

/**
 * The line numbered `number` (3 or 4) of the repository at `root`: its label; the Node that runs its checks; its
 * build script; where the blocks are written (a folder from which `effect` resolves to the line's own); the tsc and
 * tsconfig that type-check them; the package's entries (built JavaScript); the modules a fragment's names are imported
 * from (specifier, and what to import to list its names); and the rewrite of a block for the line.
 */
export const lineOf = (root, number) => {
  if (number === 3) {
    return {
      number,
      label: "Effect 3",
      node: process.execPath,
      build: join(root, "scripts", "build.mjs"),
      out: join(root, ".readme-test"),
      tsc: join(root, "node_modules", "typescript", "bin", "tsc"),
      tsconfig: join(root, "test", "readme", "tsconfig.json"),
      entries: {
        "@effect-quantive/client": join(root, "dist", "mod.js"),
        "@effect-quantive/client/testing": join(root, "dist", "testing.js"),
        "@effect-quantive/client/redis": join(root, "dist", "redis.js"),
      },
      modules: [["effect", "effect"], ["@effect/platform", "@effect/platform"]],
      migrate: (code) => code,
    }
  }
  if (number === 4) {
    const effect4 = join(root, "effect4")
    const modules4 = join(effect4, "node_modules")
    const node22 = join(modules4, ".bin", "node")
    const dist = join(effect4, "dist", "effect4")
    const effectFile = (...path) => pathToFileURL(join(modules4, "effect", "dist", ...path)).href
    return {
      number,
      label: "Effect 4",
      node: existsSync(node22) ? node22 : process.execPath,
      build: join(effect4, "scripts", "build.mjs"),
      out: join(effect4, ".readme-test"),
      tsc: join(modules4, "typescript", "bin", "tsc"),
      tsconfig: join(root, "test", "readme", "tsconfig.effect4.json"),
      entries: {
        "@effect-quantive/client": join(dist, "mod.js"),
        "@effect-quantive/client/testing": join(dist, "testing.js"),
        "@effect-quantive/client/redis": join(dist, "redis.js"),
      },
      modules: [
        ["effect", effectFile("index.js")],
        ["effect/http", effectFile("http", "index.js")],
        ["effect/testing", effectFile("testing", "index.js")],
      ],
      migrate: toEffect4,
    }
  }
  throw new Error(`--line ${number}: the lines are 3 and 4`)
}
