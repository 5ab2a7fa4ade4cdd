/**
 * What every provider package offers the CLI and other programs: one account's invites as one stream.
 *
 * @since 0.1.0
 */
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { Invite } from "./Invite.js"
import type { Provider } from "./Provider.js"
import type { ProviderError } from "./ProviderError.js"

/**
 * Which invites to keep. Each given field must match; comparisons ignore case (Openlayer's roles are upper-case,
 * and e-mail addresses are case-insensitive in practice).
 *
 * @since 0.1.0
 */
export interface Filter {
  readonly status?: string | undefined
  readonly role?: string | undefined
  readonly email?: string | undefined
}

/**
 * One account's invites at one provider.
 *
 * @since 0.1.0
 */
export interface InviteSource {
  readonly provider: Provider
  /** The account every invite of this source carries (the provider's name unless named otherwise). */
  readonly account: string
  readonly list: (filter?: Filter) => Stream.Stream<Invite, ProviderError>
}

/**
 * Whose invites a source lists.
 *
 * @since 0.2.0
 */
export interface Identity {
  readonly provider: Provider
  readonly account: string
}

/**
 * Builds a source; `list` applies the filter to whatever the provider streams, so a provider that also filters
 * server-side is held to the same result.
 *
 * @since 0.1.0
 */
export const make = (
  identity: Identity,
  list: (filter: Filter) => Stream.Stream<Invite, ProviderError>
): InviteSource => ({
  ...identity,
  list: (filter = {}) => Stream.filter(list(filter), matches(filter))
})

/**
 * Builds a source from a provider's client service in context and its wire stream: the stream is bound to the
 * service found now (so the source can be listed anywhere), and each wire item mapped to an `Invite` of the
 * account (the provider's name unless one is given).
 *
 * @since 0.2.0
 */
export const fromClient = <I, S, W>(
  client: Context.Tag<I, S>,
  identity: { readonly provider: Provider; readonly account?: string | undefined },
  list: (filter: Filter) => Stream.Stream<W, ProviderError, I>,
  toInviteOf: (account: string) => (wire: W) => Invite
): Effect.Effect<InviteSource, never, I> => {
  const account = identity.account ?? identity.provider
  const toInvite = toInviteOf(account)
  return Effect.map(client, (service) =>
    make(
      { provider: identity.provider, account },
      (filter) => Stream.provideService(Stream.map(list(filter), toInvite), client, service)
    ))
}

/**
 * A provider's invite functions, from its client tag, its wire stream (given the filter and the page size) and
 * its mapping: `toInvite` maps a wire invite with the provider's name as the account; `makeSource(options)` is
 * the `InviteSource` bound to the client in context (`pageSize` checked when the stream starts, `account`
 * tagging every invite); `source` is `makeSource()`.
 *
 * @since 0.2.0
 */
export const functions = <I, S, W>(spec: {
  readonly client: Context.Tag<I, S>
  readonly provider: Provider
  readonly list: (filter: Filter, pageSize: number | undefined) => Stream.Stream<W, ProviderError, I>
  readonly toInviteOf: (account: string) => (wire: W) => Invite
}): {
  readonly toInvite: (wire: W) => Invite
  readonly makeSource: (
    options?: { readonly pageSize?: number | undefined; readonly account?: string | undefined }
  ) => Effect.Effect<InviteSource, never, I>
  readonly source: Effect.Effect<InviteSource, never, I>
} => {
  const makeSource = (
    options: { readonly pageSize?: number | undefined; readonly account?: string | undefined } = {}
  ) =>
    fromClient(
      spec.client,
      { provider: spec.provider, account: options.account },
      (filter) => spec.list(filter, options.pageSize),
      spec.toInviteOf
    )
  return { toInvite: spec.toInviteOf(spec.provider), makeSource, source: makeSource() }
}

/**
 * Whether an invite passes the filter.
 *
 * @since 0.1.0
 */
export const matches = (filter: Filter) => {
  const status = filter.status?.toLowerCase()
  const role = filter.role?.toLowerCase()
  const email = filter.email?.toLowerCase()
  return (invite: Pick<Invite, "status" | "role" | "email">): boolean =>
    (status === undefined || invite.status.toLowerCase() === status) &&
    (role === undefined || invite.role.toLowerCase() === role) &&
    (email === undefined || invite.email.toLowerCase() === email)
}
