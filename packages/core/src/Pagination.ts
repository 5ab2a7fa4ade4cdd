/**
 * Turns a page fetcher into a lazy `Stream` of items. A provider says only "the items of this page" and
 * "where the next one is"; the strategies here own the walk and its guards, so a broken server ends in an
 * `InvalidResponseError` — never an endless loop, a repeated item or a silently lost one.
 *
 * Retries are the fetcher's business (ProviderHttp retries each request on its own), so a failing page is
 * retried alone and the stream neither repeats nor skips an item.
 *
 * The sequential strategies read one page ahead from the second page on: while the items of a page are
 * consumed (mapped, written), the next page is already requested and decoded. A cursor page fetched as
 * `Fetched` goes further: the next page is requested as soon as the raw body names its cursor, before this one
 * is decoded, so the server works on page n + 1 while page n decodes. The first page is emitted before
 * anything else is requested, so `Stream.take(n)` within it costs one request; beyond it, at most one page more
 * than needed is requested, and the request in flight when the stream ends or is interrupted is cancelled.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Equal from "effect/Equal"
import type * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { Provider } from "./Provider.js"
import { InvalidResponseError } from "./ProviderError.js"

/**
 * A page of a cursor-paginated list.
 *
 * @since 0.1.0
 */
export interface CursorPage<A> {
  readonly items: ReadonlyArray<A>
  /** Whether the server says more items follow. */
  readonly hasMore: boolean
  /** The cursor of the next request (e.g. the page's `last_id`), or null. */
  readonly nextCursor: string | null
  /** The request, for error messages. */
  readonly request: string
}

/**
 * A page fetched but not decoded yet: the next page's cursor as the raw body names it, and the decoding still
 * to run. The stream requests the next page on that cursor at once, so the server and the network work on page
 * n + 1 while page n decodes. The decoded page still decides: every guard runs on it, in page order, and a
 * request sent on a cursor it does not confirm is cancelled.
 *
 * @since 0.3.0
 */
export interface Fetched<P, E, R = never> {
  /** The next page's cursor read off the raw body; `None` when it names none, or says the list ends. */
  readonly nextCursor: Option.Option<string>
  readonly decode: Effect.Effect<P, E, R>
}

const isFetched = <P extends object, E, R>(answer: P | Fetched<P, E, R>): answer is Fetched<P, E, R> =>
  "decode" in answer

/**
 * Cursor pagination (OpenAI `after`/`last_id`/`has_more`, Anthropic `after_id`/`last_id`/`has_more`): the next
 * request carries the cursor of this page while the server says there is more. `fetchPage` answers with the
 * page, or with it still to decode (`Fetched`).
 *
 * Guards: "more" with an empty page, "more" without a cursor, and a cursor already used (one that does not
 * advance, or goes back) each end the stream with an `InvalidResponseError`.
 *
 * @since 0.1.0
 */
export const cursor = <A, E, R>(options: {
  readonly provider: Provider
  readonly fetchPage: (
    cursor: Option.Option<string>
  ) => Effect.Effect<CursorPage<A> | Fetched<CursorPage<A>, E, R>, E, R>
}): Stream.Stream<A, E | InvalidResponseError, R> =>
  Stream.suspend(() => {
    const used = new Set<string>()
    const checked = (
      current: Option.Option<string>,
      page: CursorPage<A>
    ): Effect.Effect<Step<Option.Option<string>, A>, InvalidResponseError> => {
      const items = Chunk.unsafeFromArray(page.items.slice())
      if (!page.hasMore) return Effect.succeed([items, Option.none()] as const)
      const broken = (reason: string) =>
        Effect.fail(new InvalidResponseError({ provider: options.provider, request: page.request, path: "", reason }))
      if (page.items.length === 0) return broken("it says there are more items but sent an empty page")
      if (page.nextCursor === null) return broken("it says there are more items but gave no cursor to fetch them")
      if (Option.isSome(current)) used.add(current.value)
      if (used.has(page.nextCursor)) {
        return broken(`the cursor ${JSON.stringify(page.nextCursor)} does not advance: it was already fetched`)
      }
      return Effect.succeed([items, Option.some(Option.some(page.nextCursor))] as const)
    }
    // A cursor already fetched is not requested ahead: the decoded page will end the stream on it.
    const fresh = (current: Option.Option<string>) => (next: string) =>
      !used.has(next) && !Option.contains(current, next)
    return readAhead(Option.none<string>(), (current) =>
      Effect.map(options.fetchPage(current), (answer): Staged<Option.Option<string>, A, E | InvalidResponseError, R> =>
        isFetched(answer)
          ? {
            guess: Option.map(Option.filter(answer.nextCursor, fresh(current)), Option.some),
            rest: Effect.flatMap(answer.decode, (page) => checked(current, page))
          }
          : { guess: Option.none(), rest: checked(current, answer) }))
  })

/**
 * A page of a list whose cursor is the id of the page's last item (OpenAI's and Anthropic's `data`, `has_more`,
 * `last_id`).
 *
 * @since 0.1.0
 */
export interface LastIdPage<A extends { readonly id: string }> {
  readonly items: ReadonlyArray<A>
  /** Whether the server says more items follow; absent when it leaves that out (see `lastIdCursor`). */
  readonly hasMore?: boolean | undefined
  /** The id the server names as the page's last (the next request's cursor), when it sends one. */
  readonly lastId?: string | null | undefined
  /** The request, for error messages. */
  readonly request: string
}

/**
 * Cursor pagination where the next request names the last item of this page (OpenAI `after`, Anthropic
 * `after_id`, both answered with `last_id`).
 *
 * Besides the `cursor` guards, a `lastId` that is not the id of the page's last item ends the stream: one
 * naming an earlier item would be followed without any cursor repeating, and re-list items already emitted.
 * A page without `lastId` continues from its last item, as the official SDKs do.
 *
 * A page without `hasMore` (OpenAI's `has_more`) says nothing about the end, so the walk goes on while pages hold items and ends at
 * an empty one: the next request costs one page at most, and a short page is never taken for the end (a server
 * may cap its page size silently). This is openai-node's `AbstractPage.hasNextPage` (more while the page has
 * items and a next cursor); its `CursorPage` reads an absent `has_more` as `false` and would stop after the
 * first page, losing every later one.
 *
 * @since 0.1.0
 */
export const lastIdCursor = <A extends { readonly id: string }, E, R>(options: {
  readonly provider: Provider
  /**
   * Fetches the page after the item with this id (the first page for `undefined`), decoded or still to decode
   * (`Fetched`, its `nextCursor` read off the raw body as `lastId`, else the last item's id).
   */
  readonly fetchPage: (
    after: string | undefined
  ) => Effect.Effect<LastIdPage<A> | Fetched<LastIdPage<A>, E, R>, E, R>
}): Stream.Stream<A, E | InvalidResponseError, R> => {
  const toCursorPage = (page: LastIdPage<A>): Effect.Effect<CursorPage<A>, InvalidResponseError> => {
    const lastItemId = page.items.at(-1)?.id
    if (page.lastId != null && lastItemId !== undefined && page.lastId !== lastItemId) {
      return Effect.fail(
        new InvalidResponseError({
          provider: options.provider,
          request: page.request,
          path: "last_id",
          reason: `${JSON.stringify(page.lastId)} is not the id of the page's last item (${JSON.stringify(lastItemId)})`
        })
      )
    }
    return Effect.succeed({
      items: page.items,
      hasMore: page.hasMore ?? page.items.length > 0,
      nextCursor: page.lastId ?? lastItemId ?? null,
      request: page.request
    })
  }
  return cursor<A, E | InvalidResponseError, R>({
    provider: options.provider,
    fetchPage: (after) =>
      Effect.flatMap(
        options.fetchPage(Option.getOrUndefined(after)),
        (answer): Effect.Effect<CursorPage<A> | Fetched<CursorPage<A>, E | InvalidResponseError, R>, InvalidResponseError> =>
          isFetched(answer)
            ? Effect.succeed({ nextCursor: answer.nextCursor, decode: Effect.flatMap(answer.decode, toCursorPage) })
            : toCursorPage(answer)
      )
  })
}

/**
 * A page of an offset-paginated list that reports the total.
 *
 * @since 0.1.0
 */
export interface OffsetPage<A> {
  readonly items: ReadonlyArray<A>
  /** How many items the whole list holds, as the server says. */
  readonly total: number
  readonly request: string
}

/**
 * Offset pagination with a total (Portkey `currentPage`/`pageSize`/`total`). After the first page, the pages
 * the total implies are fetched concurrently (bounded, default 4) and emitted in order.
 *
 * A server that silently returns fewer items than asked (a page-size cap) is detected from the first page:
 * the rest is planned with the size the server really serves, and listing keeps going until the total is
 * reached, so no invite is lost; a page that comes back empty before then ends the stream with an error.
 *
 * Guards: a total that is not a whole number, a page larger than asked, more items than the total, fewer items
 * than the total (an empty page before it is reached, the first one included), and (with `identify`) a page
 * served again.
 *
 * @since 0.1.0
 */
export const offsetWithTotal = <A, E, R>(options: {
  readonly provider: Provider
  readonly pageSize: number
  readonly concurrency?: number | undefined
  /** Fetches the page at `index` (0 for the first) with `pageSize` items asked. */
  readonly fetchPage: (index: number) => Effect.Effect<OffsetPage<A>, E, R>
  /**
   * An item's identity. With it, a page that starts with the item an earlier page started with ends the stream:
   * a server that serves a page again keeps the count right, so one page would be repeated and another lost.
   */
  readonly identify?: ((item: A) => string) | undefined
}): Stream.Stream<A, E | InvalidResponseError, R> => {
  const concurrency = Math.max(1, options.concurrency ?? 4)
  const broken = (page: OffsetPage<A>, reason: string) =>
    new InvalidResponseError({ provider: options.provider, request: page.request, path: "total", reason })
  const checked = (page: OffsetPage<A>, total: number): Effect.Effect<OffsetPage<A>, InvalidResponseError> => {
    if (!Number.isSafeInteger(page.total) || page.total < 0) {
      return Effect.fail(broken(page, `${page.total} is not a count of items`))
    }
    if (page.items.length > options.pageSize) {
      return Effect.fail(broken(page, `the page holds ${page.items.length} items but ${options.pageSize} were asked`))
    }
    if (page.total !== total) {
      return Effect.fail(broken(page, `the total changed from ${total} to ${page.total} while listing`))
    }
    return Effect.succeed(page)
  }
  const fetchChecked = (index: number, total: number) =>
    Effect.flatMap(options.fetchPage(index), (page) => checked(page, total))

  return Stream.unwrap(Effect.gen(function*() {
    const repeats = pageRepeats(options.identify)
    const unique = (page: OffsetPage<A>): Effect.Effect<ReadonlyArray<A>, InvalidResponseError> => {
      const repeated = repeats(page.items)
      return repeated === undefined ? Effect.succeed(page.items) : Effect.fail(
        new InvalidResponseError({ provider: options.provider, request: page.request, path: "", reason: repeated })
      )
    }
    const first = yield* options.fetchPage(0)
    const total = first.total
    yield* checked(first, total)
    if (first.items.length > total) {
      return yield* broken(first, `the page holds ${first.items.length} items but the total is ${total}`)
    }
    yield* unique(first)
    if (first.items.length === total) return Stream.fromIterable(first.items)
    if (first.items.length === 0) return yield* broken(first, `the first page is empty but the total is ${total}`)
    // The size the server really serves: what was asked, or less when it caps page sizes silently.
    const served = first.items.length
    const planned = Math.ceil(total / served)
    let emitted = served
    const account = (page: OffsetPage<A>) => {
      emitted += page.items.length
      return emitted > total
        ? Effect.fail(broken(page, `the pages hold more items than the total of ${total}`))
        : unique(page)
    }
    const plannedPages = Stream.range(1, planned - 1).pipe(
      Stream.mapEffect((index) => fetchChecked(index, total), { concurrency }),
      Stream.mapEffect(account)
    )
    // A short page shifts later items onto pages already planned; keep going one page at a time until the
    // total is reached. A page that comes back empty first means the list is shorter than its total: the
    // server either lost invites or miscounts them, and ending quietly would pass a partial list off as whole.
    // (Items removed while listing change the total, which `checked` refuses.)
    const remainder = Stream.paginateChunkEffect(planned, (index) =>
      emitted >= total
        ? Effect.succeed([Chunk.empty<A>(), Option.none<number>()] as const)
        : Effect.flatMap(fetchChecked(index, total), (page) =>
          Effect.flatMap(account(page), (items) =>
            items.length === 0
              ? Effect.fail(broken(page, `the pages hold ${emitted} items in all but the total is ${total}`))
              : Effect.succeed([Chunk.unsafeFromArray(items.slice()), Option.some(index + 1)] as const)))
    )
    return Stream.fromIterable(first.items).pipe(
      Stream.concat(plannedPages.pipe(Stream.flattenIterables)),
      Stream.concat(remainder)
    )
  }))
}

/**
 * Offset pagination without a total (a Portkey page that leaves `total` out, as its schema allows): pages are
 * fetched one at a time, in order, until the list ends.
 *
 * The end is an empty page, or one shorter than the size the server serves. That size is the first page's:
 * a first page shorter than asked is not taken for the end, since a server may cap its page size silently
 * (`offsetWithTotal` sees the same from the total); the next page decides — empty, the list has ended; not
 * empty, the walk goes on at the first page's size. So nothing is lost, for at most one extra request.
 *
 * Guards: a page larger than asked, a page larger than the pages before it, and (with `identify`) a page served
 * again (a server ignoring the page asked for would otherwise be walked forever).
 *
 * @since 0.2.0
 */
export const offsetUntilShort = <A, E, R>(options: {
  readonly provider: Provider
  readonly pageSize: number
  /** Fetches the page at `index` (0 for the first) with `pageSize` items asked. */
  readonly fetchPage: (index: number) => Effect.Effect<Omit<OffsetPage<A>, "total">, E, R>
  readonly identify?: ((item: A) => string) | undefined
}): Stream.Stream<A, E | InvalidResponseError, R> =>
  Stream.suspend(() => {
    const repeats = pageRepeats(options.identify)
    let served = options.pageSize
    return Stream.paginateChunkEffect(0, (index) =>
      Effect.flatMap(options.fetchPage(index), (page) => {
        const broken = (reason: string) =>
          Effect.fail(new InvalidResponseError({ provider: options.provider, request: page.request, path: "", reason }))
        const count = page.items.length
        if (count > options.pageSize) return broken(`the page holds ${count} items but ${options.pageSize} were asked`)
        if (count > served) return broken(`the page holds ${count} items but the pages before it held ${served}`)
        const repeated = repeats(page.items)
        if (repeated !== undefined) return broken(repeated)
        if (index === 0) served = Math.max(count, 1)
        const more = count > 0 && (index === 0 || count === served)
        return Effect.succeed(
          [Chunk.unsafeFromArray(page.items.slice()), more ? Option.some(index + 1) : Option.none()] as const
        )
      }))
  })

/**
 * A page of a list that links to the next page.
 *
 * @since 0.1.0
 */
export interface LinkedPage<A> {
  readonly items: ReadonlyArray<A>
  /** The next page's URL as the server sent it (absolute or relative), or null. */
  readonly next: string | null
  /** The absolute URL that was fetched. */
  readonly url: string
  readonly request: string
}

/**
 * Where to fetch a page: by its number (the first, or the next after a page without a link), or a link.
 *
 * @since 0.1.0
 */
export type PageTarget =
  | { readonly _tag: "Number"; readonly page: number }
  | { readonly _tag: "Link"; readonly url: string }

/**
 * Page pagination with a next-page link (Openlayer `page`/`perPage` and `x-next`): follow the link, absolute or
 * relative. A page without a link is the last once the server has linked pages; a server that never links
 * is walked by page number until a short page.
 *
 * Guards: a link (or page) that was already fetched ends the stream with an `InvalidResponseError`.
 *
 * @since 0.1.0
 */
export const nextLink = <A, E, R>(options: {
  readonly provider: Provider
  readonly pageSize: number
  readonly firstPage?: number | undefined
  readonly fetchPage: (target: PageTarget) => Effect.Effect<LinkedPage<A>, E, R>
  /** Resolves a link against the base URL (refusing other origins). */
  readonly resolveLink: (link: string, request: string) => Effect.Effect<string, E>
  /**
   * An item's identity. With it, a page that starts with an item an earlier page started with ends the stream:
   * a server that ignores the page number would otherwise be walked forever.
   */
  readonly identify?: ((item: A) => string) | undefined
}): Stream.Stream<A, E | InvalidResponseError, R> =>
  Stream.suspend(() => {
    const fetched = new Set<string>()
    const repeats = pageRepeats(options.identify)
    // Once the server has linked a next page, a page without a link is the last one, full or not.
    let linksPages = false
    const first: PageTarget = { _tag: "Number", page: options.firstPage ?? 1 }
    return readAhead<LinkState, A, E | InvalidResponseError, R>(
      { target: first, number: first.page },
      ({ number, target }) =>
      Effect.map(Effect.gen(function*() {
        const page = yield* options.fetchPage(target)
        fetched.add(normalize(page.url))
        const items = Chunk.unsafeFromArray(page.items.slice())
        const broken = (reason: string) =>
          new InvalidResponseError({ provider: options.provider, request: page.request, path: "", reason })
        if (page.items.length > options.pageSize) {
          return yield* broken(`the page holds ${page.items.length} items but ${options.pageSize} were asked`)
        }
        const repeated = repeats(page.items)
        if (repeated !== undefined) return yield* broken(repeated)
        if (page.next !== null && page.next !== "") {
          if (page.items.length === 0) return yield* broken("it links to a next page after an empty page")
          linksPages = true
          const url = yield* options.resolveLink(page.next, page.request)
          if (fetched.has(normalize(url))) {
            return yield* broken(`the next-page link ${JSON.stringify(page.next)} loops back to a page already fetched`)
          }
          return step(items, { _tag: "Link", url }, number + 1)
        }
        if (linksPages || page.items.length < options.pageSize) return step(items, null, number)
        return step(items, { _tag: "Number", page: number + 1 }, number + 1)
      }), decided))
  })

type Step<S, A> = readonly [Chunk.Chunk<A>, Option.Option<S>]

/**
 * A page whose fetch has run: where the next page probably is (`guess`, read off the raw body), and the rest of
 * its step (decoding, guards), which decides.
 */
interface Staged<S, A, E, R> {
  readonly guess: Option.Option<S>
  readonly rest: Effect.Effect<Step<S, A>, E, R>
}

/** A step already decided: nothing to guess, nothing left to run. */
const decided = <S, A>(step: Step<S, A>): Staged<S, A, never, never> => ({
  guess: Option.none(),
  rest: Effect.succeed(step)
})

/**
 * Whether a `cursor`, `lastIdCursor` or `nextLink` listing reads ahead from its first page too: page 2 requested
 * as soon as page 1's cursor is known, before page 1 decodes, as every later page is (the offset strategies do
 * not read it). Off by default, so that a `Stream.take(n)` the first page satisfies makes exactly one request. A
 * consumer that reads every page anyway (an export, the CLI's `list` without `--max-items`) loses nothing by
 * turning it on, and has page 2 on its way while page 1 decodes:
 * `Stream.provideService(stream, Pagination.ReadAheadFromFirstPage, true)`.
 *
 * @since 0.3.0
 */
export class ReadAheadFromFirstPage extends Context.Reference<ReadAheadFromFirstPage>()(
  "@invitekit/core/Pagination/ReadAheadFromFirstPage",
  { defaultValue: (): boolean => false }
) {}

type ReadAheadState<S, A, E, R> =
  | { readonly _tag: "First" | "Next"; readonly state: S }
  | { readonly _tag: "Pending"; readonly fiber: Fiber.RuntimeFiber<Exit.Exit<Staged<S, A, E, R>, E>> }

/**
 * `Stream.paginateChunkEffect` reading one page ahead. The first page is emitted before anything else is
 * requested (a `take` it satisfies costs one request), unless `ReadAheadFromFirstPage` is on. From the second
 * page on, the next page is fetched in a fiber of the stream's scope while this one is emitted: as soon as this
 * page's fetch guesses where it is, before its decoding runs, or else once its step has decided. The network and
 * the server's work on page n + 1 (and its decoding, for a step decided in the fetch) overlap the decoding of
 * page n and the consumer's work on it, and at most one page more than the consumer needs is ever requested. A
 * page fetched on a guess the step does not confirm is interrupted and fetched again where the step says.
 * Closing the scope (the stream ends, `take` is satisfied, the consumer is interrupted) interrupts the page in
 * flight, which cancels its request.
 *
 * Steps still decide one after another, in this fiber: stateful guards in `rest` see pages in order. A fetch
 * fiber yields its `Exit` rather than failing, so a failure surfaces where the page would have been emitted,
 * and never as an unobserved fiber's error.
 */
const readAhead = <S, A, E, R>(
  initial: S,
  step: (state: S) => Effect.Effect<Staged<S, A, E, R>, E, R>
): Stream.Stream<A, E, R> =>
  Stream.unwrapScoped(Effect.map(Effect.all([Effect.scope, ReadAheadFromFirstPage]), ([scope, fromFirstPage]) => {
    const fetchAhead = (state: S) => Effect.tap(Effect.forkIn(Effect.exit(step(state)), scope), () => letItStart)
    const initialState: ReadAheadState<S, A, E, R> = { _tag: fromFirstPage ? "Next" : "First", state: initial }
    return Stream.paginateChunkEffect<ReadAheadState<S, A, E, R>, A, E, R>(initialState, (current) =>
      Effect.gen(function*() {
        const staged = current._tag === "Pending"
          ? yield* Effect.flatten(Fiber.join(current.fiber))
          : yield* step(current.state)
        const ahead = current._tag !== "First" && Option.isSome(staged.guess)
          ? { state: staged.guess.value, fiber: yield* fetchAhead(staged.guess.value) }
          : undefined
        const [items, next] = yield* staged.rest
        const pending = (fiber: Fiber.RuntimeFiber<Exit.Exit<Staged<S, A, E, R>, E>>) =>
          [items, Option.some<ReadAheadState<S, A, E, R>>({ _tag: "Pending", fiber })] as const
        if (ahead !== undefined) {
          if (Option.isSome(next) && Equal.equals(ahead.state, next.value)) return pending(ahead.fiber)
          yield* Fiber.interrupt(ahead.fiber)
        }
        if (Option.isNone(next)) return [items, Option.none()] as const
        if (current._tag === "First") {
          return [items, Option.some<ReadAheadState<S, A, E, R>>({ _tag: "Next", state: next.value })] as const
        }
        return pending(yield* fetchAhead(next.value))
      }))
  }))

/**
 * Lets a fiber just forked put its request on the wire before this fiber goes on decoding: two turns of the event
 * loop's check phase. By the first, the fiber (scheduled on microtasks, in its own runner) has run up to its
 * first wait, but the request is not written yet; by the second it is. Measured with strace, for node:http and
 * for undici: after one turn, 28 of 30 requests were written only once the page had decoded; after two, none.
 * Were the write later still, the page would only decode before the request goes out, as it would without
 * reading ahead.
 */
const letItStart: Effect.Effect<void> = (() => {
  // Without setImmediate (not Node), a plain yield: setTimeout's 1–4 ms clamp would cost more than it saves.
  if (typeof setImmediate !== "function") return Effect.yieldNow()
  const turn = Effect.async<void>((resume) => {
    setImmediate(() => resume(Effect.void))
  })
  return Effect.zipRight(turn, turn)
})()

/**
 * Remembers the first item of every page (memory grows with pages, not items) and names a page that starts
 * where an earlier one did: a server serving a page again, or ignoring the page asked for.
 */
const pageRepeats = <A>(identify: ((item: A) => string) | undefined) => {
  const starts = new Set<string>()
  return (items: ReadonlyArray<A>): string | undefined => {
    if (identify === undefined || items.length === 0) return undefined
    const key = identify(items[0]!)
    if (starts.has(key)) return `the page repeats an earlier page (it starts with ${key} again)`
    starts.add(key)
    return undefined
  }
}

type LinkState = { readonly target: PageTarget; readonly number: number }

const step = <A>(items: Chunk.Chunk<A>, target: PageTarget | null, number: number) =>
  [items, target === null ? Option.none<LinkState>() : Option.some<LinkState>({ target, number })] as const

/** A URL with its query parameters sorted, so the same page reached by two spellings counts once. */
const normalize = (url: string): string => {
  try {
    const parsed = new URL(url)
    parsed.searchParams.sort()
    parsed.hash = ""
    return parsed.href
  } catch {
    return url
  }
}
