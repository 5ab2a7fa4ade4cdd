import { describe, expect, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { Emulator } from "../src/index.js"
import { fetchRaw, get } from "./http.js"

const small = { openai: 10, anthropic: 10, portkey: 10, openlayer: 10 }

const openaiList = (em: Emulator.Handle, query = "") =>
  get(`${em.openai.baseUrl}/organization/invites${query}`, { headers: { authorization: `Bearer ${em.openai.apiKey}` } })

layer(Emulator.layer({ counts: small }), { excludeTestServices: true })("Emulator handle", (it) => {
  it.effect("serves on loopback with each SDK's base URL convention and the nine variables", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      expect(em.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(em.openai.baseUrl).toBe(`${em.url}/openai/v1`)
      expect(em.anthropic.baseUrl).toBe(`${em.url}/anthropic`)
      expect(em.portkey.baseUrl).toBe(`${em.url}/portkey/v1`)
      expect(em.openlayer.baseUrl).toBe(`${em.url}/openlayer/v1`)
      expect(em.openai.apiKey).toBe(Emulator.defaultKeys.openai)
      expect(em.openai.apiKey).toMatch(/^sk-admin-emulator-openai-/)
      expect(em.env).toEqual({
        OPENAI_BASE_URL: em.openai.baseUrl,
        OPENAI_ADMIN_KEY: em.openai.apiKey,
        ANTHROPIC_BASE_URL: em.anthropic.baseUrl,
        ANTHROPIC_ADMIN_KEY: em.anthropic.apiKey,
        PORTKEY_BASE_URL: em.portkey.baseUrl,
        PORTKEY_API_KEY: em.portkey.apiKey,
        OPENLAYER_BASE_URL: em.openlayer.baseUrl,
        OPENLAYER_API_KEY: em.openlayer.apiKey,
        OPENLAYER_WORKSPACE_ID: em.openlayer.workspaceIds.join(",")
      })
      expect(new Set(Object.values(Emulator.defaultKeys)).size).toBe(4)
    }))

  it.effect("counts requests per provider, including rejected ones, but not the control endpoints", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* em.resetCounters
      yield* openaiList(em)
      yield* openaiList(em, "?limit=0")
      yield* get(`${em.openai.baseUrl}/organization/invites`)
      yield* get(`${em.anthropic.baseUrl}/v1/nothing`)
      yield* get(`${em.url}/_emulator/counters`)
      expect(yield* em.counters("openai")).toEqual({ requests: 3, inFlight: 0, maxInFlight: 1 })
      expect((yield* em.counters("anthropic")).requests).toBe(1)
      expect(yield* em.counters("portkey")).toEqual({ requests: 0, inFlight: 0, maxInFlight: 0 })
    }))

  it.effect("tracks the most requests in flight at once", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* em.resetCounters
      yield* em.setFaults("portkey", { latencyMs: 150 })
      const url = `${em.portkey.baseUrl}/admin/users/invites`
      const headers = { "x-portkey-api-key": em.portkey.apiKey }
      const results = yield* Effect.all(Array.from({ length: 6 }, () => get(url, { headers })), { concurrency: "unbounded" })
      expect(results.map((r) => r.status)).toEqual(Array(6).fill(200))
      const counters = yield* em.counters("portkey")
      expect(counters.requests).toBe(6)
      expect(counters.maxInFlight).toBeGreaterThan(1)
      expect(counters.inFlight).toBe(0)
      yield* em.clearFaults("portkey")
    }))

  it.effect("GET /_emulator/counters reports every provider without auth; DELETE resets", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* openaiList(em)
      const res = yield* get(`${em.url}/_emulator/counters`)
      expect(res.status).toBe(200)
      expect(res.headers["content-type"]).toBe("application/json")
      const body = res.json()
      for (const provider of Emulator.providerNames) expect(body[provider]).toEqual(yield* em.counters(provider))
      expect(body.openai.requests).toBeGreaterThan(0)
      expect((yield* get(`${em.url}/_emulator/counters`, { method: "DELETE" })).status).toBe(204)
      expect((yield* em.counters("openai")).requests).toBe(0)
      expect((yield* get(`${em.url}/_emulator/nope`)).status).toBe(404)
    }))

  it.effect("serves exactly what invites() returns, and invites() is stable", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      expect((yield* openaiList(em, "?limit=100")).json().data).toEqual(em.invites("openai"))
      expect(em.invites("anthropic")).toEqual(em.invites("anthropic"))
      expect(em.invites("openlayer")).toEqual([
        ...em.invites("openlayer", em.openlayer.workspaceIds[0]),
        ...em.invites("openlayer", em.openlayer.workspaceIds[1])
      ])
      expect(em.invites("openlayer", "unknown")).toEqual([])
    }))

  it.effect("rejects an invalid plan given to setFaults as a defect", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const exit = yield* Effect.exit(em.setFaults("openai", { random: { rate: 2, seed: 1 } }))
      expect(Exit.isFailure(exit) && Exit.causeOption(exit)._tag === "Some").toBe(true)
      expect((yield* openaiList(em)).status).toBe(200)
    }))
})

layer(Emulator.layer({ counts: small, keys: { portkey: "my-own-key" }, seed: 5 }), { excludeTestServices: true })(
  "Emulator options",
  (it) => {
    it.effect("uses overridden keys and the seed", () =>
      Effect.gen(function* () {
        const em = yield* Emulator.Emulator
        expect(em.portkey.apiKey).toBe("my-own-key")
        expect(em.env.PORTKEY_API_KEY).toBe("my-own-key")
        expect(em.openai.apiKey).toBe(Emulator.defaultKeys.openai)
        expect(em.dataset.config.seed).toBe(5)
        const res = yield* get(`${em.portkey.baseUrl}/admin/users/invites`, { headers: { "x-portkey-api-key": "my-own-key" } })
        expect(res.status).toBe(200)
      }))
  }
)

describe("Emulator lifecycle", () => {
  it.live("fails with EmulatorError on invalid options", () =>
    Effect.gen(function* () {
      for (const options of [
        { counts: { openai: -1 } },
        { counts: { anthropic: 1.5 } },
        { seed: -3 },
        { port: 70000 },
        { portkey: { maxPageSize: 0 } },
        { openlayer: { workspaceIds: ["a", "a"] } },
        { openlayer: { workspaceIds: ["a/b"] } },
        { latencyMs: { openai: -5 } },
        { faults: { openai: { random: { rate: 7, seed: 1 } } } },
        { openai: { timestampField: "updated_at" } },
        { openlayer: { nextLink: "sometimes" } }
      ] as ReadonlyArray<Emulator.Options>) {
        const error = yield* Effect.flip(Effect.scoped(Emulator.start(options)))
        expect(error._tag, JSON.stringify(options)).toBe("EmulatorError")
        expect(error.message).toMatch(/^Invalid emulator options/)
      }
    }))

  it.live("names the option, and the providers when an option names one that does not exist", () =>
    Effect.gen(function* () {
      const unknown = yield* Effect.flip(Effect.scoped(Emulator.start({ counts: { github: 3 } } as Emulator.Options)))
      expect(unknown.message).toBe(
        "Invalid emulator options: counts.github: unknown option (the providers are openai, anthropic, portkey, openlayer)"
      )
      const port = yield* Effect.flip(Effect.scoped(Emulator.start({ port: 70000 })))
      expect(port.message).toMatch(/^Invalid emulator options: port: .*65535/)
    }))

  it.live("fails with EmulatorError when the port is taken", () =>
    Effect.scoped(Effect.gen(function* () {
      const first = yield* Emulator.start({ counts: small })
      const port = Number(new URL(first.url).port)
      const error = yield* Effect.flip(Emulator.start({ counts: small, port }))
      expect(error._tag).toBe("EmulatorError")
      expect(error.message).toContain(`127.0.0.1:${port}`)
    })))

  it.live("runs several emulators side by side on ephemeral ports", () =>
    Effect.scoped(Effect.gen(function* () {
      const [a, b] = yield* Effect.all([Emulator.start({ counts: small }), Emulator.start({ counts: small })])
      expect(a.url).not.toBe(b.url)
      expect((yield* openaiList(a)).status).toBe(200)
      expect((yield* openaiList(b)).status).toBe(200)
    })))

  it("startPromise serves until close(), then refuses connections", async () => {
    const em = await Emulator.startPromise({ counts: small })
    const res = await fetch(`${em.openai.baseUrl}/organization/invites`, { headers: { authorization: `Bearer ${em.openai.apiKey}` } })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { data: Array<unknown> }).data).toHaveLength(10)
    await em.close()
    const error = await fetchRaw(`${em.openai.baseUrl}/organization/invites`).then(() => undefined, (e: NodeJS.ErrnoException) => e)
    expect(error?.code).toBe("ECONNREFUSED")
  })

  it.live("closes keep-alive connections on shutdown instead of waiting for them", () =>
    Effect.gen(function* () {
      const started = Date.now()
      yield* Effect.scoped(Effect.gen(function* () {
        const em = yield* Emulator.start({ counts: small })
        // fetch keeps the connection alive in its pool; close must not wait for the 30 s keep-alive timeout
        const res = yield* Effect.promise(() => fetch(`${em.url}/_emulator/counters`))
        expect(res.status).toBe(200)
        yield* Effect.promise(() => res.text())
      }))
      // Well under the keep-alive timeout, however loaded the machine: a close that waited for it would not be.
      expect(Date.now() - started).toBeLessThan(15_000)
    }))
})

describe("Emulator at scale", () => {
  it.live("serves a million invites with O(1) cursors and flat memory", () =>
    Effect.scoped(Effect.gen(function* () {
      const heap = process.memoryUsage().heapUsed
      const em = yield* Emulator.start({ counts: { openai: 1_000_000, anthropic: 1_000_000 } })
      const tail = (yield* openaiList(em, `?limit=100&after=${em.dataset.openai.idAt(999_950)}`)).json()
      expect(tail.data).toHaveLength(49)
      expect(tail.data[48].id).toBe(em.dataset.openai.idAt(999_999))
      expect(tail.has_more).toBe(false)
      // 50 keep-alive pages of 1000 Anthropic invites (their speed is measured by `pnpm bench`, not here)
      let after = ""
      let seen = 0
      for (let i = 0; i < 50; i++) {
        const res = yield* Effect.promise(() =>
          fetch(`${em.anthropic.baseUrl}/v1/organizations/invites?limit=1000${after}`, {
            headers: { "x-api-key": em.anthropic.apiKey, "anthropic-version": "2023-06-01" }
          }).then((r) => r.json() as Promise<{ data: Array<{ id: string }>; last_id: string }>)
        )
        seen += res.data.length
        after = `&after_id=${res.last_id}`
      }
      expect(seen).toBe(50_000)
      expect(after).toBe(`&after_id=${em.dataset.anthropic.idAt(49_999)}`)
      expect(process.memoryUsage().heapUsed - heap).toBeLessThan(100 * 1024 * 1024)
    })))
})
