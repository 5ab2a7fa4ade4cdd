import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import * as Completions from "../src/Completions.js"
import { expectGolden } from "./golden.js"
import { run } from "./helpers.js"

const dir = mkdtempSync(join(tmpdir(), "invitekit-completions-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const script = async (shell: string) => {
  const result = await run(["--completions", shell])
  expect({ shell, code: result.code, stderr: result.stderr }).toEqual({ shell, code: 0, stderr: "" })
  const path = join(dir, `invitekit.${shell}`)
  writeFileSync(path, result.stdout)
  return { text: result.stdout, path }
}

const has = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0

/** What the bash script offers for the words typed so far, the last being completed. */
const complete = (path: string, words: ReadonlyArray<string>): ReadonlyArray<string> => {
  const quoted = words.map((word) => `'${word}'`).join(" ")
  const result = spawnSync("bash", ["--norc", "--noprofile", "-c", [
    `source '${path}'`,
    `COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; COMPREPLY=()`,
    "_invitekit_completions",
    `printf '%s\\n' "\${COMPREPLY[@]}"`
  ].join("\n")], { encoding: "utf8" })
  expect({ words, status: result.status, stderr: result.stderr }).toEqual({ words, status: 0, stderr: "" })
  return result.stdout.split("\n").filter((line) => line !== "")
}

describe("--completions", () => {
  it.each(Completions.shells)("%s: the golden script", async (shell) => {
    expectGolden(`completions-${shell}`, (await script(shell)).text)
  })

  it("bash: subcommands, flags and choice values, one per word", async () => {
    const { path } = await script("bash")
    expect(complete(path, ["invitekit", "l"])).toEqual(["list"])
    expect(complete(path, ["invitekit", "list", "--format", ""])).toEqual(["table", "json", "ndjson", "csv"])
    expect(complete(path, ["invitekit", "list", "-f", "n"])).toEqual(["ndjson"])
    expect(complete(path, ["invitekit", "list", "--provider", "o"])).toEqual(["openai", "openlayer"])
    expect(complete(path, ["invitekit", "accounts", "--format", ""])).toEqual(["table", "json"])
    expect(complete(path, ["invitekit", "--completions", ""])).toEqual([...Completions.shells])
    // A flag's value is not a subcommand: `--status list` stays at the root.
    expect(complete(path, ["invitekit", "--log-level", "debug", "list", "--max-"])).toEqual(["--max-retries", "--max-items"])
    expect(complete(path, ["invitekit", "list", "--status", ""])).toEqual([])
    expect(complete(path, ["invitekit", "list", "--", ""])).toEqual([])
  })

  it.each([["zsh", ["-n"]], ["fish", ["--no-execute"]]] as const)("%s: the script parses", async (shell, flags) => {
    if (!has(shell)) return // not installed here: the golden file still pins the script
    const { path } = await script(shell)
    const result = spawnSync(shell, [...flags, path], { encoding: "utf8" })
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" })
  })

  it("fish: choice values and subcommands", async () => {
    if (!has("fish")) return // not installed here
    const { path } = await script("fish")
    const offered = (line: string) => {
      const result = spawnSync("fish", ["--no-config", "-c", `source '${path}'; complete -C '${line}'`], { encoding: "utf8" })
      expect({ line, status: result.status, stderr: result.stderr }).toEqual({ line, status: 0, stderr: "" })
      return result.stdout.split("\n").filter((l) => l !== "").map((l) => l.split("\t")[0])
    }
    expect(offered("invitekit list --format ")).toEqual(["csv", "json", "ndjson", "table"])
    expect(offered("invitekit l")).toEqual(["list"])
  })

  it("wherever --completions is, the script is ours", async () => {
    const { text } = await script("bash")
    const moved = await run(["list", "--log-level", "debug", "--completions", "bash"])
    expect({ code: moved.code, same: moved.stdout === text }).toEqual({ code: 0, same: true })
  })

  it("sh is refused with the shells that work", async () => {
    const result = await run(["--completions", "sh"])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toContain("--completions sh is not supported")
    expect(result.stderr).toContain("bash, zsh, fish, powershell")
  })
})
