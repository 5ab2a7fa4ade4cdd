import { expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "../src/index.js"
import { get, type Response } from "./http.js"

const COUNT = 60
const VERSION = { "anthropic-version": "2023-06-01" }

layer(Emulator.layer({ counts: { anthropic: COUNT } }), { excludeTestServices: true })("Anthropic /v1/organizations/invites", (it) => {
  const list = (query: string, headers?: Record<string, string>) =>
    Effect.flatMap(Emulator.Emulator, (em) =>
      get(`${em.anthropic.baseUrl}/v1/organizations/invites${query}`, {
        headers: headers ?? { "x-api-key": em.anthropic.apiKey, ...VERSION }
      }))

  it.effect("pages forward with after_id = last_id, exactly the dataset in order", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const seen: Array<unknown> = []
      let after: string | null = null
      for (let pages = 0; pages < 20; pages++) {
        const res: Response = yield* list(`?limit=11${after === null ? "" : `&after_id=${after}`}`)
        expect(res.status).toBe(200)
        expect(res.headers["request-id"]).toMatch(/^req_/)
        const body: any = res.json()
        expect(Object.keys(body).sort()).toEqual(["data", "first_id", "has_more", "last_id"])
        seen.push(...body.data)
        if (!body.has_more) break
        after = body.last_id
      }
      expect(seen).toEqual(em.invites("anthropic"))
    }))

  it.effect("pages backwards with before_id: the page immediately before the cursor", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const ids = em.invites("anthropic").map((i: any) => i.id)
      const body = (yield* list(`?limit=5&before_id=${ids[12]}`)).json()
      expect(body.data.map((i: any) => i.id)).toEqual(ids.slice(7, 12))
      expect(body.has_more).toBe(true)
      expect(body.first_id).toBe(ids[7])
      const start = (yield* list(`?limit=5&before_id=${ids[3]}`)).json()
      expect(start.data.map((i: any) => i.id)).toEqual(ids.slice(0, 3))
      expect(start.has_more).toBe(false)
    }))

  it.effect("accepts the key as x-api-key (the docs) and as Authorization: Bearer (the SDK)", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      expect((yield* list("", { "x-api-key": em.anthropic.apiKey, ...VERSION })).status).toBe(200)
      expect((yield* list("", { authorization: `Bearer ${em.anthropic.apiKey}`, ...VERSION })).status).toBe(200)
    }))

  it.effect("requires anthropic-version: 400 invalid_request_error without it", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const res = yield* list("", { "x-api-key": em.anthropic.apiKey })
      expect(res.status).toBe(400)
      expect(res.json()).toEqual({
        type: "error",
        error: { type: "invalid_request_error", message: expect.stringContaining("anthropic-version") }
      })
    }))

  it.effect("defaults to 20, accepts up to 1000, rejects 0, 1001 and non-integers", () =>
    Effect.gen(function* () {
      expect((yield* list("")).json().data).toHaveLength(20)
      const max = (yield* list("?limit=1000")).json()
      expect(max.data).toHaveLength(COUNT)
      expect(max.has_more).toBe(false)
      for (const limit of ["0", "1001", "ten", "2.5"]) {
        const res = yield* list(`?limit=${limit}`)
        expect(res.status, limit).toBe(400)
        expect(res.json().error.type, limit).toBe("invalid_request_error")
      }
    }))

  it.effect("rejects both cursors at once, and a cursor it never issued, with 400", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const [a, b] = [em.dataset.anthropic.idAt(1), em.dataset.anthropic.idAt(5)]
      expect((yield* list(`?after_id=${a}&before_id=${b}`)).status).toBe(400)
      const unknown = yield* list("?after_id=invite_015gWxCN9Hfg2QhZwTK7Mdeu")
      expect(unknown.status).toBe(400)
      expect(unknown.json().error.type).toBe("invalid_request_error")
    }))

  it.effect("answers a missing or wrong key with 401 authentication_error, never echoing the key", () =>
    Effect.gen(function* () {
      const missing = yield* list("", VERSION)
      expect(missing.status).toBe(401)
      expect(missing.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } })
      for (const headers of [{ "x-api-key": "sk-ant-admin01-SECRET-x" }, { authorization: "Bearer sk-ant-admin01-SECRET-y" }]) {
        const wrong = yield* list("", { ...headers, ...VERSION })
        expect(wrong.status).toBe(401)
        expect(wrong.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } })
        expect(wrong.text).not.toContain("SECRET")
      }
    }))
})
