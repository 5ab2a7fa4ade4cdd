/**
 * The README's examples are files under examples/: tsc type-checks them with the tests (tsconfig.test.json),
 * these tests run them and check the README quotes them as they are.
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it, vi } from "vitest"

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), "utf8")

describe("examples/openai-sdk.ts", () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it("is quoted verbatim in the README", () => {
    expect(read("../README.md")).toContain("```ts\n" + read("../examples/openai-sdk.ts") + "```")
  })

  it("lists every invite through the openai SDK despite injected 429s, then the counters", async () => {
    const printed: Array<unknown> = []
    vi.spyOn(console, "log").mockImplementation((value: unknown) => {
      printed.push(value)
    })
    await import("../examples/openai-sdk.js")
    const lines = printed.slice(0, -1) as Array<string>
    expect(lines).toHaveLength(250)
    for (const line of lines) expect(line).toMatch(/^invite-\w+\t\S+@\S+\t(pending|accepted|expired)$/)
    expect(new Set(lines.map((line) => line.split("\t")[0])).size).toBe(250)
    const counters = printed.at(-1) as { requests: number; inFlight: number }
    // 3 pages of 100, plus one retry per injected 429
    expect(counters.requests).toBeGreaterThanOrEqual(3)
    expect(counters.inFlight).toBe(0)
  })
})
