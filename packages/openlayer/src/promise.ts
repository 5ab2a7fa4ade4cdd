/**
 * Openlayer invites for programs that do not use Effect: `for await (const invite of listInvites())`. Reads
 * `OPENLAYER_API_KEY`, `OPENLAYER_WORKSPACE_ID` and `OPENLAYER_BASE_URL` (and the `INVITEKIT_*` settings) like the
 * CLI when the options do not say; see `@invitekit/core/AsyncInvites` for every option.
 *
 * @since 0.2.0
 */
import * as AsyncInvites from "@invitekit/core/AsyncInvites"
import * as OpenlayerClient from "./OpenlayerClient.js"
import { definition } from "./OpenlayerProvider.js"

/**
 * Openlayer's own option: the workspaces to list (one id, several, or a comma-separated list).
 *
 * @since 0.2.0
 */
export interface Workspaces {
  readonly workspaceIds?: string | ReadonlyArray<string> | undefined
}

/**
 * @since 0.2.0
 */
export type Options = AsyncInvites.Options<Workspaces> & Workspaces

const extras: ReadonlyArray<AsyncInvites.Extra> = [{
  option: "workspaceIds",
  variable: OpenlayerClient.workspaceIdVariable,
  encode: (value) => OpenlayerClient.parseWorkspaceIds(value as string | ReadonlyArray<string>).join(",")
}]

/**
 * Every invite of the workspaces, page by page as the loop asks for them, as plain objects (dates as `Date`).
 * Throws the `InviteKitError` subclasses below; `break` or the `signal` cancels the request in flight.
 *
 * @since 0.2.0
 */
export const listInvites = (options: Options = {}): AsyncIterable<AsyncInvites.PlainInvite> =>
  AsyncInvites.listInvites(definition, options, extras)

/**
 * The invite as the loop yields it, and the errors it throws (`instanceof`-checkable, never carrying a key).
 *
 * @since 0.2.0
 */
export type { PlainInvite } from "@invitekit/core/AsyncInvites"
export * from "@invitekit/core/InviteKitError"
