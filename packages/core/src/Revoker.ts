/**
 * Revoking invites: what a revocation comes to (`Revoked`, `AlreadyGone`, `Refused` with the provider's reason),
 * and a provider's `revoke(id)` / `get(id)` built from its invite path, wire schema and mapping to `Invite`.
 *
 * @since 0.2.0
 */
import type * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Schema from "effect/Schema"
import type { Invite } from "./Invite.js"
import type { Provider } from "./Provider.js"
import type * as ProviderClient from "./ProviderClient.js"
import type { ProviderError } from "./ProviderError.js"

/**
 * What one revocation came to: the invite was revoked now; it was already gone (a 404 on the first attempt); or
 * the provider refused, with its reason (accepted, not pending, …). A refusal is an answer, never retried.
 *
 * @since 0.2.0
 */
export type Result = Data.TaggedEnum<{
  Revoked: { readonly id: string }
  AlreadyGone: { readonly id: string }
  Refused: { readonly id: string; readonly status: number; readonly reason: string }
}>

/**
 * @since 0.2.0
 */
export const Result = Data.taggedEnum<Result>()

/**
 * A provider's write side, bound to one configured client.
 *
 * @since 0.2.0
 */
export interface Revoker {
  readonly provider: Provider
  /** The account its invites are tagged with. */
  readonly account: string
  /** Revokes one invite: one DELETE (retried only where that cannot act twice, see `ProviderHttp.delete`). */
  readonly revoke: (id: string) => Effect.Effect<Result, ProviderError>
  /** The invite as the provider has it now, mapped to `Invite`; `None` when it no longer exists. */
  readonly get: (id: string) => Effect.Effect<Option.Option<Invite>, ProviderError>
}

/**
 * Builds a provider's `Revoker` from the client in context: invites live at `path/{id}`, one is decoded with
 * `schema` and mapped with `toInviteOf(account)`. A 404 on the first attempt is `AlreadyGone`; a 404 after a
 * retried attempt is `Revoked` (the earlier attempt, whose answer was lost, did it); any other 4xx is `Refused`
 * with the provider's message.
 *
 * @since 0.2.0
 */
export const make = <I, D, W, WI>(spec: {
  readonly client: Context.Tag<I, ProviderClient.Service<D>>
  readonly provider: Provider
  readonly path: string
  readonly schema: Schema.Schema<W, WI, never>
  readonly toInviteOf: (account: string) => (wire: W) => Invite
}) =>
(options: { readonly account?: string | undefined } = {}): Effect.Effect<Revoker, never, I> =>
  Effect.map(spec.client, ({ http }) => {
    const account = options.account ?? spec.provider
    const toInvite = spec.toInviteOf(account)
    const target = (id: string) => `${spec.path}/${encodeURIComponent(id)}`
    return {
      provider: spec.provider,
      account,
      revoke: (id) =>
        Effect.map(http.delete(target(id)), (answer): Result => {
          if (answer.status >= 200 && answer.status < 300) return Result.Revoked({ id })
          if (answer.status === 404) return answer.attempts > 1 ? Result.Revoked({ id }) : Result.AlreadyGone({ id })
          return Result.Refused({ id, status: answer.status, reason: answer.providerMessage })
        }),
      get: (id) => Effect.map(http.find(spec.schema, target(id)), Option.map(toInvite))
    }
  })
