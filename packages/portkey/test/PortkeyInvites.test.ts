import { expect, layer } from "@effect/vitest"
import { ProviderError } from "@invitekit/core"
import { Emulator, type Faults } from "@invitekit/emulator"
import { Chunk, Effect, Schedule, Stream } from "effect"
import * as PortkeyClient from "../src/PortkeyClient.js"
import * as PortkeyInvites from "../src/PortkeyInvites.js"
import { emulatorLayer, servedIds, servedInvites } from "./fixtures/layers.js"

const COUNT = 350

/** Runs a listing and returns the ids it emitted, in order. */
const ids = <E, R>(stream: Stream.Stream<{ readonly id: string }, E, R>) =>
  Stream.runCollect(Stream.map(stream, (invite) => invite.id)).pipe(Effect.map(Chunk.toArray))

/**
 * Fresh counters and no faults: each test sees only its own requests. A request an earlier test abandoned
 * (Stream.take interrupts the pages still in flight) is let finish first, so it cannot raise maxInFlight.
 */
const fresh = Effect.gen(function*() {
  const emulator = yield* Emulator.Emulator
  yield* emulator.clearFaults("portkey")
  yield* emulator.counters("portkey").pipe(
    Effect.repeat({ until: (counters) => counters.inFlight === 0, schedule: Schedule.spaced("5 millis"), times: 400 })
  )
  yield* emulator.resetCounters
  return emulator
})

const faults = (plan: Faults.Plan) => Effect.flatMap(Emulator.Emulator, (emulator) => emulator.setFaults("portkey", plan))

const requests = Effect.flatMap(Emulator.Emulator, (emulator) => emulator.counters("portkey"))

layer(emulatorLayer({ counts: { portkey: COUNT } }), { excludeTestServices: true })("PortkeyInvites.list", (it) => {
  it.effect("asks for 100 invites per page by default", () =>
    Effect.gen(function*() {
      const emulator = yield* fresh
      const listed = yield* ids(PortkeyInvites.list())
      expect(listed).toEqual(servedIds(emulator))
      // the emulator's own default is 20 per page: 18 requests if pageSize were not sent
      expect((yield* requests).requests).toBe(Math.ceil(COUNT / 100))
    }))

  it.effect("fetches the pages after the first concurrently, yet emits them in order", () =>
    Effect.gen(function*() {
      const emulator = yield* fresh
      yield* faults({ latencyMs: 40 })
      const listed = yield* ids(PortkeyInvites.list({ pageSize: 20 }))
      const counters = yield* requests
      expect(listed).toEqual(servedIds(emulator))
      expect(counters.requests).toBe(Math.ceil(COUNT / 20))
      expect(counters.maxInFlight).toBeGreaterThan(1)
      expect(counters.maxInFlight).toBeLessThanOrEqual(PortkeyClient.defaultConcurrency)
    }))

  it.effect("keeps at most `concurrency` requests in flight", () =>
    Effect.gen(function*() {
      const emulator = yield* fresh
      yield* faults({ latencyMs: 20 })
      expect(yield* ids(PortkeyInvites.list({ pageSize: 50, concurrency: 1 }))).toEqual(servedIds(emulator))
      expect((yield* requests).maxInFlight).toBe(1)
      yield* emulator.resetCounters
      expect(yield* ids(PortkeyInvites.list({ pageSize: 25, concurrency: 2 }))).toEqual(servedIds(emulator))
      expect((yield* requests).maxInFlight).toBe(2)
    }))

  it.effect("Stream.take past the first page requests at most the pages needed plus the concurrency", () =>
    Effect.gen(function*() {
      const emulator = yield* fresh
      yield* faults({ latencyMs: 20 })
      const pageSize = 20
      const n = 70
      const listed = yield* ids(PortkeyInvites.list({ pageSize }).pipe(Stream.take(n)))
      expect(listed).toEqual(servedIds(emulator).slice(0, n))
      const needed = Math.ceil(n / pageSize)
      const made = (yield* requests).requests
      expect(made).toBeGreaterThanOrEqual(needed)
      expect(made).toBeLessThanOrEqual(needed + PortkeyClient.defaultConcurrency)
      expect(made).toBeLessThan(Math.ceil(COUNT / pageSize))
    }))

  it.effect.each<[string, Faults.Fault, string]>([
    ["a missing field", { _tag: "MissingField", field: "data.3.email" }, "data[3].email"],
    ["a wrong type", { _tag: "WrongType", field: "data.7.created_at" }, "data[7].created_at"],
    ["a wrong type in a workspace list", { _tag: "WrongType", field: "data.0.workspaces" }, "data[0].workspaces"],
    ["a null list", { _tag: "NullData" }, "data"],
    ["a total of the wrong type", { _tag: "WrongType", field: "total" }, "total"]
  ])("a page with %s fails with InvalidResponseError naming the field path", ([, fault, path]) =>
    Effect.gen(function*() {
      yield* fresh
      yield* faults({ script: [fault] })
      const error = yield* Effect.flip(Stream.runDrain(PortkeyInvites.list()))
      expect(error).toBeInstanceOf(ProviderError.InvalidResponseError)
      expect(error).toMatchObject({ provider: "portkey", path })
      expect(error.message).toContain("/portkey/v1/admin/users/invites?pageSize=100&currentPage=0")
    }))

  it.effect.each<[string, Faults.Plan]>([
    ["larger than the list, on the first page", { script: [{ _tag: "LyingTotal", total: 100_000 }] }],
    ["negative", { script: [{ _tag: "LyingTotal", total: -1 }] }],
    ["smaller than the first page", { script: [{ _tag: "LyingTotal", total: 30 }] }],
    ["changing mid-listing", { script: [null, { _tag: "LyingTotal", total: COUNT + 1 }] }]
  ])("a total %s ends in InvalidResponseError, not a hang or a short list", ([, plan]) =>
    Effect.gen(function*() {
      yield* fresh
      yield* faults(plan)
      const error = yield* Effect.flip(Stream.runDrain(PortkeyInvites.list()))
      expect(error).toBeInstanceOf(ProviderError.InvalidResponseError)
      expect(error).toMatchObject({ provider: "portkey", path: "total" })
      expect((yield* requests).requests).toBeLessThanOrEqual(1 + PortkeyClient.defaultConcurrency)
    }))

  it.effect.each<[string, Faults.Fault]>([
    ["the page before it", { _tag: "RepeatCursor" }],
    ["the first page", { _tag: "CursorBackwards" }]
  ])("a page that repeats %s ends in InvalidResponseError, not a repeated and a lost invite", ([, fault]) =>
    Effect.gen(function*() {
      yield* fresh
      yield* faults({ script: [null, null, fault], latencyMs: 5 })
      const listed: Array<string> = []
      const error = yield* Effect.flip(
        PortkeyInvites.list({ pageSize: 50, concurrency: 1 }).pipe(
          Stream.runForEach((invite) => Effect.sync(() => listed.push(invite.id)))
        )
      )
      expect(error).toBeInstanceOf(ProviderError.InvalidResponseError)
      expect(error.message).toContain("repeats an earlier page")
      expect(new Set(listed).size).toBe(listed.length)
    }))

  it.effect("a page larger than asked ends in InvalidResponseError", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* faults({ script: [null, { _tag: "HugePage", factor: 3 }] })
      const error = yield* Effect.flip(Stream.runDrain(PortkeyInvites.list({ pageSize: 20 })))
      expect(error).toBeInstanceOf(ProviderError.InvalidResponseError)
      expect(error.message).toContain("60 items but 20 were asked")
    }))

  it.effect("an e-mail filter with a + is URL-encoded and matches exactly that invite", () =>
    Effect.gen(function*() {
      const emulator = yield* fresh
      const served = servedInvites(emulator)
      const tagged = served.filter((invite) => invite.email.includes("+"))
      expect(tagged.length).toBeGreaterThan(1)
      for (const target of tagged.slice(0, 3)) {
        const listed = yield* ids(PortkeyInvites.list({ email: target.email }))
        expect(listed).toEqual(served.filter((invite) => invite.email === target.email).map((invite) => invite.id))
        expect(listed).toEqual([target.id])
      }
      // one request each: the server filtered (an unfiltered listing takes four)
      expect((yield* requests).requests).toBe(3)
    }))

  it.effect("role and status are filtered by the server and again on the stream", () =>
    Effect.gen(function*() {
      const emulator = yield* fresh
      const expected = servedInvites(emulator)
        .filter((invite) => invite.role === "admin" && invite.status === "pending")
        .map((invite) => invite.id)
      expect(expected.length).toBeGreaterThan(0)
      const listed = yield* ids(PortkeyInvites.list({ role: "admin", status: "pending" }))
      expect(listed).toEqual(expected)
      expect((yield* requests).requests).toBe(Math.max(1, Math.ceil(expected.length / 100)))
    }))

})

layer(emulatorLayer({ counts: { portkey: COUNT }, portkey: { maxPageSize: 30 } }), { excludeTestServices: true })(
  "PortkeyInvites.list against a server capping the page size",
  (it) => {
    it.effect("loses nothing when the server silently serves fewer invites than asked", () =>
      Effect.gen(function*() {
        const emulator = yield* fresh
        const listed = yield* ids(PortkeyInvites.list())
        expect(listed).toEqual(servedIds(emulator))
        // planned from what the server really serves: ceil(350 / 30) pages, no more
        expect((yield* requests).requests).toBe(Math.ceil(COUNT / 30))
      }))

    it.effect("Stream.take within the capped first page still makes one request", () =>
      Effect.gen(function*() {
        const emulator = yield* fresh
        expect(yield* ids(PortkeyInvites.list().pipe(Stream.take(30)))).toEqual(servedIds(emulator).slice(0, 30))
        expect((yield* requests).requests).toBe(1)
      }))
  }
)

layer(emulatorLayer({ counts: { portkey: 0 } }), { excludeTestServices: true })("PortkeyInvites.list, empty", (it) => {
  it.effect("an empty organization is one request and no invites", () =>
    Effect.gen(function*() {
      yield* fresh
      expect(yield* ids(PortkeyInvites.list())).toEqual([])
      expect((yield* requests).requests).toBe(1)
    }))
})
