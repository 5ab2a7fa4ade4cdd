import type * as Invite from "@invitekit/core/Invite"
import * as DateTime from "effect/DateTime"
import { describe, expect, it } from "vitest"
import * as Output from "../src/Output.js"
import * as Summary from "../src/Summary.js"

const now = Date.parse("2024-12-01T00:00:00Z")
let n = 0
const invite = (provider: Invite.Invite["provider"], status: string, expiresAt: string | null = null): Invite.Invite => ({
  account: provider,
  provider,
  id: `i${n++}`,
  email: `u${n}@example.com`,
  role: "member",
  status,
  invitedAt: null,
  expiresAt: expiresAt === null ? null : DateTime.unsafeMake(expiresAt),
  acceptedAt: null,
  invitedBy: null,
  scopes: []
})

describe("Summary", () => {
  it("counts by provider and status, stale pending invites, and leaves failed providers out", () => {
    const acc = Summary.empty(["openai", "anthropic", "portkey"], now)
    const invites = [
      invite("openai", "pending", "2024-11-01T00:00:00Z"), // stale
      invite("openai", "pending", "2025-01-01T00:00:00Z"),
      invite("openai", "accepted"),
      invite("openai", "expired", "2024-10-01T00:00:00Z"), // expired, not pending: not stale
      invite("anthropic", "pending", "2024-11-20T00:00:00Z"), // stale
      invite("anthropic", "weird-status"),
      invite("portkey", "pending", "2024-01-01T00:00:00Z")
    ]
    for (const i of invites) Summary.add(acc, i)
    const summary = Summary.finish(acc, ["portkey"])
    expect(summary.providers.map((p) => [p.provider, p.total, p.byStatus, p.stale])).toEqual([
      ["openai", 4, { pending: 2, accepted: 1, expired: 1 }, 1],
      ["anthropic", 2, { pending: 1, "weird-status": 1 }, 1]
    ])
    expect(summary.total).toEqual({ total: 6, byStatus: { pending: 3, accepted: 1, expired: 1, "weird-status": 1 }, stale: 2 })
    expect(summary.oldestStale.map((i) => i.id)).toEqual([invites[0]!.id, invites[4]!.id])
    expect(summary.failed).toEqual(["portkey"])
  })

  it("keeps only the oldest stale invites, oldest first", () => {
    const acc = Summary.empty(["openai"], now)
    const days = Array.from({ length: 25 }, (_, d) => (d * 7) % 25) // a shuffled 0..24
    for (const d of days) Summary.add(acc, invite("openai", "pending", new Date(Date.UTC(2024, 0, 1 + d)).toISOString()))
    const summary = Summary.finish(acc, [])
    expect(summary.total.stale).toBe(25)
    expect(summary.oldestStale.map((i) => i.expiresAt!.epochMillis)).toEqual(
      Array.from({ length: Summary.staleShown }, (_, d) => Date.UTC(2024, 0, 1 + d))
    )
  })

  it("renders a provider × status table with totals, and JSON with the same counts", () => {
    const acc = Summary.empty(["openai", "anthropic"], now)
    Summary.add(acc, invite("openai", "pending", "2024-11-01T00:00:00Z"))
    Summary.add(acc, invite("openai", "accepted"))
    const summary = Summary.finish(acc, [])
    const lines = Output.summaryTable(summary).split("\n")
    expect(lines.slice(0, 4)).toEqual([
      "PROVIDER   PENDING  ACCEPTED  TOTAL  STALE",
      "OpenAI           1         1      2      1",
      "Anthropic        0         0      0      0",
      "all              1         1      2      1"
    ])
    expect(lines.join("\n")).toContain("Stale: pending invites past their expiry")
    const json = JSON.parse(Output.summaryJson(summary))
    expect(json.providers).toEqual([
      { provider: "openai", total: 2, byStatus: { pending: 1, accepted: 1 }, stale: 1 },
      { provider: "anthropic", total: 0, byStatus: {}, stale: 0 }
    ])
    expect(json.total).toEqual({ total: 2, byStatus: { pending: 1, accepted: 1 }, stale: 1 })
    expect(json.oldestStale).toHaveLength(1)
  })
})
