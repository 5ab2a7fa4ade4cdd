import { Emulator } from "@invitekit/emulator"
import type * as Invite from "@invitekit/core/Invite"
import * as Provider from "@invitekit/core/Provider"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { expected, type Handle, keysOf, printed, run, start } from "../helpers.js"

let emulator: Handle

beforeAll(async () => {
  emulator = await start({ counts: { openai: 40, anthropic: 55, portkey: 30, openlayer: 15 } })
})

afterAll(async () => {
  for (const text of printed) for (const key of keysOf(emulator)) expect(text).not.toContain(key)
  await emulator.close()
})

const isStaleAt = (now: number) => (invite: Invite.Encoded) =>
  invite.status === "pending" && invite.expiresAt !== null && Date.parse(invite.expiresAt) < now

const countsOf = (invites: ReadonlyArray<Invite.Encoded>) => {
  const byStatus: Record<string, number> = {}
  for (const invite of invites) byStatus[invite.status] = (byStatus[invite.status] ?? 0) + 1
  return { total: invites.length, byStatus }
}

describe("summary", () => {
  it("json counts every provider × status and the stale invites, as the emulator serves them", async () => {
    const before = Date.now()
    const result = await run(["summary", "--format", "json"], { env: emulator.env })
    const after = Date.now()
    expect(result.code).toBe(0)
    expect(result.stderr).toBe("")
    const summary = JSON.parse(result.stdout)
    expect(summary.providers.map((row: { provider: string }) => row.provider)).toEqual(Emulator.providerNames)
    for (const row of summary.providers) {
      const invites = expected(emulator, row.provider)
      expect({ total: row.total, byStatus: row.byStatus }).toEqual(countsOf(invites))
      // Invites may expire while the command runs: between the counts before it started and after it ended.
      expect(row.stale).toBeGreaterThanOrEqual(invites.filter(isStaleAt(before)).length)
      expect(row.stale).toBeLessThanOrEqual(invites.filter(isStaleAt(after)).length)
    }
    const all = Emulator.providerNames.flatMap((provider) => expected(emulator, provider))
    expect(summary.total.total).toBe(all.length)
    expect(summary.failed).toEqual([])
    // The oldest stale invites, oldest first.
    const stale = all.filter(isStaleAt(after)).sort((a, b) => Date.parse(a.expiresAt!) - Date.parse(b.expiresAt!))
    expect(summary.oldestStale.length).toBe(Math.min(10, summary.total.stale))
    expect(summary.oldestStale.map((i: Invite.Encoded) => i.id)).toEqual(
      stale.slice(0, summary.oldestStale.length).map((i) => i.id)
    )
  })

  it("table shows one row per provider, an all row, and the stale invites", async () => {
    const result = await run(["summary"], { env: emulator.env })
    expect(result.code).toBe(0)
    const lines = result.stdout.split("\n")
    const header = lines[0]!.trim().split(/\s+/)
    expect(header[0]).toBe("PROVIDER")
    expect(header.slice(-2)).toEqual(["TOTAL", "STALE"])
    const statuses = header.slice(1, -2).map((s) => s.toLowerCase())
    expect(statuses).toContain("pending")
    const rows = new Map(lines.slice(1, 6).map((line) => {
      const [name, ...cells] = line.trim().split(/\s+/)
      return [name!, cells.map(Number)] as const
    }))
    for (const provider of Emulator.providerNames) {
      const { byStatus, total } = countsOf(expected(emulator, provider))
      const cells = rows.get(Provider.displayName(provider))!
      expect(cells.slice(0, statuses.length)).toEqual(statuses.map((status) => byStatus[status] ?? 0))
      expect(cells[statuses.length]).toBe(total)
    }
    const everything = Emulator.providerNames.flatMap((provider) => expected(emulator, provider))
    expect(rows.get("all")![statuses.length]).toBe(everything.length)
    if (rows.get("all")![statuses.length + 1]! > 0) expect(result.stdout).toContain("Stale: pending invites past their expiry")
  })

  it("applies the same selection and filters as list", async () => {
    const result = await run(["summary", "-f", "json", "--provider", "portkey", "--status", "pending"], {
      env: emulator.env
    })
    expect(result.code).toBe(0)
    const summary = JSON.parse(result.stdout)
    const pending = expected(emulator, "portkey").filter((invite) => invite.status === "pending")
    expect(summary.providers).toHaveLength(1)
    expect(summary.providers[0].byStatus).toEqual({ pending: pending.length })
  })

  it("leaves a failing provider out of the counts, names it, and exits with its code", async () => {
    const result = await run(["summary", "-f", "json"], { env: { ...emulator.env, ANTHROPIC_ADMIN_KEY: "wrong" } })
    expect(result.code).toBe(3)
    expect(result.stderr).toContain("Anthropic")
    expect(result.stderr).toContain("ANTHROPIC_ADMIN_KEY")
    const summary = JSON.parse(result.stdout)
    expect(summary.failed).toEqual(["anthropic"])
    expect(summary.providers.map((row: { provider: string }) => row.provider)).toEqual(["openai", "portkey", "openlayer"])
    expect(summary.total.total).toBe(
      ["openai", "portkey", "openlayer"].reduce((n, p) => n + expected(emulator, p as Emulator.ProviderName).length, 0)
    )
  })

  it("offers table and json only", async () => {
    const result = await run(["summary", "--format", "csv"], { env: emulator.env })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
  })
})
