import { Emulator } from "@invitekit/emulator"
import { Effect } from "effect"
import OpenAI from "openai"
import { ConversationCursorPage } from "openai/pagination"

interface Invite {
  readonly id: string
  readonly email: string
  readonly status: string
}

const em = await Emulator.startPromise({ counts: { openai: 250 } })
await Effect.runPromise(em.setFaults("openai", { latencyMs: 5, random: { rate: 0.2, seed: 7, kinds: ["RateLimit"] } }))
const client = new OpenAI({ apiKey: em.openai.apiKey, baseURL: em.openai.baseUrl })
// the item type is a type argument: inferred from the page class alone it would be `unknown`
const invites = client.getAPIList<Invite, ConversationCursorPage<Invite>>(
  "/organization/invites",
  ConversationCursorPage<Invite>,
  { query: { limit: 100 } }
)
for await (const invite of invites) {
  console.log(`${invite.id}\t${invite.email}\t${invite.status}`)
}
console.log(await Effect.runPromise(em.counters("openai"))) // { requests, inFlight, maxInFlight }
await em.close()
