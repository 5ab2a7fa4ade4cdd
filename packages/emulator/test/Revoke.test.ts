import * as Effect from "effect/Effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import * as Emulator from "../src/Emulator.js"

type Handle = Awaited<ReturnType<typeof Emulator.startPromise>>
let em: Handle

beforeEach(async () => {
  em = await Emulator.startPromise({ counts: { openai: 45, anthropic: 45, portkey: 45, openlayer: 5 } })
})
afterEach(() => em.close())

const openai = (path: string, method = "GET") =>
  fetch(`${em.openai.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${em.openai.apiKey}` } })
const anthropic = (path: string, method = "GET") =>
  fetch(`${em.anthropic.baseUrl}${path}`, {
    method,
    headers: { "x-api-key": em.anthropic.apiKey, "anthropic-version": "2023-06-01" }
  })
const portkey = (path: string, method = "GET") =>
  fetch(`${em.portkey.baseUrl}${path}`, { method, headers: { "x-portkey-api-key": em.portkey.apiKey } })

type Wire = { readonly id: string; readonly status: string }
// Replies are read loosely: the assertions check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const body = async (reply: Response): Promise<any> => reply.json()
const ids = (list: ReadonlyArray<Wire>) => list.map((invite) => invite.id)

describe("revoking", () => {
  it("OpenAI: GET one, DELETE, gone from every page after, a second DELETE is a 404 in OpenAI's shape", async () => {
    const all = em.invites("openai") as ReadonlyArray<Wire>
    const target = all.find((invite, index) => invite.status === "pending" && index > 10)!
    expect(await body(await openai(`/organization/invites/${target.id}`))).toEqual(target)
    const deleted = await openai(`/organization/invites/${target.id}`, "DELETE")
    expect(deleted.status).toBe(200)
    expect(await body(deleted)).toEqual({ object: "organization.invite.deleted", id: target.id, deleted: true })
    // walk with small pages: every other invite once, in order, the revoked one nowhere
    const seen: Array<string> = []
    let after: string | undefined
    for (;;) {
      const page = await body(await openai(`/organization/invites?limit=7${after === undefined ? "" : `&after=${after}`}`))
      seen.push(...ids(page.data))
      if (!page.has_more) break
      after = page.last_id
    }
    expect(seen).toEqual(ids(all.filter((invite) => invite.id !== target.id)))
    const again = await openai(`/organization/invites/${target.id}`, "DELETE")
    expect(again.status).toBe(404)
    expect((await body(again)).error.type).toBe("invalid_request_error")
    expect((await openai(`/organization/invites/${target.id}`)).status).toBe(404)
  })

  it("OpenAI refuses to delete an accepted invite with a 400 in its shape, and keeps it", async () => {
    const accepted = (em.invites("openai") as ReadonlyArray<Wire>).find((invite) => invite.status === "accepted")!
    const refused = await openai(`/organization/invites/${accepted.id}`, "DELETE")
    expect(refused.status).toBe(400)
    expect((await body(refused)).error.message).toContain("accepted")
    expect(ids(em.invites("openai") as ReadonlyArray<Wire>)).toContain(accepted.id)
  })

  it("Anthropic: deletes a pending invite only; a cursor at the revoked invite continues where it left off", async () => {
    const all = em.invites("anthropic") as ReadonlyArray<Wire>
    const notPending = all.find((invite) => invite.status !== "pending")!
    expect((await anthropic(`/v1/organizations/invites/${notPending.id}`, "DELETE")).status).toBe(400)
    const index = all.findIndex((invite, i) => invite.status === "pending" && i > 5)
    const target = all[index]!
    expect(await body(await anthropic(`/v1/organizations/invites/${target.id}`, "DELETE"))).toEqual({
      id: target.id,
      type: "invite_deleted"
    })
    const page = await body(await anthropic(`/v1/organizations/invites?limit=3&after_id=${target.id}`))
    expect(ids(page.data)).toEqual(ids(all.slice(index + 1, index + 4)))
    const again = await anthropic(`/v1/organizations/invites/${target.id}`, "DELETE")
    expect(again.status).toBe(404)
    expect((await body(again)).error.type).toBe("not_found_error")
  })

  it("Portkey: total drops, pages shift, a second DELETE is a 404 in Portkey's shape", async () => {
    const all = em.invites("portkey") as ReadonlyArray<Wire>
    const before = await body(await portkey(`/admin/users/invites?pageSize=10&currentPage=0`))
    expect(before.total).toBe(45)
    const targets = [all[3]!, all[20]!]
    for (const target of targets) {
      const deleted = await portkey(`/admin/users/invites/${target.id}`, "DELETE")
      expect(await body(deleted)).toEqual({})
    }
    const seen: Array<string> = []
    for (let number = 0; number < 5; number++) {
      const page = await body(await portkey(`/admin/users/invites?pageSize=10&currentPage=${number}`))
      expect(page.total).toBe(43)
      seen.push(...ids(page.data))
    }
    expect(seen).toEqual(ids(all.filter((invite) => !targets.includes(invite))))
    const filtered = await body(await portkey(`/admin/users/invites?status=${targets[0]!.status}`))
    expect(ids(filtered.data)).not.toContain(targets[0]!.id)
    const again = await portkey(`/admin/users/invites/${targets[0]!.id}`, "DELETE")
    expect(again.status).toBe(404)
    expect((await body(again)).success).toBe(false)
  })

  it("faults apply to DELETE as to listing: a scripted 429 answers it and the invite stays", async () => {
    const target = (em.invites("portkey") as ReadonlyArray<Wire>)[0]!
    await Effect.runPromise(em.setFaults("portkey", { script: [{ _tag: "RateLimit" }] }))
    expect((await portkey(`/admin/users/invites/${target.id}`, "DELETE")).status).toBe(429)
    expect(ids(em.invites("portkey") as ReadonlyArray<Wire>)).toContain(target.id)
  })
})
