/**
 * Renders the help of every command path of `quantive` by running the program itself on `[path…] --help`, once with
 * stdout a terminal and once not: the texts the bundle embeds for the fast help (`fast.ts`).
 *
 * @since 0.4.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import { ConfigProvider, Effect, Layer } from "effect"
import { main } from "../app.ts"
import { quantive } from "../commands.ts"
import * as Stdio from "../stdio.ts"
import type { HelpText, HelpTexts } from "./fast.ts"

/** The shape of a command descriptor that the walk reads: a named command, a mapped one, or one with subcommands. */
type Descriptor =
  | { readonly _tag: "Standard" | "GetUserInput"; readonly name: string }
  | { readonly _tag: "Map"; readonly command: Descriptor }
  | { readonly _tag: "Subcommands"; readonly parent: Descriptor; readonly children: ReadonlyArray<Descriptor> }

const nameOf = (self: Descriptor): string =>
  self._tag === "Map" ? nameOf(self.command) : self._tag === "Subcommands" ? nameOf(self.parent) : self.name

const pathsOf = (self: Descriptor, prefix: ReadonlyArray<string>): Array<ReadonlyArray<string>> => {
  switch (self._tag) {
    case "Map":
      return pathsOf(self.command, prefix)
    case "Subcommands": {
      const own = pathsOf(self.parent, prefix)
      return [...own, ...self.children.flatMap((child) => pathsOf(child, [...own[0]!]))]
    }
    default:
      return [[...prefix, self.name]]
  }
}

/**
 * Every command path of `quantive`, without the program's own name: `[]`, `["users"]`, `["users", "export"]`, ….
 *
 * @since 0.4.0
 * @category rendering
 */
export const commandPaths = (): Array<ReadonlyArray<string>> => {
  const root = quantive.descriptor as unknown as Descriptor
  const name = nameOf(root)
  return pathsOf(root, []).map((path) => path.slice(path[0] === name ? 1 : 0))
}

const render = (args: ReadonlyArray<string>, terminal: boolean) =>
  Effect.gen(function* () {
    const stdio = Stdio.collect({ terminal, stdoutTerminal: terminal })
    const code = yield* main(["node", "quantive", ...args]).pipe(
      Effect.provide(Layer.merge(NodeContext.layer, stdio.layer)),
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map())),
    )
    if (code !== 0 || stdio.stderr() !== "" || stdio.stdout() === "") {
      return yield* Effect.dieMessage(`quantive ${args.join(" ")}: no help rendered (exit ${code})`)
    }
    return stdio.stdout()
  })

/**
 * The help of every command path, as the program prints it for `[path…] --help` with stdout a terminal (`ansi`)
 * and not (`plain`), in an environment without any setting.
 *
 * @since 0.4.0
 * @category rendering
 */
export const renderHelpTexts = (): Promise<HelpTexts> =>
  Effect.runPromise(Effect.gen(function* () {
    const texts: Record<string, HelpText> = {}
    for (const path of commandPaths()) {
      const args = [...path, "--help"]
      texts[path.join(" ")] = { plain: yield* render(args, false), ansi: yield* render(args, true) }
    }
    return texts
  }))
