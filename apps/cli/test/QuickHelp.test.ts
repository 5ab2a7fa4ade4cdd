/**
 * The bundle answers --help, -h and --completions from the command tree's data saved at build time
 * (QuickHelp.ts), without loading the full CLI: that data must be the live tree's, and every answer the full
 * CLI's, refusals and fall-throughs included.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import * as Cli from "../src/Cli.js"
import type * as CommandSpec from "../src/CommandSpec.js"
import * as Completions from "../src/Completions.js"
import * as Help from "../src/Help.js"
import * as ReadSpec from "../src/ReadSpec.js"
import { bin, runBundle } from "./helpers.js"

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
const dist = fileURLToPath(new URL("../dist/", import.meta.url))
const savedTree = join(dist, "chunks", "command-tree.json")

/** The live tree, read again from the command tree (not through Cli.tree, which Answer.ts uses). */
const spec = ReadSpec.fromCommand(Cli.root)

/** Every command path of the tree, the root first (others add commands: none is listed by hand). */
const paths = (node: CommandSpec.Spec, path: ReadonlyArray<string> = []): ReadonlyArray<ReadonlyArray<string>> => [
  path,
  ...node.subcommands.flatMap((sub) => paths(sub, [...path, sub.name]))
]

const copies = mkdtempSync(join(tmpdir(), "invitekit-quickhelp-"))
afterAll(() => rmSync(copies, { recursive: true, force: true }))

/** A copy of the bundle without the chunks `drop` matches. */
const bundleWithout = (name: string, drop: (file: string) => boolean): string => {
  const dir = join(copies, name)
  cpSync(join(dist, "chunks"), join(dir, "chunks"), { recursive: true, filter: (source) => !drop(source) })
  cpSync(bin, join(dir, "invitekit.mjs"))
  return join(dir, "invitekit.mjs")
}

/** The full CLI answers everything when no tree is saved. */
const full = bundleWithout("full", (file) => file.endsWith("command-tree.json"))

/** The bundle without the full CLI (bin.ts and what only it loads start there). */
const quickOnly = bundleWithout("quick-only", (file) => /[/\\]bin-[^/\\]+\.mjs$/.test(file))

describe("the saved command tree", () => {
  it("is the live tree's data", () => {
    expect(existsSync(savedTree)).toBe(true)
    const saved: unknown = JSON.parse(readFileSync(savedTree, "utf8"))
    // Through JSON as the bundle script saves it (a flag's `defaultValue: undefined` is left out).
    expect(saved).toEqual(JSON.parse(JSON.stringify(Cli.tree)))
    expect((saved as { spec: unknown }).spec).toEqual(JSON.parse(JSON.stringify(spec)))
  })

  it("the copies of the bundle are what the tests below need", async () => {
    expect(readdirSync(join(copies, "full", "chunks")).filter((file) => file.endsWith(".json"))).toEqual([])
    expect(readdirSync(join(copies, "quick-only", "chunks")).filter((file) => file.startsWith("bin-"))).toEqual([])
    // Without bin.ts nothing but help runs: the help answered below by this copy cannot come from the full CLI.
    expect((await runBundle(quickOnly, ["list"])).code).not.toBe(0)
  })
})

describe("help and completions from the saved tree", () => {
  it.each(paths(spec).map((path) => [path.join(" ") || "(root)", path] as const))(
    "invitekit %s --help is the live tree's help, without the full CLI",
    async (_, path) => {
      const expected = Help.render(spec, path, { version: pkg.version, globalFlags: Cli.tree.globalFlags })
      for (const bundle of [bin, quickOnly]) {
        expect(await runBundle(bundle, [...path, "--help"])).toMatchObject({ code: 0, stdout: expected, stderr: "" })
      }
    }
  )

  it.each(Completions.shells)("--completions %s is the live tree's script, without the full CLI", async (shell) => {
    const expected = Completions.script(shell, spec, Cli.tree.globalFlags)
    for (const bundle of [bin, quickOnly]) {
      expect(await runBundle(bundle, ["--completions", shell])).toMatchObject({ code: 0, stdout: expected, stderr: "" })
    }
  })
})

/** Arguments whose normalization decides what is printed, and which refusals and commands must fall through. */
const cases: ReadonlyArray<ReadonlyArray<string>> = [
  ["-h"],
  ["help"],
  ["help", "list"],
  ["help", "nosuch"],
  ["--help=yes"],
  ["list", "--format=json", "--help"],
  ["--log-level", "debug", "list", "-h"],
  ["list", "--log-level=debug", "--status", "pending", "list", "--help"],
  ["nosuch", "--help"],
  ["list", "nosuch", "-h"],
  ["list", "--", "--help"],
  ["list", "--status", "--help"],
  ["list", "-f", "-h"],
  ["--log-level", "--help"],
  ["--wizard", "--help"],
  ["--completions"],
  ["--completions", "sh"],
  ["--completions", "nosuch", "--help"],
  ["--completions=zsh", "list"],
  ["list", "--completions", "fish", "--help"],
  ["list", "--", "--completions", "bash"]
]

describe("the same answer as the full CLI", () => {
  it.each(cases.map((args) => [args.join(" "), args] as const))("invitekit %s", async (_, args) => {
    const answer = async (bundle: string) => {
      const { code, stderr, stdout } = await runBundle(bundle, args)
      return { code, stdout, stderr }
    }
    const expected = await answer(full)
    expect(await answer(bin)).toEqual(expected)
    // What succeeds here is help or a script (a command would fail: no provider is configured): the saved tree
    // answers it alone.
    if (expected.code === 0) expect(await answer(quickOnly)).toEqual(expected)
  })
})
