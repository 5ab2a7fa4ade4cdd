import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { describe, expect, it, layer } from "@effect/vitest"
import { Invite, ProviderError, ProviderHttp } from "@invitekit/core"
import { Emulator } from "@invitekit/emulator"
import { Emulated } from "@invitekit/testkit"
import { Chunk, ConfigProvider, Effect, Layer, Redacted, Stream } from "effect"
import * as Schema from "effect/Schema"
import { AnthropicClient, AnthropicInvites, AnthropicProvider, AnthropicSchema } from "../src/index.js"

// More than two pages of the API's largest size (1000), the last one partial.
const COUNT = 2500


/** The emulator, an undici client over real loopback sockets, and an AnthropicClient pointed at the emulator. */
const emulatorLayer = (options: Emulator.Options) => Emulated.layer(AnthropicProvider.definition, AnthropicClient.layerConfig, options)

type Wire = { readonly id: string; readonly role: string; readonly status: string } & Record<string, unknown>

/** The emulator with no faults and zeroed counters, and the wire invites it serves, in list order. */
const fresh = Effect.gen(function*() {
  const emulator = yield* Emulator.Emulator
  yield* emulator.clearFaults()
  yield* emulator.resetCounters
  return { emulator, expected: emulator.invites("anthropic") as ReadonlyArray<Wire> }
})

const requests = Effect.flatMap(Emulator.Emulator, (emulator) => emulator.counters("anthropic")).pipe(
  Effect.map((counters) => counters.requests)
)

const collectIds = <E, R>(stream: Stream.Stream<AnthropicSchema.Invite, E, R>) =>
  Effect.map(Stream.runCollect(stream), (chunk) => Chunk.toArray(chunk).map((invite) => invite.id))

const idsOf = (invites: ReadonlyArray<{ readonly id: string }>) => invites.map((invite) => invite.id)

layer(emulatorLayer({ seed: 7, counts: { anthropic: COUNT } }), { excludeTestServices: true })(
  "AnthropicInvites.list against the emulator",
  (it) => {
    it.effect("asks for the largest page the API allows (1000) unless told otherwise", () =>
      Effect.gen(function*() {
        const { expected } = yield* fresh
        const ids = yield* collectIds(AnthropicInvites.list())
        expect(ids).toEqual(idsOf(expected))
        expect(yield* requests).toBe(Math.ceil(COUNT / AnthropicInvites.pageSizes.max))
      }))

    it.effect("keeps roles and statuses the documents do not list (claude_code_user, managed, deleted)", () =>
      Effect.gen(function*() {
        const { expected } = yield* fresh
        const invites = Chunk.toArray(yield* Stream.runCollect(AnthropicInvites.list()))
        const documentedRoles = new Set(["user", "developer", "billing", "admin"])
        const undocumented = expected.filter((w) => !documentedRoles.has(w.role))
        // The dataset must carry them, or this test would prove nothing.
        expect(undocumented.some((w) => w.role === "claude_code_user")).toBe(true)
        expect(undocumented.some((w) => w.role === "managed")).toBe(true)
        // and the extra fields the documents do not name
        expect(expected.some((w) => "workspace_roles" in w)).toBe(true)
        expect(expected.some((w) => w.status === "deleted")).toBe(true)
        expect(invites.map((i) => [i.role, i.status])).toEqual(expected.map((w) => [w.role, w.status]))
        const unified = invites.map(AnthropicInvites.toInvite)
        expect(unified.map((i) => i.role)).toEqual(expected.map((w) => w.role))
        expect(unified.filter((i) => i.status === "deleted").length).toBe(
          expected.filter((w) => w.status === "deleted").length
        )
      }))

    it.effect("always sends anthropic-version, which the API requires", () =>
      Effect.gen(function*() {
        const { emulator, expected } = yield* fresh
        // The same pipeline without the header is refused: the emulator checks it, as the API does.
        const bare = yield* ProviderHttp.make({
          provider: "anthropic",
          baseUrl: emulator.anthropic.baseUrl,
          baseUrlVariable: AnthropicClient.baseUrlVariable,
          auth: { header: "x-api-key", key: Redacted.make(emulator.anthropic.apiKey), variable: AnthropicClient.keyVariable },
          errorMessage: AnthropicSchema.errorMessage
        })
        const refused = yield* Effect.flip(bare.get(AnthropicSchema.InviteList, AnthropicInvites.path, { pageSize: 1 }))
        expect(refused).toBeInstanceOf(ProviderError.InvalidRequestError)
        expect(refused.message).toContain("anthropic-version")
        // The client sends it on every request: the first page and the ones after it.
        expect(yield* collectIds(AnthropicInvites.list({ pageSize: 900 }))).toEqual(idsOf(expected))
        expect(yield* requests).toBe(1 + Math.ceil(COUNT / 900))
      }))



    it.effect("listPage returns one decoded page and follows after_id", () =>
      Effect.gen(function*() {
        const { expected } = yield* fresh
        const first = yield* AnthropicInvites.listPage({ pageSize: 10 })
        expect(first.has_more).toBe(true)
        expect(idsOf(first.data)).toEqual(idsOf(expected).slice(0, 10))
        expect([first.first_id, first.last_id]).toEqual([expected[0]!.id, expected[9]!.id])
        const last = yield* AnthropicInvites.listPage({ after: expected[COUNT - 3]!.id })
        expect(idsOf(last.data)).toEqual(idsOf(expected).slice(COUNT - 2))
        expect(last.has_more).toBe(false)
        expect(yield* requests).toBe(2)
      }))

    it.effect("a 400 → InvalidRequestError carrying Anthropic's own error.message", () =>
      Effect.gen(function*() {
        yield* fresh
        const error = yield* Effect.flip(AnthropicInvites.listPage({ after: "invite_does_not_exist" }))
        expect(error).toBeInstanceOf(ProviderError.InvalidRequestError)
        if (error._tag !== "InvalidRequestError") return
        expect(error.status).toBe(400)
        expect(error.providerMessage).toMatch(/^after_id: unknown invite id/)
      }))

    it.effect("toInvite maps every served invite: RFC 3339 instants, no acceptance time, no scopes", () =>
      Effect.gen(function*() {
        const { expected } = yield* fresh
        const invites = Chunk.toArray(
          yield* Stream.runCollect(Stream.map(AnthropicInvites.list(), AnthropicInvites.toInvite))
        )
        expect(invites.length).toBe(expected.length)
        invites.forEach((invite, i) => {
          const wire = expected[i]!
          expect(invite.provider).toBe("anthropic")
          expect([invite.id, invite.email, invite.role, invite.status]).toEqual([wire.id, wire.email, wire.role, wire.status])
          expect(invite.invitedAt?.epochMillis).toBe(Date.parse(wire.invited_at as string))
          expect(invite.expiresAt?.epochMillis).toBe(Date.parse(wire.expires_at as string))
          expect([invite.acceptedAt, invite.invitedBy, invite.scopes]).toEqual([null, null, []])
        })
      }))

    it.effect("source lists unified invites and applies the status / role / e-mail filter", () =>
      Effect.gen(function*() {
        const { expected } = yield* fresh
        const source = yield* AnthropicInvites.source
        expect(source.provider).toBe("anthropic")
        const pending = Chunk.toArray(yield* Stream.runCollect(source.list({ status: "pending" })))
        const expectedPending = expected.filter((w) => w.status === "pending")
        expect(expectedPending.length).toBeGreaterThan(0)
        expect(pending.map((invite) => invite.id)).toEqual(idsOf(expectedPending))
        const codeUsers = Chunk.toArray(yield* Stream.runCollect(source.list({ role: "CLAUDE_CODE_USER" })))
        expect(codeUsers.map((invite) => invite.id)).toEqual(idsOf(expected.filter((w) => w.role === "claude_code_user")))
        const target = expected[1234]!
        const byEmail = Chunk.toArray(yield* Stream.runCollect(source.list({ email: String(target.email) })))
        expect(byEmail.map((invite) => invite.id)).toEqual([target.id])
      }))
  }
)

layer(Layer.mergeAll(Emulator.layer({ counts: { anthropic: 30 } }), NodeHttpClient.layerUndici), {
  excludeTestServices: true
})("AnthropicClient.layerConfig", (it) => {
  const withEnv = (env: Record<string, string>) =>
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

  it.effect("reads ANTHROPIC_ADMIN_KEY, ANTHROPIC_BASE_URL and ANTHROPIC_VERSION", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      expect(emulator.env[AnthropicClient.keyVariable]).toBe(emulator.anthropic.apiKey)
      expect(emulator.env[AnthropicClient.baseUrlVariable]).toBe(emulator.anthropic.baseUrl)
      const expected = idsOf(emulator.invites("anthropic") as ReadonlyArray<Wire>).slice(0, 4)
      for (const env of [emulator.env, { ...emulator.env, ANTHROPIC_VERSION: "2023-06-01" }]) {
        const page = yield* AnthropicInvites.listPage({ pageSize: 4 }).pipe(
          Effect.provide(AnthropicClient.layerConfig),
          withEnv(env)
        )
        expect(idsOf(page.data)).toEqual(expected)
      }
    }))

  it.effect("defaults the base URL to https://api.anthropic.com and the version to 2023-06-01", () =>
    Effect.gen(function*() {
      const options = yield* AnthropicClient.config.pipe(withEnv({ ANTHROPIC_ADMIN_KEY: "sk-ant-admin-x" }))
      expect([options.baseUrl, options.version]).toEqual([AnthropicClient.defaultBaseUrl, AnthropicClient.defaultVersion])
      const client = yield* AnthropicClient.AnthropicClient.pipe(
        Effect.provide(AnthropicClient.layerConfig),
        withEnv({ ANTHROPIC_ADMIN_KEY: "sk-ant-admin-x" })
      )
      expect(client.http.baseUrl).toBe("https://api.anthropic.com")
    }))

  it.effect.each([
    ["a missing key", {}, "ANTHROPIC_ADMIN_KEY", "is not set"],
    ["an empty key", { ANTHROPIC_ADMIN_KEY: "" }, "ANTHROPIC_ADMIN_KEY", "is empty"],
    ["an empty version", { ANTHROPIC_ADMIN_KEY: "sk-ant-admin-x", ANTHROPIC_VERSION: " " }, "ANTHROPIC_VERSION", "is empty"],
    ["a base URL that is not a URL", { ANTHROPIC_ADMIN_KEY: "sk-ant-admin-x", ANTHROPIC_BASE_URL: "nope" }, "ANTHROPIC_BASE_URL", "not a valid URL"],
    ["plain http to a remote host", { ANTHROPIC_ADMIN_KEY: "sk-ant-admin-x", ANTHROPIC_BASE_URL: "http://api.example.invalid" }, "ANTHROPIC_BASE_URL", "plain http://"]
  ] as const)("%s → ConfigError naming the variable", ([, env, variable, reason]) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        AnthropicClient.AnthropicClient.pipe(Effect.provide(AnthropicClient.layerConfig), withEnv(env))
      )
      expect(error).toBeInstanceOf(ProviderError.ConfigError)
      expect(error.variable).toBe(variable)
      expect(error.message).toContain(variable)
      expect(error.message).toContain(reason)
      expect(error.message).not.toContain("sk-ant-admin-x")
    }))
})

describe("AnthropicSchema", () => {
  const base = {
    id: "invite_015gWxCN9Hfg2QhZwTK7Mdeu",
    type: "invite",
    email: "user@emaildomain.com",
    role: "user",
    invited_at: "2024-10-30T23:58:27.427722Z",
    expires_at: "2024-11-20T23:58:27.427722Z",
    status: "pending"
  }

  it("keeps a role or status the documents do not list, and drops unknown fields", () => {
    const decoded = Schema.decodeUnknownSync(AnthropicSchema.Invite)({
      ...base,
      role: "claude_code_user",
      status: "revoked",
      workspace_roles: [{ workspace_id: "wrkspc_1", role: "workspace_developer" }]
    })
    expect([decoded.role, decoded.status]).toEqual(["claude_code_user", "revoked"])
    expect("workspace_roles" in decoded).toBe(false)
  })

  it("refuses a timestamp that is not one, at its field", () => {
    const result = Schema.decodeUnknownEither(AnthropicSchema.Invite)({ ...base, expires_at: "next tuesday" })
    expect(result._tag).toBe("Left")
    if (result._tag === "Left") expect(result.left.message).toContain("expires_at")
  })
})

describe("AnthropicInvites.toInvite", () => {
  it("maps the documented example: microsecond instants truncated to milliseconds, no sender, no scopes", () => {
    const wire = Schema.decodeUnknownSync(AnthropicSchema.Invite)({
      id: "invite_015gWxCN9Hfg2QhZwTK7Mdeu",
      type: "invite",
      email: "user@emaildomain.com",
      role: "developer",
      invited_at: "2024-10-30T23:58:27.427722Z",
      expires_at: "2024-11-20T23:58:27.427722Z",
      status: "deleted"
    })
    expect(Invite.encode(AnthropicInvites.toInvite(wire))).toEqual({
      account: "anthropic",
      provider: "anthropic",
      id: "invite_015gWxCN9Hfg2QhZwTK7Mdeu",
      email: "user@emaildomain.com",
      role: "developer",
      status: "deleted",
      invitedAt: "2024-10-30T23:58:27.427Z",
      expiresAt: "2024-11-20T23:58:27.427Z",
      acceptedAt: null,
      invitedBy: null,
      scopes: []
    })
  })
})
