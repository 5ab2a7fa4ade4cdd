import { expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "../src/index.js"
import { get, type Response } from "./http.js"

const COUNT = 45

const auth = (key: string) => ({ authorization: `Bearer ${key}` })

layer(Emulator.layer({ counts: { openai: COUNT } }), { excludeTestServices: true })("OpenAI /organization/invites", (it) => {
  const list = (query: string, headers?: Record<string, string>) =>
    Effect.flatMap(Emulator.Emulator, (em) =>
      get(`${em.openai.baseUrl}/organization/invites${query}`, { headers: headers ?? auth(em.openai.apiKey) }))

  it.effect("pages through every invite with after = the last id, exactly the dataset in order", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const seen: Array<unknown> = []
      let after: string | null = null
      for (let pages = 0; pages < 20; pages++) {
        const res: Response = yield* list(`?limit=7${after === null ? "" : `&after=${after}`}`)
        expect(res.status).toBe(200)
        expect(res.headers["content-type"]).toBe("application/json")
        expect(res.headers["x-request-id"]).toMatch(/^req_/)
        const body: any = res.json()
        expect(body.object).toBe("list")
        expect(body.first_id).toBe(body.data[0].id)
        expect(body.last_id).toBe(body.data.at(-1).id)
        seen.push(...body.data)
        if (!body.has_more) break
        after = body.last_id
      }
      expect(seen).toEqual(em.invites("openai"))
      expect(seen).toHaveLength(COUNT)
    }))

  it.effect("defaults to 20 per page and accepts the maximum of 100", () =>
    Effect.gen(function* () {
      const first = (yield* list("")).json()
      expect(first.data).toHaveLength(20)
      expect(first.has_more).toBe(true)
      const all = (yield* list("?limit=100")).json()
      expect(all.data).toHaveLength(COUNT)
      expect(all.has_more).toBe(false)
    }))

  it.effect("rejects a limit outside 1..100 or not an integer with 400 invalid_request_error", () =>
    Effect.gen(function* () {
      const cases = [["0", "integer_below_min_value"], ["101", "integer_above_max_value"], ["abc", "invalid_type"],
        ["1.5", "invalid_type"], ["", "invalid_type"], ["-3", "integer_below_min_value"]] as const
      for (const [limit, code] of cases) {
        const res = yield* list(`?limit=${limit}`)
        expect(res.status, limit).toBe(400)
        expect(res.json(), limit).toEqual({
          error: { message: expect.stringContaining("'limit'"), type: "invalid_request_error", param: "limit", code }
        })
      }
    }))

  it.effect("rejects an after id that is not in the organization with 400 (param after)", () =>
    Effect.gen(function* () {
      const res = yield* list("?after=invite-doesnotexist")
      expect(res.status).toBe(400)
      expect(res.json().error).toMatchObject({ type: "invalid_request_error", param: "after" })
    }))

  it.effect("answers an after id at the end of the list with an empty page and null ids", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const body = (yield* list(`?after=${em.dataset.openai.idAt(COUNT - 1)}`)).json()
      expect(body).toEqual({ object: "list", data: [], first_id: null, last_id: null, has_more: false })
    }))

  it.effect("answers a missing or wrong key with 401 invalid_api_key, never echoing the key", () =>
    Effect.gen(function* () {
      const missing = yield* list("", {})
      expect(missing.status).toBe(401)
      expect(missing.json().error).toMatchObject({ type: "invalid_request_error", code: "invalid_api_key" })
      const wrong = yield* list("", auth("sk-admin-SECRET-guess-1234567890"))
      expect(wrong.status).toBe(401)
      expect(wrong.json().error).toMatchObject({ type: "invalid_request_error", code: "invalid_api_key" })
      expect(wrong.text).not.toContain("SECRET")
      expect(wrong.text).not.toContain("7890")
    }))

  it.effect("answers unknown paths with 404 and other methods with 405", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const unknown = yield* get(`${em.openai.baseUrl}/organization/users`, { headers: auth(em.openai.apiKey) })
      expect(unknown.status).toBe(404)
      expect(unknown.json().error.type).toBe("invalid_request_error")
      const post = yield* get(`${em.openai.baseUrl}/organization/invites`, { method: "POST", headers: auth(em.openai.apiKey) })
      expect(post.status).toBe(405)
      expect((yield* get(`${em.url}/nothing/here`)).status).toBe(404)
    }))
})

layer(Emulator.layer({ counts: { openai: 3 }, openai: { timestampField: "invited_at" } }), { excludeTestServices: true })(
  "OpenAI with the OpenAPI document's field name",
  (it) => {
    it.effect("sends invited_at instead of created_at", () =>
      Effect.gen(function* () {
        const em = yield* Emulator.Emulator
        const body = (yield* get(`${em.openai.baseUrl}/organization/invites`, { headers: auth(em.openai.apiKey) })).json()
        expect(body.data).toHaveLength(3)
        for (const invite of body.data) {
          expect(Number.isInteger(invite.invited_at)).toBe(true)
          expect("created_at" in invite).toBe(false)
        }
      }))
  }
)

layer(Emulator.layer({ counts: { openai: 0 } }), { excludeTestServices: true })("OpenAI with no invites", (it) => {
  it.effect("returns an empty list with null first_id and last_id", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const body = (yield* get(`${em.openai.baseUrl}/organization/invites`, { headers: auth(em.openai.apiKey) })).json()
      expect(body).toEqual({ object: "list", data: [], first_id: null, last_id: null, has_more: false })
    }))
})
