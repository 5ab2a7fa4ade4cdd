#!/usr/bin/env node
/**
 * `pnpm emulator`: serve the emulator until SIGINT/SIGTERM. See {@link main} for what it prints.
 */
import { main } from "./Standalone.js"

main(process.argv.slice(2))
