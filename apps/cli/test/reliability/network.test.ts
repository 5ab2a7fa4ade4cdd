/**
 * A network failure keeps its cause through the CLI: a name that does not resolve (ENOTFOUND) and a closed
 * loopback port (ECONNREFUSED) read differently, and each gets the advice that fits it.
 */
import { createServer } from "node:net"
import { describe, expect, it } from "vitest"
import { run } from "./support.js"

const fast = ["list", "-f", "ndjson", "--provider", "openai", "--max-retries", "0", "--timeout", "5"]

/** A loopback port nothing listens on: bound, then closed. */
const closedPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0))
    })
  })

describe("network failures name their cause", () => {
  it("a host that does not resolve: ENOTFOUND, and check the base URL variable (not 'try again later')", async () => {
    const result = await run(fast, { env: { OPENAI_ADMIN_KEY: "sk-test", OPENAI_BASE_URL: "https://api.example.invalid" } })
    expect(result.code).toBe(4)
    expect(result.stderr).toContain("ENOTFOUND api.example.invalid")
    expect(result.stderr).toContain("OPENAI_BASE_URL")
    expect(result.stderr).not.toContain("Try again later")
    expect(result.stderr).not.toContain("fetch failed")
  })

  it("a closed loopback port: ECONNREFUSED, and the CLI's flags to wait longer", async () => {
    const port = await closedPort()
    const result = await run(fast, { env: { OPENAI_ADMIN_KEY: "sk-test", OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` } })
    expect(result.code).toBe(4)
    expect(result.stderr).toContain("ECONNREFUSED")
    expect(result.stderr).not.toContain("ENOTFOUND")
    expect(result.stderr).toContain("--max-retries / --timeout")
  })

  it("INVITEKIT_ALLOW_INSECURE_HTTP=TRUE is read as true, like true and yes", async () => {
    for (const value of ["TRUE", "true", "yes"]) {
      const result = await run(fast, {
        env: { OPENAI_ADMIN_KEY: "sk-test", OPENAI_BASE_URL: "http://x.invalid/v1", INVITEKIT_ALLOW_INSECURE_HTTP: value }
      })
      // Let through (not refused as insecure, exit 2): the request is made and the name does not resolve.
      expect({ value, code: result.code }).toEqual({ value, code: 4 })
      expect(result.stderr).toContain("ENOTFOUND x.invalid")
    }
  })
})
