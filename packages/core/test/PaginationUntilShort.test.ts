import "./fixtures/providers.js"
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import * as FastCheck from "effect/FastCheck"
import { Pagination, ProviderError } from "../src/index.js"

const range = (n: number) => Array.from({ length: n }, (_, i) => i)

/** A list served by page index, at most `cap` a page, counting requests. */
const serve = (items: ReadonlyArray<number>, pageSize: number, cap = pageSize) => {
  let requests = 0
  const stream = Pagination.offsetUntilShort({
    provider: "portkey",
    pageSize,
    fetchPage: (index) =>
      Effect.sync(() => {
        requests++
        const size = Math.min(pageSize, cap)
        return { items: items.slice(index * size, index * size + size), request: `GET /invites?currentPage=${index}` }
      }),
    identify: String
  })
  return {
    collect: Effect.map(Stream.runCollect(stream), Chunk.toArray),
    get requests() {
      return requests
    }
  }
}

describe("Pagination.offsetUntilShort", () => {
  it.effect.prop(
    "every item exactly once, in order, whatever the page size or a silent cap; at most one request past the last item",
    [FastCheck.integer({ min: 0, max: 80 }), FastCheck.integer({ min: 1, max: 12 }), FastCheck.integer({ min: 1, max: 12 })],
    ([count, pageSize, cap]) =>
      Effect.gen(function*() {
        const server = serve(range(count), pageSize, cap)
        expect(yield* server.collect).toEqual(range(count))
        const size = Math.min(pageSize, cap)
        const pages = Math.ceil(count / size)
        // The pages holding items, then an empty one when the last is full or is the first (a short first page
        // may be a cap, not the end). A short page after the first ends the walk.
        expect(server.requests).toBe(count === 0 ? 1 : pages + (count % size === 0 || pages === 1 ? 1 : 0))
      })
  )

  it.effect("a short page after full ones is the end: no request after it", () =>
    Effect.gen(function*() {
      const server = serve(range(25), 10)
      expect(yield* server.collect).toEqual(range(25))
      expect(server.requests).toBe(3)
    }))

  it.effect("a page larger than the ones before it ends in InvalidResponseError", () =>
    Effect.gen(function*() {
      const pages = [[1, 2], [3, 4, 5]]
      const error = yield* Effect.flip(Stream.runDrain(Pagination.offsetUntilShort({
        provider: "portkey",
        pageSize: 5,
        fetchPage: (index) => Effect.succeed({ items: pages[index] ?? [], request: `GET /p${index}` })
      })))
      expect(error).toBeInstanceOf(ProviderError.InvalidResponseError)
      expect(error.message).toContain("the pages before it held 2")
    }))

  it.effect("a page served again ends in InvalidResponseError rather than walking forever", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runDrain(Pagination.offsetUntilShort({
        provider: "portkey",
        pageSize: 3,
        fetchPage: () => Effect.succeed({ items: [1, 2, 3], request: "GET /p" }),
        identify: String
      })))
      expect(error).toBeInstanceOf(ProviderError.InvalidResponseError)
      expect(error.message).toContain("repeats an earlier page")
    }))
})
