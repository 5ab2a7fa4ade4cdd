#!/usr/bin/env node
/**
 * The entry point of the bundle. A bare `--version` is answered here, before the command tree and the Effect
 * runtime load (most of start-up); everything else goes to bin.ts.
 *
 * @since 0.1.0
 */
import { version } from "./version.js"

const args = process.argv.slice(2)
if (args.length === 1 && args[0] === "--version") {
  process.stdout.write(`${version}\n`)
} else {
  await import("./bin.js")
}
