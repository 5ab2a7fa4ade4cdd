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
 * Builds a source from a provider's client service in context: the stream is bound to the service found now,
 * so the source can be listed anywhere.
 *
 * @since 0.2.0
 */
export const fromClient = <I, S>(
  client: Context.Tag<I, S>,
  identity: Identity,
  list: (filter: Filter) => Stream.Stream<Invite, ProviderError, I>
): Effect.Effect<InviteSource, never, I> =>
  Effect.map(client, (service) => make(identity, (filter) => Stream.provideService(list(filter), client, service)))

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
