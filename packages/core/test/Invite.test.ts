import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect } from "effect"
import { Invite, InviteSource } from "../src/index.js"
import { Stream, Chunk } from "effect"
import * as Arbitrary from "effect/Arbitrary"
import * as Schema from "effect/Schema"

const invite = (overrides: Partial<Invite.Invite> = {}): Invite.Invite => ({
  account: "acme-prod",
  provider: "openai",
  id: "invite-abc",
  email: "Ada+ops@Example.com",
  role: "owner",
  status: "pending",
  invitedAt: DateTime.unsafeMake("2024-03-26T16:45:33Z"),
  expiresAt: DateTime.unsafeMake("2024-04-02T16:45:33.427Z"),
  acceptedAt: null,
  invitedBy: null,
  scopes: [{ kind: "project", id: "proj_1", name: null, role: "member" }],
  ...overrides
})

describe("Invite JSON encoding", () => {
  it("has exactly the documented fields, in order, with ISO-8601 UTC instants", () => {
    const json = Invite.encode(invite())
    expect(Object.keys(json)).toEqual(Invite.fields)
    expect(json).toEqual({
      account: "acme-prod",
      provider: "openai",
      id: "invite-abc",
      email: "Ada+ops@Example.com",
      role: "owner",
      status: "pending",
      invitedAt: "2024-03-26T16:45:33.000Z",
      expiresAt: "2024-04-02T16:45:33.427Z",
      acceptedAt: null,
      invitedBy: null,
      scopes: [{ kind: "project", id: "proj_1", name: null, role: "member" }]
    })
  })

  it.effect("round-trips, and keeps a status it does not know", () =>
    Effect.gen(function*() {
      const original = invite({ status: "revoked_by_scim" })
      const decoded = yield* Invite.decodeUnknown(JSON.parse(JSON.stringify(Invite.encode(original))))
      expect(decoded.status).toBe("revoked_by_scim")
      expect(Invite.encode(decoded)).toEqual(Invite.encode(original))
    }))

  it("isStale: pending and past its expiry", () => {
    const expiry = Date.parse("2024-04-02T16:45:33.427Z")
    expect(Invite.isStale(invite(), expiry + 1)).toBe(true)
    expect(Invite.isStale(invite(), expiry - 1)).toBe(false)
    expect(Invite.isStale(invite({ status: "accepted" }), expiry + 1)).toBe(false)
    expect(Invite.isStale(invite({ expiresAt: null }), expiry + 1)).toBe(false)
  })

  it.prop("encodes exactly as the schema does: the same keys, in the same order, the same instants", [
    Arbitrary.make(Invite.Invite)
  ], ([invite]) => {
    const expected = Schema.encodeSync(Invite.Invite)(invite)
    const encoded = Invite.encode(invite)
    expect(JSON.stringify(encoded)).toBe(JSON.stringify(expected))
    expect(encoded).toStrictEqual(expected)
  }, { fastCheck: { numRuns: 300 } })
})

describe("InviteSource filters", () => {
  const all = [
    invite({ id: "1" }),
    invite({ id: "2", status: "accepted" }),
    invite({ id: "3", role: "ADMIN", email: "b@example.com" }),
    invite({ id: "4", role: "reader" })
  ]
  const source = InviteSource.make({ provider: "openai", account: "acme-prod" }, () => Stream.fromIterable(all))
  const ids = (filter: InviteSource.Filter) =>
    Effect.map(Stream.runCollect(source.list(filter)), (chunk) => Chunk.toArray(chunk).map((i) => i.id))

  it.effect("by status, role (ignoring case) and email (ignoring case); all must match", () =>
    Effect.gen(function*() {
      expect(yield* ids({})).toEqual(["1", "2", "3", "4"])
      expect(yield* ids({ status: "accepted" })).toEqual(["2"])
      expect(yield* ids({ role: "admin" })).toEqual(["3"])
      expect(yield* ids({ email: "ada+ops@example.com" })).toEqual(["1", "2", "4"])
      expect(yield* ids({ email: "ada+ops@example.com", role: "reader" })).toEqual(["4"])
      expect(yield* ids({ email: "ada@example.com" })).toEqual([])
    }))
})
