/**
 * The official SDKs, which no one here wrote, list every invite through their own auto-pagination.
 *
 * openai 6.30 has no admin resource (`client.admin` does not exist in the JS SDK yet), so its own list
 * machinery is driven directly: `getAPIList` with `ConversationCursorPage` (what the SDK reference gives
 * for `admin.organization.invites.list`: cursor = `last_id`) and `CursorPage` (cursor = the last item's id).
 */
import Anthropic from "@anthropic-ai/sdk"
import OpenAI from "openai"
import { ConversationCursorPage, CursorPage } from "openai/pagination"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "../src/index.js"

let em: Emulator.Handle & { close(): Promise<void> }

const OPENAI_COUNT = 230
const ANTHROPIC_COUNT = 2050

beforeAll(async () => {
  em = await Emulator.startPromise({ counts: { openai: OPENAI_COUNT, anthropic: ANTHROPIC_COUNT } })
})
afterAll(() => em.close())

const requests = (provider: Emulator.ProviderName) => Effect.runPromise(em.counters(provider)).then((c) => c.requests)

interface Invite {
  readonly id: string
}

const ids = (provider: Emulator.ProviderName) => em.invites(provider).map((i) => (i as Invite).id)

describe("openai SDK", () => {
  const client = () => new OpenAI({ apiKey: em.openai.apiKey, baseURL: em.openai.baseUrl, maxRetries: 0 })

  for (const [name, Page] of [["ConversationCursorPage", ConversationCursorPage], ["CursorPage", CursorPage]] as const) {
    for (const limit of [undefined, 100]) {
      it(`lists every invite with ${name} at ${limit === undefined ? "the default page size" : `limit ${limit}`}`, async () => {
        const before = await requests("openai")
        const seen: Array<string> = []
        const pages = client().getAPIList<Invite, InstanceType<typeof Page<Invite>>>(
          "/organization/invites",
          Page<Invite>,
          limit === undefined ? {} : { query: { limit } }
        )
        for await (const invite of pages) seen.push(invite.id)
        expect(seen).toEqual(ids("openai"))
        expect(new Set(seen).size).toBe(OPENAI_COUNT)
        expect((await requests("openai")) - before).toBe(Math.ceil(OPENAI_COUNT / (limit ?? 20)))
      })
    }
  }

  it("raises its AuthenticationError on a wrong key", async () => {
    const wrong = new OpenAI({ apiKey: "sk-admin-wrong", baseURL: em.openai.baseUrl, maxRetries: 0 })
    await expect(wrong.getAPIList("/organization/invites", CursorPage<Invite>).then((p) => p.data))
      .rejects.toBeInstanceOf(OpenAI.AuthenticationError)
  })

  it("retries a 429 after the wait retry-after-ms asks for, not its own back-off", async () => {
    // Its own first back-off is at most 0.5 s: waiting a full second is retry-after-ms read and obeyed (a lower
    // bound only, which holds however loaded the machine is).
    await Effect.runPromise(em.setFaults("openai", { script: [{ _tag: "RateLimit", retryAfterMs: 1000 }] }))
    const before = await requests("openai")
    const retrying = new OpenAI({ apiKey: em.openai.apiKey, baseURL: em.openai.baseUrl, maxRetries: 1 })
    const started = Date.now()
    const page = await retrying.getAPIList("/organization/invites", CursorPage<Invite>, { query: { limit: 3 } })
    expect(Date.now() - started).toBeGreaterThanOrEqual(990)
    expect(page.data.map((i) => i.id)).toEqual(ids("openai").slice(0, 3))
    expect((await requests("openai")) - before).toBe(2)
  })

  it("retries a 503 on its own", async () => {
    await Effect.runPromise(em.setFaults("openai", { script: [{ _tag: "ServerError", status: 503 }] }))
    const retrying = new OpenAI({ apiKey: em.openai.apiKey, baseURL: em.openai.baseUrl, maxRetries: 1 })
    const page = await retrying.getAPIList("/organization/invites", CursorPage<Invite>, { query: { limit: 3 } })
    expect(page.data.map((i) => i.id)).toEqual(ids("openai").slice(0, 3))
    await Effect.runPromise(em.clearFaults("openai"))
  })
})

describe("@anthropic-ai/sdk", () => {
  const client = () => new Anthropic({ apiKey: em.anthropic.apiKey, baseURL: em.anthropic.baseUrl, maxRetries: 0 })

  for (const limit of [undefined, 1000]) {
    it(`lists every invite with client.organization.invites.list at ${limit === undefined ? "the default page size" : `limit ${limit}`}`, async () => {
      const before = await requests("anthropic")
      const seen: Array<string> = []
      for await (const invite of client().organization.invites.list(limit === undefined ? {} : { limit })) {
        seen.push(invite.id)
      }
      expect(seen).toEqual(ids("anthropic"))
      expect(new Set(seen).size).toBe(ANTHROPIC_COUNT)
      expect((await requests("anthropic")) - before).toBe(Math.ceil(ANTHROPIC_COUNT / (limit ?? 20)))
    })
  }

  it("pages backwards with before_id through its own Page", async () => {
    const all = ids("anthropic")
    const seen: Array<string> = []
    const pages = client().organization.invites.list({ before_id: all[25]!, limit: 10 })
    for await (const invite of pages) seen.push(invite.id)
    // newest page first: 15..24, then 5..14, then 0..4
    expect(seen).toEqual([...all.slice(15, 25), ...all.slice(5, 15), ...all.slice(0, 5)])
  })

  it("raises its AuthenticationError on a wrong key", async () => {
    const wrong = new Anthropic({ apiKey: "sk-ant-admin01-wrong", baseURL: em.anthropic.baseUrl, maxRetries: 0 })
    await expect(wrong.organization.invites.list()).rejects.toBeInstanceOf(Anthropic.AuthenticationError)
  })

  it("retries a 429 honouring retry-after-ms, then a 529 overloaded_error, on its own", async () => {
    await Effect.runPromise(em.setFaults("anthropic", {
      script: [{ _tag: "RateLimit", retryAfterMs: 10 }, { _tag: "ServerError", status: 529 }]
    }))
    const retrying = new Anthropic({ apiKey: em.anthropic.apiKey, baseURL: em.anthropic.baseUrl, maxRetries: 2 })
    const page = await retrying.organization.invites.list({ limit: 2 })
    expect(page.data.map((i) => i.id)).toEqual(ids("anthropic").slice(0, 2))
    await Effect.runPromise(em.clearFaults("anthropic"))
  })

  it("surfaces a 529 as its OverloadedError type when retries are off", async () => {
    await Effect.runPromise(em.setFaults("anthropic", { script: [{ _tag: "ServerError", status: 529 }] }))
    const error = await client().organization.invites.list().then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(Anthropic.APIError)
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(529)
    expect(JSON.stringify((error as InstanceType<typeof Anthropic.APIError>).error)).toContain("overloaded_error")
  })
})
