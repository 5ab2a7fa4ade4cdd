/**
 * The built `invitekit` bundle and a clean environment to run it in, for the memory and start-up measurements.
 */
import * as Effect from "effect/Effect"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { BenchError } from "./BenchError.js"

/** The repository root: dist/ is one level under benchmarks/. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url))

export const bundlePath = fileURLToPath(new URL("../../apps/cli/dist/invitekit.mjs", import.meta.url))

export const bundle: Effect.Effect<string, BenchError> = Effect.suspend(() =>
  existsSync(bundlePath)
    ? Effect.succeed(bundlePath)
    : Effect.fail(new BenchError({ message: `${bundlePath} does not exist: build the CLI first (pnpm build)` }))
)

/**
 * Only what node needs plus the given variables: no provider key from the user's shell may reach the CLI, so
 * every request it makes goes to the emulator on loopback.
 */
export const cleanEnv = (extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv => {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG", "TZ"]
  const env: NodeJS.ProcessEnv = {}
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name]
  return { ...env, NO_COLOR: "1", ...extra }
}
