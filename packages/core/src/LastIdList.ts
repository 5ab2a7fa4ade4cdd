/**
 * A list paged by the id of the page's last item, in the wire format OpenAI and Anthropic share (`data`,
 * `has_more`, `last_id`; the next request names the last id in a query parameter): one page, and every page as
 * a lazy stream, for a provider that describes its endpoint once.
 *
 * @since 0.2.0
 */
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as PageSize from "./PageSize.js"
import * as Pagination from "./Pagination.js"
import type { Provider } from "./Provider.js"
import type * as ProviderClient from "./ProviderClient.js"
import type * as ProviderError from "./ProviderError.js"
import type * as ProviderHttp from "./ProviderHttp.js"

/**
 * A page as such APIs send it.
 *
 * @since 0.2.0
 */
export interface WirePage<A extends { readonly id: string }> {
  readonly data: ReadonlyArray<A>
  /** Absent when the server leaves it out (OpenAI does not require it): see `Pagination.lastIdCursor`. */
  readonly has_more?: boolean | undefined
  readonly last_id?: string | null | undefined
}

/**
 * What to list.
 *
 * @since 0.2.0
 */
export interface ListParams {
  /** Invites per page (the API's `limit`); defaults to the largest the API serves. */
  readonly pageSize?: number | undefined
}

/**
 * Which page to fetch.
 *
 * @since 0.2.0
 */
export interface PageParams extends ListParams {
  /** The id of the last item of the previous page (its `last_id`); absent for the first page. */
  readonly after?: string | undefined
}

/**
 * The endpoint, described once.
 *
 * @since 0.2.0
 */
export interface Spec<I, D, P extends WirePage<{ readonly id: string }>> {
  readonly provider: Provider
  readonly client: Context.Tag<I, ProviderClient.Service<D>>
  readonly schema: Schema.Schema<P, any, never>
  /** The endpoint, relative to the base URL. */
  readonly path: string
  /** The query parameter carrying the cursor (`after`, `after_id`). */
  readonly cursorParam: string
  readonly pageSizes: PageSize.Range
}

/**
 * `listPage` fetches one page, decoded as the API sent it; `list` streams every item in the API's order,
 * fetching a page only when the stream needs its items (so `Stream.take(n)` fetches only the pages holding the
 * first `n`). From the second page on, `list` requests the next page as soon as a body names its cursor, and
 * decodes the page while that request is out (`Pagination.Fetched`). A page size outside the range fails with a
 * `ConfigError` (variable `pageSize`) before any request; each request is retried on its own, and the cursor
 * guards of `Pagination.lastIdCursor` end a broken walk with an `InvalidResponseError` instead of a loop.
 *
 * @since 0.2.0
 */
export const make = <I, D, P extends WirePage<{ readonly id: string }>>(spec: Spec<I, D, P>): {
  readonly listPage: (params?: PageParams) => Effect.Effect<P, ProviderError.ProviderError, I>
  readonly list: (params?: ListParams) => Stream.Stream<P["data"][number], ProviderError.ProviderError, I>
} => {
  const fetchPage = (http: ProviderHttp.ProviderHttp, limit: number, after: string | undefined) =>
    Effect.map(
      http.get(spec.schema, spec.path, { limit, [spec.cursorParam]: after }),
      (reply) => ({ ...reply.body, request: reply.request })
    )
  const prepare = (pageSize: number | undefined) =>
    Effect.all([PageSize.resolve(spec.provider, spec.pageSizes, pageSize), spec.client])
  return {
    listPage: (params = {}) =>
      Effect.flatMap(prepare(params.pageSize), ([limit, { http }]) => fetchPage(http, limit, params.after)).pipe(
        Effect.withSpan(`${spec.provider}.listPage`)
      ),
    list: (params = {}) =>
      Stream.unwrap(Effect.map(prepare(params.pageSize), ([limit, { http }]) =>
        Pagination.lastIdCursor<P["data"][number], ProviderError.ProviderError, never>({
          provider: spec.provider,
          fetchPage: (after) =>
            Effect.map(
              http.getJson(spec.path, { limit, [spec.cursorParam]: after }),
              (reply): Pagination.Fetched<Pagination.LastIdPage<P["data"][number]>, ProviderError.ProviderError> => ({
                nextCursor: nextCursorOf(reply.body),
                decode: Effect.map(http.decode(spec.schema, reply), ({ body, request }) => ({
                  items: body.data,
                  hasMore: body.has_more,
                  lastId: body.last_id,
                  request
                }))
              })
            )
        })))
  }
}

/**
 * The next page's cursor as a raw body names it, the way `Pagination.lastIdCursor` reads a decoded page: none
 * when `has_more` is false or the page is empty, else `last_id`, else the last item's id. Read before decoding,
 * it is only a guess (a body that does not decode names no next page, whatever it says).
 */
const nextCursorOf = (body: unknown): Option.Option<string> => {
  if (typeof body !== "object" || body === null) return Option.none()
  const { data, has_more, last_id } = body as Record<string, unknown>
  if (has_more === false || !Array.isArray(data) || data.length === 0) return Option.none()
  if (typeof last_id === "string") return Option.some(last_id)
  const last: unknown = data[data.length - 1]
  const id = typeof last === "object" && last !== null ? (last as Record<string, unknown>).id : undefined
  return typeof id === "string" ? Option.some(id) : Option.none()
}
