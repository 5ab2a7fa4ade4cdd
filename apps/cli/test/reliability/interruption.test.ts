import { Emulator } from "@invitekit/emulator"
/**
 * Interruption: a signal during a four-provider listing ends the run with 130 promptly (long before the
 * listing would have ended), the requests in flight are closed, and stdout holds only whole invites (no partial
 * line).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { counters, expected, type Handle, start } from "../helpers.js"
import { checkPrinted, run, settled } from "./support.js"

const providers = Emulator.providerNames
let emulator: Handle

beforeAll(async () => {
  // 150 ms per request and pages of 5: the listing takes seconds, with a request of each provider in flight
  // most of the time.
  emulator = await start({
    counts: { openai: 200, anthropic: 200, portkey: 200, openlayer: 100 },
    latencyMs: { openai: 150, anthropic: 150, portkey: 150, openlayer: 150 }
  })
})

afterAll(async () => {
  await emulator.close()
})

const inFlight = async () =>
  (await Promise.all(providers.map(async (provider) => (await counters(emulator, provider)).inFlight)))
    .reduce((a, b) => a + b, 0)

describe("interruption", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "%s mid-listing exits 130 promptly, closes its requests and prints only whole invites",
    async (signal) => {
      let signalledAt = 0
      let exitedAt = 0
      let inFlightWhenSignalled = 0
      const result = await run(["list", "-f", "ndjson", "--page-size", "5"], {
        env: emulator.env,
        onSpawn: (child, output) => {
          child.once("exit", () => (exitedAt = performance.now()))
          const poll = setInterval(async () => {
            if (signalledAt !== 0 || !output.stdout().includes("\n")) return
            const requests = await inFlight()
            if (requests === 0 || signalledAt !== 0) return
            clearInterval(poll)
            inFlightWhenSignalled = requests
            signalledAt = performance.now()
            child.kill(signal)
          }, 5)
        }
      })
      expect(signalledAt, "the listing never had output and a request in flight at once").toBeGreaterThan(0)
      expect(inFlightWhenSignalled).toBeGreaterThan(0)
      expect({ code: result.code, signal: result.signal }).toEqual({ code: 130, signal: null })
      // Usually well under 0.5 s; the bound is generous for a loaded machine (the listing itself would take
      // 40 pages × 150 ms per provider, and the count below shows it was cut short).
      const elapsed = exitedAt - signalledAt
      expect(elapsed).toBeLessThan(5000)
      const printed = checkPrinted(emulator, providers, result.stdout)
      expect(printed.length).toBeGreaterThan(0)
      expect(printed.length).toBeLessThan(providers.flatMap((provider) => expected(emulator, provider)).length)
      expect(result.stderr).toBe("")
      expect(await settled(emulator, providers)).toEqual([0, 0, 0, 0])
      console.info(`interruption ${signal}: exit 130 after ${elapsed.toFixed(0)} ms, ${inFlightWhenSignalled} requests in flight closed, ${printed.length} whole invites printed`)
    },
    30_000
  )
})
