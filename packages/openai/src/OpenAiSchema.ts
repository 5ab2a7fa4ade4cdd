/**
 * The wire format of OpenAI's `GET /organization/invites`, field for field as the API sends it.
 *
 * Lenient where the API and its documents disagree or may grow — the invite's time is `created_at` in the
 * current API and `invited_at` in the OpenAPI document, `expires_at` / `accepted_at` may be null or absent,
 * unknown fields are dropped, an enum value the documents do not list is kept — and strict where a value
 * cannot be interpreted: a missing id or a number where a string belongs fails the page, naming the field.
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as WireSchema from "@invitekit/core/WireSchema"


/**
 * A Unix timestamp in seconds, decoded to a UTC instant. (`Schema.DateTimeUtcFromNumber` reads milliseconds.)
 *
 * @since 0.1.0
 */
export const UnixSeconds = Schema.transformOrFail(Schema.Number, Schema.DateTimeUtcFromSelf, {
  strict: true,
  decode: (seconds, _, ast) =>
    Option.match(DateTime.make(seconds * 1000), {
      onNone: () => ParseResult.fail(new ParseResult.Type(ast, seconds, `Expected Unix seconds, actual ${seconds}`)),
      onSome: ParseResult.succeed
    }),
  encode: (instant) => ParseResult.succeed(DateTime.toEpochMillis(instant) / 1000)
}).annotations({ identifier: "UnixSeconds" })

/**
 * An organization role: `owner` or `reader`, or one the documents do not list yet.
 *
 * @since 0.1.0
 */
export const Role = WireSchema.openEnum("owner", "reader")

/**
 * @since 0.1.0
 */
export type Role = "owner" | "reader" | (string & {})

/**
 * An invite's status: `accepted`, `expired` or `pending`, or one the documents do not list yet.
 *
 * @since 0.1.0
 */
export const Status = WireSchema.openEnum("accepted", "expired", "pending")

/**
 * @since 0.1.0
 */
export type Status = "accepted" | "expired" | "pending" | (string & {})

/**
 * A project membership role: `member` or `owner`, or one the documents do not list yet.
 *
 * @since 0.1.0
 */
export const ProjectRole = WireSchema.openEnum("member", "owner")

/**
 * @since 0.1.0
 */
export type ProjectRole = "member" | "owner" | (string & {})

/**
 * A project the invitee joins on acceptance. The document requires neither field; the id is kept required,
 * since a project scope without one names nothing.
 *
 * @since 0.1.0
 */
export const Project = Schema.Struct({
  id: Schema.String,
  // The document does not require it; the scope then says null.
  role: Schema.optional(ProjectRole)
})

/**
 * @since 0.1.0
 */
export type Project = typeof Project.Type

/**
 * An `organization.invite`. Exactly one of `created_at` (current API, SDK reference) and `invited_at`
 * (OpenAPI document) is expected; an invite with neither fails at `created_at`.
 *
 * @since 0.1.0
 */
export const Invite = Schema.Struct({
  object: Schema.Literal("organization.invite"),
  id: Schema.String,
  email: Schema.String,
  role: Role,
  status: Status,
  created_at: Schema.optional(UnixSeconds),
  invited_at: Schema.optional(UnixSeconds),
  expires_at: Schema.optional(Schema.NullOr(UnixSeconds)),
  accepted_at: Schema.optional(Schema.NullOr(UnixSeconds)),
  projects: Schema.optional(Schema.Array(Project))
}).pipe(
  Schema.filter((invite) =>
    invite.created_at !== undefined || invite.invited_at !== undefined ||
    { path: ["created_at"], message: "is missing (the invite has neither created_at nor invited_at)" }
  ),
  Schema.annotations({ identifier: "OpenAiInvite" })
)

/**
 * @since 0.1.0
 */
export type Invite = typeof Invite.Type

/**
 * When the invite was sent, whichever of `created_at` / `invited_at` the API used.
 *
 * @since 0.1.0
 */
export const invitedAt = (invite: Invite): DateTime.Utc | null => invite.created_at ?? invite.invited_at ?? null

/**
 * One page of invites. `first_id` / `last_id` may be null or absent on an empty page; `has_more` may be absent.
 *
 * @since 0.1.0
 */
export const InviteList = Schema.Struct({
  object: Schema.Literal("list"),
  data: Schema.Array(Invite),
  first_id: Schema.optional(Schema.NullOr(Schema.String)),
  last_id: Schema.optional(Schema.NullOr(Schema.String)),
  // The OpenAPI document leaves it optional: without it, Pagination.lastIdCursor walks on until an empty page.
  has_more: Schema.optional(Schema.Boolean)
}).annotations({ identifier: "OpenAiInviteList" })

/**
 * @since 0.1.0
 */
export type InviteList = typeof InviteList.Type

/**
 * An error body, `{ "error": { "message", "type", "param", "code" } }`: only the message is read, so a
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
