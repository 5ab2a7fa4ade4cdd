/**
 * Offset pagination with a total never passes a short list off as a whole one: when the pages run out before
 * the total is reached, the stream ends in an InvalidResponseError instead of succeeding quietly.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Stream } from "effect"
import * as FastCheck from "effect/FastCheck"
import { Pagination } from "../src/index.js"

const range = (n: number) => Array.from({ length: n }, (_, i) => i)

/** A server of `items` in pages of `pageSize`, reporting `total`, that serves the pages in `empty` with nothing. */
const offsetStream = (options: {
  readonly items: ReadonlyArray<number>
  readonly pageSize: number
  readonly total?: number
  readonly empty?: ReadonlyArray<number>
}) =>
  Pagination.offsetWithTotal({
    provider: "portkey",
    pageSize: options.pageSize,
    identify: String,
    fetchPage: (index) =>
      Effect.succeed({
        items: options.empty?.includes(index)
          ? []
          : options.items.slice(index * options.pageSize, (index + 1) * options.pageSize),
        total: options.total ?? options.items.length,
        request: `GET /invites?currentPage=${index}`
      })
  })

/** What a stream emitted before it ended, and how it ended. */
const drain = <A, E>(stream: Stream.Stream<A, E>) =>
  Effect.gen(function*() {
    const emitted: Array<A> = []
    const end = yield* Effect.either(Stream.runForEach(stream, (a) => Effect.sync(() => emitted.push(a))))
    return { emitted, end }
  })

describe("Pagination.offsetWithTotal: a list shorter than its total", () => {
  it.effect("an empty first page while the total says more ends in InvalidResponseError", () =>
    Effect.gen(function*() {
      const { emitted, end } = yield* drain(offsetStream({ items: range(6), pageSize: 2, empty: [0] }))
      expect(emitted).toEqual([])
      expect(Either.isLeft(end)).toBe(true)
      if (Either.isRight(end)) return
      expect(end.left).toMatchObject({ _tag: "InvalidResponseError", path: "total", request: "GET /invites?currentPage=0" })
      expect(end.left.message).toContain("the first page is empty but the total is 6")
    }))

  it.effect("an empty page in the middle ends in InvalidResponseError after the pages before it", () =>
    Effect.gen(function*() {
      const { emitted, end } = yield* drain(offsetStream({ items: range(8), pageSize: 2, empty: [1] }))
      // Pages 0, 2 and 3 hold 6 of the 8 items; page 4 (past the plan) is empty.
      expect(emitted).toEqual([0, 1, 4, 5, 6, 7])
      expect(Either.isLeft(end)).toBe(true)
      if (Either.isRight(end)) return
      expect(end.left.message).toContain("the pages hold 6 items in all but the total is 8")
    }))

  it.effect("a total larger than the list on every page ends in InvalidResponseError", () =>
    Effect.gen(function*() {
      const { emitted, end } = yield* drain(offsetStream({ items: range(5), pageSize: 2, total: 9 }))
      expect(emitted).toEqual(range(5))
      expect(Either.isLeft(end)).toBe(true)
      if (Either.isRight(end)) return
      expect(end.left.message).toContain("the pages hold 5 items in all but the total is 9")
    }))

  it.effect("an empty list with a total of 0 is one page and no error", () =>
    Effect.gen(function*() {
      const { emitted, end } = yield* drain(offsetStream({ items: [], pageSize: 2 }))
      expect(emitted).toEqual([])
      expect(Either.isRight(end)).toBe(true)
    }))

  it.effect.prop(
    "never succeeds with fewer items than the total: either every item once, or an error",
    [
      FastCheck.integer({ min: 1, max: 40 }),
      FastCheck.integer({ min: 1, max: 7 }),
      FastCheck.array(FastCheck.integer({ min: 0, max: 8 }), { maxLength: 3 })
    ],
    ([count, pageSize, empty]) =>
      Effect.gen(function*() {
        const items = range(count)
        const { emitted, end } = yield* drain(offsetStream({ items, pageSize, empty }))
        if (Either.isRight(end)) expect(emitted).toEqual(items)
        else expect(emitted.length).toBeLessThan(count)
        // Whatever the ending, nothing is emitted twice and nothing that is not in the list.
        expect(new Set(emitted).size).toBe(emitted.length)
        for (const item of emitted) expect(items).toContain(item)
        const lost = empty.some((index) => index * pageSize < count)
        expect(Either.isLeft(end)).toBe(lost)
      })
  )
})
