import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { run } from "./helpers.js"

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }

describe("--version, --help, --completions", () => {
  it("--version prints the package version", async () => {
    const result = await run(["--version"])
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toBe(pkg.version)
  })

  it("--help lists the commands and the exit codes, without colour when piped", async () => {
    const result = await run(["--help"])
    expect(result.code).toBe(0)
    for (const command of ["list", "summary", "emulator", "demo"]) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, "m"))
    expect(result.stdout).toContain("Exit codes:")
    for (const code of ["0 ", "1 ", "2 ", "3 ", "4 ", "5 ", "130 "]) expect(result.stdout).toMatch(new RegExp(`^  ${code}`, "m"))
    expect(result.stdout).not.toContain("\u001b[")
  })

  it("every command has --help", async () => {
    const expectations: Record<string, ReadonlyArray<string>> = {
      list: ["--provider", "--status", "--role", "--email", "--format", "--page-size", "--max-items", "--timeout", "--max-retries", "--allow-insecure-http", "--stale"],
      summary: ["--provider", "--format", "--timeout"],
      emulator: ["--port", "--seed", "--count", "--fault-rate"],
      demo: ["emulator"]
    }
    for (const [command, words] of Object.entries(expectations)) {
      const result = await run([command, "--help"])
      expect(result.code).toBe(0)
      for (const word of words) expect({ command, has: result.stdout.includes(word) }).toEqual({ command, has: true })
    }
  })

  it("--completions prints a shell script", async () => {
    const result = await run(["--completions", "bash"])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("invitekit")
    expect(result.stdout).toContain("complete")
  })
})
