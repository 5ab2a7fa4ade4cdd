/**
 * Everything that knows about providers is derived from the registry: each module listed there is served,
 * counted, exported and given flags, with nothing else to edit.
 */
import { expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { describe } from "vitest"
import { Dataset, Emulator } from "../src/index.js"
import * as EmulatorOptions from "../src/Options.js"
import * as Providers from "../src/Providers.js"

describe("the provider registry", () => {
  it("lists each provider once, and the public lists follow it", () => {
    expect(new Set(Providers.names).size).toBe(Providers.all.length)
    expect(Dataset.providerNames).toEqual(Providers.names)
    expect(Emulator.providerNames).toEqual(Providers.names)
    for (const module of Providers.all) {
      expect(Emulator.defaultKeys[module.name]).toBe(module.defaultKey)
      expect(Dataset.defaultCounts[module.name]).toBe(module.defaultCount)
    }
  })

  it("gives every provider a --count-<name> flag, and its own flags after the common ones", () => {
    const names = EmulatorOptions.flags.map((flag) => flag.name)
    expect(new Set(names).size).toBe(names.length)
    for (const module of Providers.all) {
      expect(names).toContain(`count-${module.name}`)
      for (const flag of module.flags) expect(names).toContain(flag.name)
    }
  })

  it.live("serves, counts and exports every provider of the registry", () =>
    Effect.scoped(Effect.gen(function* () {
      const em = yield* Emulator.start({ counts: Providers.record(() => 3) })
      for (const module of Providers.all) {
        const endpoint = em[module.name]
        expect(endpoint.baseUrl).toBe(`${em.url}/${module.name}${module.basePath}`)
        expect(endpoint.apiKey).toBe(module.defaultKey)
        expect(em.env[module.env.baseUrl]).toBe(endpoint.baseUrl)
        expect(em.env[module.env.apiKey]).toBe(endpoint.apiKey)
        expect(em.invites(module.name).length).toBeGreaterThanOrEqual(3)
        // any request under the provider's mount is counted for it, a 404 in its own shape included
        const before = (yield* em.counters(module.name)).requests
        const response = yield* Effect.promise(() => fetch(`${em.url}/${module.name}/not-a-path`))
        expect(response.status).toBe(404)
        expect((yield* em.counters(module.name)).requests).toBe(before + 1)
      }
      const counters = yield* Effect.promise(() => fetch(`${em.url}/_emulator/counters`).then((r) => r.json()))
      expect(Object.keys(counters as object)).toEqual(Providers.names)
    })))
})
