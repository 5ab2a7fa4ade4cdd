/**
 * What every provider package offers the CLI and other programs: its name, and its invites as one stream.
 *
 * @since 0.1.0
 */
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
 * A provider's invites.
 *
 * @since 0.1.0
 */
export interface InviteSource {
  readonly provider: Provider
  readonly list: (filter?: Filter) => Stream.Stream<Invite, ProviderError>
}

/**
 * Builds a source; `list` applies the filter to whatever the provider streams, so a provider that also filters
 * server-side is held to the same result.
 *
 * @since 0.1.0
 */
export const make = (
  provider: Provider,
  list: (filter: Filter) => Stream.Stream<Invite, ProviderError>
): InviteSource => ({
  provider,
  list: (filter = {}) => Stream.filter(list(filter), matches(filter))
})

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
