import { defineConfig } from "vitest/config"

// Options every package's vitest.config.ts merges in. The source condition makes vitest load
// sibling packages from their TypeScript sources, the same files tsc and esbuild resolve.
export const shared = defineConfig({
  resolve: {
    conditions: ["@invitekit/source"]
  },
  ssr: {
    resolve: {
      conditions: ["@invitekit/source"]
    }
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Generous: CI runs the suite twice on a 2-core machine; a hang still fails the test.
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
