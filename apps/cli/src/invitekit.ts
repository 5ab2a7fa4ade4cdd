#!/usr/bin/env node
/**
 * The entry point of the bundle. A bare `--version` is answered here, before the command tree and the Effect
 * runtime load (most of start-up); everything else goes to bin.ts.
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

const args = process.argv.slice(2)
if (args.length === 1 && args[0] === "--version") {
  process.stdout.write(`${version}\n`)
} else {
  enableCompileCache()
  await import("./bin.js")
}
