import { describe, expect, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { Emulator, Faults } from "../src/index.js"
import { eventually, failure, fetchRaw, get } from "./http.js"

const counts = { openai: 30, anthropic: 30, portkey: 30, openlayer: 30 }

/** A request to each provider's list endpoint, authenticated. */
const call = (em: Emulator.Handle, provider: Emulator.ProviderName, query = "", timeoutMs?: number) => {
  const [url, headers] = target(em, provider)
  return get(url + query, timeoutMs === undefined ? { headers } : { headers, timeoutMs })
}

const target = (em: Emulator.Handle, provider: Emulator.ProviderName): readonly [string, Record<string, string>] => {
  switch (provider) {
    case "openai":
      return [`${em.openai.baseUrl}/organization/invites`, { authorization: `Bearer ${em.openai.apiKey}` }]
    case "anthropic":
      return [`${em.anthropic.baseUrl}/v1/organizations/invites`, {
        "x-api-key": em.anthropic.apiKey,
        "anthropic-version": "2023-06-01"
      }]
    case "portkey":
      return [`${em.portkey.baseUrl}/admin/users/invites`, { "x-portkey-api-key": em.portkey.apiKey }]
    case "openlayer":
      return [`${em.openlayer.baseUrl}/workspaces/${em.openlayer.workspaceIds[0]}/invites`, {
        authorization: `Bearer ${em.openlayer.apiKey}`
      }]
  }
}

const once = (provider: Emulator.ProviderName, fault: Faults.Fault) =>
  Effect.flatMap(Emulator.Emulator, (em) => em.setFaults(provider, { script: [fault] }))

layer(Emulator.layer({ counts }), { excludeTestServices: true })("faults over HTTP", (it) => {
  it.effect("a script applies in order, one entry per request: the 3rd request gets the 503", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* em.setFaults("openai", { script: [null, null, { _tag: "ServerError", status: 503 }] })
      const statuses: Array<number> = []
      for (let i = 0; i < 4; i++) statuses.push((yield* call(em, "openai")).status)
      expect(statuses).toEqual([200, 200, 503, 200])
    }))

  it.effect("faults of one provider leave the others alone", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("portkey", { _tag: "ServerError" })
      expect((yield* call(em, "openai")).status).toBe(200)
      expect((yield* call(em, "portkey")).status).toBe(503)
    }))

  it.effect("RateLimit: 429 with Retry-After and retry-after-ms, in each provider's error shape", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("openai", { _tag: "RateLimit", retryAfterSeconds: 2, retryAfterMs: 1500 })
      const openai = yield* call(em, "openai")
      expect(openai.status).toBe(429)
      expect(openai.headers["retry-after"]).toBe("2")
      expect(openai.headers["retry-after-ms"]).toBe("1500")
      expect(openai.json().error).toMatchObject({ code: "rate_limit_exceeded" })
      yield* once("anthropic", { _tag: "RateLimit" })
      const anthropic = yield* call(em, "anthropic")
      expect(anthropic.status).toBe(429)
      expect(anthropic.headers["retry-after"]).toBe("1")
      expect(anthropic.headers["retry-after-ms"]).toBeUndefined()
      expect(anthropic.json()).toMatchObject({ type: "error", error: { type: "rate_limit_error" } })
      yield* once("portkey", { _tag: "RateLimit", retryAfterMs: 250 })
      const portkey = yield* call(em, "portkey")
      expect([portkey.status, portkey.headers["retry-after-ms"], portkey.headers["retry-after"]]).toEqual([429, "250", undefined])
      expect(portkey.json().success).toBe(false)
      yield* once("openlayer", { _tag: "RateLimit", retryAfterSeconds: 3 })
      const openlayer = yield* call(em, "openlayer")
      expect(openlayer.json()).toEqual({ code: 429, error: expect.any(String) })
    }))

  it.effect("ServerError: 500/502/503/504 as JSON errors, and Anthropic's 529 overloaded_error", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      for (const status of [500, 502, 503, 504] as const) {
        yield* once("openai", { _tag: "ServerError", status })
        const res = yield* call(em, "openai")
        expect(res.status).toBe(status)
        expect(res.json().error.type).toBe("server_error")
      }
      yield* once("anthropic", { _tag: "ServerError", status: 529 })
      const overloaded = yield* call(em, "anthropic")
      expect(overloaded.status).toBe(529)
      expect(overloaded.json()).toEqual({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } })
      yield* once("anthropic", { _tag: "ServerError", status: 500, retryAfterSeconds: 4 })
      const internal = yield* call(em, "anthropic")
      expect(internal.json().error.type).toBe("api_error")
      expect(internal.headers["retry-after"]).toBe("4")
    }))

  it.effect("HtmlBadGateway: a 502 HTML page", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("anthropic", { _tag: "HtmlBadGateway" })
      const res = yield* call(em, "anthropic")
      expect(res.status).toBe(502)
      expect(res.headers["content-type"]).toMatch(/^text\/html/)
      expect(res.text).toContain("<title>502 Bad Gateway</title>")
      expect(() => res.json()).toThrow()
    }))

  it.effect("ResetMidBody: headers and part of the JSON arrive, then the connection is reset", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("openai", { _tag: "ResetMidBody" })
      const res = yield* call(em, "openai", "?limit=10", 2000)
      expect(res.status).toBe(200)
      expect(res.error?.code).toBe("ECONNRESET")
      const promised = Number(res.headers["content-length"])
      expect(res.body.length).toBeGreaterThan(0)
      expect(res.body.length).toBeLessThan(promised)
      expect(res.text.startsWith(`{"object":"list"`)).toBe(true)
      expect((yield* call(em, "openai")).status).toBe(200)
    }))

  it.effect("Hang: no response ever comes; the request stays in flight until the client gives up", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("portkey", { _tag: "Hang" })
      const [url, headers] = target(em, "portkey")
      const giveUp = new AbortController()
      const pending = Effect.runPromise(failure(url, { headers, signal: giveUp.signal }))
      const inFlight = em.counters("portkey").pipe(Effect.map((counters) => counters.inFlight))
      expect(yield* eventually(inFlight, (n) => n === 1)).toBe(1)
      // However long we wait, no answer comes: the request is still there.
      yield* Effect.sleep("250 millis")
      expect(yield* inFlight).toBe(1)
      giveUp.abort()
      expect((yield* Effect.promise(() => pending)).name).toBe("AbortError")
      expect(yield* eventually(inFlight, (n) => n === 0)).toBe(0)
    }))

  it.effect("InvalidJson: a 200 that no JSON parser accepts", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("openlayer", { _tag: "InvalidJson" })
      const res = yield* call(em, "openlayer")
      expect(res.status).toBe(200)
      expect(res.headers["content-type"]).toBe("application/json")
      expect(res.error).toBeUndefined()
      expect(() => res.json()).toThrow(SyntaxError)
    }))

  it.effect("MissingField: removes the named field (default: the first invite's id)", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("openai", { _tag: "MissingField" })
      const body = (yield* call(em, "openai")).json()
      expect("id" in body.data[0]).toBe(false)
      expect("id" in body.data[1]).toBe(true)
      yield* once("anthropic", { _tag: "MissingField", field: "has_more" })
      expect("has_more" in (yield* call(em, "anthropic")).json()).toBe(false)
      yield* once("openlayer", { _tag: "MissingField", field: "items.*.email" })
      expect((yield* call(em, "openlayer")).json().items.every((i: object) => !("email" in i))).toBe(true)
    }))

  it.effect("WrongType: the named field gets a value of another type", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("portkey", { _tag: "WrongType" })
      expect(typeof (yield* call(em, "portkey")).json().data[0].email).toBe("number")
      yield* once("openai", { _tag: "WrongType", field: "has_more" })
      expect((yield* call(em, "openai")).json().has_more).toBe("true")
      yield* once("portkey", { _tag: "WrongType", field: "total" })
      expect((yield* call(em, "portkey")).json().total).toBe("30")
      yield* once("openlayer", { _tag: "WrongType", field: "items.0.workspace" })
      expect(typeof (yield* call(em, "openlayer")).json().items[0].workspace).toBe("string")
    }))

  it.effect("NullData: null where the list belongs (data: null, items: null)", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("anthropic", { _tag: "NullData" })
      expect((yield* call(em, "anthropic")).json().data).toBeNull()
      yield* once("openlayer", { _tag: "NullData" })
      expect((yield* call(em, "openlayer")).json()).toEqual({ items: null })
      yield* once("openlayer", { _tag: "NullData", field: "items.0.creator" })
      expect((yield* call(em, "openlayer")).json().items[0].creator).toBeNull()
    }))

  it.effect("LongString: a 1 MiB email by default, still shaped like an email", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("openai", { _tag: "LongString" })
      const email: string = (yield* call(em, "openai")).json().data[0].email
      expect(email.length).toBe(1024 * 1024)
      expect(email).toMatch(/^x+@[a-z.]+$/)
      yield* once("anthropic", { _tag: "LongString", field: "data.1.role", length: 5000 })
      expect((yield* call(em, "anthropic")).json().data[1].role).toHaveLength(5000)
    }))

  it.effect("RepeatCursor: OpenAI and Anthropic answer a cursor with the page ending at it, last_id = the cursor", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const ids = em.invites("openai").map((i: any) => i.id)
      yield* once("openai", { _tag: "RepeatCursor" })
      const openai = (yield* call(em, "openai", `?limit=5&after=${ids[4]}`)).json()
      expect(openai.last_id).toBe(ids[4])
      expect(openai.has_more).toBe(true)
      expect(openai.data.map((i: any) => i.id)).toEqual(ids.slice(0, 5))
      const aIds = em.invites("anthropic").map((i: any) => i.id)
      yield* once("anthropic", { _tag: "RepeatCursor" })
      const anthropic = (yield* call(em, "anthropic", `?limit=3&after_id=${aIds[5]}`)).json()
      expect([anthropic.last_id, anthropic.has_more]).toEqual([aIds[5], true])
      expect(anthropic.data.map((i: any) => i.id)).toEqual(aIds.slice(3, 6))
    }))

  it.effect("RepeatCursor: Portkey serves the previous page again; Openlayer's x-next points at the same page", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("portkey", { _tag: "RepeatCursor" })
      const portkey = (yield* call(em, "portkey", "?pageSize=4&currentPage=2")).json()
      expect(portkey.data).toEqual(em.invites("portkey").slice(4, 8))
      yield* once("openlayer", { _tag: "RepeatCursor" })
      const openlayer = yield* call(em, "openlayer", "?page=2&perPage=4")
      expect(openlayer.headers["x-next"]).toMatch(/\?page=2&perPage=4$/)
      expect(openlayer.json().items).toEqual(em.invites("openlayer", em.openlayer.workspaceIds[0]).slice(4, 8))
    }))

  it.effect("CursorBackwards: last_id moves before the request's cursor; Openlayer's x-next to the previous page", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const ids = em.invites("openai").map((i: any) => i.id)
      yield* once("openai", { _tag: "CursorBackwards" })
      const openai = (yield* call(em, "openai", `?limit=5&after=${ids[9]}`)).json()
      expect(openai.data.map((i: any) => i.id)).toEqual(ids.slice(10, 15))
      expect(openai.last_id).toBe(ids[5])
      expect(openai.has_more).toBe(true)
      yield* once("openlayer", { _tag: "CursorBackwards" })
      expect((yield* call(em, "openlayer", "?page=3&perPage=5")).headers["x-next"]).toMatch(/\?page=2&perPage=5$/)
      yield* once("portkey", { _tag: "CursorBackwards" })
      expect((yield* call(em, "portkey", "?pageSize=5&currentPage=3")).json().data).toEqual(em.invites("portkey").slice(0, 5))
    }))

  it.effect("EmptyPageWithMore: has_more with an empty page", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("openai", { _tag: "EmptyPageWithMore" })
      expect((yield* call(em, "openai")).json()).toEqual({ object: "list", data: [], first_id: null, last_id: null, has_more: true })
      yield* once("anthropic", { _tag: "EmptyPageWithMore" })
      expect((yield* call(em, "anthropic")).json()).toEqual({ data: [], has_more: true, first_id: null, last_id: null })
      yield* once("portkey", { _tag: "EmptyPageWithMore" })
      expect((yield* call(em, "portkey")).json()).toEqual({ object: "list", total: 30, data: [] })
      yield* once("openlayer", { _tag: "EmptyPageWithMore" })
      const openlayer = yield* call(em, "openlayer")
      expect(openlayer.json()).toEqual({ items: [] })
      expect(openlayer.headers["x-next"]).toMatch(/\?page=2&perPage=25$/)
    }))

  it.effect("HugePage: ten times the asked page size", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("openai", { _tag: "HugePage" })
      const openai = (yield* call(em, "openai", "?limit=2")).json()
      expect(openai.data).toEqual(em.invites("openai").slice(0, 20))
      expect(openai.last_id).toBe(openai.data[19].id)
      yield* once("openlayer", { _tag: "HugePage", factor: 3 })
      expect((yield* call(em, "openlayer", "?perPage=4")).json().items).toHaveLength(12)
    }))

  it.effect("LyingTotal: Portkey's total is whatever the fault says", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("portkey", { _tag: "LyingTotal", total: -1 })
      expect((yield* call(em, "portkey")).json().total).toBe(-1)
      yield* once("portkey", { _tag: "LyingTotal", total: 1_000_000 })
      const body = (yield* call(em, "portkey", "?pageSize=50")).json()
      expect([body.total, body.data.length]).toEqual([1_000_000, 30])
    }))

  it.effect("NextLinkLoop: Openlayer's x-next loops back to an earlier page", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("openlayer", { _tag: "NextLinkLoop" })
      expect((yield* call(em, "openlayer", "?page=3&perPage=5")).headers["x-next"]).toMatch(/\?page=1&perPage=5$/)
      yield* once("openlayer", { _tag: "NextLinkLoop", page: 2 })
      expect((yield* call(em, "openlayer", "?page=6&perPage=5")).headers["x-next"]).toMatch(/\?page=2&perPage=5$/)
    }))

  it.effect("TruncatedBody: Content-Length promises more than is sent before the connection ends", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("anthropic", { _tag: "TruncatedBody" })
      const res = yield* call(em, "anthropic", "", 2000)
      expect(res.status).toBe(200)
      expect(res.error).toBeDefined()
      expect(res.error?.code).not.toBe("TIMEOUT")
      expect(res.body.length).toBeLessThan(Number(res.headers["content-length"]))
      expect(res.body.length).toBe(Math.floor(Number(res.headers["content-length"]) / 2))
    }))

  it.effect("HtmlOk: a 200 with an HTML page", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("portkey", { _tag: "HtmlOk" })
      const res = yield* call(em, "portkey")
      expect(res.status).toBe(200)
      expect(res.headers["content-type"]).toMatch(/^text\/html/)
      expect(res.text).toMatch(/^<!DOCTYPE html>/)
    }))

  it.effect("WrongContentType: the page's JSON as text/plain", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("openai", { _tag: "WrongContentType" })
      const res = yield* call(em, "openai", "?limit=3")
      expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8")
      expect(res.json().data).toEqual(em.invites("openai").slice(0, 3))
    }))

  it.effect("UnexpectedStatus: 204 without a body, 302 with a Location, 418 in the provider's shape", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* once("openai", { _tag: "UnexpectedStatus", status: 204 })
      const empty = yield* call(em, "openai")
      expect([empty.status, empty.body.length]).toEqual([204, 0])
      yield* once("openai", { _tag: "UnexpectedStatus", status: 302, location: "https://login.example/sso" })
      const redirect = yield* call(em, "openai")
      expect([redirect.status, redirect.headers.location]).toEqual([302, "https://login.example/sso"])
      yield* once("openlayer", { _tag: "UnexpectedStatus", status: 418 })
      const teapot = yield* call(em, "openlayer")
      expect(teapot.status).toBe(418)
      expect(teapot.json()).toEqual({ code: 418, error: expect.any(String) })
    }))

  it.effect("latencyMs delays every request of the provider", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      yield* em.setFaults("anthropic", { latencyMs: 120 })
      const started = Date.now()
      expect((yield* call(em, "anthropic")).status).toBe(200)
      expect((yield* call(em, "anthropic")).status).toBe(200)
      expect(Date.now() - started).toBeGreaterThanOrEqual(230)
      // Cleared, a latency no test could wait out is gone: the request is answered (a generous 10 s at most).
      yield* em.setFaults("anthropic", { latencyMs: 600_000 })
      yield* em.clearFaults("anthropic")
      const cleared = yield* call(em, "anthropic", "", 10_000)
      expect({ status: cleared.status, error: cleared.error }).toEqual({ status: 200, error: undefined })
    }))

  it.effect("random faults: rate 1 always, rate 0 never, and the same seed gives the same sequence", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const run = (plan: Faults.Plan) =>
        Effect.gen(function* () {
          yield* em.setFaults("openai", plan)
          const statuses: Array<number> = []
          for (let i = 0; i < 20; i++) statuses.push((yield* call(em, "openai")).status)
          return statuses
        })
      const kinds = ["RateLimit", "ServerError", "HtmlBadGateway"] as const
      const always = yield* run({ random: { rate: 1, seed: 1, kinds } })
      expect(always.every((s) => s === 429 || s >= 500)).toBe(true)
      expect(yield* run({ random: { rate: 0, seed: 1, kinds } })).toEqual(Array(20).fill(200))
      const a = yield* run({ random: { rate: 0.5, seed: 7, kinds } })
      const b = yield* run({ random: { rate: 0.5, seed: 7, kinds } })
      const c = yield* run({ random: { rate: 0.5, seed: 8, kinds } })
      expect(a).toEqual(b)
      expect(a).not.toEqual(c)
      expect(a.filter((s) => s === 200).length).toBeGreaterThan(3)
      expect(a.filter((s) => s !== 200).length).toBeGreaterThan(3)
      // the script comes first, then the random draws
      expect(yield* run({ script: [null, { _tag: "UnexpectedStatus", status: 418 }], random: { rate: 1, seed: 1, kinds: [{ _tag: "ServerError", status: 504 }] } }))
        .toEqual([200, 418, ...Array(18).fill(504)])
      yield* em.clearFaults()
    }))

  it.effect("clearFaults(provider) clears one provider, clearFaults() all of them", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      for (const p of Emulator.providerNames) yield* em.setFaults(p, { script: [{ _tag: "ServerError" }] })
      yield* em.clearFaults("openai")
      expect((yield* call(em, "openai")).status).toBe(200)
      expect((yield* call(em, "anthropic")).status).toBe(503)
      yield* em.clearFaults()
      for (const p of Emulator.providerNames) expect((yield* call(em, p)).status).toBe(200)
    }))

  it.effect("PUT /_emulator/faults/{provider} sets a plan from another process; DELETE clears", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const put = (provider: string, body: string) => get(`${em.url}/_emulator/faults/${provider}`, { method: "PUT", body })
      const plan = JSON.stringify({ script: [null, { _tag: "RateLimit", retryAfterMs: 5 }] })
      expect((yield* put("openlayer", plan)).status).toBe(204)
      const listed = (yield* get(`${em.url}/_emulator/faults`)).json()
      expect(listed.openlayer).toEqual({ plan: JSON.parse(plan), scriptRemaining: 2 })
      expect(listed.openai).toEqual({ plan: null, scriptRemaining: 0 })
      expect((yield* call(em, "openlayer")).status).toBe(200)
      expect((yield* call(em, "openlayer")).status).toBe(429)
      expect((yield* put("openlayer", "{not json")).status).toBe(400)
      const invalid = yield* put("openlayer", JSON.stringify({ random: { rate: 3, seed: 1 } }))
      expect(invalid.status).toBe(400)
      expect(invalid.json().error).toContain("rate")
      expect((yield* put("gemini", plan)).status).toBe(404)
      expect((yield* put("portkey", JSON.stringify({ script: [{ _tag: "HtmlOk" }] }))).status).toBe(204)
      expect((yield* get(`${em.url}/_emulator/faults`, { method: "DELETE" })).status).toBe(204)
      expect((yield* call(em, "portkey")).status).toBe(200)
      expect((yield* put("portkey", JSON.stringify({ script: [{ _tag: "HtmlOk" }] }))).status).toBe(204)
      expect((yield* get(`${em.url}/_emulator/faults/portkey`, { method: "DELETE" })).status).toBe(204)
      expect((yield* call(em, "portkey")).status).toBe(200)
    }))
})

describe("fault plans", () => {
  it("decode from JSON, rejecting unknown kinds, bad values and unknown keys", () => {
    expect(Either.isRight(Faults.decodePlan({ script: [null, { _tag: "Hang" }], latencyMs: 5 }))).toBe(true)
    expect(Either.isRight(Faults.decodePlan({ random: { rate: 0.3, seed: 7, kinds: ["RateLimit", { _tag: "HugePage", factor: 3 }] } })))
      .toBe(true)
    for (const bad of [
      { script: [{ _tag: "Explode" }] },
      { random: { rate: 1.5, seed: 1 } },
      { latencyMs: -1 },
      { script: [{ _tag: "ServerError", status: 501 }] },
      { scirpt: [] }
    ]) {
      expect(Either.isLeft(Faults.decodePlan(bad)), JSON.stringify(bad)).toBe(true)
    }
  })

  it("random faults draw only recoverable kinds by default, every one of them", () => {
    const injector = new Faults.Injector("anthropic", { random: { rate: 1, seed: 3 } })
    const drawn = Array.from({ length: 300 }, () => injector.next()!)
    expect(new Set(drawn.map((f) => f._tag))).toEqual(new Set(Faults.recoverableKinds))
    const statuses = new Set(drawn.flatMap((f) => (f._tag === "ServerError" ? [f.status] : [])))
    expect(statuses).toEqual(new Set([500, 502, 503, 504, 529]))
    const openai = new Faults.Injector("openai", { random: { rate: 1, seed: 3, kinds: ["ServerError"] } })
    expect(Array.from({ length: 100 }, () => openai.next()).some((f) => f?._tag === "ServerError" && f.status === 529)).toBe(false)
  })

  it("lists every kind once", () => {
    expect(Faults.kinds).toHaveLength(20)
    expect(new Set(Faults.kinds).size).toBe(20)
    for (const kind of Faults.recoverableKinds) expect(Faults.kinds).toContain(kind)
  })
})

describe("server shutdown", () => {
  it.live("closes hanging sockets when the scope closes", () =>
    Effect.gen(function* () {
      const pending = yield* Effect.scoped(
        Effect.gen(function* () {
          const em = yield* Emulator.start({ counts, faults: { openai: { script: [{ _tag: "Hang" }] } } })
          const [url, headers] = target(em, "openai")
          const request = fetchRaw(url, { headers }).then(() => "answered", (e: NodeJS.ErrnoException) => e.code ?? e.message)
          const inFlight = em.counters("openai").pipe(Effect.map((counters) => counters.inFlight))
          expect(yield* eventually(inFlight, (n) => n === 1)).toBe(1)
          return request
        })
      )
      // the scope is closed: the hanging request must fail now, not at some server timeout (Node's are 60 s and
      // more; 10 s is only there so a regression fails instead of hanging)
      const outcome = yield* Effect.promise(() => pending).pipe(Effect.timeout("10 seconds"))
      expect(outcome).toBe("ECONNRESET")
    }))
})
