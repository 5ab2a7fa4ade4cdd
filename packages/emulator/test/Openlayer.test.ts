import { expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "../src/index.js"
import { get } from "./http.js"

const COUNT = 53

const auth = (em: Emulator.Handle) => ({ authorization: `Bearer ${em.openlayer.apiKey}` })
const invitesUrl = (em: Emulator.Handle, workspace: string) => `${em.openlayer.baseUrl}/workspaces/${workspace}/invites`

/** Follows x-next (absolute or relative) until it is absent, collecting items. */
const follow = (em: Emulator.Handle, first: string) =>
  Effect.gen(function* () {
    const items: Array<unknown> = []
    const links: Array<string> = []
    let url: string | undefined = first
    while (url !== undefined && links.length < 50) {
      const res = yield* get(url.startsWith("/") ? em.url + url : url, { headers: auth(em) })
      expect(res.status).toBe(200)
      items.push(...res.json().items)
      url = res.headers["x-next"] as string | undefined
      if (url !== undefined) links.push(url)
    }
    return { items, links }
  })

layer(Emulator.layer({ counts: { openlayer: COUNT } }), { excludeTestServices: true })("Openlayer /v1/workspaces/{id}/invites", (it) => {
  it.effect("follows absolute x-next links through each workspace, exactly its invites in order", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      expect(em.openlayer.workspaceIds).toHaveLength(2)
      for (const workspace of em.openlayer.workspaceIds) {
        const { items, links } = yield* follow(em, `${invitesUrl(em, workspace)}?perPage=10`)
        expect(items).toEqual(em.invites("openlayer", workspace))
        expect(links).toEqual([2, 3, 4, 5, 6].map((p) => `${invitesUrl(em, workspace)}?page=${p}&perPage=10`))
      }
      const both = em.invites("openlayer")
      expect(both).toHaveLength(2 * COUNT)
    }))

  it.effect("defaults to page 1 of 25 and ends without x-next on the last page", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const workspace = em.openlayer.workspaceIds[0]!
      const first = yield* get(invitesUrl(em, workspace), { headers: auth(em) })
      expect(first.json()).toEqual({ items: em.invites("openlayer", workspace).slice(0, 25) })
      expect(first.headers["x-next"]).toBe(`${invitesUrl(em, workspace)}?page=2&perPage=25`)
      const last = yield* get(`${invitesUrl(em, workspace)}?page=3`, { headers: auth(em) })
      expect(last.json().items).toHaveLength(3)
      expect(last.headers["x-next"]).toBeUndefined()
      const beyond = yield* get(`${invitesUrl(em, workspace)}?page=9&perPage=100`, { headers: auth(em) })
      expect(beyond.json()).toEqual({ items: [] })
      expect(beyond.headers["x-next"]).toBeUndefined()
    }))

  it.effect("rejects perPage outside 1..100 and page below 1 with 400 { code, error }", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const workspace = em.openlayer.workspaceIds[0]!
      expect((yield* get(`${invitesUrl(em, workspace)}?perPage=100`, { headers: auth(em) })).status).toBe(200)
      for (const query of ["perPage=101", "perPage=0", "perPage=x", "page=0", "page=-2"]) {
        const res = yield* get(`${invitesUrl(em, workspace)}?${query}`, { headers: auth(em) })
        expect(res.status, query).toBe(400)
        expect(res.json(), query).toEqual({ code: 400, error: expect.any(String) })
      }
    }))

  it.effect("answers an unknown workspace with 404 { code: 404, error }", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const res = yield* get(invitesUrl(em, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"), { headers: auth(em) })
      expect(res.status).toBe(404)
      expect(res.json()).toEqual({ code: 404, error: expect.any(String) })
    }))

  it.effect("answers a missing or wrong key with 401 { code: 401, error }, never echoing the key", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      const url = invitesUrl(em, em.openlayer.workspaceIds[0]!)
      for (const headers of [{}, { authorization: "Bearer ol-SECRET-guess" }, { "x-api-key": em.openlayer.apiKey }]) {
        const res = yield* get(url, { headers })
        expect(res.status).toBe(401)
        expect(res.json()).toEqual({ code: 401, error: expect.any(String) })
        expect(res.text).not.toContain("SECRET")
      }
    }))
})

const workspaceIds = ["11111111-1111-4111-8111-111111111111"]

layer(Emulator.layer({ counts: { openlayer: 7 }, openlayer: { workspaceIds, nextLink: "relative" } }), {
  excludeTestServices: true
})("Openlayer with relative x-next links", (it) => {
  it.effect("writes the next page as a path and a client resolving it against the origin gets every invite", () =>
    Effect.gen(function* () {
      const em = yield* Emulator.Emulator
      expect(em.openlayer.workspaceIds).toEqual(workspaceIds)
      const { items, links } = yield* follow(em, `${invitesUrl(em, workspaceIds[0]!)}?perPage=3`)
      expect(links).toEqual([
        `/openlayer/v1/workspaces/${workspaceIds[0]}/invites?page=2&perPage=3`,
        `/openlayer/v1/workspaces/${workspaceIds[0]}/invites?page=3&perPage=3`
      ])
      expect(items).toEqual(em.invites("openlayer"))
    }))
})

layer(Emulator.layer({ counts: { openlayer: 7 }, openlayer: { nextLink: "none" } }), { excludeTestServices: true })(
  "Openlayer without x-next links",
  (it) => {
    it.effect("omits x-next, so a client must stop on a short page", () =>
      Effect.gen(function* () {
        const em = yield* Emulator.Emulator
        const url = invitesUrl(em, em.openlayer.workspaceIds[0]!)
        const full = yield* get(`${url}?perPage=5`, { headers: auth(em) })
        expect(full.json().items).toHaveLength(5)
        expect(full.headers["x-next"]).toBeUndefined()
        const short = yield* get(`${url}?perPage=5&page=2`, { headers: auth(em) })
        expect(short.json().items).toHaveLength(2)
      }))
  }
)
