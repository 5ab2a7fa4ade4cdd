/**
 * One status model across providers: what an invite's status is in effect now, whatever the provider calls it.
 *
 * An `Invite` keeps the provider's `status` as sent; `effective` adds what is true at a given instant. The most
 * common case it corrects: an invite whose `expiresAt` has passed is still `pending` in every API, yet it can no
 * longer be accepted — in effect it is expired.
 *
 * | provider  | documented statuses                      | expiry                 |
 * | --------- | ---------------------------------------- | ---------------------- |
 * | OpenAI    | `pending`, `accepted`, `expired`         | `expires_at`           |
 * | Anthropic | `pending`, `accepted`, `expired`, `deleted` | `expires_at`        |
 * | Portkey   | `pending`, `accepted`, `cancelled`, `expired` | `expires_at`      |
 * | Openlayer | `pending`, `accepted`                    | none: pending stays pending |
 *
 * | status as sent (any case)          | `effective`                                  |
 * | ---------------------------------- | -------------------------------------------- |
 * | `pending`, no expiry or not passed | `pending`                                    |
 * | `pending`, `expiresAt` passed      | `expired`                                    |
 * | `expired`                          | `expired`                                    |
 * | `accepted`                         | `accepted`                                   |
 * | `deleted` (Anthropic), `cancelled` (Portkey) | `revoked`                          |
 * | anything else                      | `unknown` (kept as sent in `status`)         |
 *
 * An invite is *open* when it may still be accepted: `pending` in effect, or `unknown` — a status invitekit does
 * not know is not assumed closed, so an audit never hides an invite it does not understand.
 *
 * @since 0.2.0
 */
import type * as DateTime from "effect/DateTime"
import * as Schema from "effect/Schema"
import type { Invite } from "./Invite.js"

/**
 * What an invite is in effect.
 *
 * @since 0.2.0
 */
export const Effective = Schema.Literal("pending", "expired", "accepted", "revoked", "unknown")

/**
 * @since 0.2.0
 */
export type Effective = typeof Effective.Type

// A Map, not an object literal: a status such as "constructor" must not find Object.prototype's.
const asSent: ReadonlyMap<string, Effective> = new Map([
  ["pending", "pending"],
  ["expired", "expired"],
  ["accepted", "accepted"],
  ["deleted", "revoked"],
  ["cancelled", "revoked"]
])

/**
 * Whether the provider still calls the invite pending (any case), whatever its expiry.
 *
 * @since 0.2.0
 */
export const isPendingAsSent = (invite: Pick<Invite, "status">): boolean => invite.status.toLowerCase() === "pending"

/**
 * Whether a pending invite's expiry has passed at `now` (an expiry exactly at `now` has not passed yet, as in
 * `Invite.isStale`): the APIs still say `pending`, but it can no longer be accepted.
 *
 * @since 0.2.0
 */
export const isPendingPastExpiry = (invite: Pick<Invite, "status" | "expiresAt">, now: DateTime.DateTime): boolean =>
  isPendingAsSent(invite) && invite.expiresAt !== null && invite.expiresAt.epochMillis < now.epochMillis

/**
 * The invite's status in effect at `now` (see the module's table).
 *
 * @since 0.2.0
 */
export const effective = (invite: Pick<Invite, "status" | "expiresAt">, now: DateTime.DateTime): Effective => {
  const status = asSent.get(invite.status.toLowerCase()) ?? "unknown"
  return status === "pending" && isPendingPastExpiry(invite, now) ? "expired" : status
}

/**
 * Whether the invite may still be accepted at `now`: pending in effect, or a status invitekit does not know.
 *
 * @since 0.2.0
 */
export const isOpen = (invite: Pick<Invite, "status" | "expiresAt">, now: DateTime.DateTime): boolean => {
  const status = effective(invite, now)
  return status === "pending" || status === "unknown"
}
