import { describe, expect, it } from "@effect/vitest"
import { Invite } from "@invitekit/core"
import { DateTime, Effect, Either } from "effect"
import * as Schema from "effect/Schema"
import * as OpenlayerInvites from "../src/OpenlayerInvites.js"
import * as OpenlayerSchema from "../src/OpenlayerSchema.js"

// An invite as the API reference (seeds/openlayer-list-workspace-invites.md) describes it, with its examples.
const invite = {
  id: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  dateCreated: "2024-03-05T10:11:12.345Z",
  creator: { id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", username: "user123", name: "Rishab Ramanathan" },
  status: "pending",
  workspace: {
    id: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
    name: "Openlayer",
    slug: "openlayer",
    dateCreated: "2023-01-01T00:00:00Z",
    memberCount: 12
  },
  email: "user@email.com",
  role: "ADMIN"
}

const decodeInvite = Schema.decodeUnknownSync(OpenlayerSchema.Invite)

describe("OpenlayerSchema", () => {
  it("decodes an invite page, reading ISO 8601 dates", () => {
    const page = Schema.decodeUnknownSync(OpenlayerSchema.InvitesPage)({ items: [invite] })
    expect(page.items[0]!.role).toBe("ADMIN")
    expect(DateTime.formatIso(page.items[0]!.dateCreated)).toBe("2024-03-05T10:11:12.345Z")
    expect(page.items[0]!.workspace.memberCount).toBe(12)
  })

  it("keeps a role or status the docs do not list, as sent, and ignores unknown fields", () => {
    const decoded = decodeInvite({ ...invite, role: "OWNER", status: "revoked", dateUpdated: "2024-03-06T00:00:00Z" })
    expect(decoded.role).toBe("OWNER")
    expect(decoded.status).toBe("revoked")
    expect(decoded).not.toHaveProperty("dateUpdated")
  })

  it("accepts a creator without a username or name", () => {
    const decoded = decodeInvite({ ...invite, creator: { id: "c-1", username: null, name: null } })
    expect(decoded.creator).toEqual({ id: "c-1", username: null, name: null })
  })

  it.each(["id", "dateCreated", "creator", "status", "workspace", "email", "role"])(
    "requires %s",
    (field) => {
      const { [field as keyof typeof invite]: _, ...rest } = invite
      expect(Either.isLeft(Schema.decodeUnknownEither(OpenlayerSchema.Invite)(rest))).toBe(true)
    }
  )

  it("rejects a date that is not one", () => {
    expect(Either.isLeft(Schema.decodeUnknownEither(OpenlayerSchema.Invite)({ ...invite, dateCreated: "yesterday" })))
      .toBe(true)
  })

  it.each([
    [{ code: 404, error: "Workspace not found" }, "Workspace not found"],
    [{ error: "Unauthorized" }, "Unauthorized"],
    [{ code: 500 }, undefined],
    [{ code: 500, error: "  " }, undefined],
    ["<html>", undefined]
  ])("errorMessage reads Openlayer's message from %j", (body, message) => {
    expect(OpenlayerSchema.errorMessage(body)).toBe(message)
  })
})

describe("OpenlayerInvites.toInvite", () => {
  it.effect("maps the wire invite to the unified invite: role as sent, the workspace as the scope", () =>
    Effect.gen(function*() {
      const mapped = OpenlayerInvites.toInvite(decodeInvite(invite))
      expect(Invite.encode(mapped)).toEqual({
        account: "openlayer",
        provider: "openlayer",
        id: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        email: "user@email.com",
        role: "ADMIN",
        status: "pending",
        invitedAt: "2024-03-05T10:11:12.345Z",
        expiresAt: null,
        acceptedAt: null,
        invitedBy: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        scopes: [{ kind: "workspace", id: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", name: "Openlayer", role: "ADMIN" }]
      })
      yield* Invite.decodeUnknown(Invite.encode(mapped))
    }))
})
