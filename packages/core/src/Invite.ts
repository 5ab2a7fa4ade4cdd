/**
 * The unified invite every provider maps to, and its JSON encoding (what the CLI prints and users pipe).
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Schema from "effect/Schema"
import { Provider } from "./Provider.js"

/**
 * The statuses invitekit knows. Providers may send others: those are kept as sent, never fatal.
 *
 * @since 0.1.0
 */
export const KnownStatus = Schema.Literal("pending", "accepted", "expired", "cancelled", "deleted")

/**
 * @since 0.1.0
 */
export type KnownStatus = typeof KnownStatus.Type

/**
 * An invite's status: one of the known ones, or whatever else the provider sent.
 *
 * @since 0.1.0
 */
export const Status = Schema.Union(KnownStatus, Schema.String)

/**
 * @since 0.1.0
 */
export type Status = KnownStatus | (string & {})

/**
 * What an invite grants beyond the organization: a project (OpenAI) or a workspace (Portkey, Openlayer).
 *
 * @since 0.1.0
 */
export const Scope = Schema.Struct({
  kind: Schema.Literal("project", "workspace"),
  id: Schema.String,
  name: Schema.NullOr(Schema.String),
  role: Schema.NullOr(Schema.String)
})

/**
 * @since 0.1.0
 */
export type Scope = typeof Scope.Type

/**
 * The unified invite. Instants are UTC and encode as ISO-8601 strings; the field order is the JSON order.
 *
 * @since 0.1.0
 */
export const Invite = Schema.Struct({
  /** The account it was listed from: a name from the config file, or the provider's name. */
  account: Schema.String,
  provider: Provider,
  id: Schema.String,
  email: Schema.String,
  /** The provider's own role value, as sent (e.g. `owner`, `claude_code_user`, `ADMIN`). */
  role: Schema.String,
  status: Status,
  invitedAt: Schema.NullOr(Schema.DateTimeUtc),
  expiresAt: Schema.NullOr(Schema.DateTimeUtc),
  acceptedAt: Schema.NullOr(Schema.DateTimeUtc),
  invitedBy: Schema.NullOr(Schema.String),
  scopes: Schema.Array(Scope)
})

/**
 * @since 0.1.0
 */
export type Invite = typeof Invite.Type

/**
 * An invite as JSON: what `invitekit list --format json|ndjson` prints.
 *
 * @since 0.1.0
 */
export type Encoded = typeof Invite.Encoded

/**
 * The field names of the JSON encoding, in order (the CSV header).
 *
 * @since 0.1.0
 */
export const fields: ReadonlyArray<keyof Encoded> = [
  "account",
  "provider",
  "id",
  "email",
  "role",
  "status",
  "invitedAt",
  "expiresAt",
  "acceptedAt",
  "invitedBy",
  "scopes"
]

/**
 * Encodes an invite to its JSON form. Total: every `Invite` value encodes.
 *
 * Written out rather than `Schema.encodeSync(Invite)`: it builds the same object (the same keys in the same order,
 * instants through `DateTime.formatIso` as `Schema.DateTimeUtc` encodes them) at a fraction of the cost, paid for
 * every invite a listing prints. Its property test holds the two equal.
 *
 * @since 0.1.0
 */
export const encode = (invite: Invite): Encoded => withInstants(invite, isoInstant)

/**
 * An invite's fields in the JSON order, with its instants turned into what `instant` makes of them (ISO strings
 * for `encode`, `Date`s for the Promise entry) and its scopes copied: one shape for every plain form of an invite.
 *
 * @since 0.2.0
 */
export const withInstants = <T>(invite: Invite, instant: (value: DateTime.Utc | null) => T) => ({
  account: invite.account,
  provider: invite.provider,
  id: invite.id,
  email: invite.email,
  role: invite.role,
  status: invite.status,
  invitedAt: instant(invite.invitedAt),
  expiresAt: instant(invite.expiresAt),
  acceptedAt: instant(invite.acceptedAt),
  invitedBy: invite.invitedBy,
  scopes: invite.scopes.map((scope) => ({ kind: scope.kind, id: scope.id, name: scope.name, role: scope.role }))
})

const isoInstant = (value: DateTime.Utc | null): string | null => value === null ? null : DateTime.formatIso(value)

/**
 * Decodes the JSON form back to an invite (for users reading `ndjson` output).
 *
 * @since 0.1.0
 */
export const decodeUnknown = Schema.decodeUnknown(Invite)

/**
 * Whether an invite is still pending but already past its expiry: it can no longer be accepted.
 *
 * @since 0.1.0
 */
export const isStale = (invite: Invite, now: number): boolean =>
  invite.status === "pending" && invite.expiresAt !== null && invite.expiresAt.epochMillis < now
