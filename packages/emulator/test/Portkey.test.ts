import { expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "../src/index.js"
import { get } from "./http.js"

const COUNT = 90

const page = (em: Emulator.Handle, query: string, headers?: Record<string, string>) =>
  get(`${em.portkey.baseUrl}/admin/users/invites${query}`, { headers: headers ?? { "x-portkey-api-key": em.portkey.apiKey } })

layer(Emulator.layer({ counts: { portkey: COUNT } }), { excludeTestServices: true })("Portkey /v1/admin/users/invites", (it) => {
  it.effect("pages with pageSize and currentPage from 0, exactly the dataset in order, total = count", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const seen: Array<unknown> = []
      for (let current = 0; current < 20; current++) {
        const res = yield* page(em, `?pageSize=8&currentPage=${current}`)
        expect(res.status).toBe(200)
        const body = res.json()
        expect(body.object).toBe("list")
        expect(body.total).toBe(COUNT)
        if (body.data.length === 0) break
        seen.push(...body.data)
      }
      expect(seen).toEqual(em.invites("portkey"))
    }))

  it.effect("defaults to 20 per page from page 0", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const body = (yield* page(em, "")).json()
      expect(body.data).toEqual(em.invites("portkey").slice(0, 20))
    }))

  it.effect("filters role and status server-side, exactly, with total = the filtered count", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const all = em.invites("portkey") as ReadonlyArray<any>
      for (const [query, keep] of [
        ["role=admin", (i: any) => i.role === "admin"],
        ["status=cancelled", (i: any) => i.status === "cancelled"],
        ["role=member&status=pending", (i: any) => i.role === "member" && i.status === "pending"]
      ] as const) {
        const expected = all.filter(keep)
        expect(expected.length, query).toBeGreaterThan(0)
        const first = (yield* page(em, `?${query}&pageSize=3&currentPage=0`)).json()
        const second = (yield* page(em, `?${query}&pageSize=3&currentPage=1`)).json()
        expect(first.total, query).toBe(expected.length)
        expect([...first.data, ...second.data], query).toEqual(expected.slice(0, 6))
      }
      expect((yield* page(em, "?role=owner")).json()).toEqual({ object: "list", total: 0, data: [] })
    }))

  it.effect("matches an email with + after URL-decoding: %2B is a plus, a raw + is a space", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const tagged = (em.invites("portkey") as ReadonlyArray<any>).find((i) => i.email.includes("+"))
      const encoded = yield* page(em, `?email=${encodeURIComponent(tagged.email)}`)
      expect(encodeURIComponent(tagged.email)).toContain("%2B")
      expect(encoded.json()).toEqual({ object: "list", total: 1, data: [tagged] })
      const raw = yield* page(em, `?email=${tagged.email}`)
      expect(raw.json().total).toBe(0)
    }))

  it.effect("rejects a pageSize below 1 or a negative currentPage with 400", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      for (const query of ["?pageSize=0", "?pageSize=abc", "?currentPage=-1", "?currentPage=x"]) {
        const res = yield* page(em, query)
        expect(res.status, query).toBe(400)
        expect(res.json(), query).toEqual({ success: false, data: { message: expect.any(String) } })
      }
    }))

  it.effect("answers a missing or wrong key with 401, never echoing the key", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      for (const headers of [{}, { "x-portkey-api-key": "pk-SECRET-guess" }, { authorization: `Bearer ${em.portkey.apiKey}` }]) {
        const res = yield* page(em, "", headers)
        expect(res.status).toBe(401)
        expect(res.json()).toEqual({ success: false, data: { message: expect.any(String) } })
        expect(res.text).not.toContain("SECRET")
      }
    }))
})

layer(Emulator.layer({ counts: { portkey: 23 }, portkey: { maxPageSize: 5 } }), { excludeTestServices: true })(
  "Portkey with a server-side page size cap",
  (it) => {
    it.effect("silently returns fewer than asked and offsets pages with the capped size", () =>
      Effect.gen(function* () {
        const em = yield* Emulator.Emulator
        const all = em.invites("portkey")
        const first = (yield* page(em, "?pageSize=10&currentPage=0")).json()
        expect(first.data).toEqual(all.slice(0, 5))
        expect(first.total).toBe(23)
        const second = (yield* page(em, "?pageSize=10&currentPage=1")).json()
        expect(second.data).toEqual(all.slice(5, 10))
        const last = (yield* page(em, "?pageSize=10&currentPage=4")).json()
        expect(last.data).toEqual(all.slice(20, 23))
        expect((yield* page(em, "?pageSize=3&currentPage=1")).json().data).toEqual(all.slice(3, 6))
      }))
  }
)
