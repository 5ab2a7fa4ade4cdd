import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Emulator from "../src/Emulator.js"

let handle: Awaited<ReturnType<typeof Emulator.startPromise>>
const second = { key: "sk-admin-emulator-openai-second-0000000000", count: 5 }
const team = { key: "pk-emulator-portkey-team-00000000000", count: 3, seed: 99 }

beforeAll(async () => {
  handle = await Emulator.startPromise({
    counts: { openai: 8, portkey: 4, openlayer: 2 },
    organizations: { openai: [second], portkey: [team], openlayer: [{ key: "ol-emulator-openlayer-other-0000" }] }
  })
})

afterAll(() => handle.close())

const ids = (invites: ReadonlyArray<unknown>) => invites.map((invite) => (invite as { id: string }).id)

const openAiPage = async (key: string) => {
  const response = await fetch(`${handle.openai.baseUrl}/organization/invites?limit=100`, {
    headers: { authorization: `Bearer ${key}` }
  })
  return { status: response.status, body: await response.json() as { data?: ReadonlyArray<unknown> } }
}

describe("organizations", () => {
  it("each key sees its own organization's invites, and no invite is seen by two keys", async () => {
    const main = await openAiPage(handle.openai.apiKey)
    const other = await openAiPage(second.key)
    expect(ids(main.body.data!)).toEqual(ids(handle.invites("openai")))
    expect(ids(other.body.data!)).toEqual(ids(handle.organizations.openai[0]!.invites()))
    expect(other.body.data).toHaveLength(second.count)
    expect(ids(main.body.data!).filter((id) => ids(other.body.data!).includes(id))).toEqual([])
  })

  it("a key of no organization is refused as before", async () => {
    expect((await openAiPage("sk-admin-nobody-000000000000")).status).toBe(401)
  })

  it("reads the key where the provider sends it, and keeps the organization's seed", async () => {
    const response = await fetch(`${handle.portkey.baseUrl}/admin/users/invites?pageSize=100`, {
      headers: { "x-portkey-api-key": team.key }
    })
    expect(response.status).toBe(200)
    const body = await response.json() as { data: ReadonlyArray<unknown> }
    expect(ids(body.data)).toEqual(ids(handle.organizations.portkey[0]!.invites()))
    expect(handle.organizations.portkey[0]!.seed).toBe(99)
  })

  it("gives another Openlayer organization workspaces of its own", () => {
    const other = handle.organizations.openlayer[0]!
    expect(other.workspaceIds).toHaveLength(2)
    expect(other.workspaceIds.filter((id) => handle.openlayer.workspaceIds.includes(id))).toEqual([])
    expect(other.apiKey).toBe("ol-emulator-openlayer-other-0000")
  })

  it("refuses an organization without a key", async () => {
    await expect(Emulator.startPromise({ organizations: { openai: [{ key: "" }] } })).rejects.toThrow(/organizations\.openai\.0\.key/)
  })
})
