/**
 * Responses generated from the constraints of Anthropic's reference (anthropic-list-invites.md): every field it
 * marks required, times in RFC 3339 (fractional seconds to microseconds, `Z` or an offset), any role or status
 * (documented, `claude_code_user`, `managed` or new), unknown fields such as `workspace_roles` added. The wire
 * schema must decode every one, keeping the role verbatim.
 */
import { describe, expect, it } from "@effect/vitest"
import { Invite } from "@invitekit/core"
import { SameDecode } from "@invitekit/testkit"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { AnthropicInvites, AnthropicSchema } from "../src/index.js"

const extras = FastCheck.dictionary(FastCheck.string().map((key) => `x_${key}`), FastCheck.jsonValue(), {
  maxKeys: 2
})
const workspaceRoles = FastCheck.array(
  FastCheck.record({ workspace_id: FastCheck.string(), role: FastCheck.string() }),
  { maxLength: 2 }
)
const role = FastCheck.oneof(
  FastCheck.constantFrom("user", "developer", "billing", "admin", "claude_code_user", "managed"),
  FastCheck.string()
)
const status = FastCheck.oneof(FastCheck.constantFrom("accepted", "expired", "deleted", "pending"), FastCheck.string())

/** An RFC 3339 instant (Z or offset, 0–6 fractional digits) and the milliseconds it must decode to. */
const timestamp = FastCheck.record({
  seconds: FastCheck.integer({ min: 0, max: 253_370_764_799 }),
  micros: FastCheck.integer({ min: 0, max: 999_999 }),
  digits: FastCheck.constantFrom(0, 3, 6),
  offset: FastCheck.option(FastCheck.integer({ min: -14 * 60, max: 14 * 60 }))
}).map(({ digits, micros, offset, seconds }) => {
  const local = new Date((seconds + (offset ?? 0) * 60) * 1000).toISOString().slice(0, 19)
  const fraction = digits === 0 ? "" : `.${String(micros).padStart(6, "0").slice(0, digits)}`
  const zone = offset === null
    ? "Z"
    : `${offset < 0 ? "-" : "+"}${String(Math.trunc(Math.abs(offset) / 60)).padStart(2, "0")}:${
      String(Math.abs(offset) % 60).padStart(2, "0")
    }`
  return { text: `${local}${fraction}${zone}`, iso: new Date(seconds * 1000 + (digits === 0 ? 0 : Math.trunc(micros / 1000))).toISOString() }
})

const invite = FastCheck.record({
  id: FastCheck.string(),
  email: FastCheck.string(),
  role,
  status,
  invited_at: timestamp,
  expires_at: timestamp,
  workspace_roles: FastCheck.option(workspaceRoles, { nil: undefined }),
  extras
})

const page = FastCheck.record({
  data: FastCheck.array(invite, { maxLength: 4 }),
  has_more: FastCheck.boolean(),
  first_id: FastCheck.option(FastCheck.string()),
  last_id: FastCheck.option(FastCheck.string())
})

const wireInvite = (
  { expires_at, extras, invited_at, workspace_roles, ...fields }: typeof invite extends FastCheck.Arbitrary<infer A> ? A
    : never
) => ({
  ...extras,
  ...fields,
  type: "invite",
  invited_at: invited_at.text,
  expires_at: expires_at.text,
  ...(workspace_roles === undefined ? {} : { workspace_roles })
})

const wirePage = (generated: typeof page extends FastCheck.Arbitrary<infer A> ? A : never) => ({
  ...generated,
  data: generated.data.map(wireInvite)
})

const decodePage = Schema.decodeUnknownEither(AnthropicSchema.InviteList)

describe("AnthropicSchema properties", () => {
  it.prop("decodes every page the reference allows, roles verbatim, times to the instant sent", [page], ([generated]) => {
    const body = wirePage(generated)
    const decoded = decodePage(body)
    if (Either.isLeft(decoded)) throw new Error(`${JSON.stringify(body)}\n${decoded.left}`)
    for (const [index, item] of decoded.right.data.entries()) {
      const sent = generated.data[index]!
      const unified = Invite.encode(AnthropicInvites.toInvite(item))
      expect([unified.id, unified.role, unified.status]).toEqual([sent.id, sent.role, sent.status])
      expect(unified.invitedAt).toBe(sent.invited_at.iso)
      expect(unified.expiresAt).toBe(sent.expires_at.iso)
    }
  })
})

describe("AnthropicSchema decoded by WireDecode", () => {
  it.prop("a page, valid or broken, decodes exactly as effect's parser decodes it", [
    SameDecode.validAndBroken(FastCheck.oneof(page.map(wirePage), SameDecode.fromSchema(AnthropicSchema.InviteList)))
  ], ([body]) => {
    SameDecode.expectSameDecode(AnthropicSchema.InviteList, body)
  }, { fastCheck: { numRuns: 300 } })

  it.prop("an invite, valid or broken, decodes exactly as effect's parser decodes it", [
    SameDecode.validAndBroken(FastCheck.oneof(invite.map(wireInvite), SameDecode.fromSchema(AnthropicSchema.Invite)))
  ], ([body]) => {
    SameDecode.expectSameDecode(AnthropicSchema.Invite, body)
  }, { fastCheck: { numRuns: 300 } })
})
