import "./fixtures/providers.js"
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Deferred, Effect, Exit, Fiber, Option, Schedule, Stream } from "effect"
import * as FastCheck from "effect/FastCheck"
import { Pagination } from "../src/index.js"

/** A fake page server's bookkeeping: every fetch attempt, and the transient failures it should inject. */
const makeServer = (failOn: ReadonlyArray<boolean>) => {
  let calls = 0
  let served = 0
  return {
    /** Fails transiently on the calls `failOn` marks, else serves; retried like ProviderHttp retries a request. */
    serve: <A>(page: () => A) =>
      Effect.suspend(() => {
        const fail = failOn[calls++] ?? false
        if (fail) return Effect.fail("transient" as const)
        served++
        return Effect.sync(page)
      }).pipe(Effect.retry(Schedule.recurs(failOn.length + 1)), Effect.orDie),
    get served() {
      return served
    }
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i)
const collect = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toArray)

const cursorStream = (items: ReadonlyArray<number>, pageSize: number, server: ReturnType<typeof makeServer>) =>
  Pagination.cursor({
    provider: "openai",
    fetchPage: (cursor) =>
      server.serve(() => {
        const start = Option.match(cursor, { onNone: () => 0, onSome: (id) => Number(id) + 1 })
        const data = items.slice(start, start + pageSize)
        return {
          items: data,
          hasMore: start + pageSize < items.length,
          nextCursor: data.length === 0 ? null : String(data[data.length - 1]),
          request: `GET /invites?after=${Option.getOrElse(cursor, () => "")}`
        }
      })
  })

const offsetStream = (
  items: ReadonlyArray<number>,
  pageSize: number,
  cap: number,
  concurrency: number,
  server: ReturnType<typeof makeServer>
) =>
  Pagination.offsetWithTotal({
    provider: "portkey",
    pageSize,
    concurrency,
    fetchPage: (index) =>
      server.serve(() => {
        const served = Math.min(pageSize, cap)
        return {
          items: items.slice(index * served, index * served + served),
          total: items.length,
          request: `GET /invites?currentPage=${index}`
        }
      })
  })

type Links = "absolute" | "relative" | "none"

const linkStream = (items: ReadonlyArray<number>, pageSize: number, links: Links, server: ReturnType<typeof makeServer>) => {
  const base = "http://127.0.0.1:9/v1/w/invites"
  const pageOf = (url: string) => Number(new URL(url).searchParams.get("page"))
  return Pagination.nextLink({
    provider: "openlayer",
    pageSize,
    resolveLink: (link) => Effect.succeed(new URL(link, base).href),
    identify: String,
    fetchPage: (target) =>
      server.serve(() => {
        const url = target._tag === "Link" ? target.url : `${base}?page=${target.page}&perPage=${pageSize}`
        const page = pageOf(url)
        const data = items.slice((page - 1) * pageSize, page * pageSize)
        const more = page * pageSize < items.length
        const next = !more || links === "none"
          ? null
          : links === "absolute"
          ? `${base}?page=${page + 1}&perPage=${pageSize}`
          : `/v1/w/invites?perPage=${pageSize}&page=${page + 1}`
        return { items: data, next, url, request: `GET ${url}` }
      })
  })
}

const failures = FastCheck.array(FastCheck.boolean(), { maxLength: 6 })

/**
 * The request bound of a sequential strategy under `take`: exactly one request when the first page holds the
 * items taken; otherwise the pages needed, plus at most the one read ahead (never past the last page).
 */
const expectPagesFor = (served: number, take: number, pageSize: number, pages: number) => {
  const needed = Math.ceil(take / pageSize)
  if (needed === 1) expect(served).toBe(1)
  else {
    expect(served).toBeGreaterThanOrEqual(needed)
    expect(served).toBeLessThanOrEqual(Math.min(needed + 1, pages))
  }
}

describe("Pagination properties", () => {
  it.effect.prop(
    "cursor: every item exactly once, in order, one request a page, whatever fails transiently",
    [FastCheck.integer({ min: 0, max: 60 }), FastCheck.integer({ min: 1, max: 12 }), failures],
    ([count, pageSize, failOn]) =>
      Effect.gen(function*() {
        const server = makeServer(failOn)
        const items = range(count)
        expect(yield* collect(cursorStream(items, pageSize, server))).toEqual(items)
        expect(server.served).toBe(Math.max(1, Math.ceil(count / pageSize)))
      })
  )

  it.effect.prop(
    "cursor: take(n) within the first page makes one request; beyond it, at most one page more than needed",
    [FastCheck.integer({ min: 1, max: 60 }), FastCheck.integer({ min: 1, max: 12 }), FastCheck.nat()],
    ([count, pageSize, seed]) =>
      Effect.gen(function*() {
        const take = 1 + (seed % count)
        const server = makeServer([])
        const items = range(count)
        expect(yield* collect(Stream.take(cursorStream(items, pageSize, server), take))).toEqual(items.slice(0, take))
        expectPagesFor(server.served, take, pageSize, Math.ceil(count / pageSize))
      })
  )

  it.effect.prop(
    "offset with total: every item exactly once, in order, whatever the concurrency, server cap or failures",
    [
      FastCheck.integer({ min: 0, max: 80 }),
      FastCheck.integer({ min: 1, max: 15 }),
      FastCheck.integer({ min: 1, max: 15 }),
      FastCheck.integer({ min: 1, max: 6 }),
      failures
    ],
    ([count, pageSize, cap, concurrency, failOn]) =>
      Effect.gen(function*() {
        const server = makeServer(failOn)
        const items = range(count)
        expect(yield* collect(offsetStream(items, pageSize, cap, concurrency, server))).toEqual(items)
        expect(server.served).toBe(Math.max(1, Math.ceil(count / Math.min(pageSize, cap))))
      })
  )

  it.effect.prop(
    "offset with total: take(n) within the first page makes one request; beyond it, at most the concurrency more",
    [
      FastCheck.integer({ min: 1, max: 80 }),
      FastCheck.integer({ min: 1, max: 15 }),
      FastCheck.integer({ min: 1, max: 6 }),
      FastCheck.nat()
    ],
    ([count, pageSize, concurrency, seed]) =>
      Effect.gen(function*() {
        const take = 1 + (seed % count)
        const server = makeServer([])
        const items = range(count)
        const taken = yield* collect(Stream.take(offsetStream(items, pageSize, pageSize, concurrency, server), take))
        expect(taken).toEqual(items.slice(0, take))
        const needed = Math.ceil(take / pageSize)
        if (take <= pageSize) expect(server.served).toBe(1)
        else {
          expect(server.served).toBeGreaterThanOrEqual(needed)
          expect(server.served).toBeLessThanOrEqual(needed + concurrency)
        }
      })
  )

  it.effect.prop(
    "next link: every item exactly once, in order, with absolute, relative or no links",
    [
      FastCheck.integer({ min: 0, max: 60 }),
      FastCheck.integer({ min: 1, max: 12 }),
      FastCheck.constantFrom<Links>("absolute", "relative", "none"),
      failures
    ],
    ([count, pageSize, links, failOn]) =>
      Effect.gen(function*() {
        const server = makeServer(failOn)
        const items = range(count)
        expect(yield* collect(linkStream(items, pageSize, links, server))).toEqual(items)
        // Without links, a list that ends on a full page costs one more (empty) request to see the end.
        // With links, a page without one is the last — once the server has linked at least one page.
        const pages = Math.max(1, Math.ceil(count / pageSize))
        const neverLinked = links === "none" || count === pageSize
        const extra = neverLinked && count > 0 && count % pageSize === 0 ? 1 : 0
        expect(server.served).toBe(pages + extra)
      })
  )

  it.effect.prop(
    "next link: take(n) within the first page makes one request; beyond it, at most one page more than needed",
    [FastCheck.integer({ min: 1, max: 60 }), FastCheck.integer({ min: 1, max: 12 }), FastCheck.nat()],
    ([count, pageSize, seed]) =>
      Effect.gen(function*() {
        const take = 1 + (seed % count)
        const server = makeServer([])
        const items = range(count)
        expect(yield* collect(Stream.take(linkStream(items, pageSize, "absolute", server), take))).toEqual(
          items.slice(0, take)
        )
        expectPagesFor(server.served, take, pageSize, Math.ceil(count / pageSize))
      })
  )
})

const cursorPages = (pages: ReadonlyArray<Pagination.CursorPage<number>>) => {
  let i = 0
  return Pagination.cursor({ provider: "anthropic", fetchPage: () => Effect.succeed(pages[i++]!) })
}

describe("Pagination guards end in InvalidResponseError, never a loop", () => {
  it.effect("cursor: a cursor that does not advance", () =>
    Effect.gen(function*() {
      const page = { items: [1], hasMore: true, nextCursor: "a", request: "GET /x" }
      const error = yield* Effect.flip(collect(cursorPages([page, page, page])))
      expect(error._tag).toBe("InvalidResponseError")
      expect(error.message).toContain(`the cursor "a" does not advance`)
      expect(error.message).toContain("Anthropic")
    }))

  it.effect("cursor: a cursor that goes back", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(collect(cursorPages([
        { items: [1], hasMore: true, nextCursor: "a", request: "GET /1" },
        { items: [2], hasMore: true, nextCursor: "b", request: "GET /2" },
        { items: [3], hasMore: true, nextCursor: "a", request: "GET /3" }
      ])))
      expect(error.message).toContain("GET /3")
    }))

  it.effect("cursor: more with an empty page", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(collect(cursorPages([
        { items: [], hasMore: true, nextCursor: null, request: "GET /x" }
      ])))
      expect(error.message).toContain("empty page")
    }))

  it.effect("cursor: more without a cursor", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(collect(cursorPages([
        { items: [1], hasMore: true, nextCursor: null, request: "GET /x" }
      ])))
      expect(error.message).toContain("no cursor")
    }))

  const offsetPages = (pages: ReadonlyArray<Pagination.OffsetPage<number>>, pageSize = 2) =>
    Pagination.offsetWithTotal({ provider: "portkey", pageSize, fetchPage: (i) => Effect.succeed(pages[i] ?? pages.at(-1)!) })

  it.effect("offset: a negative total", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(collect(offsetPages([{ items: [1], total: -1, request: "GET /x" }])))
      expect(error.message).toContain("-1 is not a count")
    }))

  it.effect("offset: more items than the total", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(collect(offsetPages([
        { items: [1, 2], total: 3, request: "GET /0" },
        { items: [3, 4], total: 3, request: "GET /1" }
      ])))
      expect(error.message).toContain("more items than the total of 3")
    }))

  it.effect("offset: a page larger than asked", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(collect(offsetPages([{ items: [1, 2, 3], total: 9, request: "GET /0" }])))
      expect(error.message).toContain("3 items but 2 were asked")
    }))

  it.effect("offset: a total that changes while listing", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(collect(offsetPages([
        { items: [1, 2], total: 4, request: "GET /0" },
        { items: [3, 4], total: 6, request: "GET /1" }
      ])))
      expect(error.message).toContain("changed from 4 to 6")
    }))

  it.effect("offset: items removed while listing are still all emitted: it keeps going to the total", () =>
    Effect.gen(function*() {
      // Total 6 in pages of 2, but page 1 comes back short: the listing goes on past the plan until 6 are seen.
      const pages = [
        { items: [1, 2], total: 6, request: "GET /0" },
        { items: [3], total: 6, request: "GET /1" },
        { items: [4, 5], total: 6, request: "GET /2" },
        { items: [6], total: 6, request: "GET /3" }
      ]
      expect(yield* collect(offsetPages(pages))).toEqual([1, 2, 3, 4, 5, 6])
    }))

  it.effect("offset: a page served again ends the stream when items have an identity", () =>
    Effect.gen(function*() {
      // The count stays right (2 + 2 + 2 = 6), so only identities reveal that [3, 4] was repeated and [5, 6] lost.
      const pages = [
        { items: [1, 2], total: 6, request: "GET /0" },
        { items: [3, 4], total: 6, request: "GET /1" },
        { items: [3, 4], total: 6, request: "GET /2" }
      ]
      const stream = Pagination.offsetWithTotal({
        provider: "portkey",
        pageSize: 2,
        concurrency: 2,
        identify: String,
        fetchPage: (i) => Effect.succeed(pages[i]!)
      })
      const error = yield* Effect.flip(collect(stream))
      expect(error).toMatchObject({ _tag: "InvalidResponseError", request: "GET /2" })
      expect(error.message).toContain("the page repeats an earlier page (it starts with 3 again)")
    }))

  it.effect("next link: a link that loops to an earlier page", () =>
    Effect.gen(function*() {
      const base = "http://127.0.0.1:9/v1/w/invites"
      const stream = Pagination.nextLink({
        provider: "openlayer",
        pageSize: 1,
        resolveLink: (link) => Effect.succeed(new URL(link, base).href),
        fetchPage: (target) =>
          Effect.succeed({
            items: [1],
            next: "/v1/w/invites?perPage=1&page=1",
            url: target._tag === "Link" ? target.url : `${base}?page=1&perPage=1`,
            request: "GET /w"
          })
      })
      const error = yield* Effect.flip(collect(stream))
      expect(error.message).toContain("loops back")
    }))

  it.effect("next link: a server that ignores the page number", () =>
    Effect.gen(function*() {
      const stream = Pagination.nextLink({
        provider: "openlayer",
        pageSize: 2,
        identify: String,
        resolveLink: (link) => Effect.succeed(link),
        fetchPage: (target) =>
          Effect.succeed({ items: [1, 2], next: null, url: `http://h/x?page=${target._tag === "Number" ? target.page : 0}`, request: "GET /x" })
      })
      const error = yield* Effect.flip(collect(stream))
      expect(error.message).toContain("repeats an earlier page")
    }))
})

describe("Pagination.lastIdCursor", () => {
  const pages = (list: ReadonlyArray<Pagination.LastIdPage<{ id: string }>>) => {
    const asked: Array<string | undefined> = []
    const stream = Pagination.lastIdCursor({
      provider: "openai",
      fetchPage: (after) => {
        asked.push(after)
        return Effect.succeed(list[asked.length - 1]!)
      }
    })
    return { stream, asked }
  }

  it.effect("follows lastId, and the last item's id where a page leaves lastId out", () =>
    Effect.gen(function*() {
      const { asked, stream } = pages([
        { items: [{ id: "a" }, { id: "b" }], hasMore: true, lastId: "b", request: "GET /1" },
        { items: [{ id: "c" }], hasMore: true, request: "GET /2" },
        { items: [{ id: "d" }], hasMore: false, lastId: "d", request: "GET /3" }
      ])
      expect((yield* collect(stream)).map((x) => x.id)).toEqual(["a", "b", "c", "d"])
      expect(asked).toEqual([undefined, "b", "c"])
    }))

  it.effect("a lastId that is not the page's last item ends the stream, naming the field", () =>
    Effect.gen(function*() {
      const { stream } = pages([
        { items: [{ id: "a" }, { id: "b" }], hasMore: true, lastId: "b", request: "GET /1" },
        { items: [{ id: "c" }, { id: "d" }], hasMore: true, lastId: "a", request: "GET /2" }
      ])
      const error = yield* Effect.flip(collect(stream))
      expect(error).toMatchObject({ _tag: "InvalidResponseError", path: "last_id", request: "GET /2" })
      expect(error.message).toContain(`"a" is not the id of the page's last item ("d")`)
    }))
})

describe("Pagination reads one page ahead from the second page on", () => {
  /** Pages of two items (page i holds 2i, 2i + 1), and a Deferred per page completed when it is requested. */
  const pagesOf = (count: number) => Effect.all(range(count).map(() => Deferred.make<void>()))

  /** The cursor strategy over `pages.length` pages; `answer(i)` is what fetching page i does after it is asked. */
  const cursorOver = (
    requested: ReadonlyArray<Deferred.Deferred<void>>,
    answer: (index: number) => Effect.Effect<void> = () => Effect.void
  ) =>
    Pagination.cursor({
      provider: "openai",
      fetchPage: (cursor) => {
        const index = Option.match(cursor, { onNone: () => 0, onSome: Number })
        return Deferred.succeed(requested[index]!, undefined).pipe(
          Effect.zipRight(answer(index)),
          Effect.as({
            items: [2 * index, 2 * index + 1],
            hasMore: index + 1 < requested.length,
            nextCursor: String(index + 1),
            request: `GET /invites?page=${index}`
          })
        )
      }
    })

  /** The next-link strategy over the same pages. */
  const linksOver = (
    requested: ReadonlyArray<Deferred.Deferred<void>>,
    answer: (index: number) => Effect.Effect<void> = () => Effect.void
  ) => {
    const base = "http://127.0.0.1:9/v1/w/invites"
    return Pagination.nextLink({
      provider: "openlayer",
      pageSize: 2,
      resolveLink: (link) => Effect.succeed(new URL(link, base).href),
      fetchPage: (target) => {
        const url = target._tag === "Link" ? target.url : `${base}?page=${target.page}`
        const index = Number(new URL(url).searchParams.get("page")) - 1
        return Deferred.succeed(requested[index]!, undefined).pipe(
          Effect.zipRight(answer(index)),
          Effect.as({
            items: [2 * index, 2 * index + 1],
            next: index + 1 < requested.length ? `${base}?page=${index + 2}` : null,
            url,
            request: `GET ${url}`
          })
        )
      }
    })
  }

  /**
   * The cursor strategy over the same pages, each answered still to decode (`Fetched`): its cursor guessed from
   * the raw body, `decode(i)` run when page i decodes, `guess(i)` the cursor the raw body names.
   */
  const fetchedPages = (
    requested: ReadonlyArray<Deferred.Deferred<void>>,
    answer: (index: number) => Effect.Effect<void> = () => Effect.void,
    decode: (index: number) => Effect.Effect<void, string> = () => Effect.void,
    guess: (index: number) => string = (index) => String(index + 1)
  ) =>
  (cursor: Option.Option<string>) => {
    const index = Option.match(cursor, { onNone: () => 0, onSome: Number })
    const hasMore = index + 1 < requested.length
    return Deferred.succeed(requested[index]!, undefined).pipe(
      Effect.zipRight(answer(index)),
      Effect.as({
        nextCursor: hasMore ? Option.some(guess(index)) : Option.none<string>(),
        decode: Effect.as(decode(index), {
          items: [2 * index, 2 * index + 1],
          hasMore,
          nextCursor: String(index + 1),
          request: `GET /invites?page=${index}`
        })
      })
    )
  }

  /** The cursor strategy over `fetchPage`, and every cursor it asked for ("first" for the first page). */
  const recording = (fetchPage: Parameters<typeof Pagination.cursor<number, string, never>>[0]["fetchPage"]) => {
    const asked: Array<string> = []
    const stream = Pagination.cursor<number, string, never>({
      provider: "openai",
      fetchPage: (cursor) => {
        asked.push(Option.getOrElse(cursor, () => "first"))
        return fetchPage(cursor)
      }
    })
    return { asked, stream }
  }

  const fetchedOver = (
    requested: ReadonlyArray<Deferred.Deferred<void>>,
    answer?: (index: number) => Effect.Effect<void>,
    decode?: (index: number) => Effect.Effect<void, string>
  ) => Pagination.cursor({ provider: "openai", fetchPage: fetchedPages(requested, answer, decode) })

  const strategies = [["cursor", cursorOver], ["next link", linksOver], ["cursor, decoded later", fetchedOver]] as const

  for (const [name, over] of strategies) {
    it.effect(`${name}: page n + 1 is requested while the consumer still holds page n (n ≥ 2)`, () =>
      Effect.gen(function*() {
        const requested = yield* pagesOf(4)
        // The consumer holds item 2 (page 1's first) until page 2 has been requested, and item 4 until page 3:
        // without the read-ahead the stream would wait forever for a consumer that waits for it.
        const seen = yield* collect(over(requested).pipe(Stream.tap((item) =>
          item === 2 ? Deferred.await(requested[2]!) : item === 4 ? Deferred.await(requested[3]!) : Effect.void
        )))
        expect(seen).toEqual(range(8))
      }))

    it.effect(`${name}: the first page is not read past: a take within it makes one request`, () =>
      Effect.gen(function*() {
        const requested = yield* pagesOf(3)
        // The consumer yields on every item: a request forked for page 1 would get its turn to be made.
        expect(yield* collect(Stream.take(Stream.tap(over(requested), () => Effect.yieldNow()), 2))).toEqual([0, 1])
        expect(yield* Deferred.isDone(requested[1]!)).toBe(false)
      }))

    it.effect(`${name}: with ReadAheadFromFirstPage, page 2 is requested while the consumer still holds page 1`, () =>
      Effect.gen(function*() {
        const requested = yield* pagesOf(3)
        // Item 0 waits for page 2's request: by default the stream would wait for the consumer, forever.
        const stream = over(requested).pipe(
          Stream.tap((item) => item === 0 ? Deferred.await(requested[1]!) : Effect.void),
          Stream.provideService(Pagination.ReadAheadFromFirstPage, true)
        )
        expect(yield* collect(stream)).toEqual(range(6))
      }))

    it.effect(`${name}: a take satisfied on page n cancels the request of page n + 1 in flight`, () =>
      Effect.gen(function*() {
        const requested = yield* pagesOf(3)
        const cancelled = yield* Deferred.make<void>()
        const stream = over(requested, (index) =>
          index === 2 ? Effect.onInterrupt(Effect.never, () => Deferred.succeed(cancelled, undefined)) : Effect.void)
        // Item 3 (page 1's last) waits for page 2's request, so the take ends with it in flight.
        const taken = yield* collect(stream.pipe(
          Stream.tap((item) => item === 3 ? Deferred.await(requested[2]!) : Effect.void),
          Stream.take(4)
        ))
        expect(taken).toEqual([0, 1, 2, 3])
        expect(yield* Deferred.isDone(cancelled)).toBe(true)
      }))

    it.effect(`${name}: interrupting the consumer cancels the request in flight`, () =>
      Effect.gen(function*() {
        const requested = yield* pagesOf(3)
        const cancelled = yield* Deferred.make<void>()
        const stream = over(requested, (index) =>
          index === 2 ? Effect.onInterrupt(Effect.never, () => Deferred.succeed(cancelled, undefined)) : Effect.void)
        const consumer = yield* Effect.fork(Stream.runDrain(stream))
        yield* Deferred.await(requested[2]!)
        yield* Fiber.interrupt(consumer)
        expect(yield* Deferred.isDone(cancelled)).toBe(true)
      }))

    it.effect(`${name}: a page read ahead that fails ends the stream after every item before it`, () =>
      Effect.gen(function*() {
        const requested = yield* pagesOf(4)
        const stream = over(requested, (index) => index === 2 ? Effect.die("page 2 is broken") : Effect.void)
        const emitted: Array<number> = []
        const exit = yield* Effect.exit(Stream.runForEach(stream, (item) => Effect.sync(() => emitted.push(item))))
        expect(emitted).toEqual([0, 1, 2, 3])
        expect(Exit.isFailure(exit)).toBe(true)
        expect(yield* Deferred.isDone(requested[3]!)).toBe(false)
      }))
  }

  it.effect("cursor, decoded later: page n + 1 is requested before page n decodes (n ≥ 2)", () =>
    Effect.gen(function*() {
      const requested = yield* pagesOf(4)
      // Page i (i ≥ 1) decodes only once page i + 1 has been asked for: requested on the raw body's cursor, as
      // soon as page i was fetched. Requested only after decoding, the stream would wait forever.
      const seen = yield* collect(fetchedOver(requested, undefined, (index) =>
        index >= 1 && index + 1 < requested.length ? Deferred.await(requested[index + 1]!) : Effect.void))
      expect(seen).toEqual(range(8))
    }))

  it.effect("cursor, decoded later: with ReadAheadFromFirstPage, page 2 is requested before page 1 decodes", () =>
    Effect.gen(function*() {
      const requested = yield* pagesOf(3)
      const stream = fetchedOver(requested, undefined, (index) => index === 0 ? Deferred.await(requested[1]!) : Effect.void)
      expect(yield* collect(Stream.provideService(stream, Pagination.ReadAheadFromFirstPage, true))).toEqual(range(6))
    }))

  it.effect("cursor, decoded later: a guess the decoded page does not confirm is cancelled, and the walk follows the page", () =>
    Effect.gen(function*() {
      const requested = yield* pagesOf(3)
      const cancelled = yield* Deferred.make<void>()
      const pageOf = fetchedPages(requested, undefined, undefined, (index) =>
        index === 1 ? "elsewhere" : String(index + 1))
      // "elsewhere" answers never: only the stream giving up on it lets the walk go on.
      const { asked, stream } = recording((cursor) =>
        Option.contains(cursor, "elsewhere")
          ? Effect.onInterrupt(Effect.never, () => Deferred.succeed(cancelled, undefined))
          : pageOf(cursor))
      expect(yield* collect(stream)).toEqual(range(6))
      expect(yield* Deferred.isDone(cancelled)).toBe(true)
      expect(asked).toEqual(["first", "1", "elsewhere", "2"])
    }))

  it.effect("cursor, decoded later: a page that does not decode ends the stream after every item before it, cancelling the request sent ahead", () =>
    Effect.gen(function*() {
      const requested = yield* pagesOf(4)
      const cancelled = yield* Deferred.make<void>()
      // Page 1 fails to decode once page 2 is in flight (and never answers).
      const stream = fetchedOver(
        requested,
        (index) => index === 2 ? Effect.onInterrupt(Effect.never, () => Deferred.succeed(cancelled, undefined)) : Effect.void,
        (index) => index === 1 ? Effect.zipRight(Deferred.await(requested[2]!), Effect.fail("page 1 does not decode")) : Effect.void
      )
      const emitted: Array<number> = []
      const exit = yield* Effect.exit(Stream.runForEach(stream, (item) => Effect.sync(() => emitted.push(item))))
      expect(emitted).toEqual([0, 1])
      expect(exit).toStrictEqual(Exit.fail("page 1 does not decode"))
      expect(yield* Deferred.isDone(cancelled)).toBe(true)
      expect(yield* Deferred.isDone(requested[3]!)).toBe(false)
    }))

  it.effect("cursor, decoded later: a cursor that does not advance is not requested again, ahead or not", () =>
    Effect.gen(function*() {
      const requested = yield* pagesOf(3)
      // Page 1 says its own cursor is next, raw and decoded.
      const pageOf = fetchedPages(requested, undefined, undefined, (index) => index === 1 ? "1" : String(index + 1))
      const { asked, stream } = recording((cursor) =>
        Effect.map(pageOf(cursor), (fetched) =>
          Option.contains(cursor, "1")
            ? { ...fetched, decode: Effect.map(fetched.decode, (page) => ({ ...page, nextCursor: "1" })) }
            : fetched))
      const error = yield* Effect.flip(collect(stream))
      expect(error).toMatchObject({ _tag: "InvalidResponseError" })
      expect(String(error)).toContain("does not advance")
      expect(asked).toEqual(["first", "1"])
    }))
})
