/**
 * Openlayer's workspace invites, exactly as `GET /workspaces/{workspaceId}/invites` sends them. Unknown fields
 * are ignored; enum values the docs do not list are kept as sent (roles are upper-case, as Openlayer writes them).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as WireSchema from "@invitekit/core/WireSchema"

/**
 * The roles the docs list; any other value is kept as sent.
 *
 * @since 0.1.0
 */
export const KnownRole = Schema.Literal("ADMIN", "MEMBER", "VIEWER")

/**
 * A workspace role, upper-case as Openlayer sends it.
 *
 * @since 0.1.0
 */
export const Role = WireSchema.openEnum(...KnownRole.literals)

/**
 * @since 0.1.0
 */
export type Role = typeof KnownRole.Type | (string & {})

/**
 * The statuses the docs list; any other value is kept as sent.
 *
 * @since 0.1.0
 */
export const KnownStatus = Schema.Literal("accepted", "pending")

/**
 * An invite's status.
 *
 * @since 0.1.0
 */
export const Status = WireSchema.openEnum(...KnownStatus.literals)

/**
 * @since 0.1.0
 */
export type Status = typeof KnownStatus.Type | (string & {})

/**
 * Who sent the invite. The docs require none of its fields (`{}` is a valid creator) and make `username` and
 * `name` nullable.
 *
 * @since 0.1.0
 */
export const Creator = Schema.Struct({
  id: Schema.optional(Schema.String),
  username: Schema.optional(Schema.NullOr(Schema.String)),
  name: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * @since 0.1.0
 */
export type Creator = typeof Creator.Type

/**
 * The workspace an invite is for, embedded in every invite.
 *
 * @since 0.1.0
 */
export const Workspace = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  slug: Schema.String,
  dateCreated: Schema.DateTimeUtc,
  memberCount: Schema.Number
})

/**
 * @since 0.1.0
 */
export type Workspace = typeof Workspace.Type

/**
 * A workspace invite. Openlayer records no expiry or acceptance time.
 *
 * @since 0.1.0
 */
export const Invite = Schema.Struct({
  id: Schema.String,
  dateCreated: Schema.DateTimeUtc,
  creator: Creator,
  status: Status,
  workspace: Workspace,
  email: Schema.String,
  role: Role
})

/**
 * @since 0.1.0
 */
export type Invite = typeof Invite.Type

/**
 * One page of invites; the link to the next page travels in the `x-next` header.
 *
 * @since 0.1.0
 */
export const InvitesPage = Schema.Struct({
  items: Schema.Array(Invite)
})

/**
 * @since 0.1.0
 */
export type InvitesPage = typeof InvitesPage.Type

/**
 * The body of an error response (`UnexpectedError` in the docs).
 *
 * @since 0.1.0
 */
export const ErrorBody = Schema.Struct({
  code: Schema.optional(Schema.Number),
  error: Schema.String
})

/**
 * @since 0.1.0
 */
export type ErrorBody = typeof ErrorBody.Type


/**
 * Openlayer's own message in an error body, or `undefined` when it has none.
 *
 * @since 0.1.0
 */
export const errorMessage = WireSchema.errorMessage(ErrorBody, (body) => body.error)
