import { describe, expect, it } from "vitest"
import * as Argv from "../src/Argv.js"
import { run } from "./helpers.js"

const commands = ["list", "summary", "emulator", "demo"]
const args = (input: ReadonlyArray<string>) => {
  const normalized = Argv.normalize(input, commands)
  return normalized._tag === "Args" ? normalized.args : normalized
}

describe("Argv.normalize", () => {
  it("splits every --flag=value, up to --", () => {
    expect(args(["list", "--provider=openai", "--format=csv", "--status=a=b"])).toEqual(
      ["list", "--provider", "openai", "--format", "csv", "--status", "a=b"]
    )
    expect(args(["list", "--email=", "-f", "csv"])).toEqual(["list", "--email", "", "-f", "csv"])
    expect(args(["list", "--", "--provider=openai"])).toEqual(["list", "--", "--provider=openai"])
  })

  it("moves global options with their value to the front, wherever they are", () => {
    expect(args(["list", "--log-level", "debug", "-f", "csv"])).toEqual(["--log-level", "debug", "list", "-f", "csv"])
    expect(args(["list", "--log-level=debug"])).toEqual(["--log-level", "debug", "list"])
    expect(args(["--log-level", "info", "list"])).toEqual(["--log-level", "info", "list"])
    expect(args(["list", "--completions", "bash"])).toEqual(["--completions", "bash", "list"])
  })

  it("maps help [command] and version", () => {
    expect(args(["help"])).toEqual(["--help"])
    expect(args(["help", "list"])).toEqual(["list", "--help"])
    expect(args(["version"])).toEqual(["--version"])
    // A command of that name keeps it.
    expect(Argv.normalize(["help"], [...commands, "help"])).toEqual({ _tag: "Args", args: ["help"] })
  })

  it("refuses --wizard (it prompts, and hangs without a terminal)", () => {
    expect(Argv.normalize(["list", "--wizard"], commands)._tag).toBe("Refused")
  })
})

describe("the CLI with normalized arguments", () => {
  const unreachable = { OPENAI_ADMIN_KEY: "sk-test", OPENAI_BASE_URL: "https://api.example.invalid" }

  it("takes global flags after the subcommand and --flag=value for a repeated flag", async () => {
    const result = await run(["list", "--log-level", "debug", "--provider=openai", "--max-retries=0"], {
      env: unreachable
    })
    expect(result.stderr).not.toContain("unknown argument")
    expect(result.code).toBe(4)
  })

  it("help, help list and version", async () => {
    const help = await run(["help"])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("Exit codes:")
    const helpList = await run(["help", "list"])
    expect(helpList.code).toBe(0)
    expect(helpList.stdout).toContain("--max-items")
    const version = await run(["version"])
    expect(version.code).toBe(0)
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/)
  })

  it("--wizard ends at once with a usage error, even without a terminal", async () => {
    const result = await run(["list", "--wizard"], { timeoutMs: 10_000 })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^invitekit: --wizard is not supported/)
  })
})
