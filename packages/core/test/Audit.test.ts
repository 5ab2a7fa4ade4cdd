import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Stream from "effect/Stream"
import type { Invite } from "../src/index.js"
import { Audit, AuditPolicy } from "../src/index.js"
import { daysAgo, defaults, invite, now, providers } from "./fixtures/invites.js"

const audit = (invites: ReadonlyArray<Invite.Invite>, policy: Partial<AuditPolicy.Policy> = {}) =>
  Audit.runIterable({ ...defaults, ...policy }, now)(invites)

/** `rule id` per finding, for the invites of one test. */
const found = (invites: ReadonlyArray<Invite.Invite>, policy: Partial<AuditPolicy.Policy> = {}) =>
  audit(invites, policy).map((finding) => `${finding.rule} ${finding.invite.id}`)

const only = (rule: AuditPolicy.RuleId) => ({ only: [rule] })

describe("a clean listing", () => {
  it("has no findings under every rule, allowed domains included", () => {
    const clean = [
      invite({ id: "1" }),
      invite({ id: "2", email: "bob@example.com", role: "owner", status: "accepted" }),
      invite({ id: "3", email: "eve@example.com", status: "expired", expiresAt: daysAgo(3) })
    ]
    expect(found(clean, { allowedDomains: ["example.com"] })).toEqual([])
  })
})

describe("pending-past-expiry", () => {
  it("finds a pending invite whose expiry has passed, saying when", () => {
    const [finding] = audit([invite({ expiresAt: daysAgo(3) })], only("pending-past-expiry"))
    expect(finding).toMatchObject({ rule: "pending-past-expiry", severity: "warning" })
    expect(finding.reason).toBe("still pending, but it expired 3 days ago (2024-05-29): it can no longer be accepted")
  })

  it("not a pending invite before its expiry, one without expiry, or one the provider calls expired", () => {
    expect(found([
      invite({ id: "future", expiresAt: daysAgo(-1) }),
      invite({ id: "none", expiresAt: null }),
      invite({ id: "expired", status: "expired", expiresAt: daysAgo(3) }),
      invite({ id: "accepted", status: "accepted", expiresAt: daysAgo(3) })
    ], only("pending-past-expiry"))).toEqual([])
  })
})

describe("stale-pending", () => {
  const openlayer = (id: string, days: number) =>
    invite({ id, account: "openlayer", provider: "openlayer", role: "MEMBER", expiresAt: null, invitedAt: daysAgo(days) })

  it("finds an invite pending longer than 14 days by default", () => {
    const findings = audit([openlayer("old", 20), openlayer("recent", 10)], only("stale-pending"))
    expect(findings.map((f) => f.invite.id)).toEqual(["old"])
    expect(findings[0].reason).toBe(
      "pending for 20 days (since 2024-05-12), longer than 2w; it never expires on its own"
    )
  })

  it("follows the configured threshold", () => {
    const invites = [openlayer("20d", 20), openlayer("10d", 10), openlayer("2d", 2)]
    expect(found(invites, { ...only("stale-pending"), staleAfter: Duration.days(30) })).toEqual([])
    expect(found(invites, { ...only("stale-pending"), staleAfter: Duration.days(5) })).toEqual([
      "stale-pending 20d",
      "stale-pending 10d"
    ])
    expect(found(invites, { ...only("stale-pending"), staleAfter: Duration.hours(12) })).toHaveLength(3)
  })

  it("exactly the threshold is not longer than it", () => {
    expect(found([openlayer("14d", 14)], only("stale-pending"))).toEqual([])
  })

  it("leaves an invite past its expiry to pending-past-expiry, and skips closed or undated ones", () => {
    const invites = [
      invite({ id: "past", invitedAt: daysAgo(30), expiresAt: daysAgo(23) }),
      invite({ id: "accepted", status: "accepted", invitedAt: daysAgo(30) }),
      invite({ id: "undated", invitedAt: null, expiresAt: null })
    ]
    expect(found(invites)).toEqual(["pending-past-expiry past"])
  })
})

describe("privileged-role", () => {
  it.each([
    ["openai", "owner"],
    ["anthropic", "admin"],
    ["portkey", "owner"],
    ["portkey", "admin"],
    ["openlayer", "ADMIN"],
    ["openlayer", "admin"]
  ] as const)("finds %s %s", (provider, role) => {
    expect(found([invite({ provider, account: provider, role })], only("privileged-role"))).toEqual([
      "privileged-role invite-1"
    ])
  })

  it.each([
    ["openai", "reader"],
    ["anthropic", "developer"],
    ["anthropic", "owner"],
    ["portkey", "member"],
    ["openlayer", "MEMBER"],
    ["openlayer", "VIEWER"]
  ] as const)("not %s %s", (provider, role) => {
    expect(found([invite({ provider, account: provider, role })], only("privileged-role"))).toEqual([])
  })

  it("finds an OpenAI project owner grant in the scopes, and says what is granted", () => {
    const scoped = invite({
      role: "owner",
      scopes: [
        { kind: "project", id: "proj_1", name: null, role: "owner" },
        { kind: "project", id: "proj_2", name: "Research", role: "member" },
        { kind: "project", id: "proj_3", name: "Billing", role: "Owner" }
      ]
    })
    const [finding] = audit([scoped], only("privileged-role"))
    expect(finding.reason).toBe(
      "grants the owner role in the organization and owner of project proj_1 and owner of project Billing"
    )
    const memberOnly = invite({ scopes: [{ kind: "project", id: "proj_2", name: null, role: "member" }] })
    expect(audit([memberOnly], only("privileged-role"))).toEqual([])
  })

  it("names the workspace of an Openlayer invite", () => {
    const admin = invite({
      provider: "openlayer",
      account: "ml",
      role: "ADMIN",
      scopes: [{ kind: "workspace", id: "ws-1", name: "Openlayer", role: "ADMIN" }]
    })
    expect(audit([admin], only("privileged-role"))[0].reason).toBe("grants the ADMIN role in workspace Openlayer")
  })

  it("only while the invite may still be accepted", () => {
    const closed = ["accepted", "expired", "deleted", "cancelled"].map((status) =>
      invite({ id: status, status, role: "owner" })
    )
    const pastExpiry = invite({ id: "past", role: "owner", expiresAt: daysAgo(1) })
    const unknown = invite({ id: "unknown", role: "owner", status: "on_hold" })
    expect(found([...closed, pastExpiry, unknown], only("privileged-role"))).toEqual(["privileged-role unknown"])
  })
})

describe("outside-domain", () => {
  const invites = [
    invite({ id: "inside", email: "ada@example.com" }),
    invite({ id: "case", email: "Bob@EXAMPLE.COM" }),
    invite({ id: "sub", email: "carol@eu.example.com" }),
    invite({ id: "wild", email: "dan@eu.example.org" }),
    invite({ id: "apex", email: "erin@example.org" }),
    invite({ id: "outside", email: "eve@evil.test" }),
    invite({ id: "lookalike", email: "mallory@notexample.com" }),
    invite({ id: "no-domain", email: "nobody" }),
    invite({ id: "closed", email: "eve@evil.test", status: "accepted" })
  ]

  it("runs only when allowed domains are configured", () => {
    expect(found(invites, only("outside-domain"))).toEqual([])
  })

  it("exact domains ignoring case; *. allows subdomains, not the domain itself", () => {
    expect(found(invites, { ...only("outside-domain"), allowedDomains: ["example.com", "*.example.org"] })).toEqual([
      "outside-domain sub",
      "outside-domain apex",
      "outside-domain outside",
      "outside-domain lookalike",
      "outside-domain no-domain"
    ])
    const findings = audit(invites, { ...only("outside-domain"), allowedDomains: ["example.com"] })
    expect(findings.find((f) => f.invite.id === "outside")).toMatchObject({
      severity: "error",
      reason: "evil.test is not an allowed domain"
    })
    expect(findings.find((f) => f.invite.id === "no-domain")?.reason).toBe(
      "the address has no domain, so it is outside the allowed domains"
    )
  })
})

describe("duplicate-invite", () => {
  it("reports every open invite for an address in one account but the newest, ignoring case", () => {
    const invites = [
      invite({ id: "a", email: "ada@example.com", invitedAt: daysAgo(3) }),
      invite({ id: "b", email: "ADA@Example.com", invitedAt: daysAgo(1) }),
      invite({ id: "c", email: "ada@EXAMPLE.com", invitedAt: daysAgo(2) })
    ]
    const findings = audit(invites, only("duplicate-invite"))
    expect(findings.map((f) => f.invite.id).sort()).toEqual(["a", "c"])
    expect(findings.every((f) => f.severity === "warning")).toBe(true)
    expect(findings[0].reason).toBe(
      "another open invite for this address in openai (b, invited 2024-05-31) is the one to keep"
    )
  })

  it("names the account when it is not the provider's own name", () => {
    const invites = [invite({ id: "a", account: "acme-prod" }), invite({ id: "b", account: "acme-prod" })]
    expect(audit(invites, only("duplicate-invite"))[0].reason).toContain("in acme-prod (openai) (a,")
  })

  it("not across accounts, not with a closed invite, not for the same invite seen twice", () => {
    expect(found([invite({ id: "a" }), invite({ id: "b", account: "acme-research" })], only("duplicate-invite")))
      .toEqual([])
    expect(found([invite({ id: "a" }), invite({ id: "b", provider: "anthropic", account: "openai" })], only("duplicate-invite")))
      .toEqual([])
    expect(found([invite({ id: "a" }), invite({ id: "b", status: "expired" })], only("duplicate-invite"))).toEqual([])
    expect(found([invite({ id: "a" }), invite({ id: "b", expiresAt: daysAgo(1) })], only("duplicate-invite")))
      .toEqual([])
    expect(found([invite({ id: "a" }), invite({ id: "a" })], only("duplicate-invite"))).toEqual([])
  })
})

describe("cross-account", () => {
  it("reports an address invited in several accounts and providers, once per account, as info", () => {
    const invites = [
      invite({ id: "prod", account: "acme-prod", email: "ada@example.com" }),
      invite({ id: "research", account: "acme-research", email: "ADA@example.com" }),
      invite({ id: "claude", account: "anthropic", provider: "anthropic", role: "user", email: "Ada@Example.com" }),
      invite({ id: "other", account: "acme-prod", email: "bob@example.com" })
    ]
    const findings = audit(invites, only("cross-account"))
    expect(findings.map((f) => f.invite.id)).toEqual(["prod", "research", "claude"])
    expect(findings.every((f) => f.severity === "info")).toBe(true)
    expect(findings[0].reason).toBe("this address is also invited in acme-research (openai), anthropic")
    expect(findings[2].reason).toBe("this address is also invited in acme-prod (openai), acme-research (openai)")
  })

  it("one finding per account even with duplicates there, on the invite kept", () => {
    const invites = [
      invite({ id: "old", account: "acme-prod", invitedAt: daysAgo(5) }),
      invite({ id: "new", account: "acme-prod", invitedAt: daysAgo(1) }),
      invite({ id: "research", account: "acme-research" })
    ]
    expect(found(invites, { only: ["cross-account", "duplicate-invite"] })).toEqual([
      "duplicate-invite old",
      "cross-account new",
      "cross-account research"
    ])
  })

  it("not for one account, nor for closed invites", () => {
    expect(found([invite({ id: "a" }), invite({ id: "b", email: "bob@example.com" })], only("cross-account")))
      .toEqual([])
    expect(found([invite({ id: "a" }), invite({ id: "b", account: "acme", status: "accepted" })], only("cross-account")))
      .toEqual([])
  })

  it("reports at the end, after every per-invite finding", () => {
    const invites = [
      invite({ id: "a", account: "acme-prod" }),
      invite({ id: "b", account: "acme-research" }),
      invite({ id: "c", role: "owner", email: "bob@example.com" })
    ]
    expect(found(invites)).toEqual(["privileged-role c", "cross-account a", "cross-account b"])
  })
})

describe("the policy", () => {
  const invites = [
    invite({ id: "owner", role: "owner", expiresAt: daysAgo(1) }),
    invite({ id: "admin", role: "owner", email: "eve@evil.test" })
  ]

  it("overrides severities", () => {
    const findings = audit(invites, {
      allowedDomains: ["example.com"],
      rules: { "privileged-role": { severity: "error" }, "outside-domain": { severity: "info" } }
    })
    expect(findings.map((f) => `${f.rule} ${f.invite.id} ${f.severity}`)).toEqual([
      "pending-past-expiry owner warning",
      "privileged-role admin error",
      "outside-domain admin info"
    ])
  })

  it("turns rules off, and only narrows to the rules listed", () => {
    const policy = { allowedDomains: ["example.com"], rules: { "outside-domain": { enabled: false } } }
    expect(found(invites, policy)).toEqual(["pending-past-expiry owner", "privileged-role admin"])
    expect(found(invites, { ...policy, only: ["privileged-role", "outside-domain"] })).toEqual([
      "privileged-role admin"
    ])
    expect(found(invites, { ...policy, only: [] })).toEqual(found(invites, policy))
  })

  it("a policy decoded from a config file audits the same as one built in code", () =>
    Effect.gen(function*() {
      const decoded = yield* AuditPolicy.decodeUnknown({
        allowedDomains: ["example.com"],
        staleAfter: "12h",
        rules: { "privileged-role": { severity: "error" }, "pending-past-expiry": { enabled: false } }
      })
      const built: AuditPolicy.Policy = {
        allowedDomains: ["example.com"],
        staleAfter: Duration.hours(12),
        rules: { "privileged-role": { severity: "error" }, "pending-past-expiry": { enabled: false } },
        privilegedRoles: {}
      }
      const more = [...invites, invite({ id: "day-old", invitedAt: daysAgo(1) })]
      expect(Audit.runIterable(decoded, now)(more)).toEqual(Audit.runIterable(built, now)(more))
      // As the CLI does: the config's policy, with the providers' own privileged roles.
      expect(found(more, AuditPolicy.withPrivilegedRoles(decoded, providers))).toEqual([
        "stale-pending admin",
        "privileged-role admin",
        "outside-domain admin",
        "stale-pending day-old"
      ])
    }).pipe(Effect.runSync))
})

describe("Audit.run over a Stream", () => {
  const collect = <E>(stream: Stream.Stream<Audit.Finding, E>) =>
    Effect.map(Stream.runCollect(stream), Chunk.toArray)

  const invites = [
    invite({ id: "a", account: "acme-prod", role: "owner" }),
    invite({ id: "b", account: "acme-research", expiresAt: daysAgo(1) }),
    invite({ id: "c", account: "acme-research" }),
    invite({ id: "d", account: "acme-research", invitedAt: daysAgo(0) })
  ]

  it.effect("the same findings, in the same order, as runIterable, however the stream is chunked", () =>
    Effect.gen(function*() {
      const expected = Audit.runIterable(defaults, now)(invites)
      expect(expected.map((f) => f.rule)).toEqual([
        "privileged-role",
        "pending-past-expiry",
        "duplicate-invite",
        "cross-account",
        "cross-account"
      ])
      for (const size of [1, 2, 4]) {
        const stream = Stream.rechunk(Stream.fromIterable(invites), size)
        expect(yield* collect(Audit.run(defaults, now)(stream))).toEqual(expected)
      }
    }))

  it.effect("reports per-invite findings before the listing ends", () =>
    Effect.gen(function*() {
      const endless = Stream.concat(Stream.make(invite({ role: "owner" })), Stream.never)
      const [first] = yield* collect(Stream.take(Audit.run(defaults, now)(endless), 1))
      expect(first.rule).toBe("privileged-role")
    }))

  it.effect("a failing listing fails the audit, with no grouping findings from the part it saw", () =>
    Effect.gen(function*() {
      const failing = Stream.concat(Stream.fromIterable(invites.slice(0, 2)), Stream.fail("openai unreachable"))
      const seen: Array<Audit.Finding> = []
      const error = yield* Effect.flip(
        Stream.runForEach(Audit.run(defaults, now)(failing), (f) => Effect.sync(() => seen.push(f)))
      )
      expect(error).toBe("openai unreachable")
      expect(seen.map((f) => f.rule)).toEqual(["privileged-role", "pending-past-expiry"])
    }))

  it.effect("a large listing in one chunk folds without overflowing the stack", () =>
    Effect.gen(function*() {
      const many = Array.from({ length: 30_000 }, (_, i) =>
        invite({ id: `i${i}`, role: "owner", email: `user${i % 10}@example.com`, account: `acct${Math.floor(i / 10) % 2}` }))
      const summary = yield* Stream.runFold(
        Audit.run(defaults, now)(Stream.fromIterable(many)),
        Audit.emptySummary,
        Audit.count
      )
      // 30,000 privileged-role and 29,980 duplicate-invite warnings; 10 addresses × 2 accounts cross-account.
      expect(summary).toEqual({ error: 0, warning: 59_980, info: 20 })
    }))

  it.effect("each run starts afresh", () =>
    Effect.gen(function*() {
      const audited = Audit.run(defaults, now)(Stream.make(invite({ id: "a" })))
      expect(yield* collect(audited)).toEqual([])
      expect(yield* collect(audited)).toEqual([])
    }))
})

describe("summary and the threshold", () => {
  const findings = audit([
    invite({ id: "owner", role: "owner" }),
    invite({ id: "outside", email: "eve@evil.test" }),
    invite({ id: "x", account: "acme" })
  ], { allowedDomains: ["example.com"] })

  it("counts by severity, folded or at once", () => {
    const summary = Audit.summary(findings)
    expect(summary).toEqual({ error: 1, warning: 1, info: 2 })
    expect(findings.reduce(Audit.count, Audit.emptySummary)).toEqual(summary)
    expect(Audit.describe(summary)).toBe("4 findings: 1 error, 1 warning, 2 info")
    expect(Audit.describe({ error: 0, warning: 1, info: 0 })).toBe("1 finding: 0 errors, 1 warning, 0 info")
    expect(Audit.describe(Audit.emptySummary)).toBe("no findings")
  })

  it.each([
    ["error", { error: 1, warning: 0, info: 0 }, true],
    ["error", { error: 0, warning: 5, info: 5 }, false],
    ["warning", { error: 1, warning: 0, info: 0 }, true],
    ["warning", { error: 0, warning: 1, info: 0 }, true],
    ["warning", { error: 0, warning: 0, info: 3 }, false],
    ["info", { error: 0, warning: 0, info: 1 }, true],
    ["info", { error: 0, warning: 0, info: 0 }, false],
    ["never", { error: 9, warning: 9, info: 9 }, false]
  ] as const)("fails on %s with %j: %s", (threshold, summary, fails) => {
    expect(Audit.failsOn(threshold, summary)).toBe(fails)
  })

  it("takes the findings themselves too", () => {
    expect(Audit.failsOn("error", findings)).toBe(true)
    expect(Audit.failsOn("error", findings.filter((f) => f.severity !== "error"))).toBe(false)
    expect(Audit.failsOn("info", [])).toBe(false)
    expect(Audit.defaultThreshold).toBe("warning")
  })
})

describe("a finding as a record", () => {
  it("is the invite's JSON fields, then rule, severity and reason", () => {
    const [finding] = audit([invite({ role: "owner" })])
    const record = Audit.encode(finding)
    expect(Object.keys(record)).toEqual(Audit.fields)
    expect(record).toMatchObject({
      account: "openai",
      provider: "openai",
      id: "invite-1",
      rule: "privileged-role",
      severity: "warning",
      reason: "grants the owner role in the organization"
    })
  })

  it("the rules table lists every rule id once", () => {
    expect(Audit.rules.map((rule) => rule.id)).toEqual(AuditPolicy.ruleIds)
    expect(Audit.rule("cross-account").severity).toBe("info")
  })
})

// The property: the streaming audit never loses or invents a finding relative to this reference, written the
// slow obvious way over a whole array (group everything, then judge).
const reference = (policy: AuditPolicy.Policy, invites: ReadonlyArray<Invite.Invite>): Array<string> => {
  const on = (id: AuditPolicy.RuleId) =>
    policy.rules[id]?.enabled !== false && (!policy.only?.length || policy.only.includes(id))
  const severity = (id: AuditPolicy.RuleId) => policy.rules[id]?.severity ?? Audit.rule(id).severity
  const key = (id: AuditPolicy.RuleId, invite: Invite.Invite) => `${id} ${severity(id)} ${invite.id}`
  const status = (invite: Invite.Invite) => invite.status.toLowerCase()
  const pastExpiry = (invite: Invite.Invite) =>
    status(invite) === "pending" && invite.expiresAt !== null && invite.expiresAt.epochMillis < now.epochMillis
  const open = (invite: Invite.Invite) =>
    (status(invite) === "pending" && !pastExpiry(invite)) ||
    !["pending", "accepted", "expired", "deleted", "cancelled"].includes(status(invite))
  const out: Array<string> = []
  for (const invite of invites) {
    if (on("pending-past-expiry") && pastExpiry(invite)) out.push(key("pending-past-expiry", invite))
    if (
      on("stale-pending") && status(invite) === "pending" && !pastExpiry(invite) && invite.invitedAt !== null &&
      now.epochMillis - invite.invitedAt.epochMillis > Duration.toMillis(policy.staleAfter)
    ) out.push(key("stale-pending", invite))
    if (on("privileged-role") && open(invite)) {
      const role = invite.role.toLowerCase()
      const orgAdmin = {
        openai: ["owner"],
        anthropic: ["admin"],
        portkey: ["owner", "admin"],
        openlayer: ["admin"]
      }[invite.provider]?.includes(role) ?? false
      const projectOwner = invite.provider === "openai" &&
        invite.scopes.some((s) => s.kind === "project" && s.role?.toLowerCase() === "owner")
      if (orgAdmin || projectOwner) out.push(key("privileged-role", invite))
    }
    if (on("outside-domain") && policy.allowedDomains.length > 0 && open(invite)) {
      const domain = invite.email.includes("@") ? invite.email.split("@").pop()!.toLowerCase() : ""
      const allowed = policy.allowedDomains.some((pattern) =>
        pattern.startsWith("*.") ? domain.endsWith(pattern.slice(1)) && domain !== pattern.slice(2) : domain === pattern
      )
      if (!allowed) out.push(key("outside-domain", invite))
    }
  }
  // Per address and account: the open invites, the newest (first of the latest) kept.
  const groups = new Map<string, Map<string, Array<Invite.Invite>>>()
  for (const invite of invites.filter(open)) {
    const email = invite.email.toLowerCase()
    const account = `${invite.provider}/${invite.account}`
    const accounts = groups.get(email) ?? new Map<string, Array<Invite.Invite>>()
    groups.set(email, accounts)
    accounts.set(account, [...(accounts.get(account) ?? []), invite])
  }
  const time = (invite: Invite.Invite) => invite.invitedAt?.epochMillis ?? -Infinity
  for (const accounts of groups.values()) {
    const kept = [...accounts.values()].map((group) =>
      group.find((invite) => time(invite) === Math.max(...group.map(time)))!
    )
    if (on("duplicate-invite")) {
      for (const group of accounts.values()) {
        for (const invite of group) if (!kept.includes(invite)) out.push(key("duplicate-invite", invite))
      }
    }
    if (on("cross-account") && kept.length > 1) for (const invite of kept) out.push(key("cross-account", invite))
  }
  return out.sort()
}

const arbitraryInvites = FastCheck.array(
  FastCheck.record({
    email: FastCheck.constantFrom(
      "ada@example.com",
      "ADA@Example.COM",
      "bob@example.com",
      "eve@evil.test",
      "carol@eu.example.org",
      "dan@example.org",
      "nobody"
    ),
    where: FastCheck.constantFrom(
      ["openai", "openai"],
      ["openai", "acme-prod"],
      ["anthropic", "anthropic"],
      ["anthropic", "acme-prod"],
      ["portkey", "portkey"],
      ["openlayer", "ml"]
    ) as FastCheck.Arbitrary<[Invite.Invite["provider"], string]>,
    role: FastCheck.constantFrom("owner", "reader", "admin", "ADMIN", "member", "user"),
    status: FastCheck.constantFrom("pending", "pending", "PENDING", "accepted", "expired", "deleted", "cancelled", "odd"),
    invitedDaysAgo: FastCheck.option(FastCheck.integer({ min: 0, max: 40 }), { nil: null }),
    expiresInDays: FastCheck.option(FastCheck.integer({ min: -10, max: 10 }), { nil: null }),
    projectRole: FastCheck.constantFrom(null, "owner", "member")
  }),
  { maxLength: 40 }
).map((drafts) =>
  drafts.map((draft, index) =>
    invite({
      id: `i${index}`,
      email: draft.email,
      provider: draft.where[0],
      account: draft.where[1],
      role: draft.role,
      status: draft.status,
      invitedAt: draft.invitedDaysAgo === null ? null : daysAgo(draft.invitedDaysAgo),
      expiresAt: draft.expiresInDays === null ? null : daysAgo(-draft.expiresInDays),
      scopes: draft.projectRole === null ? [] : [{ kind: "project", id: "proj", name: null, role: draft.projectRole }]
    })
  )
)

const arbitraryPolicy: FastCheck.Arbitrary<AuditPolicy.Policy> = FastCheck.record({
  allowedDomains: FastCheck.subarray(["example.com", "*.example.org", "evil.test"]),
  staleAfterDays: FastCheck.integer({ min: 1, max: 30 }),
  off: FastCheck.subarray([...AuditPolicy.ruleIds]),
  only: FastCheck.subarray([...AuditPolicy.ruleIds]),
  severities: FastCheck.array(
    FastCheck.tuple(FastCheck.constantFrom(...AuditPolicy.ruleIds), FastCheck.constantFrom("error", "warning", "info")),
    { maxLength: 3 }
  )
}).map(({ allowedDomains, off, only, severities, staleAfterDays }) => {
  const rules: Record<string, AuditPolicy.RuleSettings> = {}
  for (const [id, severity] of severities) rules[id] = { severity: severity as AuditPolicy.Severity }
  for (const id of off) rules[id] = { ...rules[id], enabled: false }
  return { allowedDomains, staleAfter: Duration.days(staleAfterDays), rules, only, privilegedRoles: defaults.privilegedRoles }
})

describe("Audit properties", () => {
  it.effect.prop(
    "the streaming audit finds exactly what the reference finds over the whole array",
    [arbitraryPolicy, arbitraryInvites, FastCheck.integer({ min: 1, max: 8 })],
    ([policy, invites, chunk]) =>
      Effect.gen(function*() {
        const stream = Stream.rechunk(Stream.fromIterable(invites), chunk)
        const findings = Chunk.toArray(yield* Stream.runCollect(Audit.run(policy, now)(stream)))
        expect(findings.map((f) => `${f.rule} ${f.severity} ${f.invite.id}`).sort()).toEqual(reference(policy, invites))
        expect(findings.every((f) => f.reason.length > 0)).toBe(true)
      }),
    { fastCheck: { numRuns: 200 } }
  )
})
