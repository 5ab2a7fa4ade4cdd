/**
 * OpenAI organization invites: one page, every page as a lazy `Stream`, the mapping to the unified
 * `Invite`, and the `InviteSource` the CLI lists from.
 *
 * @since 0.1.0
 */
import {
  type Invite,
  InviteSource,
  LastIdList,
  type PageSize,
  type ProviderError,
  Revoker
} from "@invitekit/core"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import { identity, OpenAiClient } from "./OpenAiClient.js"
import * as OpenAiSchema from "./OpenAiSchema.js"

/**
 * The endpoint, relative to the base URL.
 *
 * @since 0.1.0
 */
export const path = "/organization/invites"

/**
 * The page sizes the API serves (`limit`, 1–100). Listing asks for the largest unless told otherwise: fewer,
 * larger pages mean fewer requests against the rate limit.
 *
 * @since 0.2.0
 */
export const pageSizes: PageSize.Range = { min: 1, max: 100, default: 100 }

/**
 * What to list: `pageSize`, the API's `limit`, within `pageSizes`; defaults to the largest.
 *
 * @since 0.1.0
 */
export type ListParams = LastIdList.ListParams

/**
 * Which page to fetch: `after`, the id of the last invite of the previous page (its `last_id`, sent as
 * `after`), absent for the first page.
 *
 * @since 0.1.0
 */
export type PageParams = LastIdList.PageParams

const pages = LastIdList.make({
  provider: identity.name,
  client: OpenAiClient,
  schema: OpenAiSchema.InviteList,
  path,
  cursorParam: "after",
  pageSizes
})

/**
 * Fetches one page, decoded as the API sent it.
 *
 * A `pageSize` outside 1–100 fails with a `ConfigError` (variable `pageSize`) before any request is sent: it is
 * the caller's setting that needs fixing, and the API would only reject it with a 400.
 *
 * @since 0.1.0
 */
export const listPage: (
  params?: PageParams
) => Effect.Effect<OpenAiSchema.InviteList, ProviderError.ProviderError, OpenAiClient> = pages.listPage

/**
 * Every invite of the organization, in the API's order, as a lazy stream: from the second page on, the next page
 * is fetched while this one is consumed, so `Stream.take(n)` within the first page makes one request, and beyond
 * it at most one page more than it needs.
 *
 * Each request is retried on its own (429 with `Retry-After`, 5xx, resets, timeouts), so a failing page neither
 * repeats nor skips an invite. A cursor that does not advance, a `last_id` that is not the page's last invite, or
 * `has_more` with an empty page, ends the stream with an `InvalidResponseError` instead of looping. A `pageSize`
 * outside 1–100 fails with a `ConfigError` (variable `pageSize`) when the stream starts, before any request.
 *
 * @since 0.1.0
 */
export const list: (
  params?: ListParams
) => Stream.Stream<OpenAiSchema.Invite, ProviderError.ProviderError, OpenAiClient> = pages.list

/**
 * Maps a wire invite to the unified `Invite`: role and status as sent, projects as `project` scopes.
 *
 * @since 0.2.0
 */
export const toInviteOf = (account: string) => (invite: OpenAiSchema.Invite): Invite.Invite => ({
  account,
  provider: identity.name,
  id: invite.id,
  email: invite.email,
  role: invite.role,
  status: invite.status,
  invitedAt: OpenAiSchema.invitedAt(invite),
  expiresAt: invite.expires_at ?? null,
  acceptedAt: invite.accepted_at ?? null,
  // The API does not say who sent an invite.
  invitedBy: null,
  scopes: (invite.projects ?? []).map((project) => ({
    kind: "project",
    id: project.id,
    // Invites carry project ids only; a name would cost a request per project.
    name: null,
    role: project.role ?? null
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
  client: OpenAiClient,
  provider: identity.name,
  list: (_, pageSize) => list({ pageSize }),
  toInviteOf
})

/**
 * `makeRevoker(options)` gives `revoke(id)` (one `DELETE {path}/{id}`: `Revoked`, `AlreadyGone` for a 404, or
 * `Refused` with the API's reason, e.g. an invite already accepted) and `get(id)` (`GET {path}/{id}`, mapped to
 * `Invite`, `None` for a 404), bound to the client in context; `account` tags the invites `get` returns.
 *
 * @since 0.2.0
 */
export const makeRevoker = Revoker.make({
  client: OpenAiClient,
  provider: identity.name,
  path,
  schema: OpenAiSchema.Invite,
  toInviteOf
})
