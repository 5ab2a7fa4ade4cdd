/**
 * The clients being compared, each as "list every invite and say how many there were": invitekit's streams on
 * one keep-alive HttpClient, and the official SDKs used the way their READMEs show.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import Anthropic from "@anthropic-ai/sdk"
import { AnthropicClient, AnthropicInvites } from "@invitekit/anthropic"
import { OpenAiClient, OpenAiInvites } from "@invitekit/openai"
import { OpenlayerClient, OpenlayerInvites } from "@invitekit/openlayer"
import { PortkeyClient, PortkeyInvites } from "@invitekit/portkey"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import OpenAI from "openai"
import { CursorPage } from "openai/pagination"
import { Portkey } from "portkey-ai"
import { BenchError, describe } from "./BenchError.js"
import type { ProviderName } from "./emulatorProcess.js"

/** One way of listing every invite of a provider. `run` resolves to the number of invites listed. */
export interface Contender {
  readonly name: string
  readonly provider: ProviderName
  readonly run: Effect.Effect<number, BenchError>
}

/** The HttpClient invitekit runs on here, named in the report. */
export const oursHttpClient = "NodeHttpClient.layerUndici (undici Agent, keep-alive)"

type Ours = OpenAiClient.OpenAiClient | AnthropicClient.AnthropicClient | PortkeyClient.PortkeyClient | OpenlayerClient.OpenlayerClient

/**
 * invitekit's four clients on one undici Agent, built once per emulator: connections stay open across runs, as
 * the SDKs' do through the global fetch dispatcher.
 */
export const oursContext = (env: Readonly<Record<string, string>>): Effect.Effect<Context.Context<Ours>, BenchError, Scope.Scope> =>
  Layer.build(
    Layer.mergeAll(
      OpenAiClient.layer({ apiKey: Redacted.make(env.OPENAI_ADMIN_KEY!), baseUrl: env.OPENAI_BASE_URL }),
      AnthropicClient.layer({ apiKey: Redacted.make(env.ANTHROPIC_ADMIN_KEY!), baseUrl: env.ANTHROPIC_BASE_URL }),
      PortkeyClient.layer({ apiKey: Redacted.make(env.PORTKEY_API_KEY!), baseUrl: env.PORTKEY_BASE_URL }),
      OpenlayerClient.layer({
        apiKey: Redacted.make(env.OPENLAYER_API_KEY!),
        workspaceIds: env.OPENLAYER_WORKSPACE_ID!,
        baseUrl: env.OPENLAYER_BASE_URL
      })
    ).pipe(Layer.provide(NodeHttpClient.layerUndici))
  ).pipe(Effect.mapError((cause) => new BenchError({ message: `invitekit clients: ${describe(cause)}`, cause })))

/** What a user of invitekit gets: every wire invite decoded and mapped to the core `Invite`. */
const oursRun = <E>(context: Context.Context<Ours>, stream: Stream.Stream<unknown, E, Ours>, name: string) =>
  Stream.runCount(stream).pipe(
    Effect.provide(context),
    Effect.mapError((cause) => new BenchError({ message: `${name}: ${describe(cause)}`, cause }))
  )

export const ours = {
  openai: (context: Context.Context<Ours>, name = "invitekit"): Contender => ({
    name,
    provider: "openai",
    run: oursRun(context, Stream.map(OpenAiInvites.list(), OpenAiInvites.toInvite), name)
  }),
  anthropic: (context: Context.Context<Ours>, name = "invitekit"): Contender => ({
    name,
    provider: "anthropic",
    run: oursRun(context, Stream.map(AnthropicInvites.list(), AnthropicInvites.toInvite), name)
  }),
  /** `concurrency` undefined: the client's default (4 pages in flight after the first). */
  portkey: (context: Context.Context<Ours>, concurrency?: number, name = "invitekit"): Contender => ({
    name,
    provider: "portkey",
    run: oursRun(context, Stream.map(PortkeyInvites.list({ concurrency }), PortkeyInvites.toInvite), name)
  }),
  openlayer: (context: Context.Context<Ours>, name = "invitekit"): Contender => ({
    name,
    provider: "openlayer",
    run: oursRun(context, Stream.map(OpenlayerInvites.list(), OpenlayerInvites.toInvite), name)
  })
}

const sdkRun = (name: string, list: () => Promise<number>): Effect.Effect<number, BenchError> =>
  Effect.tryPromise({ try: list, catch: (cause) => new BenchError({ message: `${name}: ${describe(cause)}`, cause }) })

const countAll = async (items: AsyncIterable<unknown>): Promise<number> => {
  let count = 0
  for await (const _ of items) count++
  return count
}

/**
 * openai-node 6.30.1 has no `admin` resource (no `client.admin.organization.invites`), so its invites are listed
 * the way every generated list method of the SDK is written: `getAPIList(path, CursorPage, { query })`, i.e. the
 * SDK's own auto-pager (`after` = the last item's id while `has_more`). `limit` undefined: the API's default (20).
 */
export const openaiNode = (env: Readonly<Record<string, string>>, limit?: number): Contender => {
  const client = new OpenAI({ apiKey: env.OPENAI_ADMIN_KEY!, baseURL: env.OPENAI_BASE_URL! })
  const name = limit === undefined ? "openai-node (defaults)" : `openai-node (limit ${limit})`
  return {
    name,
    provider: "openai",
    run: sdkRun(name, () =>
      countAll(
        client.getAPIList<{ id: string }, CursorPage<{ id: string }>>("/organization/invites", CursorPage, {
          query: limit === undefined ? {} : { limit }
        })
      ))
  }
}

/** `@anthropic-ai/sdk` 1.x `client.organization.invites.list()`, auto-paged with `for await`. */
export const anthropicSdk = (env: Readonly<Record<string, string>>, limit?: number): Contender => {
  const client = new Anthropic({ apiKey: env.ANTHROPIC_ADMIN_KEY!, baseURL: env.ANTHROPIC_BASE_URL! })
  const name = limit === undefined ? "@anthropic-ai/sdk (defaults)" : `@anthropic-ai/sdk (limit ${limit})`
  return {
    name,
    provider: "anthropic",
    run: sdkRun(name, () => countAll(client.organization.invites.list(limit === undefined ? {} : { limit })))
  }
}

/**
 * `portkey-ai` `portkey.admin.users.invites.list()` returns one page: its users page by hand, one page at a time,
 * until `total` is reached (or a page comes back empty). `pageSize` undefined: the server's default.
 */
export const portkeySdk = (env: Readonly<Record<string, string>>, pageSize?: number): Contender => {
  const client = new Portkey({ apiKey: env.PORTKEY_API_KEY!, baseURL: env.PORTKEY_BASE_URL! })
  const name = pageSize === undefined ? "portkey-ai by hand (defaults)" : `portkey-ai by hand (pageSize ${pageSize})`
  return {
    name,
    provider: "portkey",
    run: sdkRun(name, async () => {
      let count = 0
      for (let currentPage = 0;; currentPage++) {
        const page = await client.admin.users.invites.list(
          pageSize === undefined ? { currentPage } : { currentPage, pageSize }
        )
        const data = page.data ?? []
        count += data.length
        if (data.length === 0 || count >= (page.total ?? 0)) return count
      }
    })
  }
}
