/**
 * The wire format of Anthropic's `GET /v1/organizations/invites`, field for field as the API sends it.
 *
 * Lenient where the API grows beyond its documents — roles such as `claude_code_user` and statuses the
 * documents do not list are kept, unknown fields are dropped — and strict where a value cannot be
 * interpreted: a missing id or a number where a string belongs fails the page, naming the field.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as WireSchema from "@invitekit/core/WireSchema"


/**
 * An RFC 3339 instant such as `2024-10-30T23:58:27.427722Z`, decoded to a UTC instant. `DateTime` holds
 * milliseconds, so the microseconds are truncated.
 *
 * @since 0.1.0
 */
export const Timestamp = Schema.DateTimeUtc

/**
 * An organization role: `user`, `developer`, `billing` or `admin` as documented, or another one the API
 * sends (such as `claude_code_user`).
 *
 * @since 0.1.0
 */
export const Role = WireSchema.openEnum("user", "developer", "billing", "admin")

/**
 * @since 0.1.0
 */
export type Role = "user" | "developer" | "billing" | "admin" | (string & {})

/**
 * An invite's status: `accepted`, `expired`, `deleted` or `pending`, or one the documents do not list yet.
 *
 * @since 0.1.0
 */
export const Status = WireSchema.openEnum("accepted", "expired", "deleted", "pending")

/**
 * @since 0.1.0
 */
export type Status = "accepted" | "expired" | "deleted" | "pending" | (string & {})

/**
 * An organization invite.
 *
 * @since 0.1.0
 */
export const Invite = Schema.Struct({
  id: Schema.String,
  type: Schema.Literal("invite"),
  email: Schema.String,
  role: Role,
  invited_at: Timestamp,
  expires_at: Timestamp,
  status: Status
}).annotations({ identifier: "AnthropicInvite" })

/**
 * @since 0.1.0
 */
export type Invite = typeof Invite.Type

/**
 * One page of invites. `first_id` / `last_id` are null on an empty page.
 *
 * @since 0.1.0
 */
export const InviteList = Schema.Struct({
  data: Schema.Array(Invite),
  has_more: Schema.Boolean,
  first_id: Schema.NullOr(Schema.String),
  last_id: Schema.NullOr(Schema.String)
}).annotations({ identifier: "AnthropicInviteList" })

/**
 * @since 0.1.0
 */
export type InviteList = typeof InviteList.Type

/**
 * An error body, `{ "type": "error", "error": { "type", "message" } }`: only the message is read, so a
 * change in the other fields never hides it.
 *
 * @since 0.1.0
 */
export const ErrorBody = Schema.Struct({
  error: Schema.Struct({ message: Schema.String })
})

/**
 * @since 0.1.0
 */
export type ErrorBody = typeof ErrorBody.Type

/**
 * The API's own message out of an error body, if it has one.
 *
 * @since 0.1.0
 */
export const errorMessage = WireSchema.errorMessage(ErrorBody, (body) => body.error.message)
