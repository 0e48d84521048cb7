// The `redis-server` the Redis suite (test/redis/) needs, for scripts/test.mjs.
//
// `ensureRedisServer()` looks for it (`$REDIS_SERVER`, then every folder of `PATH`); when it is missing it installs it
// the way .ci/run does (`apt-get update && apt-get install -y redis-server`), when it can: apt-get is there and the
// process is root or has password-less sudo, and QUANTIVE_TEST_INSTALL_REDIS is not `0`. When it still is missing,
// the answer says how to install it, and the runner counts the Redis suite as skipped.
import { spawnSync } from "node:child_process"
import { accessSync, constants, statSync } from "node:fs"
import { delimiter, join } from "node:path"

/** How to get `redis-server` on the usual systems, printed when it is missing. */
export const installHint = [
  "the Redis suite (test/redis/) needs a `redis-server` binary (Redis 6 or later) on PATH, or its path in $REDIS_SERVER:",
  "  Debian/Ubuntu: sudo apt-get install -y redis-server",
  "  Fedora/RHEL:   sudo dnf install -y redis",
  "  macOS:         brew install redis",
  "  Windows:       use WSL (and the Debian/Ubuntu line)",
].join("\n")

const isExecutable = (path) => {
  try {
    if (!statSync(path).isFile()) return false
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The `redis-server` binary the Redis suite would start, or `undefined`. */
export const findRedisServer = (env = process.env) => {
  const explicit = env["REDIS_SERVER"]
  if (explicit !== undefined && explicit !== "") return isExecutable(explicit) ? explicit : undefined
  const names = process.platform === "win32" ? ["redis-server.exe", "redis-server"] : ["redis-server"]
  for (const folder of (env["PATH"] ?? "").split(delimiter)) {
    if (folder === "") continue
    for (const name of names) {
      const candidate = join(folder, name)
      if (isExecutable(candidate)) return candidate
    }
  }
  return undefined
}

/** The command that installs `redis-server` as .ci/run does, or `undefined` when this process cannot run it. */
export const installCommand = (env = process.env) => {
  if (env["QUANTIVE_TEST_INSTALL_REDIS"] === "0" || process.platform !== "linux") return undefined
  const apt = findOnPath("apt-get", env)
  if (apt === undefined) return undefined
  const script = `${apt} update && ${apt} install -y redis-server`
  if (typeof process.getuid === "function" && process.getuid() === 0) return ["sh", ["-c", script]]
  const sudo = findOnPath("sudo", env)
  if (sudo !== undefined && spawnSync(sudo, ["-n", "true"], { stdio: "ignore", env }).status === 0) {
    return [sudo, ["-n", "sh", "-c", script]]
  }
  return undefined
}

const findOnPath = (name, env) =>
  (env["PATH"] ?? "").split(delimiter).filter((dir) => dir !== "").map((dir) => join(dir, name)).find(isExecutable)

/**
 * Finds `redis-server`, installing it when it is missing and this machine allows. Returns `{ binary }` when it is
 * there, `{ binary: undefined, reason }` when the Redis suite has to be skipped.
 */
export const ensureRedisServer = (env = process.env, log = console.log) => {
  const found = findRedisServer(env)
  if (found !== undefined) return { binary: found }
  const install = installCommand(env)
  if (install !== undefined) {
    log(`redis-server is missing: installing it as .ci/run does (${install[1].at(-1)})`)
    const result = spawnSync(install[0], install[1], { stdio: "inherit", env })
    const installed = findRedisServer(env)
    if (result.status === 0 && installed !== undefined) return { binary: installed }
    return { binary: undefined, reason: `installing redis-server failed (exit ${result.status})` }
  }
  return {
    binary: undefined,
    reason: env["QUANTIVE_TEST_INSTALL_REDIS"] === "0"
      ? "redis-server is missing (QUANTIVE_TEST_INSTALL_REDIS=0: not installing it)"
      : "redis-server is missing, and this machine cannot install it here (no apt-get, or neither root nor sudo -n)",
  }
}
