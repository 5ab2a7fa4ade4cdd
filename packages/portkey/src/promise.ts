/**
 * Portkey invites for programs that do not use Effect: `for await (const invite of listInvites())`. Reads
 * `PORTKEY_API_KEY` and `PORTKEY_BASE_URL` (and the `INVITEKIT_*` settings) like the CLI when the options do not say; see
 * `@invitekit/core/AsyncInvites` for every option.
 *
 * @since 0.2.0
 */
import * as AsyncInvites from "@invitekit/core/AsyncInvites"
import { definition } from "./PortkeyProvider.js"

/**
 * @since 0.2.0
 */
export type Options = AsyncInvites.Options

/**
 * Every invite, page by page as the loop asks for them, as plain objects (dates as `Date`). Throws the
 * `InviteKitError` subclasses below; `break` or the `signal` cancels the request in flight.
 *
 * @since 0.2.0
 */
export const listInvites = (options: Options = {}): AsyncIterable<AsyncInvites.PlainInvite> =>
  AsyncInvites.listInvites(definition, options)

/**
 * The invite as the loop yields it, and the errors it throws (`instanceof`-checkable, never carrying a key).
 *
 * @since 0.2.0
 */
export type { PlainInvite } from "@invitekit/core/AsyncInvites"
export * from "@invitekit/core/InviteKitError"
