import { describe, expect, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import { Invite, InviteStatus } from "../src/index.js"
import { daysAgo, invite, now } from "./fixtures/invites.js"

describe("InviteStatus.effective", () => {
  it.each([
    ["pending", daysAgo(-1), "pending"],
    ["pending", null, "pending"],
    ["pending", daysAgo(1), "expired"],
    ["PENDING", daysAgo(1), "expired"],
    ["expired", daysAgo(1), "expired"],
    ["expired", null, "expired"],
    ["accepted", daysAgo(1), "accepted"],
    ["deleted", daysAgo(-1), "revoked"],
    ["cancelled", daysAgo(-1), "revoked"],
    ["revoked_by_scim", daysAgo(-1), "unknown"],
    ["constructor", null, "unknown"],
    ["", null, "unknown"]
  ] as const)("%s with expiry %s is %s", (status, expiresAt, expected) => {
    expect(InviteStatus.effective(invite({ status, expiresAt }), now)).toBe(expected)
  })

  it("an expiry exactly now has not passed (as Invite.isStale)", () => {
    const atNow = invite({ expiresAt: now })
    expect(InviteStatus.effective(atNow, now)).toBe("pending")
    expect(Invite.isStale(atNow, now.epochMillis)).toBe(false)
    const justAfter = DateTime.unsafeMake(now.epochMillis + 1)
    expect(InviteStatus.effective(atNow, justAfter)).toBe("expired")
    expect(Invite.isStale(atNow, justAfter.epochMillis)).toBe(true)
  })

  it("each provider's documented statuses map into the model", () => {
    const documented: Record<string, ReadonlyArray<string>> = {
      openai: ["pending", "accepted", "expired"],
      anthropic: ["pending", "accepted", "expired", "deleted"],
      portkey: ["pending", "accepted", "cancelled", "expired"],
      openlayer: ["pending", "accepted"]
    }
    for (const statuses of Object.values(documented)) {
      for (const status of statuses) {
        expect(InviteStatus.effective(invite({ status }), now)).not.toBe("unknown")
      }
    }
  })

  it("an Openlayer invite (no expiry) stays pending however old", () => {
    const old = invite({ provider: "openlayer", account: "openlayer", expiresAt: null, invitedAt: daysAgo(900) })
    expect(InviteStatus.effective(old, now)).toBe("pending")
  })
})

describe("InviteStatus.isOpen", () => {
  it("open: pending in effect, or a status it does not know; closed: everything else", () => {
    expect(InviteStatus.isOpen(invite(), now)).toBe(true)
    expect(InviteStatus.isOpen(invite({ status: "revoked_by_scim" }), now)).toBe(true)
    expect(InviteStatus.isOpen(invite({ expiresAt: daysAgo(1) }), now)).toBe(false)
    for (const status of ["accepted", "expired", "deleted", "cancelled"]) {
      expect(InviteStatus.isOpen(invite({ status }), now)).toBe(false)
    }
  })

  it("isPendingPastExpiry: pending as sent and past expiry, nothing else", () => {
    expect(InviteStatus.isPendingPastExpiry(invite({ expiresAt: daysAgo(1) }), now)).toBe(true)
    expect(InviteStatus.isPendingPastExpiry(invite({ expiresAt: daysAgo(-1) }), now)).toBe(false)
    expect(InviteStatus.isPendingPastExpiry(invite({ expiresAt: null }), now)).toBe(false)
    expect(InviteStatus.isPendingPastExpiry(invite({ status: "expired", expiresAt: daysAgo(1) }), now)).toBe(false)
  })
})
