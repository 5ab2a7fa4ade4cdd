/**
 * Openlayer's workspace invites as a lazy `Stream`. Each workspace is paged by `page`/`perPage` (100, the most
 * Openlayer serves) following the `x-next` header; without one, a short page ends the workspace. Several
 * workspaces are listed one after the other, in the order given.
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
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { identity, OpenlayerClient, parseWorkspaceIds } from "./OpenlayerClient.js"
import * as OpenlayerSchema from "./OpenlayerSchema.js"

/**
 * A workspace's invites, relative to the base URL.
 *
 * @since 0.1.0
 */
export const path = (workspaceId: string): string => `/workspaces/${encodeURIComponent(workspaceId)}/invites`

/**
 * The page sizes Openlayer serves (`perPage`, 1–100). Asking for more than it serves would make every full page
 * look short and end the listing early.
 *
 * @since 0.2.0
 */
export const pageSizes: PageSize.Range = { min: 1, max: 100, default: 100 }

/**
 * What to list.
 *
 * @since 0.1.0
 */
export interface ListParams {
  /** The workspaces, in order; default: the client's (`OPENLAYER_WORKSPACE_ID`). */
  readonly workspaceIds?: string | ReadonlyArray<string> | undefined
  /** Invites asked per page (the API's `perPage`), 1 to 100; default 100. */
  readonly pageSize?: number | undefined
}

/**
 * The parameters of one page.
 *
 * @since 0.1.0
 */
export interface PageParams {
  readonly workspaceId: string
  /** The page, counted from 1; default 1. */
  readonly page?: number | undefined
  /** Default 100. */
  readonly pageSize?: number | undefined
}

/**
 * One page: its invites and the `x-next` link to the next page as Openlayer sent it (absolute or relative), or
 * null.
 *
 * @since 0.1.0
 */
export interface Page {
  readonly items: ReadonlyArray<OpenlayerSchema.Invite>
  readonly next: string | null
}

/**
 * Fetches one page of a workspace's invites.
 *
 * @since 0.1.0
 */
export const listPage = (
  params: PageParams
): Effect.Effect<Page, ProviderError.ProviderError, OpenlayerClient> =>
  Effect.gen(function*() {
    const perPage = yield* PageSize.resolve(identity.name, pageSizes, params.pageSize)
    const { http } = yield* OpenlayerClient
    const reply = yield* fetchPage(http, params.workspaceId, { _tag: "Number", page: params.page ?? 1 }, perPage)
    return { items: reply.body.items, next: nextLink(reply.headers) }
  })

/**
 * Every invite of the workspaces, workspace after workspace, fetching pages only as the stream is pulled.
 *
 * @since 0.1.0
 */
export const list = (
  params: ListParams = {}
): Stream.Stream<OpenlayerSchema.Invite, ProviderError.ProviderError, OpenlayerClient> =>
  Stream.unwrap(Effect.gen(function*() {
    const perPage = yield* PageSize.resolve(identity.name, pageSizes, params.pageSize)
    const { defaults, http } = yield* OpenlayerClient
    const workspaceIds = params.workspaceIds === undefined
      ? defaults.workspaceIds
      : parseWorkspaceIds(params.workspaceIds)
    return Stream.flatMap(Stream.fromIterable(workspaceIds), (workspaceId) =>
      Pagination.nextLink({
        provider: identity.name,
        pageSize: perPage,
        firstPage: 1,
        fetchPage: (target) =>
          Effect.map(fetchPage(http, workspaceId, target, perPage), (reply) => ({
            items: reply.body.items,
            next: nextLink(reply.headers),
            url: reply.url,
            request: reply.request
          })),
        resolveLink: http.resolveLink,
        identify: (invite) => invite.id
      }))
  }))

/**
 * Maps an Openlayer invite to the unified invite. The role stays upper-case as sent; `creator.id` becomes
 * `invitedBy` (null when the creator comes without one); the workspace becomes the one scope, carrying the invite's role, since an Openlayer invite is an
 * invite to that workspace with that role. Openlayer records no expiry or acceptance time.
 *
 * @since 0.2.0
 */
export const toInviteOf = (account: string) => (invite: OpenlayerSchema.Invite): Invite.Invite => ({
  account,
  provider: identity.name,
  id: invite.id,
  email: invite.email,
  role: invite.role,
  status: invite.status,
  invitedAt: invite.dateCreated,
  expiresAt: null,
  acceptedAt: null,
  invitedBy: invite.creator.id ?? null,
  scopes: [{ kind: "workspace", id: invite.workspace.id, name: invite.workspace.name, role: invite.role }]
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
  client: OpenlayerClient,
  provider: identity.name,
  list: (_, pageSize) => list({ pageSize }),
  toInviteOf
})

/** One page, by number or by a link the server sent (already resolved against the base URL). */
const fetchPage = (
  http: ProviderHttp.ProviderHttp,
  workspaceId: string,
  target: Pagination.PageTarget,
  perPage: number
) =>
  target._tag === "Link"
    ? Effect.catchIf(
      http.get(OpenlayerSchema.InvitesPage, target.url),
      (error): error is ProviderError.InvalidRequestError =>
        error._tag === "InvalidRequestError" && error.status === 404,
      // The workspace was listed and the server itself sent this link: its 404 is the server contradicting
      // itself, not a setting to fix (the workspace-id hint is for a 404 on the first page).
      (error) =>
        Effect.fail(
          new InvalidResponseError({
            provider: identity.name,
            request: error.request,
            path: "x-next",
            reason: `the next-page link it sent, ${target.url}, answers HTTP 404`
          })
        )
    )
    : http.get(OpenlayerSchema.InvitesPage, path(workspaceId), { page: target.page, perPage })

const nextLink = (headers: Readonly<Record<string, string | undefined>>): string | null => {
  const link = headers["x-next"]?.trim()
  return link === undefined || link === "" ? null : link
}
