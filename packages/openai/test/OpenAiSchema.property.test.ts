/**
 * Responses generated from the constraints of OpenAI's documents (openai-list-invites.openapi.md and the SDK
 * reference): required fields always there, optional ones there, null or absent, any enum value or a new one,
 * unknown fields added. The wire schema must decode every one, and the unified invite must encode.
 */
import { describe, expect, it } from "@effect/vitest"
import { Invite } from "@invitekit/core"
import { SameDecode } from "@invitekit/testkit"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { OpenAiInvites, OpenAiSchema } from "../src/index.js"

/** A field that may be absent: `undefined` here, dropped before it goes on the wire. */
const optional = <A>(arbitrary: FastCheck.Arbitrary<A>) => FastCheck.option(arbitrary, { nil: undefined })
const withoutUndefined = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))

/** Fields the documents do not name (a response may grow), with any JSON value. */
const extras = FastCheck.dictionary(FastCheck.string().map((key) => `x_${key}`), FastCheck.jsonValue(), {
  maxKeys: 2
})
const unixSeconds = FastCheck.integer({ min: 0, max: 253_402_300_799 })
const openEnum = (...documented: ReadonlyArray<string>) =>
  FastCheck.oneof(FastCheck.constantFrom(...documented), FastCheck.string())

const project = FastCheck.record({ id: FastCheck.string(), role: optional(openEnum("member", "owner")) })
  .map(withoutUndefined)

const invite = FastCheck.record({
  object: FastCheck.constant("organization.invite"),
  id: FastCheck.string(),
  email: FastCheck.string(),
  role: openEnum("owner", "reader"),
  status: openEnum("accepted", "expired", "pending"),
  // The OpenAPI document's invited_at, the current API's created_at, or both.
  time: FastCheck.constantFrom("invited_at", "created_at", "both"),
  at: unixSeconds,
  expires_at: optional(FastCheck.option(unixSeconds)),
  accepted_at: optional(FastCheck.option(unixSeconds)),
  projects: optional(FastCheck.array(project, { maxLength: 3 })),
  extras
}).map(({ at, extras, time, ...fields }): Record<string, unknown> => ({
  ...extras,
  ...withoutUndefined(fields),
  ...(time !== "created_at" ? { invited_at: at } : {}),
  ...(time !== "invited_at" ? { created_at: at } : {})
}))

const page = FastCheck.record({
  object: FastCheck.constant("list"),
  data: FastCheck.array(invite, { maxLength: 5 }),
  first_id: optional(FastCheck.option(FastCheck.string())),
  last_id: optional(FastCheck.option(FastCheck.string())),
  has_more: optional(FastCheck.boolean()),
  extras
}).map(({ data, extras, ...fields }) => ({ ...extras, ...withoutUndefined(fields), data }))

const decodePage = Schema.decodeUnknownEither(OpenAiSchema.InviteList)

describe("OpenAiSchema properties", () => {
  it.prop("decodes every page the documents allow, and every invite maps and encodes", [page], ([body]) => {
    const decoded = decodePage(body)
    if (Either.isLeft(decoded)) throw new Error(String(decoded.left))
    expect(decoded.right.data.map((item) => item.id)).toEqual(body.data.map((item) => item["id"]))
    for (const [index, item] of decoded.right.data.entries()) {
      const unified = Invite.encode(OpenAiInvites.toInvite(item))
      const sent = body.data[index]!
      expect(unified.role).toBe(sent["role"])
      expect(unified.invitedAt).toBe(new Date(Number(sent["created_at"] ?? sent["invited_at"]) * 1000).toISOString())
      expect(unified.expiresAt === null).toBe(sent["expires_at"] == null)
      expect(unified.acceptedAt === null).toBe(sent["accepted_at"] == null)
    }
  })
})

describe("OpenAiSchema decoded by WireDecode", () => {
  it.prop("a page, valid or broken, decodes exactly as effect's parser decodes it", [
    SameDecode.validAndBroken(FastCheck.oneof(page, SameDecode.fromSchema(OpenAiSchema.InviteList)))
  ], ([body]) => {
    SameDecode.expectSameDecode(OpenAiSchema.InviteList, body)
  }, { fastCheck: { numRuns: 300 } })

  it.prop("an invite, valid or broken, decodes exactly as effect's parser decodes it", [
    SameDecode.validAndBroken(FastCheck.oneof(invite, SameDecode.fromSchema(OpenAiSchema.Invite)))
  ], ([body]) => {
    SameDecode.expectSameDecode(OpenAiSchema.Invite, body)
  }, { fastCheck: { numRuns: 300 } })
})
