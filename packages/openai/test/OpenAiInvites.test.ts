import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { describe, expect, it, layer } from "@effect/vitest"
import { Invite, ProviderError } from "@invitekit/core"
import { Emulator } from "@invitekit/emulator"
import { Emulated } from "@invitekit/testkit"
import { Chunk, ConfigProvider, Effect, Layer, Stream } from "effect"
import * as Schema from "effect/Schema"
import { OpenAiClient, OpenAiInvites, OpenAiProvider, OpenAiSchema } from "../src/index.js"

// Not a multiple of 100, so the last page is a partial one.
const COUNT = 250


/** The emulator, an undici client over real loopback sockets, and an OpenAiClient pointed at the emulator. */
const emulatorLayer = (options: Emulator.Options) => Emulated.layer(OpenAiProvider.definition, OpenAiClient.layerConfig, options)

type Wire = { readonly id: string } & Record<string, unknown>

/** The emulator with no faults and zeroed counters, and the wire invites it serves, in list order. */
const fresh = Effect.gen(function*() {
  const emulator = yield* Emulator.Emulator
  yield* emulator.clearFaults()
  yield* emulator.resetCounters
  return { emulator, expected: emulator.invites("openai") as ReadonlyArray<Wire> }
})

const requests = Effect.flatMap(Emulator.Emulator, (emulator) => emulator.counters("openai")).pipe(
  Effect.map((counters) => counters.requests)
)

const collectIds = <E, R>(stream: Stream.Stream<OpenAiSchema.Invite, E, R>) =>
  Effect.map(Stream.runCollect(stream), (chunk) => Chunk.toArray(chunk).map((invite) => invite.id))

const idsOf = (invites: ReadonlyArray<Wire>) => invites.map((invite) => invite.id)

layer(emulatorLayer({ seed: 7, counts: { openai: COUNT } }), { excludeTestServices: true })(
  "OpenAiInvites.list against the emulator",
  (it) => {
    it.effect("asks for the largest page the API allows (100) unless told otherwise", () =>
      Effect.gen(function*() {
        const { expected } = yield* fresh
        const ids = yield* collectIds(OpenAiInvites.list())
        expect(ids).toEqual(idsOf(expected))
        expect(yield* requests).toBe(Math.ceil(COUNT / OpenAiInvites.pageSizes.max))
      }))



    it.effect("listPage returns one decoded page and follows `after`", () =>
      Effect.gen(function*() {
        const { expected } = yield* fresh
        const first = yield* OpenAiInvites.listPage({ pageSize: 10 })
        expect(first.object).toBe("list")
        expect(first.has_more).toBe(true)
        expect(idsOf(first.data)).toEqual(idsOf(expected).slice(0, 10))
        expect(first.last_id).toBe(expected[9]!.id)
        const last = yield* OpenAiInvites.listPage({ after: expected[COUNT - 3]!.id })
        expect(idsOf(last.data)).toEqual(idsOf(expected).slice(COUNT - 2))
        expect(last.has_more).toBe(false)
        expect(yield* requests).toBe(2)
      }))

    it.effect("a 400 → InvalidRequestError carrying OpenAI's own error.message", () =>
      Effect.gen(function*() {
        yield* fresh
        const error = yield* Effect.flip(OpenAiInvites.listPage({ after: "invite-does-not-exist" }))
        expect(error).toBeInstanceOf(ProviderError.InvalidRequestError)
        if (error._tag !== "InvalidRequestError") return
        expect(error.status).toBe(400)
        expect(error.providerMessage).toMatch(/^Invalid 'after'/)
      }))

    it.effect("toInvite maps every served invite: unix seconds, nulls, projects as scopes", () =>
      Effect.gen(function*() {
        const { expected } = yield* fresh
        const invites = Chunk.toArray(yield* Stream.runCollect(Stream.map(OpenAiInvites.list(), OpenAiInvites.toInvite)))
        expect(invites.length).toBe(expected.length)
        const millis = (seconds: unknown) => typeof seconds === "number" ? seconds * 1000 : null
        invites.forEach((invite, i) => {
          const wire = expected[i]! as Wire & { projects?: ReadonlyArray<{ id: string; role: string }> }
          expect(invite.provider).toBe("openai")
          expect([invite.id, invite.email, invite.role, invite.status]).toEqual([wire.id, wire.email, wire.role, wire.status])
          expect(invite.invitedAt?.epochMillis).toBe(millis(wire.created_at))
          expect(invite.expiresAt?.epochMillis ?? null).toBe(millis(wire.expires_at))
          expect(invite.acceptedAt?.epochMillis ?? null).toBe(millis(wire.accepted_at))
          expect(invite.scopes).toEqual(
            (wire.projects ?? []).map((p) => ({ kind: "project", id: p.id, name: null, role: p.role }))
          )
        })
        // The dataset exercises each shape; a run where it did not would prove nothing.
        expect(expected.some((w) => w.expires_at === null)).toBe(true)
        expect(expected.some((w) => !("expires_at" in w))).toBe(true)
        expect(expected.some((w) => !("projects" in w))).toBe(true)
        expect(invites.some((invite) => invite.scopes.length > 0)).toBe(true)
      }))

    it.effect("source lists unified invites and applies the status / role / e-mail filter", () =>
      Effect.gen(function*() {
        const { expected } = yield* fresh
        const source = yield* OpenAiInvites.source
        expect(source.provider).toBe("openai")
        const pending = Chunk.toArray(yield* Stream.runCollect(source.list({ status: "pending" })))
        const expectedPending = expected.filter((w) => w.status === "pending")
        expect(expectedPending.length).toBeGreaterThan(0)
        expect(pending.map((invite) => invite.id)).toEqual(idsOf(expectedPending))
        const target = expected[42]!
        const byEmail = Chunk.toArray(
          yield* Stream.runCollect(source.list({ email: String(target.email).toUpperCase(), role: String(target.role) }))
        )
        expect(byEmail.map((invite) => invite.id)).toEqual([target.id])
      }))
  }
)

layer(emulatorLayer({ seed: 11, counts: { openai: 120 }, openai: { timestampField: "invited_at" } }), {
  excludeTestServices: true
})("OpenAiInvites against the OpenAPI document's invited_at", (it) => {
  it.effect("reads the invite's time from invited_at when created_at is absent", () =>
    Effect.gen(function*() {
      const { expected } = yield* fresh
      expect(expected.every((w) => typeof w.invited_at === "number" && !("created_at" in w))).toBe(true)
      const invites = Chunk.toArray(yield* Stream.runCollect(Stream.map(OpenAiInvites.list(), OpenAiInvites.toInvite)))
      expect(invites.map((invite) => invite.invitedAt?.epochMillis)).toEqual(
        expected.map((w) => (w.invited_at as number) * 1000)
      )
    }))
})

layer(Layer.mergeAll(Emulator.layer({ counts: { openai: 30 } }), NodeHttpClient.layerUndici), {
  excludeTestServices: true
})("OpenAiClient.layerConfig", (it) => {
  const withEnv = (env: Record<string, string>) =>
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

  it.effect("reads OPENAI_ADMIN_KEY and OPENAI_BASE_URL (the emulator's env)", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      expect(emulator.env[OpenAiClient.keyVariable]).toBe(emulator.openai.apiKey)
      expect(emulator.env[OpenAiClient.baseUrlVariable]).toBe(emulator.openai.baseUrl)
      const page = yield* OpenAiInvites.listPage({ pageSize: 4 }).pipe(
        Effect.provide(OpenAiClient.layerConfig),
        withEnv(emulator.env)
      )
      expect(idsOf(page.data)).toEqual(idsOf(emulator.invites("openai") as ReadonlyArray<Wire>).slice(0, 4))
    }))

  it.effect("defaults the base URL to https://api.openai.com/v1", () =>
    Effect.gen(function*() {
      const client = yield* OpenAiClient.OpenAiClient.pipe(
        Effect.provide(OpenAiClient.layerConfig),
        withEnv({ OPENAI_ADMIN_KEY: "sk-admin-x" })
      )
      expect(client.http.baseUrl).toBe(OpenAiClient.defaultBaseUrl)
    }))

  it.effect.each([
    ["a missing key", {}, "OPENAI_ADMIN_KEY", "is not set"],
    ["an empty key", { OPENAI_ADMIN_KEY: "" }, "OPENAI_ADMIN_KEY", "is empty"],
    ["a base URL that is not a URL", { OPENAI_ADMIN_KEY: "sk-admin-x", OPENAI_BASE_URL: "nope" }, "OPENAI_BASE_URL", "not a valid URL"],
    ["plain http to a remote host", { OPENAI_ADMIN_KEY: "sk-admin-x", OPENAI_BASE_URL: "http://api.example.invalid/v1" }, "OPENAI_BASE_URL", "plain http://"]
  ] as const)("%s → ConfigError naming the variable", ([, env, variable, reason]) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        OpenAiClient.OpenAiClient.pipe(Effect.provide(OpenAiClient.layerConfig), withEnv(env))
      )
      expect(error).toBeInstanceOf(ProviderError.ConfigError)
      expect(error.variable).toBe(variable)
      expect(error.message).toContain(variable)
      expect(error.message).toContain(reason)
      expect(error.message).not.toContain("sk-admin-x")
    }))
})

describe("OpenAiSchema", () => {
  const decode = Schema.decodeUnknownEither(OpenAiSchema.Invite)
  const base = {
    object: "organization.invite",
    id: "invite-abc",
    email: "user@example.com",
    role: "owner",
    status: "accepted",
    created_at: 1711471533,
    expires_at: 1711471533,
    accepted_at: 1711471533
  }

  it("keeps a role, status or project role the documents do not list", () => {
    const decoded = Schema.decodeUnknownSync(OpenAiSchema.Invite)({
      ...base,
      role: "admin",
      status: "revoked",
      projects: [{ id: "proj_1", role: "viewer" }]
    })
    expect([decoded.role, decoded.status, decoded.projects?.[0]?.role]).toEqual(["admin", "revoked", "viewer"])
  })

  it("drops fields it does not know", () => {
    const decoded = Schema.decodeUnknownSync(OpenAiSchema.Invite)({ ...base, seat_type: "default" })
    expect("seat_type" in decoded).toBe(false)
  })

  it("refuses an invite with neither created_at nor invited_at, at created_at", () => {
    const { created_at: _, ...withoutTime } = base
    const result = decode(withoutTime)
    expect(result._tag).toBe("Left")
    if (result._tag === "Left") expect(result.left.message).toContain("created_at")
  })

  it("an empty last page may leave first_id / last_id null or out", () => {
    const decode = Schema.decodeUnknownSync(OpenAiSchema.InviteList)
    expect(decode({ object: "list", data: [], has_more: false }).last_id).toBeUndefined()
    expect(decode({ object: "list", data: [], first_id: null, last_id: null, has_more: false }).last_id).toBeNull()
  })
})

describe("OpenAiInvites.toInvite", () => {
  it("maps the SDK reference's example: seconds to instants, projects to scopes, no sender", () => {
    const wire = Schema.decodeUnknownSync(OpenAiSchema.Invite)({
      object: "organization.invite",
      id: "invite-abc",
      email: "user@example.com",
      role: "owner",
      status: "accepted",
      created_at: 1711471533,
      expires_at: 1712076333,
      accepted_at: 1711471600,
      projects: [{ id: "project-xyz", role: "member" }]
    })
    const encoded = Invite.encode(OpenAiInvites.toInvite(wire))
    expect(encoded).toEqual({
      account: "openai",
      provider: "openai",
      id: "invite-abc",
      email: "user@example.com",
      role: "owner",
      status: "accepted",
      invitedAt: new Date(1711471533 * 1000).toISOString(),
      expiresAt: new Date(1712076333 * 1000).toISOString(),
      acceptedAt: new Date(1711471600 * 1000).toISOString(),
      invitedBy: null,
      scopes: [{ kind: "project", id: "project-xyz", name: null, role: "member" }]
    })
  })

  it("null or absent expires_at / accepted_at / projects become null and no scopes; invited_at works too", () => {
    const wire = Schema.decodeUnknownSync(OpenAiSchema.Invite)({
      object: "organization.invite",
      id: "invite-def",
      email: "b@example.com",
      role: "reader",
      status: "pending",
      invited_at: 1700000000,
      accepted_at: null
    })
    const invite = OpenAiInvites.toInvite(wire)
    expect(invite.invitedAt?.epochMillis).toBe(1700000000 * 1000)
    expect([invite.expiresAt, invite.acceptedAt, invite.invitedBy]).toEqual([null, null, null])
    expect(invite.scopes).toEqual([])
  })
})
