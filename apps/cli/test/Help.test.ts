import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import * as Cli from "../src/Cli.js"
import * as ReadSpec from "../src/ReadSpec.js"
import { expectGolden } from "./golden.js"
import { run } from "./helpers.js"

/** Every subcommand of the tree as it is now (others add commands: none is listed by hand). */
const subcommands = ReadSpec.fromCommand(Cli.root).subcommands.map((sub) => sub.name)

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }

const help = async (args: ReadonlyArray<string>) => {
  const result = await run(args)
  expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: "" })
  return result.stdout
}

const longLines = (text: string) => text.split("\n").filter((line) => line.length > 100)

describe("--help", () => {
  it("invitekit --help: the program, its commands one line each, 100 columns", async () => {
    const text = await help(["--help"])
    // The version moves with every release: the golden file holds a placeholder.
    expectGolden("help", text.replace(`invitekit ${pkg.version}\n`, "invitekit <version>\n"))
    expect(text).toMatch(/^Usage: invitekit <command> \[flags\]$/m)
    expect(longLines(text)).toEqual([])
    expect(text.split("\n").filter((line) => line.startsWith("invitekit "))).toEqual([`invitekit ${pkg.version}`])
    for (const name of subcommands) expect(text).toMatch(new RegExp(`^  ${name} +\\S`, "m"))
    expect(text).toContain("Exit codes:")
  })

  it.each(subcommands)("invitekit %s --help: usage names the program, optional flags marked", async (name) => {
    const text = await help([name, "--help"])
    expectGolden(`help-${name}`, text)
    expect(text).toMatch(new RegExp(`^Usage: invitekit ${name} (<command> )?\\[flags\\]$`, "m"))
    expect(text).not.toMatch(/^\$ /m)
    expect(longLines(text)).toEqual([])
    expect(text.split("\n").filter((line) => line.startsWith("invitekit "))).toEqual([])
    expect(text).toMatch(/--help +Show this help\. \(optional\)/)
  })

  it("list --help: repeatable and defaulted flags say so, and help wins wherever it is", async () => {
    const text = await help(["list", "--help"])
    expect(text).toMatch(/--provider <provider> [\s\S]*?\(optional; repeatable\)/)
    expect(text).toMatch(/-f, --format <format> [\s\S]*?One of: table, json, ndjson, csv\. \(optional;\s+default: table\)/)
    expect(await help(["--status", "list", "list", "--format", "json", "-h"])).toBe(text)
    expect(await help(["help", "list"])).toBe(text)
  })
})
