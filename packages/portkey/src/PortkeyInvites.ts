/**
 * Portkey's user invites as a lazy `Stream`. The list is paged by `pageSize`/`currentPage` and reports its
 * `total`, so after the first page the remaining pages are fetched concurrently (bounded) and emitted in order.
 *
 * @since 0.1.0
 */
import type * as Invite from "@invitekit/core/Invite"
import * as InviteSource from "@invitekit/core/InviteSource"
import * as Pagination from "@invitekit/core/Pagination"
import type * as ProviderError from "@invitekit/core/ProviderError"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { PortkeyClient } from "./PortkeyClient.js"
import type * as PortkeySchema from "./PortkeySchema.js"

/**
 * The page size asked for when none is given. Portkey documents no maximum; a server that serves fewer per page
 * loses nothing (the listing follows the total).
 *
 * @since 0.1.0
 */
export const defaultPageSize = 100

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
  /** Invites asked per page; default 100. */
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
  Effect.flatMap(PortkeyClient, (client) =>
    Effect.map(client.listInvites(query(params, params.currentPage)), (reply) => reply.body))

/**
 * Every invite matching the params, in Portkey's order, fetching pages only as the stream is pulled.
 *
 * @since 0.1.0
 */
export const list = (
  params: ListParams = {}
): Stream.Stream<PortkeySchema.Invite, ProviderError.ProviderError, PortkeyClient> =>
  Stream.unwrap(Effect.map(PortkeyClient, (client) => {
    const pageSize = params.pageSize ?? defaultPageSize
    const pages = Pagination.offsetWithTotal({
      provider: "portkey",
      pageSize,
      concurrency: params.concurrency ?? client.concurrency,
      fetchPage: (index) =>
        Effect.map(client.listInvites(query(params, index)), (reply) => ({
          items: reply.body.data,
          total: reply.body.total,
          request: reply.request
        })),
      // A page served twice keeps the count right; only the ids show one page repeated and another lost.
      identify: (invite) => invite.id
    })
    // The wire invite has the filtered fields under the same names: no mapping needed to check them.
    return Stream.filter(pages, InviteSource.matches(params))
  }))

/**
 * Maps a Portkey invite to the unified invite. `invited_by` (a user id) becomes `invitedBy`; each workspace
 * becomes a `workspace` scope with its own role (Portkey sends no workspace names here).
 *
 * @since 0.1.0
 */
export const toInvite = (invite: PortkeySchema.Invite): Invite.Invite => ({
  provider: "portkey",
  id: invite.id,
  email: invite.email,
  role: invite.role,
  status: invite.status,
  invitedAt: invite.created_at,
  expiresAt: invite.expires_at,
  acceptedAt: invite.accepted_at ?? null,
  invitedBy: invite.invited_by,
  scopes: (invite.workspaces ?? []).map((workspace) => ({
    kind: "workspace" as const,
    id: workspace.workspace_id,
    name: null,
    role: workspace.role
  }))
})

/**
 * Portkey as an `InviteSource`: the filter goes to the server and is applied to the stream again; `pageSize`
 * overrides the page size.
 *
 * @since 0.1.0
 */
export const makeSource = (
  options: { readonly pageSize?: number | undefined } = {}
): Effect.Effect<InviteSource.InviteSource, never, PortkeyClient> =>
  Effect.map(PortkeyClient, (client) =>
    InviteSource.make("portkey", (filter) =>
      list({ role: filter.role, email: filter.email, status: filter.status, pageSize: options.pageSize }).pipe(
        Stream.map(toInvite),
        Stream.provideService(PortkeyClient, client)
      )))

/**
 * Portkey as an `InviteSource` at the default page size.
 *
 * @since 0.1.0
 */
export const source: Effect.Effect<InviteSource.InviteSource, never, PortkeyClient> = makeSource()

const query = (params: Omit<ListParams, "concurrency">, currentPage: number) => ({
  pageSize: params.pageSize ?? defaultPageSize,
  currentPage,
  // Portkey's roles and statuses are lower-case; the stream's own filter ignores case, so the server's should too.
  role: params.role?.toLowerCase(),
  email: params.email,
  status: params.status?.toLowerCase()
})
