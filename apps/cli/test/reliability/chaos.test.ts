import { Emulator } from "@invitekit/emulator"
/**
 * Chaos: the emulator fails a seeded 30% of every provider's requests with the recoverable faults (429 with
 * Retry-After, 500/502/503/504 and Anthropic's 529, an HTML 502, a reset mid-body, a request that never
 * answers), and listing all four providers at once still prints exactly the emulator's invites.
 */
import type * as Faults from "@invitekit/emulator/Faults"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { counters, type Handle, resetCounters, setFaults, start } from "../helpers.js"
import { expectComplete, injected, run, settled } from "./support.js"

const providers = Emulator.providerNames
// Several pages each at --page-size 5 (Openlayer: two workspaces), none a multiple of the page size.
const counts = { openai: 42, anthropic: 38, portkey: 41, openlayer: 17 }
const rate = 0.3
const seeds = [11, 23, 37]
// A request fails for good only when all of its 1 + maxRetries attempts draw a fault: 0.3^11 ≈ 1.8e-6. Each run
// makes ~35 page requests, so a seed fails by bad luck with probability < 1e-4; the seeds are fixed, so in
// practice the same faults come back every run (only Portkey's concurrent pages may swap draws).
const maxRetries = 10
// A hanging request is abandoned after 3 s. A page at zero latency takes a few milliseconds, but the counts
// below are exact: a page that timed out on a loaded machine would cost a request no fault explains.
const timeoutSeconds = 3

let emulator: Handle
/** Requests a fault-free listing makes per provider: one per page. */
const pages: Partial<Record<Emulator.ProviderName, number>> = {}
const figures: Array<string> = []

beforeAll(async () => {
  emulator = await start({ counts })
  const result = await run(["list", "-f", "ndjson", "--page-size", "5"], { env: emulator.env })
  expect(result.code).toBe(0)
  expectComplete(emulator, providers, result.stdout)
  for (const provider of providers) pages[provider] = (await counters(emulator, provider)).requests
})

afterAll(async () => {
  if (figures.length > 0) console.info(figures.join("\n"))
  await emulator.close()
})

describe("chaos: 30% of requests fail, every invite is still listed exactly once", () => {
  it.each(seeds)("seed %i: all four providers complete with exactly the emulator's invites", async (seed) => {
    const plan: Faults.Plan = { random: { rate, seed } }
    for (const provider of providers) await setFaults(emulator, provider, plan)
    await resetCounters(emulator)
    const started = Date.now()
    const result = await run(
      ["list", "-f", "ndjson", "--page-size", "5", "--timeout", String(timeoutSeconds), "--max-retries", String(maxRetries)],
      { env: emulator.env, timeoutMs: 60_000 }
    )
    const ms = Date.now() - started
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" })
    expectComplete(emulator, providers, result.stdout)

    let total = 0
    const kinds: Record<string, number> = {}
    for (const provider of providers) {
      const { requests } = await counters(emulator, provider)
      const faults = injected(provider, plan, requests)
      // Each fault cost exactly one more request, and nothing else did: no page was fetched twice.
      expect({ provider, extra: requests - pages[provider]! }).toEqual({ provider, extra: faults.total })
      total += faults.total
      for (const [kind, n] of Object.entries(faults.byKind)) kinds[kind] = (kinds[kind] ?? 0) + n
    }
    // A seed that injected nothing would prove nothing.
    expect(total).toBeGreaterThan(5)
    expect(await settled(emulator, providers)).toEqual([0, 0, 0, 0])
    figures.push(`chaos seed ${seed}: ${total} faults injected and survived in ${ms} ms ${JSON.stringify(kinds)}`)
  }, 60_000)
})
