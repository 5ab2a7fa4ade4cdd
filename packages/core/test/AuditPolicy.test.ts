import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { AuditPolicy } from "../src/index.js"

const decode = (input: unknown) => Effect.runSync(Effect.either(AuditPolicy.decodeUnknown(input)))

const failure = (input: unknown): string => {
  const result = decode(input)
  if (result._tag === "Right") throw new Error(`expected ${JSON.stringify(input)} to be refused`)
  return result.left.message
}

describe("AuditPolicy from a config's policy: section", () => {
  it("a missing or empty section is the defaults", () => {
    for (const input of [undefined, null, {}]) {
      const result = decode(input)
      expect(result._tag).toBe("Right")
      if (result._tag === "Right") {
        expect(result.right.allowedDomains).toEqual([])
        expect(Duration.toDays(result.right.staleAfter)).toBe(14)
        expect(result.right.rules).toEqual({})
        expect(result.right.only).toBeUndefined()
      }
    }
    expect(Duration.toDays(AuditPolicy.defaults.staleAfter)).toBe(14)
  })

  it("decodes every key; domains lower-cased", () => {
    const result = decode({
      allowedDomains: ["Example.COM", "*.example.org"],
      staleAfter: "30d",
      rules: { "privileged-role": { severity: "error" }, "cross-account": { enabled: false } },
      only: ["stale-pending", "privileged-role"]
    })
    expect(result._tag).toBe("Right")
    if (result._tag === "Right") {
      const policy = result.right
      expect(policy.allowedDomains).toEqual(["example.com", "*.example.org"])
      expect(Duration.toDays(policy.staleAfter)).toBe(30)
      expect(policy.rules).toEqual({ "privileged-role": { severity: "error" }, "cross-account": { enabled: false } })
      expect(policy.only).toEqual(["stale-pending", "privileged-role"])
      expect(Schema.encodeSync(AuditPolicy.Policy)(policy)).toMatchObject({ staleAfter: "4w2d" })
    }
  })

  it("refuses what it does not know, naming it", () => {
    expect(failure({ staleAfter: "30 days" })).toMatch(/staleAfter[\s\S]*unknown unit "days"/)
    expect(failure({ staleAfter: "3m" })).toMatch(/"m" is ambiguous/)
    expect(failure({ allowedDomains: ["ada@example.com"] })).toMatch(/without the address part, e.g. "example.com"/)
    expect(failure({ allowedDomains: ["example..com"] })).toMatch(/"example..com" is not an e-mail domain/)
    expect(failure({ allowedDomains: ["foo.*.com"] })).toMatch(/is not an e-mail domain/)
    expect(failure({ rules: { "stale-pendng": { enabled: false } } })).toMatch(/stale-pendng/)
    expect(failure({ rules: { "stale-pending": { serverity: "error" } } })).toMatch(/serverity/)
    expect(failure({ rules: { "stale-pending": { severity: "fatal" } } })).toMatch(/"fatal"/)
    expect(failure({ only: ["no-such-rule"] })).toMatch(/no-such-rule/)
    expect(failure({ allowedDomain: ["example.com"] })).toMatch(/allowedDomain/)
  })
})

describe("AuditPolicy.isEnabled", () => {
  const base = AuditPolicy.defaults
  it("every rule by default; off when turned off; only narrows; off stays off", () => {
    for (const id of AuditPolicy.ruleIds) expect(AuditPolicy.isEnabled(base, id)).toBe(true)
    const off = { ...base, rules: { "cross-account": { enabled: false } } }
    expect(AuditPolicy.isEnabled(off, "cross-account")).toBe(false)
    expect(AuditPolicy.isEnabled(off, "stale-pending")).toBe(true)
    const only = { ...off, only: ["stale-pending", "cross-account"] as const }
    expect(AuditPolicy.ruleIds.filter((id) => AuditPolicy.isEnabled(only, id))).toEqual(["stale-pending"])
    expect(AuditPolicy.isEnabled({ ...base, only: [] }, "privileged-role")).toBe(true)
  })
})

describe("AuditPolicy domains", () => {
  it("exact domains ignore case; *.domain allows subdomains only", () => {
    const allowed = AuditPolicy.domainMatcher(["example.com", "*.Example.org"])
    expect(allowed("example.com")).toBe(true)
    expect(allowed("EXAMPLE.com")).toBe(true)
    expect(allowed("eu.example.com")).toBe(false)
    expect(allowed("notexample.com")).toBe(false)
    expect(allowed("eu.example.org")).toBe(true)
    expect(allowed("a.b.example.org")).toBe(true)
    expect(allowed("example.org")).toBe(false)
    expect(allowed("badexample.org")).toBe(false)
  })

  it("domainOf: after the last @, lower-cased", () => {
    expect(AuditPolicy.domainOf("Ada+ops@Example.COM")).toBe("example.com")
    expect(AuditPolicy.domainOf("\"a@b\"@example.com")).toBe("example.com")
    expect(AuditPolicy.domainOf("no-at-sign")).toBeUndefined()
    expect(AuditPolicy.domainOf("trailing@")).toBeUndefined()
  })
})
