/**
 * The shapes Portkey's docs allow but the emulator's default data never sends, served over real sockets by
 * rewriting every page (a fault script): each must list every invite, null where a field is absent.
 */
import { expect, layer } from "@effect/vitest"
import { ProviderError } from "@invitekit/core"
import { Emulator, type Faults } from "@invitekit/emulator"
import { Chunk, Effect, Stream } from "effect"
import * as PortkeyInvites from "../src/PortkeyInvites.js"
import { emulatorLayer, servedIds } from "./fixtures/layers.js"

// Not a multiple of the page size, so the last page is a partial one.
const COUNT = 230
const PAGE = 50
const PAGES = Math.ceil(COUNT / PAGE)

/** No faults, zeroed counters; the same fault on every request of a listing (and one more). */
const serving = (fault: Faults.Fault | null) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator.Emulator
    yield* emulator.clearFaults()
    yield* emulator.resetCounters
    if (fault !== null) yield* emulator.setFaults("portkey", { script: Array.from({ length: PAGES + 2 }, () => fault) })
    return emulator
  })

const requests = Effect.flatMap(Emulator.Emulator, (emulator) => emulator.counters("portkey")).pipe(
  Effect.map((counters) => counters.requests)
)

const listAll = (pageSize = PAGE) =>
  Effect.map(Stream.runCollect(Stream.map(PortkeyInvites.list({ pageSize }), PortkeyInvites.toInvite)), Chunk.toArray)

const noTotal: Faults.Fault = { _tag: "MissingField", field: "total" }

layer(emulatorLayer({ counts: { portkey: COUNT } }), { excludeTestServices: true })(
  "PortkeyInvites.list: shapes the docs allow",
  (it) => {
    it.effect("pages without total are walked one after another until a short page", () =>
      Effect.gen(function*() {
        const emulator = yield* serving(noTotal)
        const listed = yield* listAll()
        expect(listed.map((invite) => invite.id)).toEqual(servedIds(emulator))
        expect(yield* requests).toBe(PAGES)
      }))

    it.effect("pages without total whose count is a multiple of the page size end at the empty page", () =>
      Effect.gen(function*() {
        const emulator = yield* serving(noTotal)
        const listed = yield* listAll(46)
        expect(listed.map((invite) => invite.id)).toEqual(servedIds(emulator))
        expect(yield* requests).toBe(COUNT / 46 + 1)
      }))

    it.effect.each([
      ["created_at", "invitedAt"],
      ["expires_at", "expiresAt"],
      ["invited_by", "invitedBy"]
    ] as const)("invites without %s list, the unified field null", ([wire, unified]) =>
      Effect.gen(function*() {
        const emulator = yield* serving({ _tag: "MissingField", field: `data.*.${wire}` })
        const listed = yield* listAll()
        expect(listed.map((invite) => invite.id)).toEqual(servedIds(emulator))
        expect(listed.every((invite) => invite[unified] === null)).toBe(true)
      }))

    it.effect("a total on the first page and none on a later one ends in InvalidResponseError at total", () =>
      Effect.gen(function*() {
        const emulator = yield* serving(null)
        yield* emulator.setFaults("portkey", { script: [null, null, noTotal] })
        const error = yield* Effect.flip(Stream.runDrain(PortkeyInvites.list({ pageSize: PAGE, concurrency: 1 })))
        expect(error).toBeInstanceOf(ProviderError.InvalidResponseError)
        expect(error).toMatchObject({ path: "total" })
        expect(error.message).toContain("currentPage=")
      }))

    it.effect("without total, a server serving the first page again ends in InvalidResponseError", () =>
      Effect.gen(function*() {
        const emulator = yield* serving(null)
        yield* emulator.setFaults("portkey", { script: [noTotal, { _tag: "RepeatCursor" }] })
        const error = yield* Effect.flip(Stream.runDrain(PortkeyInvites.list({ pageSize: PAGE })))
        expect(error).toBeInstanceOf(ProviderError.InvalidResponseError)
        expect(error.message).toContain("repeats an earlier page")
      }))
  }
)

layer(emulatorLayer({ counts: { portkey: COUNT }, portkey: { maxPageSize: 40 } }), { excludeTestServices: true })(
  "PortkeyInvites.list: no total, page size capped silently",
  (it) => {
    it.effect("a first page shorter than asked is not taken for the end: every invite lists", () =>
      Effect.gen(function*() {
        const emulator = yield* serving(noTotal)
        const listed = yield* listAll(100)
        expect(listed.map((invite) => invite.id)).toEqual(servedIds(emulator))
        expect(yield* requests).toBe(Math.ceil(COUNT / 40))
      }))
  }
)

layer(emulatorLayer({ counts: { portkey: COUNT }, portkey: { shapes: "sparse" } }), { excludeTestServices: true })(
  "PortkeyInvites.list against the emulator's sparse shape",
  (it) => {
    it.effect("RFC 3339 times, absent or null fields, no total: every invite, each time the instant sent", () =>
      Effect.gen(function*() {
        const emulator = yield* serving(null)
        const sent = emulator.invites("portkey") as ReadonlyArray<Record<string, unknown>>
        const listed = yield* listAll()
        expect(listed.map((invite) => invite.id)).toEqual(servedIds(emulator))
        expect(yield* requests).toBe(PAGES)
        const instant = (value: unknown) =>
          typeof value === "string" ? new Date(Date.parse(value)).toISOString() : null
        for (const [index, invite] of listed.entries()) {
          const wire = sent[index]!
          expect(invite.invitedAt === null ? null : invite.invitedAt.toJSON()).toBe(instant(wire["created_at"]))
          expect(invite.expiresAt === null ? null : invite.expiresAt.toJSON()).toBe(instant(wire["expires_at"]))
          expect(invite.invitedBy).toBe(wire["invited_by"] ?? null)
        }
      }))
  }
)
