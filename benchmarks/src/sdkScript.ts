/**
 * The official SDKs as a user's script uses them, run as its own process by the whole-process bench:
 * `node dist/sdkScript.js <sdk> <limit>` lists every invite with the SDK's auto-pager, writes each one as a JSON
 * line to stdout (what `invitekit list -f ndjson` writes) and exits. Its whole life, start-up included, is
 * what the bench times. Keys and base URLs come from the emulator's variables.
 *
 * SDKs: `openai7` (openai-node 7, `client.admin.organization.invites.list`, Node ≥ 22), `openai6` (openai-node
 * 6.49, the same admin resource, for Node 20) and `anthropic` (@anthropic-ai/sdk 1.15,
 * `client.organization.invites.list`).
 */
export {}

const [sdk, limitArgument] = process.argv.slice(2)
const limit = Number(limitArgument)
const env = process.env

const invites = async (): Promise<AsyncIterable<unknown>> => {
  switch (sdk) {
    case "openai7": {
      const { default: OpenAI } = await import("openai7")
      const client = new OpenAI({ apiKey: null, adminAPIKey: env.OPENAI_ADMIN_KEY!, baseURL: env.OPENAI_BASE_URL! })
      return client.admin.organization.invites.list({ limit })
    }
    case "openai6": {
      const { default: OpenAI } = await import("openai6")
      const client = new OpenAI({ apiKey: null, adminAPIKey: env.OPENAI_ADMIN_KEY!, baseURL: env.OPENAI_BASE_URL! })
      return client.admin.organization.invites.list({ limit })
    }
    case "anthropic": {
      const { default: Anthropic } = await import("anthropic-sdk-1-15")
      const client = new Anthropic({ apiKey: env.ANTHROPIC_ADMIN_KEY!, baseURL: env.ANTHROPIC_BASE_URL! })
      return client.organization.invites.list({ limit })
    }
    default:
      throw new Error(`unknown SDK ${JSON.stringify(sdk)}: openai7, openai6 or anthropic`)
  }
}

let count = 0
for await (const invite of await invites()) {
  process.stdout.write(JSON.stringify(invite) + "\n")
  count++
}
process.stderr.write(`${count}\n`)
