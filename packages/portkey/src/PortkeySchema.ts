/**
 * Portkey's invite list, exactly as `GET /admin/users/invites` sends it. Unknown fields are ignored; enum values
 * the docs do not list are kept as sent; timestamps are RFC 3339 or Portkey's zone-less `YYYY-MM-DD HH:MM:SS` (UTC).
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as WireSchema from "@invitekit/core/WireSchema"

/** Date, `T`/`t`/space, time, optional fraction, optional zone (`Z`, `z` or `±HH:MM`). */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})([Tt ])(\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/

/**
 * An instant in either form Portkey documents: RFC 3339, as its schema says (`format: date-time`:
 * `2023-12-12T13:56:32.123Z`, `2023-12-12T13:56:32+02:00`; fractional seconds and any offset), or the SQL-style
 * `2023-12-12 13:56:32` of its own example, which carries no zone and is read as UTC. It encodes to the SQL style.
 *
 * @since 0.1.0
 */
export const Timestamp: Schema.Schema<DateTime.Utc, string> = Schema.transformOrFail(
  Schema.String.pipe(Schema.pattern(TIMESTAMP, {
    message: () => "expected a date-time like 2023-12-12T13:56:32Z or 2023-12-12 13:56:32"
  })),
  Schema.DateTimeUtcFromSelf,
  {
    strict: true,
    decode: (s, _, ast) => {
      const invalid = (reason: string) => ParseResult.fail(new ParseResult.Type(ast, s, reason))
      const [, year, month, day, separator, time, fraction, zone] = TIMESTAMP.exec(s)!
      // RFC 3339 always names the zone; only the SQL style (a space, no zone) means UTC.
      if (zone === undefined && separator !== " ") return invalid("a date-time with a T needs a zone (Z or an offset)")
      const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
      if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) {
        return invalid("not a valid date")
      }
      // DateTime holds milliseconds: finer fractions are truncated.
      const millis = (fraction ?? "").slice(1, 4).padEnd(3, "0")
      // An Either, not an Effect: effect's parser and invitekit's compiled decoder settle it without a fiber.
      return Option.match(
        DateTime.make(`${year}-${month}-${day}T${time}.${millis}${zone === undefined ? "Z" : zone.toUpperCase()}`),
        { onNone: () => invalid("not a valid date and time"), onSome: ParseResult.succeed }
      )
    },
    encode: (dt) => ParseResult.succeed(DateTime.formatIso(dt).slice(0, 19).replace("T", " "))
  }
).annotations({ identifier: "Timestamp" })

/**
 * The roles the docs list; any other value is kept as sent.
 *
 * @since 0.1.0
 */
export const KnownRole = Schema.Literal("admin", "member")

/**
 * An organization role.
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
export const KnownStatus = Schema.Literal("pending", "cancelled", "accepted", "expired")

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
 * A workspace the invite grants, with the role in it.
 *
 * @since 0.1.0
 */
export const InviteWorkspace = Schema.Struct({
  workspace_id: Schema.String,
  role: Schema.String
})

/**
 * @since 0.1.0
 */
export type InviteWorkspace = typeof InviteWorkspace.Type

/**
 * A user invite. The docs require no field; `id`, `email`, `role` and `status` are kept required, since the
 * unified invite cannot do without them. The times and `invited_by` may be absent or null (the unified invite
 * then says null); `accepted_at` is absent or null until the invite is accepted; `workspaces` may be absent.
 *
 * @since 0.1.0
 */
export const Invite = Schema.Struct({
  object: Schema.optional(Schema.String),
  id: Schema.String,
  email: Schema.String,
  role: Role,
  created_at: Schema.optional(Schema.NullOr(Timestamp)),
  expires_at: Schema.optional(Schema.NullOr(Timestamp)),
  accepted_at: Schema.optional(Schema.NullOr(Timestamp)),
  status: Status,
  invited_by: Schema.optional(Schema.NullOr(Schema.String)),
  workspaces: Schema.optional(Schema.Array(InviteWorkspace))
})

/**
 * @since 0.1.0
 */
export type Invite = typeof Invite.Type

/**
 * One page of the list, with the total of the whole (filtered) list when the server sends it.
 *
 * @since 0.1.0
 */
export const InviteList = Schema.Struct({
  object: Schema.optional(Schema.String),
  // A number rather than an integer here: Pagination names a total that is not a count in its own terms.
  // The docs do not require it: a page without one is walked by Pagination.offsetUntilShort.
  total: Schema.optional(Schema.Number),
  data: Schema.Array(Invite)
})

/**
 * @since 0.1.0
 */
export type InviteList = typeof InviteList.Type

/**
 * The body of an error response. The docs describe none, so every shape Portkey is seen to use is accepted:
 * `{ message }`, `{ error: "…" }`, `{ error: { message } }` and `{ success: false, data: { message } }`.
 *
 * @since 0.1.0
 */
export const ErrorBody = Schema.Struct({
  message: Schema.optional(Schema.String),
  error: Schema.optional(Schema.Union(Schema.String, Schema.Struct({ message: Schema.optional(Schema.String) }))),
  data: Schema.optional(Schema.Struct({ message: Schema.optional(Schema.String) }))
})

/**
 * @since 0.1.0
 */
export type ErrorBody = typeof ErrorBody.Type


/**
 * Portkey's own message in an error body, or `undefined` when it has none.
 *
 * @since 0.1.0
 */
export const errorMessage = WireSchema.errorMessage(ErrorBody, ({ data, error, message }) => {
  const candidates = [message, typeof error === "string" ? error : error?.message, data?.message]
  return candidates.find((text): text is string => text !== undefined && text.trim() !== "")
})
