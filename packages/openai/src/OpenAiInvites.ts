/**
 * OpenAI organization invites: one page, every page as a lazy `Stream`, the mapping to the unified
 * `Invite`, and the `InviteSource` the CLI lists from.
 *
 * @since 0.1.0
 */
import {
  type Invite,
  InviteSource,
  PageSize,
  Pagination,
  type ProviderDefinition,
  type ProviderError,
  type ProviderHttp
} from "@invitekit/core"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
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
 * What to list.
 *
 * @since 0.1.0
 */
export interface ListParams {
  /** Invites per page (the API's `limit`), 1–100; defaults to 100. */
  readonly pageSize?: number | undefined
}

/**
 * Which page to fetch.
 *
 * @since 0.1.0
 */
export interface PageParams extends ListParams {
  /** The id of the last invite of the previous page (its `last_id`); absent for the first page. */
  readonly after?: string | undefined
}

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
) => Effect.Effect<OpenAiSchema.InviteList, ProviderError.ProviderError, OpenAiClient> = Effect.fn(
  "OpenAiInvites.listPage"
)(function*(params: PageParams = {}) {
  const limit = yield* PageSize.resolve(identity.name, pageSizes, params.pageSize)
  const { http } = yield* OpenAiClient
  return yield* fetchPage(http, limit, params.after)
})

/**
 * Every invite of the organization, in the API's order, as a lazy stream: a page is fetched only when the
 * stream needs its invites, so `Stream.take(n)` fetches only the pages holding the first `n`.
 *
 * Each request is retried on its own (429 with `Retry-After`, 5xx, resets, timeouts), so a failing page neither
 * repeats nor skips an invite. A cursor that does not advance, a `last_id` that is not the page's last invite, or
 * `has_more` with an empty page, ends the stream with an `InvalidResponseError` instead of looping. A `pageSize`
 * outside 1–100 fails with a `ConfigError` (variable `pageSize`) when the stream starts, before any request.
 *
 * @since 0.1.0
 */
export const list = (
  params: ListParams = {}
): Stream.Stream<OpenAiSchema.Invite, ProviderError.ProviderError, OpenAiClient> =>
  Stream.unwrap(Effect.gen(function*() {
    const limit = yield* PageSize.resolve(identity.name, pageSizes, params.pageSize)
    const { http } = yield* OpenAiClient
    return Pagination.lastIdCursor({
      provider: identity.name,
      fetchPage: (after) => fetchPage(http, limit, after)
    })
  }))

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
    role: project.role
  }))
})

/**
 * Maps a wire invite to the unified `Invite`, tagged with the provider's name as its account.
 *
 * @since 0.1.0
 */
export const toInvite: (invite: OpenAiSchema.Invite) => Invite.Invite = toInviteOf(identity.name)

/**
 * The organization's invites as an `InviteSource` (mapped to `Invite`, filtered by status / role / e-mail), bound
 * to the client in context; `pageSize` is checked when the stream starts, `account` tags every invite.
 *
 * @since 0.1.0
 */
export const makeSource = (
  options: ProviderDefinition.SourceOptions = {}
): Effect.Effect<InviteSource.InviteSource, never, OpenAiClient> => {
  const account = options.account ?? identity.name
  return InviteSource.fromClient(OpenAiClient, { provider: identity.name, account }, () =>
    Stream.map(list({ pageSize: options.pageSize }), toInviteOf(account)))
}

/**
 * The organization's invites as an `InviteSource` at the largest page size.
 *
 * @since 0.1.0
 */
export const source: Effect.Effect<InviteSource.InviteSource, never, OpenAiClient> = makeSource()

const fetchPage = (http: ProviderHttp.ProviderHttp, limit: number, after: string | undefined) =>
  Effect.map(
    http.get(OpenAiSchema.InviteList, path, { limit, after }),
    (reply) => ({ ...reply.body, request: reply.request })
  )
