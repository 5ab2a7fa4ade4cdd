/**
 * The README's commands work as written on a machine with only Node and npm: no bare `pnpm`, every script and
 * file they name exists, and the emulator recipe reaches a listing (and never reads an empty file silently).
 */
import { execFileSync } from "node:child_process"
import { existsSync, readFileSync, rmSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("../../../", import.meta.url))
const readmes = ["README.md", "apps/cli/README.md"]
const scripts = Object.keys(
  (JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { scripts: Record<string, string> }).scripts
)

/** The shell blocks of a markdown file, as their lines (comments dropped). */
const shellBlocks = (file: string): Array<Array<string>> =>
  [...readFileSync(`${root}${file}`, "utf8").matchAll(/^ *```sh\n([\s\S]*?)^ *```/gm)].map((match) =>
    match[1]!.split("\n").map((line) => line.replace(/(^|\s)#.*$/, "").trim()).filter((line) => line !== "")
  )

/** Every inline `code` span and shell line that starts like a command. */
const commands = (file: string): Array<string> => {
  const text = readFileSync(`${root}${file}`, "utf8")
  const inline = [...text.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!)
  return [...inline, ...shellBlocks(file).flat()].filter((line) => /^(pnpm|npx|node)\s/.test(line))
}

describe("the README's commands", () => {
  it.each(readmes)("%s: no bare pnpm (it is not on a machine with only Node and npm)", (file) => {
    const text = readFileSync(`${root}${file}`, "utf8")
    const bare = text.split("\n").filter((line) => /(^|[\s`(])pnpm\s+(-s\s+)?[a-z]/.test(line.replace(/pnpm@[\d.]+/g, "")))
    expect(bare).toEqual([])
  })

  it.each(readmes)("%s: every npx pnpm script and node file it names exists", (file) => {
    const found = commands(file)
    expect(found.length).toBeGreaterThan(0)
    for (const command of found) {
      for (const [, script] of command.matchAll(/npx --yes pnpm@10\.34\.9 (?:-s )?([a-z][\w:-]*)/g)) {
        if (script !== "install") expect({ command, script: scripts.includes(script!) }).toEqual({ command, script: true })
      }
      for (const [, path] of command.matchAll(/\bnode ([\w./-]+\.m?js)/g)) {
        expect({ command, exists: existsSync(`${root}${path}`) }).toEqual({ command, exists: true })
      }
    }
  })

  it(".emulator.env is git-ignored", () => {
    expect(readFileSync(`${root}.gitignore`, "utf8").split("\n")).toContain(".emulator.env")
  })

  it("the emulator recipe reaches a listing of the emulator, in sh", () => {
    const recipe = shellBlocks("README.md").find((block) => block.some((line) => line.includes(".emulator.env")))
    expect(recipe).toBeDefined()
    try {
      const out = execFileSync("sh", ["-c", `${recipe!.join("\n")}\nstatus=$?\nkill $!\nexit $status`], {
        cwd: root,
        encoding: "utf8",
        env: { PATH: process.env["PATH"] ?? "" },
        timeout: 60_000
      })
      expect(out).toMatch(/^PROVIDER\s+/m)
      expect(out).toContain("OpenAI")
    } finally {
      rmSync(`${root}.emulator.env`, { force: true })
    }
  }, 70_000)
})
