#!/usr/bin/env node
/**
 * The entry point of the bundle. A bare `--version` is answered here, and help and completion scripts by
 * QuickHelp.ts, before the command tree and the Effect runtime load (most of start-up); everything else goes
 * to bin.ts.
 *
 * @since 0.1.0
 */
import * as Module from "node:module"
import { version } from "./version.js"

/**
 * Node ≥ 22.1 can keep the code it compiles from the bundle on disk (in `NODE_COMPILE_CACHE`, else the temp
 * directory), so later runs skip parsing and compiling most of it; `NODE_DISABLE_COMPILE_CACHE=1` turns it off.
 * Node 20 has no such cache: the function is absent there and nothing happens. A cache that cannot be written
 * only costs the time it would have saved.
 */
const enableCompileCache = () => {
  const { enableCompileCache } = Module as { readonly enableCompileCache?: () => unknown }
  try {
    enableCompileCache?.()
  } catch {
    // An unusable cache directory: run without the cache.
  }
}

/**
 * Whether the arguments may ask for help or a completion script, so that other commands never read the saved
 * tree. Answer.ts decides; a case missed here (`help` is also `--help`) is still answered, by the full CLI.
 */
const mayAskForHelp = (args: ReadonlyArray<string>): boolean =>
  args.some((arg) => arg === "-h" || arg === "help" || arg.startsWith("--help") || arg.startsWith("--completions"))

/** The command tree's data, saved beside the bundle's chunks by scripts/bundle.mjs. */
const savedTree = new URL("./chunks/command-tree.json", import.meta.url)

const args = process.argv.slice(2)
if (args.length === 1 && args[0] === "--version") {
  process.stdout.write(`${version}\n`)
} else if (!(mayAskForHelp(args) && (await import("./QuickHelp.js")).answer(args, savedTree))) {
  enableCompileCache()
  await import("./bin.js")
}
