/**
 * Responses generated from the constraints of Openlayer's reference (openlayer-list-workspace-invites.md): the
 * invite's required fields always there, the creator's fields (none required) there, null or absent, any role
 * or status, unknown fields added. The wire schema must decode every one; a creator without id is invitedBy null.
 */
import { describe, expect, it } from "@effect/vitest"
import { Invite } from "@invitekit/core"
import { SameDecode } from "@invitekit/testkit"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as OpenlayerInvites from "../src/OpenlayerInvites.js"
import * as OpenlayerSchema from "../src/OpenlayerSchema.js"

const optional = <A>(arbitrary: FastCheck.Arbitrary<A>) => FastCheck.option(arbitrary, { nil: undefined })
const withoutUndefined = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
const extras = FastCheck.dictionary(FastCheck.string().map((key) => `x_${key}`), FastCheck.jsonValue(), {
  maxKeys: 2
})
const dateTime = FastCheck.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z") })
  .filter((date) => !Number.isNaN(date.getTime()))
  .map((date) => date.toISOString())

const creator = FastCheck.record({
  id: optional(FastCheck.uuid()),
  username: optional(FastCheck.option(FastCheck.string({ maxLength: 64 }))),
  name: optional(FastCheck.option(FastCheck.string({ maxLength: 120 })))
}).map(withoutUndefined)

const workspace = FastCheck.record({
  id: FastCheck.uuid(),
  name: FastCheck.string({ maxLength: 20 }),
  slug: FastCheck.stringMatching(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).map((slug) => slug.slice(0, 20)),
  dateCreated: dateTime,
  memberCount: FastCheck.nat()
})

const invite = FastCheck.record({
  id: FastCheck.uuid(),
  dateCreated: dateTime,
  creator,
  status: FastCheck.oneof(FastCheck.constantFrom("accepted", "pending"), FastCheck.string()),
  workspace,
  email: FastCheck.emailAddress(),
  role: FastCheck.oneof(FastCheck.constantFrom("ADMIN", "MEMBER", "VIEWER"), FastCheck.string()),
  extras
}).map(({ extras, ...fields }) => ({ ...extras, ...fields }))

const decodePage = Schema.decodeUnknownEither(OpenlayerSchema.InvitesPage)

describe("OpenlayerSchema properties", () => {
  it.prop("decodes every page the reference allows; invitedBy is the creator's id or null", [
    FastCheck.array(invite, { maxLength: 4 })
  ], ([items]) => {
    const decoded = decodePage({ items })
    if (Either.isLeft(decoded)) throw new Error(`${JSON.stringify(items)}\n${decoded.left}`)
    for (const [index, item] of decoded.right.items.entries()) {
      const sent = items[index]!
      const unified = Invite.encode(OpenlayerInvites.toInvite(item))
      expect([unified.id, unified.role, unified.invitedAt]).toEqual([sent.id, sent.role, sent.dateCreated])
      expect(unified.invitedBy).toBe(sent.creator["id"] ?? null)
    }
  })
})

describe("OpenlayerSchema decoded by WireDecode", () => {
  it.prop("a page, valid or broken, decodes exactly as effect's parser decodes it", [
    SameDecode.validAndBroken(FastCheck.oneof(FastCheck.array(invite, { maxLength: 4 }).map((items) => ({ items })), SameDecode.fromSchema(OpenlayerSchema.InvitesPage)))
  ], ([body]) => {
    SameDecode.expectSameDecode(OpenlayerSchema.InvitesPage, body)
  }, { fastCheck: { numRuns: 300 } })

  it.prop("an invite, valid or broken, decodes exactly as effect's parser decodes it", [
    SameDecode.validAndBroken(FastCheck.oneof(invite, SameDecode.fromSchema(OpenlayerSchema.Invite)))
  ], ([body]) => {
    SameDecode.expectSameDecode(OpenlayerSchema.Invite, body)
  }, { fastCheck: { numRuns: 300 } })
})
