import { describe, expect, it } from "@effect/vitest"
import { Invite } from "@invitekit/core"
import { DateTime, Effect, Either } from "effect"
import * as Schema from "effect/Schema"
import * as PortkeyInvites from "../src/PortkeyInvites.js"
import * as PortkeySchema from "../src/PortkeySchema.js"

// The example of the API reference (seeds/portkey-list-user-invites.md), as sent.
const docsExample = {
  object: "list",
  total: 2,
  data: [
    {
      object: "invite",
      id: "419641fb-1458-47d6-94d0-e308159b3ec2",
      email: "horace.slughorn@example.com",
      role: "member",
      created_at: "2023-12-12 13:56:32",
      expires_at: "2023-12-12 13:56:32",
      accepted_at: "2023-12-12 13:56:32",
      status: "pending",
      invited_by: "a90e74fb-269e-457b-8b59-9426cdd8907e",
      workspaces: [{ workspace_id: "", role: "" }]
    }
  ]
}

const decodeList = Schema.decodeUnknownEither(PortkeySchema.InviteList)
const decodeInvite = Schema.decodeUnknownSync(PortkeySchema.Invite)
const invite = docsExample.data[0]!

describe("PortkeySchema", () => {
  it("decodes the API reference's example, reading zone-less timestamps as UTC", () => {
    const decoded = decodeList(docsExample)
    expect(Either.isRight(decoded)).toBe(true)
    const list = Either.getOrThrow(decoded)
    expect(list.total).toBe(2)
    expect(DateTime.formatIso(list.data[0]!.created_at!)).toBe("2023-12-12T13:56:32.000Z")
    expect(list.data[0]!.workspaces).toEqual([{ workspace_id: "", role: "" }])
  })

  it("encodes timestamps back to Portkey's format", () => {
    const decoded = decodeInvite(invite)
    expect(Schema.encodeSync(PortkeySchema.Invite)(decoded)).toEqual(invite)
  })

  it("accepts accepted_at absent or null, and workspaces absent", () => {
    const { accepted_at: _, workspaces: __, ...bare } = invite
    expect(decodeInvite(bare).accepted_at).toBeUndefined()
    expect(decodeInvite({ ...invite, accepted_at: null }).accepted_at).toBeNull()
    expect(decodeInvite(bare).workspaces).toBeUndefined()
  })

  it("keeps a role or status the docs do not list, and ignores unknown fields", () => {
    const decoded = decodeInvite({ ...invite, role: "owner", status: "revoked", organisation_id: "org-1" })
    expect(decoded.role).toBe("owner")
    expect(decoded.status).toBe("revoked")
    expect(decoded).not.toHaveProperty("organisation_id")
  })

  it.each([
    ["an RFC 3339 date-time without its zone", "2023-12-12T13:56:32"],
    ["an offset without a colon", "2023-12-12T13:56:32+0200"],
    ["February 30th", "2023-02-30 13:56:32"],
    ["an impossible date", "2023-13-45 13:56:32"],
    ["a date without time", "2023-12-12"]
  ])("rejects %s", (_, created_at) => {
    expect(Either.isLeft(Schema.decodeUnknownEither(PortkeySchema.Invite)({ ...invite, created_at }))).toBe(true)
  })

  it.each([
    [{ success: false, data: { message: "Invalid API Key" } }, "Invalid API Key"],
    [{ message: "Not Found" }, "Not Found"],
    [{ error: "bad request" }, "bad request"],
    [{ error: { message: "nested" } }, "nested"],
    [{ success: false, data: {} }, undefined],
    ["<html>", undefined]
  ])("errorMessage reads Portkey's message from %j", (body, message) => {
    expect(PortkeySchema.errorMessage(body)).toBe(message)
  })
})

describe("PortkeyInvites.toInvite", () => {
  it.effect("maps the wire invite to the unified invite, workspaces to scopes", () =>
    Effect.gen(function*() {
      const wire = decodeInvite({
        ...invite,
        role: "admin",
        status: "accepted",
        accepted_at: "2023-12-13 08:00:00",
        workspaces: [{ workspace_id: "ws-1", role: "manager" }, { workspace_id: "ws-2", role: "member" }]
      })
      const mapped = PortkeyInvites.toInvite(wire)
      expect(Invite.encode(mapped)).toEqual({
        account: "portkey",
        provider: "portkey",
        id: "419641fb-1458-47d6-94d0-e308159b3ec2",
        email: "horace.slughorn@example.com",
        role: "admin",
        status: "accepted",
        invitedAt: "2023-12-12T13:56:32.000Z",
        expiresAt: "2023-12-12T13:56:32.000Z",
        acceptedAt: "2023-12-13T08:00:00.000Z",
        invitedBy: "a90e74fb-269e-457b-8b59-9426cdd8907e",
        scopes: [
          { kind: "workspace", id: "ws-1", name: null, role: "manager" },
          { kind: "workspace", id: "ws-2", name: null, role: "member" }
        ]
      })
      // the unified schema accepts what toInvite builds
      yield* Invite.decodeUnknown(Invite.encode(mapped))
    }))

  it("maps an absent accepted_at and absent workspaces to null and no scopes", () => {
    const { accepted_at: _, workspaces: __, ...bare } = invite
    const mapped = PortkeyInvites.toInvite(decodeInvite(bare))
    expect(mapped.acceptedAt).toBeNull()
    expect(mapped.scopes).toEqual([])
  })
})
