import * as Audit from "@invitekit/core/Audit"
import type * as Invite from "@invitekit/core/Invite"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Providers from "../../src/Providers.js"
import { expected, type Handle, keysOf, parseCsv, parseNdjson, printed, run, start } from "../helpers.js"

type Record = Invite.Encoded & { readonly rule: string; readonly severity: string; readonly reason: string }
type Provider = "openai" | "anthropic" | "portkey" | "openlayer"

const all: ReadonlyArray<Provider> = ["openai", "anthropic", "portkey", "openlayer"]
const research = { key: "sk-admin-emulator-openai-research-3333333333", count: 12 }
const day = 24 * 60 * 60 * 1000

let cases: Handle // built to contain every rule: shared addresses across accounts and twice in Openlayer
let plain: Handle // the generated data alone: no address is invited twice
let dir: string

beforeAll(async () => {
  ;[cases, plain] = await Promise.all([
    start({
      counts: { openai: 16, anthropic: 16, portkey: 16, openlayer: 8 },
      sharedAddresses: 2,
      organizations: { openai: [research] }
    }),
    start({ counts: { openai: 16, anthropic: 16, portkey: 16, openlayer: 8 } })
  ])
  dir = mkdtempSync(join(tmpdir(), "invitekit-audit-"))
})

afterAll(async () => {
  for (const text of printed) for (const key of [...keysOf(cases), research.key]) expect(text).not.toContain(key)
  await Promise.all([cases.close(), plain.close()])
  rmSync(dir, { recursive: true, force: true })
})

// No config file unless a test writes one: XDG_CONFIG_HOME points at an empty directory.
const envOf = (handle: Handle, extra: Readonly<globalThis.Record<string, string>> = {}) => ({
  ...handle.env,
  XDG_CONFIG_HOME: dir,
  ...extra
})

let files = 0
const configFile = (text: string): string => {
  const path = join(dir, `config-${files++}.yaml`)
  writeFileSync(path, text, { mode: 0o600 })
  return path
}

// -----------------------------------------------------------------------------
// The oracle: what each rule should find in the served data, judged at an instant, written apart from the library.
// -----------------------------------------------------------------------------

const servedBy = (handle: Handle, providers: ReadonlyArray<Provider> = all) =>
  providers.flatMap((provider) => expected(handle, provider))

const pastExpiry = (invite: Invite.Encoded, at: number) =>
  invite.status.toLowerCase() === "pending" && invite.expiresAt !== null && Date.parse(invite.expiresAt) < at
const known = ["pending", "expired", "accepted", "deleted", "cancelled"]
const isOpen = (invite: Invite.Encoded, at: number) =>
  (invite.status.toLowerCase() === "pending" && !pastExpiry(invite, at)) ||
  !known.includes(invite.status.toLowerCase())
const accountOf = (invite: Invite.Encoded) => `${invite.provider}/${invite.account}`

const privileged = (invite: Invite.Encoded) => {
  const roles = Providers.definition(invite.provider).privilegedRoles
  const lower = (list: ReadonlyArray<string>) => list.map((role) => role.toLowerCase())
  return lower(roles.organization).includes(invite.role.toLowerCase()) ||
    invite.scopes.some((scope) => scope.role !== null && lower(roles.scopes).includes(scope.role.toLowerCase()))
}

/** `rule/account/id` of every finding the rule should report at `at`. */
const oracle = (
  rule: string,
  invites: ReadonlyArray<Invite.Encoded>,
  at: number,
  options: { readonly staleAfterMs?: number; readonly allowed?: ReadonlyArray<string> } = {}
): Array<string> => {
  const key = (invite: Invite.Encoded) => `${rule}/${invite.account}/${invite.id}`
  const open = invites.filter((invite) => isOpen(invite, at))
  const newest = (group: ReadonlyArray<Invite.Encoded>) =>
    group.reduce((a, b) => Date.parse(b.invitedAt ?? "0") > Date.parse(a.invitedAt ?? "0") ? b : a)
  const groups = (by: (invite: Invite.Encoded) => string) => {
    const map = new Map<string, Array<Invite.Encoded>>()
    for (const invite of open) map.set(by(invite), [...(map.get(by(invite)) ?? []), invite])
    return [...map.values()]
  }
  switch (rule) {
    case "pending-past-expiry":
      return invites.filter((invite) => pastExpiry(invite, at)).map(key)
    case "stale-pending":
      return open.filter((invite) =>
        invite.status.toLowerCase() === "pending" && invite.invitedAt !== null &&
        at - Date.parse(invite.invitedAt) > (options.staleAfterMs ?? 14 * day)
      ).map(key)
    case "privileged-role":
      return open.filter(privileged).map(key)
    case "outside-domain":
      return open.filter((invite) => !options.allowed!.includes(invite.email.split("@").at(-1)!.toLowerCase()))
        .map(key)
    case "duplicate-invite":
      return groups((invite) => `${accountOf(invite)}/${invite.email.toLowerCase()}`).flatMap((group) => {
        const keep = newest(group)
        return group.filter((invite) => invite !== keep).map(key)
      })
    case "cross-account":
      return groups((invite) => invite.email.toLowerCase()).flatMap((group) => {
        const accounts = new Set(group.map(accountOf))
        if (accounts.size < 2) return []
        return [...accounts].map((account) => key(newest(group.filter((invite) => accountOf(invite) === account))))
      })
  }
  throw new Error(`no oracle for ${rule}`)
}

const keysOfRecords = (records: ReadonlyArray<Record>) =>
  records.map((record) => `${record.rule}/${record.account}/${record.id}`).sort()

/**
 * The findings printed equal the oracle's — at the start or at the end of the run (an invite may expire, or turn
 * stale, while it runs): everything found at both instants, nothing found at neither.
 */
const expectFindings = (printedKeys: ReadonlyArray<string>, before: ReadonlyArray<string>, after: ReadonlyArray<string>) => {
  const both = before.filter((key) => after.includes(key))
  const either = new Set([...before, ...after])
  for (const key of both) expect(printedKeys).toContain(key)
  for (const key of printedKeys) expect(either).toContain(key)
}

const audit = async (args: ReadonlyArray<string>, env: Readonly<globalThis.Record<string, string>>) => {
  const before = Date.now()
  const result = await run(["audit", ...args], { env })
  return { ...result, before, after: Date.now() }
}

const countLine = (records: ReadonlyArray<Record>) =>
  Audit.describe(Audit.summary(records.map((record) => ({ severity: record.severity }) as Audit.Finding)))

// -----------------------------------------------------------------------------

describe("audit: each rule on data built to contain it", () => {
  const rules = [
    { rule: "pending-past-expiry", args: [], severity: "warning", code: 6 },
    { rule: "stale-pending", args: [], severity: "warning", code: 6 },
    { rule: "privileged-role", args: [], severity: "warning", code: 6 },
    { rule: "outside-domain", args: ["--allowed-domain", "example.com"], severity: "error", code: 6 },
    { rule: "duplicate-invite", args: [], severity: "warning", code: 6 },
    { rule: "cross-account", args: [], severity: "info", code: 0 }
  ] as const
  for (const { args, code, rule, severity } of rules) {
    it(`${rule}: every invite it should find, each once, ${severity}, exit ${code}`, async () => {
      const result = await audit(["--rule", rule, "-f", "ndjson", ...args], envOf(cases))
      expect(result.code).toBe(code)
      const records = parseNdjson(result.stdout) as unknown as Array<Record>
      const options = { allowed: ["example.com"] }
      const served = servedBy(cases)
      const before = oracle(rule, served, result.before, options)
      expect(before.length).toBeGreaterThan(0)
      expectFindings(keysOfRecords(records), before, oracle(rule, served, result.after, options))
      expect(new Set(keysOfRecords(records)).size).toBe(records.length)
      for (const record of records) {
        expect(record.rule).toBe(rule)
        expect(record.severity).toBe(severity)
        expect(record.reason.length).toBeGreaterThan(10)
      }
      expect(result.stderr).toBe(`${countLine(records)}\n`)
    })
  }

  it("duplicate-invite compares addresses ignoring case: the planted pairs differ in case", async () => {
    const result = await audit(["--rule", "duplicate-invite", "-f", "ndjson", "--provider", "openlayer"], envOf(cases))
    const records = parseNdjson(result.stdout) as unknown as Array<Record>
    expect(records.length).toBeGreaterThan(0)
    const served = expected(cases, "openlayer")
    for (const record of records) {
      const kept = served.filter((invite) => invite.email.toLowerCase() === record.email.toLowerCase())
      expect(kept.some((invite) => invite.email !== record.email)).toBe(true)
    }
  })
})

describe("audit: and not on data without it", () => {
  it("no duplicate-invite or cross-account where no address is invited twice", async () => {
    const result = await audit(["--rule", "duplicate-invite", "--rule", "cross-account", "-f", "json"], envOf(plain))
    const served = servedBy(plain)
    expect(oracle("duplicate-invite", served, result.before)).toEqual([])
    expect(oracle("cross-account", served, result.before)).toEqual([])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([])
    expect(result.stderr).toBe("no findings\n")
  })

  it("no pending-past-expiry where invites never expire (Openlayer)", async () => {
    const result = await audit(["--rule", "pending-past-expiry", "-f", "ndjson", "--provider", "openlayer"], envOf(plain))
    expect(expected(plain, "openlayer").every((invite) => invite.expiresAt === null)).toBe(true)
    expect(result.code).toBe(0)
    expect(result.stdout).toBe("")
  })

  it("no privileged-role among invites granting no privileged role", async () => {
    const result = await audit(
      ["--rule", "privileged-role", "-f", "ndjson", "--provider", "anthropic", "--role", "user"],
      envOf(plain)
    )
    const served = expected(plain, "anthropic").filter((invite) => invite.role === "user")
    expect(served.length).toBeGreaterThan(0)
    expect(oracle("privileged-role", served, result.before)).toEqual([])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe("")
  })

  it("no outside-domain without allowed domains", async () => {
    const result = await audit(["--rule", "outside-domain", "-f", "ndjson"], envOf(cases))
    expect(result.code).toBe(0)
    expect(result.stdout).toBe("")
  })
})

describe("audit: thresholds and allowed domains", () => {
  it("--stale-after sets the stale-pending threshold", async () => {
    for (const [flag, ms] of [["3d", 3 * day], ["400d", 400 * day]] as const) {
      const result = await audit(["--rule", "stale-pending", "-f", "ndjson", "--stale-after", flag], envOf(cases))
      const records = parseNdjson(result.stdout) as unknown as Array<Record>
      const served = servedBy(cases)
      expectFindings(
        keysOfRecords(records),
        oracle("stale-pending", served, result.before, { staleAfterMs: ms }),
        oracle("stale-pending", served, result.after, { staleAfterMs: ms })
      )
      if (flag === "400d") expect(records).toEqual([])
      else expect(records.length).toBeGreaterThan(oracle("stale-pending", served, result.after).length)
    }
  })

  it("--allowed-domain, repeated, allows each domain (case ignored)", async () => {
    const allowed = ["example.com", "acme.test"]
    const result = await audit(
      ["--rule", "outside-domain", "-f", "ndjson", "--allowed-domain", "Example.COM", "--allowed-domain", "acme.test"],
      envOf(cases)
    )
    const records = parseNdjson(result.stdout) as unknown as Array<Record>
    const served = servedBy(cases)
    expectFindings(
      keysOfRecords(records),
      oracle("outside-domain", served, result.before, { allowed }),
      oracle("outside-domain", served, result.after, { allowed })
    )
    expect(records.every((record) => !allowed.includes(record.email.split("@")[1]!.toLowerCase()))).toBe(true)
  })

  it("the config file's policy: allowed domains, staleAfter, severities and rules off; flags over it", async () => {
    const path = configFile(
      "accounts:\n" +
        all.map((provider) =>
          `  - name: ${provider}\n    provider: ${provider}\n    key: { env: ${
            Providers.definition(provider).variables.key
          } }\n    baseUrl: ${cases[provider].baseUrl}\n` +
          (provider === "openlayer" ? `    workspaces: [${cases.env["OPENLAYER_WORKSPACE_ID"]}]\n` : "")
        ).join("") +
        "policy:\n  allowedDomains: [example.com]\n  staleAfter: 3d\n" +
        "  rules:\n    privileged-role: { severity: error }\n    cross-account: { enabled: false }\n"
    )
    const result = await audit(["--config", path, "-f", "ndjson"], envOf(cases))
    const records = parseNdjson(result.stdout) as unknown as Array<Record>
    expect(result.code).toBe(6)
    const served = servedBy(cases)
    const options = { allowed: ["example.com"], staleAfterMs: 3 * day }
    const rules = ["pending-past-expiry", "stale-pending", "privileged-role", "outside-domain", "duplicate-invite"]
    expectFindings(
      keysOfRecords(records),
      rules.flatMap((rule) => oracle(rule, served, result.before, options)),
      rules.flatMap((rule) => oracle(rule, served, result.after, options))
    )
    expect(records.filter((record) => record.rule === "privileged-role").every((r) => r.severity === "error")).toBe(true)
    expect(records.some((record) => record.rule === "cross-account")).toBe(false)

    // Flags win: another domain, another threshold, and a rule turned off.
    const flagged = await audit(
      ["--config", path, "-f", "ndjson", "--allowed-domain", "acme.test", "--stale-after", "400d", "--ignore-rule",
        "privileged-role"],
      envOf(cases)
    )
    const over = parseNdjson(flagged.stdout) as unknown as Array<Record>
    expect(over.some((record) => record.rule === "privileged-role" || record.rule === "stale-pending")).toBe(false)
    expectFindings(
      keysOfRecords(over.filter((record) => record.rule === "outside-domain")),
      oracle("outside-domain", served, flagged.before, { allowed: ["acme.test"] }),
      oracle("outside-domain", served, flagged.after, { allowed: ["acme.test"] })
    )
  })

  it("a mistake in the policy is a usage error naming it (exit 2)", async () => {
    const path = configFile(
      `accounts:\n  - name: openai\n    provider: openai\n    key: { env: OPENAI_ADMIN_KEY }\n    baseUrl: ${cases.openai.baseUrl}\n` +
        "policy:\n  staleAfter: 3m\n  rules:\n    privileged-role: { serverity: error }\n"
    )
    const result = await audit(["--config", path], envOf(cases))
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toContain("policy.staleAfter")
    expect(result.stderr).toContain("serverity")
  })

  it("bad flags are usage errors (exit 2)", async () => {
    for (const args of [["--stale-after", "3m"], ["--allowed-domain", "ada@example.com"], ["--rule", "nope"], [
      "--fail-on",
      "sometimes"
    ]]) {
      const result = await audit(args, envOf(cases))
      expect(result.code).toBe(2)
      expect(result.stdout).toBe("")
    }
  })
})

describe("audit: --fail-on, formats and exit codes", () => {
  it("--fail-on error|warning|info|never against the severities found", async () => {
    // Only info findings (cross-account), then errors too (outside-domain).
    const info = ["--rule", "cross-account"]
    const errors = ["--allowed-domain", "example.com"]
    for (const [args, threshold, code] of [
      [info, "info", 6],
      [info, "warning", 0],
      [info, "error", 0],
      [info, "never", 0],
      [errors, "error", 6],
      [errors, "warning", 6],
      [errors, "never", 0]
    ] as const) {
      const result = await audit([...args, "-f", "ndjson", "--fail-on", threshold], envOf(cases))
      expect(parseNdjson(result.stdout).length).toBeGreaterThan(0)
      expect({ args, threshold, code: result.code }).toEqual({ args, threshold, code })
    }
  })

  it("json, ndjson and csv print the same records: the invite's fields as list prints them, rule, severity, reason", async () => {
    const args = ["--allowed-domain", "example.com", "--fail-on", "never"]
    const [ndjson, json, csv, listed] = await Promise.all([
      audit([...args, "-f", "ndjson"], envOf(cases)),
      audit([...args, "-f", "json"], envOf(cases)),
      audit([...args, "-f", "csv"], envOf(cases)),
      run(["list", "-f", "ndjson"], { env: envOf(cases) })
    ])
    const records = parseNdjson(ndjson.stdout) as unknown as Array<Record>
    expect(records.length).toBeGreaterThan(0)
    const sort = (list: ReadonlyArray<Record>) =>
      [...list].sort((a, b) => `${a.rule}/${a.id}`.localeCompare(`${b.rule}/${b.id}`))
    expect(sort(JSON.parse(json.stdout))).toEqual(sort(records))
    const invites = new Map(parseNdjson(listed.stdout).map((invite) => [invite.id, invite]))
    for (const { reason: _r, rule: _u, severity: _s, ...invite } of records) expect(invite).toEqual(invites.get(invite.id))
    const [header, ...rows] = parseCsv(csv.stdout)
    expect(header).toEqual(Audit.fields)
    const fromCsv = rows.map((row) => Object.fromEntries(header!.map((field, i) => [field, row[i]])))
    expect(fromCsv.map((row) => `${row["rule"]}/${row["id"]}`).sort()).toEqual(
      records.map((record) => `${record.rule}/${record.id}`).sort()
    )
    for (const row of fromCsv) {
      const record = records.find((r) => r.id === row["id"] && r.rule === row["rule"])!
      expect([row["email"], row["severity"], row["reason"], row["account"]]).toEqual([
        record.email,
        record.severity,
        record.reason,
        record.account
      ])
    }
    for (const result of [ndjson, json, csv]) expect(result.stderr).toBe(`${countLine(records)}\n`)
  })

  it("the table: account, provider, email, role, status, rule, severity, reason — one row per finding", async () => {
    const [table, ndjson] = await Promise.all([
      audit(["--allowed-domain", "example.com"], envOf(cases)),
      audit(["--allowed-domain", "example.com", "-f", "ndjson"], envOf(cases))
    ])
    expect(table.code).toBe(6)
    const lines = table.stdout.trimEnd().split("\n")
    expect(lines[0]!.split(/\s+/)).toEqual(["ACCOUNT", "PROVIDER", "EMAIL", "ROLE", "STATUS", "RULE", "SEVERITY", "REASON"])
    const records = parseNdjson(ndjson.stdout) as unknown as Array<Record>
    expect(lines.length - 1).toBe(records.length)
    // Most severe first.
    const severities = lines.slice(1).map((line) => line.split(/\s+/)[6]!)
    const rank = { error: 0, warning: 1, info: 2 } as const
    expect(severities).toEqual([...severities].sort((a, b) => rank[a as "error"] - rank[b as "error"]))
    expect(table.stderr).toBe(`${countLine(records)}\n`)
  })

  it("a provider that failed is an error, not a clean audit: its code outranks 6, and no cross-account", async () => {
    const result = await audit(["-f", "ndjson", "--allowed-domain", "example.com"], envOf(cases, {
      ANTHROPIC_ADMIN_KEY: "sk-ant-admin01-wrong"
    }))
    expect(result.code).toBe(3)
    expect(result.stderr).toContain("ANTHROPIC_ADMIN_KEY")
    expect(result.stderr).toContain("cross-account was not judged")
    const records = parseNdjson(result.stdout) as unknown as Array<Record>
    expect(records.some((record) => record.rule === "outside-domain")).toBe(true)
    expect(records.some((record) => record.provider === "anthropic" || record.rule === "cross-account")).toBe(false)
  })
})

describe("audit: accounts", () => {
  it("an address invited in two accounts of one provider is a cross-account finding naming both", async () => {
    const path = configFile(
      "accounts:\n" +
        `  - name: acme-prod\n    provider: openai\n    key: { env: OPENAI_ADMIN_KEY }\n    baseUrl: ${cases.openai.baseUrl}\n` +
        `  - name: acme-research\n    provider: openai\n    key: { env: OPENAI_RESEARCH }\n    baseUrl: ${cases.openai.baseUrl}\n`
    )
    const result = await audit(
      ["--config", path, "--rule", "cross-account", "-f", "ndjson"],
      envOf(cases, { OPENAI_RESEARCH: research.key })
    )
    expect(result.code).toBe(0)
    const records = parseNdjson(result.stdout) as unknown as Array<Record>
    const served = [
      ...expected(cases, "openai").map((invite) => ({ ...invite, account: "acme-prod" })),
      ...expected({ ...cases, invites: () => cases.organizations.openai[0]!.invites() }, "openai")
        .map((invite) => ({ ...invite, account: "acme-research" }))
    ]
    const before = oracle("cross-account", served, result.before)
    expect(before.length).toBeGreaterThan(0)
    expectFindings(keysOfRecords(records), before, oracle("cross-account", served, result.after))
    expect(new Set(records.map((record) => record.account))).toEqual(new Set(["acme-prod", "acme-research"]))
    for (const record of records) {
      expect(record.reason).toContain(record.account === "acme-prod" ? "acme-research" : "acme-prod")
    }
  })
})
