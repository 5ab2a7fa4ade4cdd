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
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
