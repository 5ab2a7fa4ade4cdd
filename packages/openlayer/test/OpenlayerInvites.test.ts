import { expect, layer } from "@effect/vitest"
import { ProviderError } from "@invitekit/core"
import { Emulator, type Faults } from "@invitekit/emulator"
import { Chunk, Effect, Stream } from "effect"
import * as OpenlayerInvites from "../src/OpenlayerInvites.js"
import { emulatorLayer, fresh, servedIds } from "./fixtures/layers.js"

const PER_WORKSPACE = 250

/** Runs a listing and returns the ids it emitted, in order. */
const ids = <E, R>(stream: Stream.Stream<{ readonly id: string }, E, R>) =>
  Stream.runCollect(Stream.map(stream, (invite) => invite.id)).pipe(Effect.map(Chunk.toArray))

const faults = (plan: Faults.Plan) =>
  Effect.flatMap(Emulator.Emulator, (emulator) => emulator.setFaults("openlayer", plan))

const requests = Effect.map(Effect.flatMap(Emulator.Emulator, (emulator) => emulator.counters("openlayer")), (c) =>
  c.requests)

/** Pages needed for every invite of `workspaces` workspaces at `perPage`. */
const pages = (perPage: number, workspaces = 2) => Math.ceil(PER_WORKSPACE / perPage) * workspaces

layer(emulatorLayer({ counts: { openlayer: PER_WORKSPACE } }), { excludeTestServices: true })(
  "OpenlayerInvites.list (absolute x-next links)",
  (it) => {
    it.effect("streams every invite of two workspaces exactly once, workspace after workspace, in order", () =>
      Effect.gen(function*() {
        const emulator = yield* fresh
        expect(emulator.openlayer.workspaceIds.length).toBe(2)
        const [first, second] = emulator.openlayer.workspaceIds
        const listed = yield* ids(OpenlayerInvites.list({ pageSize: 30 }))
        expect(listed).toEqual([...servedIds(emulator, first), ...servedIds(emulator, second)])
        expect(new Set(listed).size).toBe(2 * PER_WORKSPACE)
        expect(yield* requests).toBe(pages(30))
      }))

    it.effect("asks for 100 invites per page by default", () =>
      Effect.gen(function*() {
        const emulator = yield* fresh
        expect(yield* ids(OpenlayerInvites.list())).toEqual(servedIds(emulator))
        // Openlayer's own default is 25 per page: 20 requests if perPage were not sent
        expect(yield* requests).toBe(pages(100))
      }))

    it.effect("lists the workspaces named in the params, in that order, instead of the client's", () =>
      Effect.gen(function*() {
        const emulator = yield* fresh
        const [first, second] = emulator.openlayer.workspaceIds
        const listed = yield* ids(OpenlayerInvites.list({ workspaceIds: `${second}, ${first}` }))
        expect(listed).toEqual([...servedIds(emulator, second), ...servedIds(emulator, first)])
      }))

    it.effect("Stream.take requests only the pages it needs, and at most the one read ahead", () =>
      Effect.gen(function*() {
        const emulator = yield* fresh
        expect(yield* ids(OpenlayerInvites.list().pipe(Stream.take(10)))).toEqual(servedIds(emulator).slice(0, 10))
        expect(yield* requests).toBe(1)
        yield* emulator.resetCounters
        expect(yield* ids(OpenlayerInvites.list().pipe(Stream.take(150)))).toEqual(servedIds(emulator).slice(0, 150))
        // Page 3 may have been requested ahead while page 2 was consumed (and cancelled when the take ended).
        expect(yield* requests).toBeGreaterThanOrEqual(2)
        expect(yield* requests).toBeLessThanOrEqual(3)
        yield* emulator.resetCounters
        // the second workspace is not touched until the first is exhausted
        const n = PER_WORKSPACE + 1
        expect(yield* ids(OpenlayerInvites.list().pipe(Stream.take(n)))).toEqual(servedIds(emulator).slice(0, n))
        expect(yield* requests).toBe(pages(100, 1) + 1)
      }))

    it.effect("listPage returns one page and the x-next link", () =>
      Effect.gen(function*() {
        const emulator = yield* fresh
        const [workspaceId] = emulator.openlayer.workspaceIds
        const page = yield* OpenlayerInvites.listPage({ workspaceId: workspaceId!, page: 2, pageSize: 100 })
        expect(page.items.map((invite) => invite.id)).toEqual(servedIds(emulator, workspaceId).slice(100, 200))
        expect(page.next).toBe(`${emulator.openlayer.baseUrl}/workspaces/${workspaceId}/invites?page=3&perPage=100`)
        const last = yield* OpenlayerInvites.listPage({ workspaceId: workspaceId!, page: 3 })
        expect(last.items.length).toBe(PER_WORKSPACE - 200)
        expect(last.next).toBeNull()
      }))

    it.effect("an unknown workspace fails with InvalidRequestError carrying Openlayer's message", () =>
      Effect.gen(function*() {
        const emulator = yield* fresh
        const [known] = emulator.openlayer.workspaceIds
        const unknown = "00000000-0000-4000-8000-000000000000"
        const listed: Array<string> = []
        const error = yield* Effect.flip(
          OpenlayerInvites.list({ workspaceIds: [known!, unknown] }).pipe(
            Stream.runForEach((invite) => Effect.sync(() => listed.push(invite.id)))
          )
        )
        expect(error).toBeInstanceOf(ProviderError.InvalidRequestError)
        expect(error).toMatchObject({ provider: "openlayer", status: 404, providerMessage: "Workspace not found" })
        expect(error.message).toContain(`/openlayer/v1/workspaces/${unknown}/invites`)
        // the known workspace was listed in full before
        expect(listed).toEqual(servedIds(emulator, known))
      }))

    it.effect.each<[string, Faults.Fault, string]>([
      ["a missing field", { _tag: "MissingField", field: "items.2.email" }, "items[2].email"],
      ["a missing nested field", { _tag: "MissingField", field: "items.4.workspace.slug" }, "items[4].workspace.slug"],
      ["a wrong type", { _tag: "WrongType", field: "items.0.workspace.memberCount" }, "items[0].workspace.memberCount"],
      ["a date of the wrong type", { _tag: "WrongType", field: "items.9.dateCreated" }, "items[9].dateCreated"],
      ["a null list", { _tag: "NullData" }, "items"]
    ])("a page with %s fails with InvalidResponseError naming the field path", ([, fault, path]) =>
      Effect.gen(function*() {
        yield* fresh
        yield* faults({ script: [null, fault] })
        const error = yield* Effect.flip(Stream.runDrain(OpenlayerInvites.list()))
        expect(error).toBeInstanceOf(ProviderError.InvalidResponseError)
        expect(error).toMatchObject({ provider: "openlayer", path })
        expect(error.message).toContain("page=2&perPage=100")
      }))

    it.effect.each<[string, Faults.Fault]>([
      ["back to the first page", { _tag: "NextLinkLoop", page: 1 }],
      ["to the page just served", { _tag: "RepeatCursor" }],
      ["backwards", { _tag: "CursorBackwards" }]
    ])("an x-next that loops %s ends in InvalidResponseError, not a hang", ([, fault]) =>
      Effect.gen(function*() {
        yield* fresh
        yield* faults({ script: [null, fault] })
        const error = yield* Effect.flip(Stream.runDrain(OpenlayerInvites.list()))
        expect(error).toBeInstanceOf(ProviderError.InvalidResponseError)
        expect(error.message).toMatch(/loops back to a page already fetched|repeats an earlier page/)
        expect(yield* requests).toBeLessThanOrEqual(3)
      }))

    it.effect("a next link after an empty page, or a page larger than asked, ends in InvalidResponseError", () =>
      Effect.gen(function*() {
        yield* fresh
        yield* faults({ script: [{ _tag: "EmptyPageWithMore" }] })
        const empty = yield* Effect.flip(Stream.runDrain(OpenlayerInvites.list()))
        expect(empty).toBeInstanceOf(ProviderError.InvalidResponseError)
        expect(empty.message).toContain("empty page")
        yield* faults({ script: [{ _tag: "HugePage", factor: 2 }] })
        const huge = yield* Effect.flip(Stream.runDrain(OpenlayerInvites.list({ pageSize: 50 })))
        expect(huge).toBeInstanceOf(ProviderError.InvalidResponseError)
        expect(huge.message).toContain("100 items but 50 were asked")
      }))

  }
)

layer(emulatorLayer({ counts: { openlayer: PER_WORKSPACE }, openlayer: { nextLink: "relative" } }), {
  excludeTestServices: true
})("OpenlayerInvites.list (relative x-next links)", (it) => {
  it.effect("follows relative links, resolved against the base URL's origin", () =>
    Effect.gen(function*() {
      const emulator = yield* fresh
      const [workspaceId] = emulator.openlayer.workspaceIds
      const page = yield* OpenlayerInvites.listPage({ workspaceId: workspaceId! })
      expect(page.next).toBe(`/openlayer/v1/workspaces/${workspaceId}/invites?page=2&perPage=100`)
      yield* emulator.resetCounters
      expect(yield* ids(OpenlayerInvites.list())).toEqual(servedIds(emulator))
      expect(yield* requests).toBe(pages(100))
    }))

  it.effect("a relative link looping back ends in InvalidResponseError", () =>
    Effect.gen(function*() {
      yield* fresh
      yield* faults({ script: [null, null, { _tag: "NextLinkLoop", page: 2 }] })
      const error = yield* Effect.flip(Stream.runDrain(OpenlayerInvites.list()))
      expect(error).toBeInstanceOf(ProviderError.InvalidResponseError)
      expect(error.message).toContain("loops back")
    }))
})

layer(emulatorLayer({ counts: { openlayer: PER_WORKSPACE }, openlayer: { nextLink: "none" } }), {
  excludeTestServices: true
})("OpenlayerInvites.list (no x-next links)", (it) => {
  it.effect("walks page numbers and stops on a short page", () =>
    Effect.gen(function*() {
      const emulator = yield* fresh
      expect(yield* ids(OpenlayerInvites.list())).toEqual(servedIds(emulator))
      // 100 + 100 + 50 per workspace: the short third page ends each
      expect(yield* requests).toBe(pages(100))
    }))
})

layer(emulatorLayer({ counts: { openlayer: 200 }, openlayer: { nextLink: "none" } }), { excludeTestServices: true })(
  "OpenlayerInvites.list (no x-next links, full last page)",
  (it) => {
    it.effect("an exact multiple of the page size ends on the empty page after it", () =>
      Effect.gen(function*() {
        const emulator = yield* fresh
        expect(yield* ids(OpenlayerInvites.list())).toEqual(servedIds(emulator))
        expect(yield* requests).toBe(3 * 2)
      }))
  }
)

layer(emulatorLayer({ counts: { openlayer: 200 } }), { excludeTestServices: true })(
  "OpenlayerInvites.list (x-next links, full last page)",
  (it) => {
    it.effect("a page without a link ends the workspace once the server links pages, full or not", () =>
      Effect.gen(function*() {
        const emulator = yield* fresh
        expect(yield* ids(OpenlayerInvites.list())).toEqual(servedIds(emulator))
        expect(yield* requests).toBe(2 * 2)
      }))
  }
)
