/**
 * The Node binaries a whole-process measurement runs on: the one running the bench, and Node 24 (openai-node 7
 * needs Node ≥ 22). On Node 20, Node 24 is taken from `INVITEKIT_BENCH_NODE24` or else from the npm registry
 * (`npx --package=node@24`); when neither works the measurements run on the bench's Node alone, and say so.
 */
import * as Effect from "effect/Effect"
import { spawnSync } from "node:child_process"

export interface NodeBinary {
  readonly path: string
  /** As `node --version` prints it: `v24.21.0`. */
  readonly version: string
}

export const major = (node: NodeBinary): number => Number(node.version.replace(/^v/, "").split(".")[0])

const versionOf = (path: string): string | undefined => {
  const result = spawnSync(path, ["--version"], { encoding: "utf8" })
  return result.status === 0 ? result.stdout.trim() : undefined
}

const fromRegistry = (): string | undefined => {
  const result = spawnSync("npx", ["--yes", "--package=node@24", "--", "bash", "-c", "command -v node"], {
    encoding: "utf8",
    timeout: 300_000
  })
  return result.status === 0 ? result.stdout.trim().split("\n").at(-1) : undefined
}

/** The bench's own Node first, then Node 24 when the bench runs on an older one and Node 24 can be had. */
export const binaries: Effect.Effect<ReadonlyArray<NodeBinary>> = Effect.sync(() => {
  const current = { path: process.execPath, version: process.version }
  if (major(current) >= 22) return [current]
  const path = process.env.INVITEKIT_BENCH_NODE24 ?? fromRegistry()
  const version = path === undefined ? undefined : versionOf(path)
  return version === undefined ? [current] : [current, { path: path!, version }]
})
