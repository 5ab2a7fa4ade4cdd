/**
 * Portkey's user invites as a lazy `Stream`. The list is paged by `pageSize`/`currentPage` and reports its
 * `total`, so after the first page the remaining pages are fetched concurrently (bounded) and emitted in order.
 *
 * @since 0.1.0
 */
import type * as Invite from "@invitekit/core/Invite"
import * as InviteSource from "@invitekit/core/InviteSource"
import * as PageSize from "@invitekit/core/PageSize"
import * as Pagination from "@invitekit/core/Pagination"
import type * as ProviderError from "@invitekit/core/ProviderError"
import { InvalidResponseError } from "@invitekit/core/ProviderError"
import type * as ProviderHttp from "@invitekit/core/ProviderHttp"
import * as Revoker from "@invitekit/core/Revoker"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { identity, PortkeyClient } from "./PortkeyClient.js"
import * as PortkeySchema from "./PortkeySchema.js"

/**
 * The endpoint, relative to the base URL.
 *
 * @since 0.1.0
 */
export const path = "/admin/users/invites"

/**
 * The page sizes asked for. Portkey documents no maximum; 1000 keeps a page's body reasonable, and a server that
 * serves fewer per page loses nothing (the listing follows the total).
 *
 * @since 0.2.0
 */
export const pageSizes: PageSize.Range = { min: 1, max: 1000, default: 100 }

/**
 * What to list. `role`, `email` and `status` are sent as Portkey's server-side filters and applied to the stream
 * as well (ignoring case), so a server that ignores them yields the same invites.
 *
 * @since 0.1.0
 */
export interface ListParams {
  readonly role?: PortkeySchema.Role | undefined
  readonly email?: string | undefined
  readonly status?: PortkeySchema.Status | undefined
  /** Invites asked per page, 1–1000; default 100. */
  readonly pageSize?: number | undefined
  /** Pages fetched at once after the first; defaults to the client's (4). */
  readonly concurrency?: number | undefined
}

/**
 * The parameters of one page.
 *
 * @since 0.1.0
 */
export interface PageParams extends Omit<ListParams, "concurrency"> {
  /** The page, counted from 0. */
  readonly currentPage: number
}

/**
 * Fetches one page: its invites and the total of the whole list.
 *
 * @since 0.1.0
 */
export const listPage = (
  params: PageParams
): Effect.Effect<PortkeySchema.InviteList, ProviderError.ProviderError, PortkeyClient> =>
  Effect.gen(function*() {
    const pageSize = yield* PageSize.resolve(identity.name, pageSizes, params.pageSize)
    const { http } = yield* PortkeyClient
    return (yield* fetchPage(http, { ...params, pageSize }, params.currentPage)).body
  })

/**
 * Every invite matching the params, in Portkey's order, fetching pages only as the stream is pulled.
 *
 * Pages carrying a `total` are planned from it and fetched concurrently (`Pagination.offsetWithTotal`, with its
 * guards); pages without one (the docs do not require it) are fetched one after another until the list ends
 * (`Pagination.offsetUntilShort`). A later page that drops a total the first page had fails at `total`.
 *
 * @since 0.1.0
 */
export const list = (
  params: ListParams = {}
): Stream.Stream<PortkeySchema.Invite, ProviderError.ProviderError, PortkeyClient> =>
  Stream.unwrap(Effect.gen(function*() {
    const pageSize = yield* PageSize.resolve(identity.name, pageSizes, params.pageSize)
    const { defaults, http } = yield* PortkeyClient
    const fetch = (index: number) => fetchPage(http, { ...params, pageSize }, index)
    // Whether pages carry a total is the first page's to say; it is fetched once and handed to the walk.
    const first = yield* fetch(0)
    const fetchReply = (index: number) => index === 0 ? Effect.succeed(first) : fetch(index)
    // A page served twice keeps the count right; only the ids show one page repeated and another lost.
    const identify = (invite: PortkeySchema.Invite) => invite.id
    const pages = first.body.total === undefined
      ? Pagination.offsetUntilShort({
        provider: identity.name,
        pageSize,
        fetchPage: (index) => Effect.map(fetchReply(index), (reply) => ({ items: reply.body.data, request: reply.request })),
        identify
      })
      : Pagination.offsetWithTotal({
        provider: identity.name,
        pageSize,
        concurrency: params.concurrency ?? defaults.concurrency,
        fetchPage: (index) =>
          Effect.flatMap(fetchReply(index), (reply) =>
            reply.body.total === undefined
              ? Effect.fail(
                new InvalidResponseError({
                  provider: identity.name,
                  request: reply.request,
                  path: "total",
                  reason: "is missing, though the first page had one"
                })
              )
              : Effect.succeed({ items: reply.body.data, total: reply.body.total, request: reply.request })),
        identify
      })
    // The wire invite has the filtered fields under the same names: no mapping needed to check them.
    return Stream.filter(pages, InviteSource.matches(params))
  }))

/**
 * Maps a Portkey invite to the unified invite. `invited_by` (a user id) becomes `invitedBy`; each workspace
 * becomes a `workspace` scope with its own role (Portkey sends no workspace names here).
 *
 * @since 0.2.0
 */
export const toInviteOf = (account: string) => (invite: PortkeySchema.Invite): Invite.Invite => ({
  account,
  provider: identity.name,
  id: invite.id,
  email: invite.email,
  role: invite.role,
  status: invite.status,
  invitedAt: invite.created_at ?? null,
  expiresAt: invite.expires_at ?? null,
  acceptedAt: invite.accepted_at ?? null,
  invitedBy: invite.invited_by ?? null,
  scopes: (invite.workspaces ?? []).map((workspace) => ({
    kind: "workspace" as const,
    id: workspace.workspace_id,
    name: null,
    role: workspace.role
  }))
})

/**
 * `toInvite` maps a wire invite to the unified `Invite` with the provider's name as its account; `makeSource`
 * gives the invites as an `InviteSource` (mapped to `Invite`, filtered by status / role / e-mail) bound to the
 * client in context — `pageSize` checked when the stream starts, `account` tagging every invite; `source` is the
 * same at the default page size.
 *
 * @since 0.1.0
 */
export const { makeSource, source, toInvite } = InviteSource.functions({
  client: PortkeyClient,
  provider: identity.name,
  list: (filter, pageSize) => list({ role: filter.role, email: filter.email, status: filter.status, pageSize }),
  toInviteOf
})

const fetchPage = (
  http: ProviderHttp.ProviderHttp,
  params: Omit<ListParams, "concurrency"> & { readonly pageSize: number },
  currentPage: number
) =>
  http.get(PortkeySchema.InviteList, path, {
    pageSize: params.pageSize,
    currentPage,
    // Portkey's roles and statuses are lower-case and it keeps e-mail addresses lower-case; the stream's own filter
    // ignores case, so what the server is asked must too (an exact-match server would miss `Ada@…`).
    role: params.role?.toLowerCase(),
    email: params.email?.toLowerCase(),
    status: params.status?.toLowerCase()
  })

/**
 * `makeRevoker(options)` gives `revoke(id)` (one `DELETE {path}/{id}`: `Revoked`, `AlreadyGone` for a 404, or
 * `Refused` with the API's reason, e.g. an invite already accepted) and `get(id)` (`GET {path}/{id}`, mapped to
 * `Invite`, `None` for a 404), bound to the client in context; `account` tags the invites `get` returns.
 *
 * @since 0.2.0
 */
export const makeRevoker = Revoker.make({
  client: PortkeyClient,
  provider: identity.name,
  path,
  schema: PortkeySchema.Invite,
  toInviteOf
})
