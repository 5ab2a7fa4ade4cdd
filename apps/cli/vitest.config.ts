import { defineProject, mergeConfig } from "vitest/config"
import { shared } from "../../vitest.shared.js"

export default mergeConfig(
  shared,
  defineProject({
    test: {
      name: "cli",
      // The tests run the bundled CLI as a child process: build it first.
      globalSetup: ["./test/globalSetup.ts"]
    }
  })
)
