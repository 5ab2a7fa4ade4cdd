/**
 * The shapes OpenAI's documents allow but the emulator's default data never sends, served over real sockets by
 * rewriting every page (a fault script): each must list every invite, null where a field is absent.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { expect, layer } from "@effect/vitest"
import { ProviderError, ProviderSettings } from "@invitekit/core"
import { Emulator, type Faults } from "@invitekit/emulator"
import { Chunk, Duration, Effect, Layer, Redacted, Stream } from "effect"
import { OpenAiClient, OpenAiInvites } from "../src/index.js"

// Not a multiple of the page size, so the last page is a partial one.
const COUNT = 230
const PAGE = 50
const PAGES = Math.ceil(COUNT / PAGE)

const settings = ProviderSettings.layer({
  timeout: Duration.seconds(5),
  retry: {
    maxRetries: 2,
    initialDelay: Duration.millis(5),
    maxDelay: Duration.millis(20),
    maxRetryAfter: Duration.seconds(5)
  }
})

const emulatorLayer = (options: Emulator.Options) =>
  Layer.unwrapEffect(
    Effect.map(Emulator.Emulator, (emulator) =>
      OpenAiClient.layer({ apiKey: Redacted.make(emulator.openai.apiKey), baseUrl: emulator.openai.baseUrl }))
  ).pipe(Layer.provideMerge(Layer.mergeAll(Emulator.layer(options), NodeHttpClient.layerUndici, settings)))

type Wire = { readonly id: string } & Record<string, unknown>

/** No faults, zeroed counters; the same fault on every page of a listing (and the empty page after it). */
const serving = (fault: Faults.Fault | null) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator.Emulator
    yield* emulator.clearFaults()
    yield* emulator.resetCounters
    if (fault !== null) yield* emulator.setFaults("openai", { script: Array.from({ length: PAGES + 1 }, () => fault) })
    return emulator.invites("openai") as ReadonlyArray<Wire>
  })

const requests = Effect.flatMap(Emulator.Emulator, (emulator) => emulator.counters("openai")).pipe(
  Effect.map((counters) => counters.requests)
)

const listAll = Effect.map(
  Stream.runCollect(Stream.map(OpenAiInvites.list({ pageSize: PAGE }), OpenAiInvites.toInvite)),
  Chunk.toArray
)

layer(emulatorLayer({ seed: 13, counts: { openai: COUNT } }), { excludeTestServices: true })(
  "OpenAiInvites.list: shapes the documents allow",
  (it) => {
    it.effect("pages without has_more are walked until an empty page: every invite, one extra request", () =>
      Effect.gen(function*() {
        const expected = yield* serving({ _tag: "MissingField", field: "has_more" })
        const listed = yield* listAll
        expect(listed.map((invite) => invite.id)).toEqual(expected.map((invite) => invite.id))
        // a short last page is not taken for the end (a server may cap its pages silently): the empty page is
        expect(yield* requests).toBe(PAGES + 1)
      }))

    it.effect("without has_more, a cursor that does not advance still ends in InvalidResponseError", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator.Emulator
        yield* serving(null)
        yield* emulator.setFaults("openai", {
          script: [{ _tag: "MissingField", field: "has_more" }, { _tag: "RepeatCursor" }]
        })
        const error = yield* Effect.flip(Stream.runDrain(OpenAiInvites.list({ pageSize: PAGE })))
        expect(error).toBeInstanceOf(ProviderError.InvalidResponseError)
        expect(error.message).toContain("does not advance")
      }))

    it.effect.each([
      ["absent expires_at", { _tag: "MissingField", field: "data.*.expires_at" }, "expiresAt"],
      ["absent accepted_at", { _tag: "MissingField", field: "data.*.accepted_at" }, "acceptedAt"],
      ["null expires_at", { _tag: "NullData", field: "data.*.expires_at" }, "expiresAt"],
      ["null accepted_at", { _tag: "NullData", field: "data.*.accepted_at" }, "acceptedAt"],
      ["absent projects", { _tag: "MissingField", field: "data.*.projects" }, "scopes"],
      ["projects without a role", { _tag: "MissingField", field: "data.*.projects.*.role" }, "scopes"]
    ] as const)("invites with %s list, the unified field null (or empty)", ([, fault, field]) =>
      Effect.gen(function*() {
        const expected = yield* serving(fault)
        const listed = yield* listAll
        expect(listed.map((invite) => invite.id)).toEqual(expected.map((invite) => invite.id))
        if (field === "scopes") {
          const roles = listed.flatMap((invite) => invite.scopes.map((scope) => scope.role))
          if (fault.field.endsWith("role")) expect(roles.length).toBeGreaterThan(0)
          expect(roles.every((role) => role === null)).toBe(true)
        } else {
          expect(listed.every((invite) => invite[field] === null)).toBe(true)
        }
      }))
  }
)

layer(emulatorLayer({ seed: 13, counts: { openai: COUNT }, openai: { timestampField: "invited_at" } }), {
  excludeTestServices: true
})("OpenAiInvites.list: the invited_at variant", (it) => {
  it.effect("invites timed by invited_at (the OpenAPI document's name) list with their time", () =>
    Effect.gen(function*() {
      const expected = yield* serving(null)
      expect(expected.every((invite) => "invited_at" in invite && !("created_at" in invite))).toBe(true)
      const listed = yield* listAll
      expect(listed.map((invite) => invite.id)).toEqual(expected.map((invite) => invite.id))
      expect(listed.every((invite) => invite.invitedAt !== null)).toBe(true)
    }))
})

layer(emulatorLayer({ seed: 13, counts: { openai: COUNT }, openai: { shapes: "sparse" } }), {
  excludeTestServices: true
})("OpenAiInvites.list against the emulator's sparse shape", (it) => {
  it.effect("no has_more, optional fields absent or null: every invite, each field null exactly where it was not sent", () =>
    Effect.gen(function*() {
      const expected = yield* serving(null)
      const listed = yield* listAll
      expect(listed.map((invite) => invite.id)).toEqual(expected.map((invite) => invite.id))
      expect(yield* requests).toBe(PAGES + 1)
      for (const [index, invite] of listed.entries()) {
        const sent = expected[index]!
        expect(invite.expiresAt === null).toBe(sent["expires_at"] == null)
        expect(invite.acceptedAt === null).toBe(sent["accepted_at"] == null)
      }
      expect(listed.some((invite) => invite.expiresAt === null)).toBe(true)
    }))
})
