/**
 * What is published: a LICENSE in every package, a repository field, and a CLI tarball with only the bundle.
 */
import { execFileSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("../../../", import.meta.url))
const published = ["packages/core", "packages/openai", "packages/anthropic", "packages/portkey", "packages/openlayer",
  "packages/emulator", "apps/cli"]

const manifest = (dir: string) =>
  JSON.parse(readFileSync(`${root}${dir}/package.json`, "utf8")) as {
    license?: string
    repository?: { url?: string; directory?: string }
    files?: ReadonlyArray<string>
  }

describe("published packages", () => {
  it("the root has an MIT LICENSE", () => {
    expect(readFileSync(`${root}LICENSE`, "utf8")).toMatch(/^MIT License/)
  })

  it.each(published)("%s ships its LICENSE and names its repository", (dir) => {
    const pkg = manifest(dir)
    expect(pkg.license).toBe("MIT")
    expect(pkg.files).toContain("LICENSE")
    expect(readFileSync(`${root}${dir}/LICENSE`, "utf8")).toBe(readFileSync(`${root}LICENSE`, "utf8"))
    expect(pkg.repository?.url).toMatch(/^git\+https:\/\//)
    expect(pkg.repository?.directory).toBe(dir)
  })

  it("the CLI tarball holds the bundle, README and LICENSE only: no src/, no .d.ts", () => {
    expect(existsSync(`${root}apps/cli/dist/invitekit.mjs`)).toBe(true)
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: `${root}apps/cli`,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"]
    })
    const files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((file) => file.path)
    expect(files).toContain("dist/invitekit.mjs")
    expect(files).toContain("LICENSE")
    expect(files.filter((path) => path.startsWith("src/") || path.endsWith(".d.ts") || path.endsWith(".map"))).toEqual([])
    expect(files.every((path) => ["LICENSE", "README.md", "package.json", "dist/invitekit.mjs"].includes(path) ||
      /^dist\/chunks\/[^/]+\.mjs$/.test(path) || path === "dist/chunks/command-tree.json")).toBe(true)
  }, 30_000)

  it("the CLI's chunks are one build's: each is loaded by the entry or a chunk it loads", () => {
    const chunks = `${root}apps/cli/dist/chunks/`
    // A relative chunk path in the minified code: `from"./chunk-X.mjs"`, `import("./chunks/bin-Y.mjs")`.
    const referenced = (text: string) => [...text.matchAll(/"\.\/(?:chunks\/)?([\w-]+\.(?:mjs|json))"/g)].map((m) => m[1]!)
    const reached = new Set<string>()
    const visit = (names: ReadonlyArray<string>): void => {
      for (const name of names) {
        if (reached.has(name)) continue
        reached.add(name)
        if (name.endsWith(".mjs")) visit(referenced(readFileSync(`${chunks}${name}`, "utf8")))
      }
    }
    visit(referenced(readFileSync(`${root}apps/cli/dist/invitekit.mjs`, "utf8")))
    expect(readdirSync(chunks).filter((name) => !reached.has(name))).toEqual([])
    expect(reached.has("command-tree.json")).toBe(true)
  })
  it("the CLI requires node:http instead of importing it (an import reads Node 24's undici-loading getters)", () => {
    const dist = `${root}apps/cli/dist/`
    const files = ["invitekit.mjs", ...readdirSync(`${dist}chunks`).filter((name) => name.endsWith(".mjs")).map((name) => `chunks/${name}`)]
    const text = files.map((file) => readFileSync(`${dist}${file}`, "utf8"))
    // `from"node:http"`, `import"node:http"`, `import("node:http")`: any of them builds the ES module namespace.
    expect(files.filter((_, i) => /(?:from|import)\s*\(?\s*"(?:node:)?http"/.test(text[i]!))).toEqual([])
    expect(text.some((code) => code.includes(`(import.meta.url)("node:http")`))).toBe(true)
  })
})
