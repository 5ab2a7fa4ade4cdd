/**
 * Builds the bundle once before any test: every test runs the real `dist/invitekit.mjs`, never a stale one.
 */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"

export default function setup() {
  execFileSync(process.execPath, ["scripts/bundle.mjs"], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    stdio: "inherit"
  })
}
