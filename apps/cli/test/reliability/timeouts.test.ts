/**
 * Timeouts: a server that accepts a request and never answers costs one `--timeout` per attempt, then the
 * back-off between attempts, then exit 4 — within the bounds `--timeout` and `--max-retries` set, never a hang.
 */
import { createServer, type Socket } from "node:net"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { counters, envFor, type Handle, resetCounters, setFaults, start } from "../helpers.js"
import { run, settled } from "./support.js"

let emulator: Handle

beforeAll(async () => {
  emulator = await start({ counts: { openai: 5, anthropic: 5, portkey: 5, openlayer: 5 } })
})

afterAll(async () => {
  await emulator.close()
})

/**
 * The back-off before retry n (0 for the first) is 0.5 s × 2ⁿ with up to 25% taken off (Retry.backoff).
 * Bounds of the whole run: attempts × timeout plus the least and the most back-off, plus start-up and slack.
 */
const bounds = (timeoutSeconds: number, maxRetries: number) => {
  const backoff = Array.from({ length: maxRetries }, (_, n) => 500 * 2 ** n)
  const least = (maxRetries + 1) * timeoutSeconds * 1000 + backoff.reduce((a, b) => a + 0.75 * b, 0)
  const most = (maxRetries + 1) * timeoutSeconds * 1000 + backoff.reduce((a, b) => a + b, 0)
  return { least, most: most + 1500 }
}

const timed = async (args: ReadonlyArray<string>, env: Record<string, string>) => {
  const started = performance.now()
  const result = await run(args, { env, timeoutMs: 20_000 })
  return { ...result, ms: performance.now() - started }
}

describe("a server that never answers", () => {
  it.each([
    { name: "--timeout 1 --max-retries 2", args: ["--timeout", "1", "--max-retries", "2"], env: {}, timeout: 1, retries: 2 },
    { name: "INVITEKIT_TIMEOUT=0.5 INVITEKIT_MAX_RETRIES=1", args: [], env: { INVITEKIT_TIMEOUT: "0.5", INVITEKIT_MAX_RETRIES: "1" }, timeout: 0.5, retries: 1 },
    { name: "--timeout 0.4 --max-retries 0", args: ["--timeout", "0.4", "--max-retries", "0"], env: {}, timeout: 0.4, retries: 0 }
  ])("$name: every attempt times out, then exit 4 within the bounds", async ({ args, env, retries, timeout }) => {
    await setFaults(emulator, "openai", { random: { rate: 1, seed: 1, kinds: ["Hang"] } })
    await resetCounters(emulator)
    const result = await timed(["list", "-f", "ndjson", "--provider", "openai", ...args], {
      ...envFor(emulator, ["openai"]),
      ...env
    })
    const attempts = retries + 1
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 4, stdout: "" })
    expect(result.stderr).toContain("OpenAI is unavailable")
    expect(result.stderr).toContain(attempts === 1 ? "failed 1 attempt " : `failed ${attempts} attempts`)
    expect(result.stderr).toContain(`no complete response within`)
    expect((await counters(emulator, "openai")).requests).toBe(attempts)
    const { least, most } = bounds(timeout, retries)
    expect(result.ms).toBeGreaterThanOrEqual(least)
    expect(result.ms).toBeLessThanOrEqual(most)
    // Each abandoned request was closed by the client, not left hanging at the server.
    expect(await settled(emulator, ["openai"])).toEqual([0])
    console.info(`timeout ${args.join(" ") || JSON.stringify(env)}: exit 4 after ${result.ms.toFixed(0)} ms, ${attempts} attempts (bounds ${least}–${most} ms)`)
  }, 30_000)

  it("a bare TCP server that accepts the connection and never answers is a timeout too", async () => {
    const sockets = new Set<Socket>()
    /** How many earlier connections were still open when each new one came in. */
    const stillOpen: Array<number> = []
    const server = createServer((socket) => {
      stillOpen.push(sockets.size)
      sockets.add(socket)
      // Read (and drop) the request, so the client's closing the connection is seen; never write a byte.
      socket.resume()
      socket.on("error", () => {})
      socket.on("close", () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    try {
      const { port } = server.address() as AddressInfo
      const result = await timed(["list", "-f", "ndjson", "--provider", "portkey", "--timeout", "0.5", "--max-retries", "1"], {
        PORTKEY_API_KEY: "pk-test-never-answered-0000",
        PORTKEY_BASE_URL: `http://127.0.0.1:${port}/v1`
      })
      expect(result.code).toBe(4)
      expect(result.stderr).toContain("Portkey is unavailable")
      expect(result.stderr).toContain("failed 2 attempts")
      const { least, most } = bounds(0.5, 1)
      expect(result.ms).toBeGreaterThanOrEqual(least)
      expect(result.ms).toBeLessThanOrEqual(most)
      // The retry came on a new connection, after the client had closed the one it gave up on.
      expect(stillOpen).toEqual([0, 0])
      const deadline = Date.now() + 1000
      while (sockets.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
      expect(sockets.size).toBe(0)
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
  }, 30_000)
})
