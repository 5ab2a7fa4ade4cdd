/**
 * Openlayer's workspace invites as a lazy `Stream`. Each workspace is paged by `page`/`perPage` (100, the most
 * Openlayer serves) following the `x-next` header; without one, a short page ends the workspace. Several
 * workspaces are listed one after the other, in the order given.
 *
 * @since 0.1.0
 */
import type * as Invite from "@invitekit/core/Invite"
import * as InviteSource from "@invitekit/core/InviteSource"
import * as Pagination from "@invitekit/core/Pagination"
import * as ProviderConfig from "@invitekit/core/ProviderConfig"
import type * as ProviderError from "@invitekit/core/ProviderError"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { maxPerPage, OpenlayerClient, parseWorkspaceIds } from "./OpenlayerClient.js"
import type * as OpenlayerSchema from "./OpenlayerSchema.js"

/**
 * What to list.
 *
 * @since 0.1.0
 */
export interface ListParams {
  /** The workspaces, in order; default: the client's (`OPENLAYER_WORKSPACE_ID`). */
  readonly workspaceIds?: string | ReadonlyArray<string> | undefined
  /** Invites asked per page, 1 to 100; default 100. */
  readonly perPage?: number | undefined
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
  readonly perPage?: number | undefined
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
    const client = yield* OpenlayerClient
    const perPage = yield* checkPerPage(params.perPage)
    const reply = yield* client.listInvites(params.workspaceId, { _tag: "Number", page: params.page ?? 1, perPage })
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
    const client = yield* OpenlayerClient
    const workspaceIds = params.workspaceIds === undefined
      ? client.workspaceIds
      : parseWorkspaceIds(params.workspaceIds)
    const perPage = yield* checkPerPage(params.perPage)
    return Stream.flatMap(Stream.fromIterable(workspaceIds), (workspaceId) =>
      Pagination.nextLink({
        provider: "openlayer",
        pageSize: perPage,
        firstPage: 1,
        fetchPage: (target) =>
          Effect.map(
            client.listInvites(
              workspaceId,
              target._tag === "Link" ? target : { _tag: "Number", page: target.page, perPage }
            ),
            (reply) => ({
              items: reply.body.items,
              next: nextLink(reply.headers),
              url: reply.url,
              request: reply.request
            })
          ),
        resolveLink: client.http.resolveLink,
        identify: (invite) => invite.id
      }))
  }))

/**
 * Maps an Openlayer invite to the unified invite. The role stays upper-case as sent; `creator.id` becomes
 * `invitedBy`; the workspace becomes the one scope, carrying the invite's role, since an Openlayer invite is an
 * invite to that workspace with that role. Openlayer records no expiry or acceptance time.
 *
 * @since 0.1.0
 */
export const toInvite = (invite: OpenlayerSchema.Invite): Invite.Invite => ({
  provider: "openlayer",
  id: invite.id,
  email: invite.email,
  role: invite.role,
  status: invite.status,
  invitedAt: invite.dateCreated,
  expiresAt: null,
  acceptedAt: null,
  invitedBy: invite.creator.id,
  scopes: [{ kind: "workspace", id: invite.workspace.id, name: invite.workspace.name, role: invite.role }]
})

/**
 * The organization's invites as an `InviteSource` (mapped to `Invite`, filtered by status / role / e-mail), bound
 * to the client in context; `pageSize` overrides the page size (`perPage`), checked when the stream starts.
 *
 * @since 0.1.0
 */
export const makeSource = (
  options: { readonly pageSize?: number | undefined } = {}
): Effect.Effect<InviteSource.InviteSource, never, OpenlayerClient> =>
  Effect.map(OpenlayerClient, (client) =>
    InviteSource.make("openlayer", () =>
      list({ perPage: options.pageSize }).pipe(
        Stream.map(toInvite),
        Stream.provideService(OpenlayerClient, client)
      )))

/**
 * The organization's invites as an `InviteSource` at the largest page size.
 *
 * @since 0.1.0
 */
export const source: Effect.Effect<InviteSource.InviteSource, never, OpenlayerClient> = makeSource()

// Asking for more than Openlayer serves would make every full page look short, ending the listing early.
const checkPerPage = (perPage: number | undefined) => ProviderConfig.pageSize("openlayer", "perPage", perPage, maxPerPage)

const nextLink = (headers: Readonly<Record<string, string | undefined>>): string | null => {
  const link = headers["x-next"]?.trim()
  return link === undefined || link === "" ? null : link
}
