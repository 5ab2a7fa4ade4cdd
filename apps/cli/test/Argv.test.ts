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

  it("refuses an option that takes a value given last or followed by another option", () => {
    const options = { withValue: ["--status", "-f", "--format", "--email"], flags: ["--stale"] }
    const refused = (input: ReadonlyArray<string>) => Argv.normalize(input, commands, options)
    expect(refused(["list", "--status"])).toEqual({ _tag: "Refused", message: "--status needs a value" })
    expect(refused(["list", "--status", "--stale"])).toEqual({ _tag: "Refused", message: "--status needs a value" })
    expect(refused(["list", "--status", "-f", "csv"])).toEqual({ _tag: "Refused", message: "--status needs a value" })
    expect(refused(["list", "-f"])).toEqual({ _tag: "Refused", message: "-f needs a value" })
    expect(refused(["list", "--log-level"])).toEqual({ _tag: "Refused", message: "--log-level needs a value" })
    // Values, even empty or starting with `-`, and anything after `--`, are left alone.
    expect(refused(["list", "--status", "pending", "--email", "-x"])._tag).toBe("Args")
    expect(refused(["list", "--email=", "--stale"])._tag).toBe("Args")
    expect(refused(["list", "--", "--status"])._tag).toBe("Args")
  })

  it("refuses --wizard (it prompts, and hangs without a terminal)", () => {
    expect(Argv.normalize(["list", "--wizard"], commands)._tag).toBe("Refused")
  })
})

describe("Argv.subcommand", () => {
  const named = (input: ReadonlyArray<string>) => {
    const normalized = Argv.normalize(input, commands)
    return normalized._tag === "Args" ? Argv.subcommand(normalized.args, commands) : normalized
  }

  it("names the subcommand, after the global options and their values wherever they were typed", () => {
    expect(named(["list", "-f", "csv"])).toBe("list")
    expect(named(["--log-level", "debug", "summary"])).toBe("summary")
    expect(named(["list", "--log-level=debug"])).toBe("list")
    expect(named(["help", "demo"])).toBe("demo")
  })

  it("names none for no arguments, a root flag, an unknown name or a global option's value", () => {
    for (const input of [[], ["--version"], ["help"], ["lst"], ["--log-level", "list"], ["--", "list"]]) {
      expect(named(input), input.join(" ")).toBeUndefined()
    }
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

  it("a subcommand misspelled is answered from the whole tree, which suggests the right one", async () => {
    const result = await run(["lst"])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("list")
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

  it("an option without its value says so, for every command's options", async () => {
    for (const args of [["list", "--status"], ["list", "--status", "--stale"], ["summary", "--provider"]]) {
      const result = await run(args)
      expect(result.code).toBe(2)
      expect(result.stderr).toBe(`invitekit: ${args[1]} needs a value\n`)
    }
  })

  it("--wizard ends at once with a usage error, even without a terminal", async () => {
    const result = await run(["list", "--wizard"], { timeoutMs: 10_000 })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^invitekit: --wizard is not supported/)
  })
})
