import { Emulator } from "@invitekit/emulator"
import * as Audit from "@invitekit/core/Audit"
import * as Provider from "@invitekit/core/Provider"
import { describe, expect, it } from "vitest"
import * as Demo from "../../src/commands/demo.js"
import { run } from "../helpers.js"

describe("demo", () => {
  it("serves the emulator and prints the list, summary and audit tables, then stops", async () => {
    const result = await run(["demo"], { env: {} })
    expect(result.code).toBe(0)
    const [, list, summary, audit] = result.stdout.split(/^\$ invitekit (?:list|summary|audit .*)$/m)
    const rows = list!.trim().split("\n")
    expect(rows[0]).toMatch(/^ACCOUNT\s+PROVIDER\s+EMAIL\s+ROLE\s+STATUS/)
    // Openlayer serves its count in each of the emulator's two workspaces; OpenAI has a second organization.
    const total = Object.values(Demo.counts).reduce((sum, n) => sum + n, 0) + Demo.counts["openlayer"]! +
      Demo.secondOrganization.count
    expect(rows).toHaveLength(1 + total)
    // Two accounts of one provider, side by side.
    expect(rows.filter((row) => /^acme-prod\s+OpenAI\s/.test(row))).toHaveLength(Demo.counts["openai"]!)
    expect(rows.filter((row) => /^acme-research\s+OpenAI\s/.test(row))).toHaveLength(Demo.secondOrganization.count)
    for (const provider of Emulator.providerNames) expect(list).toContain(Provider.displayName(provider))
    const allRow = summary!.split("\n").find((line) => line.startsWith("all"))!.trim().split(/\s+/)
    expect(Number(allRow.at(-2))).toBe(total)
    expect(summary).toMatch(/^PROVIDER\s+PENDING/m)
    expect(summary).toMatch(/^acme-research\s+OpenAI\s/m)
    // The audit shows a finding of every rule, and counts them on stderr (its only line there).
    const findings = audit!.trim().split("\n\n")[0]!.split("\n").filter((line) => !line.startsWith("("))
    expect(findings[0]).toMatch(/^ACCOUNT\s+PROVIDER\s+EMAIL\s+ROLE\s+STATUS\s+RULE\s+SEVERITY\s+REASON$/)
    const rules = new Set(findings.slice(1).map((line) => line.split(/\s+/)[5]))
    expect([...rules].sort()).toEqual([...Audit.rules.map((rule) => rule.id)].sort())
    expect(result.stdout).toContain(`$ invitekit audit --allowed-domain ${Demo.demoDomain}`)
    expect(result.stderr).toMatch(new RegExp(`^${findings.length - 1} findings: \\d+ errors?, \\d+ warnings?, \\d+ info\\n$`))
  })
})
