/**
 * The floor of the whole-process listing: what any client must spend, run as its own process like sdkScript.js.
 * `node dist/floorScript.js <openai|anthropic> <limit>` walks the cursor pages with nothing but node:http (one
 * keep-alive connection), `JSON.parse` and one JSON line per item on stdout: no validation, no mapping, no SDK.
 * Each page's cursor is in its body, so page n + 1 cannot be asked for before page n has arrived: pages × round
 * trip, plus starting and stopping node, is the least a listing can take. The bench reports it ÷ each SDK, so a
 * goal below that ratio is known to be out of reach for every client.
 */
import { Agent, request } from "node:http"

const [provider, limitArgument] = process.argv.slice(2)
const env = process.env
const agent = new Agent({ keepAlive: true })

interface Endpoint {
  readonly base: string
  readonly path: string
  readonly cursor: string
  readonly headers: Record<string, string>
}

const endpoint = (): Endpoint => {
  switch (provider) {
    case "openai":
      return { base: env.OPENAI_BASE_URL!, path: "/organization/invites", cursor: "after", headers: { authorization: `Bearer ${env.OPENAI_ADMIN_KEY}` } }
    case "anthropic":
      return { base: env.ANTHROPIC_BASE_URL!, path: "/v1/organizations/invites", cursor: "after_id", headers: { "x-api-key": env.ANTHROPIC_ADMIN_KEY!, "anthropic-version": "2023-06-01" } }
    default:
      throw new Error(`unknown provider ${JSON.stringify(provider)}: openai or anthropic`)
  }
}

const get = (url: URL, headers: Record<string, string>): Promise<string> =>
  new Promise((resolve, reject) => {
    request(url, { agent, headers }, (response) => {
      let body = ""
      response.setEncoding("utf8")
      response.on("data", (chunk: string) => (body += chunk))
      response.on("end", () => response.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${response.statusCode}: ${body.slice(0, 200)}`)))
      response.on("error", reject)
    }).on("error", reject).end()
  })

const { base, cursor, headers, path } = endpoint()
let after: string | undefined
let count = 0
for (;;) {
  const url = new URL(`${base.replace(/\/+$/, "")}${path}`)
  url.searchParams.set("limit", String(Number(limitArgument)))
  if (after !== undefined) url.searchParams.set(cursor, after)
  const page = JSON.parse(await get(url, headers)) as { data: Array<{ id: string }>; has_more: boolean; last_id: string | null }
  let text = ""
  for (const item of page.data) text += JSON.stringify(item) + "\n"
  process.stdout.write(text)
  count += page.data.length
  if (!page.has_more || page.data.length === 0) break
  after = page.last_id ?? page.data.at(-1)!.id
}
agent.destroy()
process.stderr.write(`${count}\n`)
