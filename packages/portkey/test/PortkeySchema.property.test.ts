/**
 * Responses generated from the constraints of Portkey's docs (portkey-list-user-invites.md): no field
 * required but those the unified invite cannot do without (id, email, role, status), times in RFC 3339 (the
 * schema's `format: date-time`: fractional seconds, `Z` or an offset) or the example's SQL style, any enum value
 * or a new one, unknown fields added. The wire schema must decode every one to the instant that was sent.
 */
import { describe, expect, it } from "@effect/vitest"
import { Invite } from "@invitekit/core"
import { SameDecode } from "@invitekit/testkit"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as PortkeyInvites from "../src/PortkeyInvites.js"
import * as PortkeySchema from "../src/PortkeySchema.js"

const optional = <A>(arbitrary: FastCheck.Arbitrary<A>) => FastCheck.option(arbitrary, { nil: undefined })
const withoutUndefined = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
const extras = FastCheck.dictionary(FastCheck.string().map((key) => `x_${key}`), FastCheck.jsonValue(), {
  maxKeys: 2
})
const openEnum = (...documented: ReadonlyArray<string>) =>
  FastCheck.oneof(FastCheck.constantFrom(...documented), FastCheck.string())

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0")

/** An instant and one way of writing it, with the milliseconds the decoded instant must hold. */
const timestamp = FastCheck.record({
  // whole milliseconds, years 1000–9998 so that any offset keeps the date within four digits
  millis: FastCheck.integer({ min: -30_610_224_000_000, max: 253_370_764_800_000 }),
  form: FastCheck.constantFrom("sql", "rfc3339"),
  separator: FastCheck.constantFrom("T", "t", " "),
  fraction: FastCheck.integer({ min: 0, max: 9 }),
  zone: FastCheck.oneof(FastCheck.constantFrom("Z", "z"), FastCheck.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }))
}).map(({ form, fraction, millis, separator, zone }) => {
  const offsetMinutes = form === "sql" || typeof zone === "string" ? 0 : zone
  const local = new Date(millis + offsetMinutes * 60_000)
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`
  if (form === "sql") return { text: `${date} ${time}`, millis: millis - local.getUTCMilliseconds() }
  const digits = `${pad(local.getUTCMilliseconds(), 3)}${"7".repeat(Math.max(0, fraction - 3))}`.slice(0, fraction)
  const written = fraction === 0 ? "" : `.${digits}`
  const kept = fraction === 0 ? 0 : Number(digits.slice(0, 3).padEnd(3, "0"))
  const suffix = typeof zone === "string"
    ? zone
    : `${zone < 0 ? "-" : "+"}${pad(Math.trunc(Math.abs(zone) / 60))}:${pad(Math.abs(zone) % 60)}`
  return { text: `${date}${separator}${time}${written}${suffix}`, millis: millis - local.getUTCMilliseconds() + kept }
})

const maybeTime = optional(FastCheck.option(timestamp))

const invite = FastCheck.record({
  object: optional(FastCheck.string()),
  id: FastCheck.uuid(),
  email: FastCheck.emailAddress(),
  role: openEnum("admin", "member"),
  status: openEnum("pending", "cancelled", "accepted", "expired"),
  created_at: maybeTime,
  expires_at: maybeTime,
  accepted_at: maybeTime,
  invited_by: optional(FastCheck.option(FastCheck.uuid())),
  workspaces: optional(FastCheck.array(FastCheck.record({ workspace_id: FastCheck.string(), role: FastCheck.string() }), {
    maxLength: 2
  })),
  extras
})

const wireInvite = (generated: typeof invite extends FastCheck.Arbitrary<infer A> ? A : never) => {
  const { accepted_at, created_at, expires_at, extras, ...fields } = generated
  const text = (time: typeof created_at) => time === undefined || time === null ? time : time.text
  return {
    ...extras,
    ...withoutUndefined({
      ...fields,
      created_at: text(created_at),
      expires_at: text(expires_at),
      accepted_at: text(accepted_at)
    })
  }
}

const page = FastCheck.record({
  object: optional(FastCheck.constantFrom("list", "invites")),
  total: optional(FastCheck.nat()),
  data: FastCheck.array(invite, { maxLength: 4 }),
  extras
})

const wirePage = (generated: typeof page extends FastCheck.Arbitrary<infer A> ? A : never) => {
  const { data, extras: extra, ...fields } = generated
  return { ...extra, ...withoutUndefined(fields), data: data.map(wireInvite) }
}

const decodePage = Schema.decodeUnknownEither(PortkeySchema.InviteList)
const millisOf = (time: { readonly millis: number } | null | undefined) =>
  time === undefined || time === null ? null : new Date(time.millis).toISOString()

describe("PortkeySchema properties", () => {
  it.prop("decodes every page the docs allow, each time to the instant sent", [page], ([generated]) => {
    const { data } = generated
    const body = wirePage(generated)
    const decoded = decodePage(body)
    if (Either.isLeft(decoded)) throw new Error(`${JSON.stringify(body)}\n${decoded.left}`)
    expect(decoded.right.total).toBe(generated.total)
    for (const [index, item] of decoded.right.data.entries()) {
      const sent = data[index]!
      const unified = Invite.encode(PortkeyInvites.toInvite(item))
      expect(unified.id).toBe(sent.id)
      expect(unified.invitedAt).toBe(millisOf(sent.created_at))
      expect(unified.expiresAt).toBe(millisOf(sent.expires_at))
      expect(unified.acceptedAt).toBe(millisOf(sent.accepted_at))
      expect(unified.invitedBy).toBe(sent.invited_by ?? null)
    }
  })
})

describe("PortkeySchema decoded by WireDecode", () => {
  it.prop("a page, valid or broken, decodes exactly as effect's parser decodes it", [
    SameDecode.validAndBroken(FastCheck.oneof(page.map(wirePage), SameDecode.fromSchema(PortkeySchema.InviteList)))
  ], ([body]) => {
    SameDecode.expectSameDecode(PortkeySchema.InviteList, body)
  }, { fastCheck: { numRuns: 300 } })

  it.prop("an invite, valid or broken, decodes exactly as effect's parser decodes it", [
    SameDecode.validAndBroken(FastCheck.oneof(invite.map(wireInvite), SameDecode.fromSchema(PortkeySchema.Invite)))
  ], ([body]) => {
    SameDecode.expectSameDecode(PortkeySchema.Invite, body)
  }, { fastCheck: { numRuns: 300 } })
})
