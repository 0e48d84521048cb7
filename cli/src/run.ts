/**
 * Runs the `quantive` program on the process's arguments, standard streams and environment (loaded by `main.ts`
 * when the arguments ask for more than a rendered help).
 *
 * SIGINT (Ctrl-C), SIGTERM and SIGHUP (a dropped SSH session) all interrupt the command, so its finalizers run: an
 * export's temporary file is removed, a progress bar is erased and nothing half-written is left behind. The exit code
 * is then 130. A second signal exits at once (temporary files are still removed).
 *
 * @since 0.2.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import { makeRunMain } from "@effect/platform/Runtime"
import { Cause, Effect, Layer } from "effect"
import { main } from "./app.ts"
import * as Stdio from "./stdio.ts"

/** The signals that end a command the way Ctrl-C does. */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const

const runMain = makeRunMain(({ fiber, teardown }) => {
  const keepAlive = setInterval(() => {}, 2 ** 31 - 1)
  let signalled = false
  // A second signal while the command is being interrupted exits at once; temporary files are still removed then,
  // by the exit hook of the output.
  const onSignal = () => {
    if (signalled) return process.exit(130)
    signalled = true
    fiber.unsafeInterruptAsFork(fiber.id())
  }
  for (const signal of SIGNALS) process.on(signal, onSignal)
  fiber.addObserver((exit) => {
    clearInterval(keepAlive)
    teardown(exit, (code) => {
      if (signalled || code !== 0) process.exit(code)
      for (const signal of SIGNALS) process.off(signal, onSignal)
    })
  })
})

main(process.argv).pipe(
  // The command line's own services (the file system, the terminal) and the process's standard streams.
  Effect.provide(Layer.merge(NodeContext.layer, Stdio.layerNode)),
  runMain({
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      // The program never fails: its value is the exit code. Let pending output drain instead of exiting at once.
      const code = exit._tag === "Success" ? Number(exit.value) : Cause.isInterruptedOnly(exit.cause) ? 130 : 1
      process.exitCode = code
      onExit(code === 130 ? code : 0)
    },
  }),
)
