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
 * Bounds of the whole run: at least every attempt's timeout plus the least back-off (timers never fire early,
 * so this holds however loaded the machine); at most the same with the largest back-off, plus a generous
 * allowance for starting node and loading the bundle on a busy machine. A run that hangs exceeds it.
 */
const bounds = (timeoutSeconds: number, maxRetries: number) => {
  const backoff = Array.from({ length: maxRetries }, (_, n) => 500 * 2 ** n)
  const least = (maxRetries + 1) * timeoutSeconds * 1000 + backoff.reduce((a, b) => a + 0.75 * b, 0)
  const most = (maxRetries + 1) * timeoutSeconds * 1000 + backoff.reduce((a, b) => a + b, 0)
  return { least, most: most + 8000 }
}

const timed = async (args: ReadonlyArray<string>, env: Record<string, string>) => {
  const started = performance.now()
  const result = await run(args, { env, timeoutMs: 30_000 })
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
  }, 60_000)

  it("a bare TCP server that accepts the connection and never answers is a timeout too", async () => {
    // What invitekit controls is the requests it sends, not the connections: the runtime's fetch (undici) may
    // open a spare connection after an abort that never carries a request (Node 20 keeps it for the retry,
    // Node 24 closes it at once), and when the server notices a close relative to a new connection is a race.
    const open = new Set<Socket>()
    /** What each connection received, in the order the connections came. */
    const received: Array<string> = []
    const server = createServer((socket) => {
      const index = received.push("") - 1
      open.add(socket)
      // Read (and keep) the request, so the client's closing the connection is seen; never write a byte.
      socket.setEncoding("latin1").on("data", (chunk: string) => (received[index] += chunk))
      socket.on("error", () => {})
      socket.on("close", () => open.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    try {
      const { port } = server.address() as AddressInfo
      const result = await timed(["list", "-f", "ndjson", "--provider", "portkey", "--timeout", "0.5", "--max-retries", "1"], {
        PORTKEY_API_KEY: "pk-test-never-answered-0000",
        PORTKEY_BASE_URL: `http://127.0.0.1:${port}/v1`
      })
      expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 4, stdout: "" })
      expect(result.stderr).toContain("Portkey is unavailable")
      expect(result.stderr).toContain("failed 2 attempts")
      expect(result.stderr).toContain("no complete response within")
      const { least, most } = bounds(0.5, 1)
      expect(result.ms).toBeGreaterThanOrEqual(least)
      expect(result.ms).toBeLessThanOrEqual(most)
      // Two attempts are two requests, each on a connection of its own: an abandoned request's connection is
      // never used again (it may still be waiting for its answer).
      const requests = received.map((text) => text.match(/^GET \/v1\/admin\/users\/invites\?/gm)?.length ?? 0)
      expect(requests.reduce((a, b) => a + b, 0)).toBe(2)
      expect(requests.every((n) => n <= 1)).toBe(true)
      // No connection is left open behind the run.
      const deadline = Date.now() + 10_000
      while (open.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
      expect(open.size).toBe(0)
    } finally {
      for (const socket of open) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
  }, 60_000)
})
