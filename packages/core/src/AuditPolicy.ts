/**
 * What an audit judges against: the allowed e-mail domains, how long a pending invite may wait, which rules run
 * and how severe their findings are. Decodes from a config file's `policy:` section:
 *
 * ```yaml
 * policy:
 *   allowedDomains: [example.com, "*.example.org"]  # outside-domain runs only when this is given
 *   staleAfter: 30d                                # stale-pending threshold (default 14d): w, d, h, min
 *   rules:
 *     privileged-role: { severity: error }         # override a rule's default severity
 *     cross-account: { enabled: false }            # turn a rule off
 *   only: [pending-past-expiry, stale-pending]     # optional: run only these (what `--rule` sets)
 * ```
 *
 * Domains match exactly and ignore case: `example.com` allows `ada@example.com`, not `ada@eu.example.com`.
 * A leading `*.` allows every subdomain: `*.example.com` allows `ada@eu.example.com` and
 * `ada@a.b.example.com` but not `ada@example.com` itself — list both to allow both. Exact by default because a
 * subdomain can belong to someone else (a customer's tenant, a hosted service).
 *
 * `only` narrows the rules that run; a rule turned off with `enabled: false` stays off even when listed there.
 * An unknown key, rule id or severity is a decoding error naming it.
 *
 * @since 0.2.0
 */
import * as Duration from "effect/Duration"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as ShortDuration from "./ShortDuration.js"

const ids = [
  "pending-past-expiry",
  "stale-pending",
  "privileged-role",
  "outside-domain",
  "duplicate-invite",
  "cross-account"
] as const

const ruleList = ids.join(", ")

/**
 * The audit rules, by id.
 *
 * @since 0.2.0
 */
export const RuleId = Schema.Literal(...ids).annotations({
  identifier: "RuleId",
  message: (issue) => ({
    message: `Expected a rule id (${ruleList}), actual ${JSON.stringify(issue.actual)}`,
    override: true
  })
})

/**
 * @since 0.2.0
 */
export type RuleId = typeof RuleId.Type

/**
 * Every rule id, in the order findings of one invite are reported.
 *
 * @since 0.2.0
 */
export const ruleIds: ReadonlyArray<RuleId> = RuleId.literals

/**
 * How much a finding matters: `error` (breaks the policy), `warning` (should be acted on), `info` (worth knowing).
 *
 * @since 0.2.0
 */
export const Severity = Schema.Literal("error", "warning", "info").annotations({
  identifier: "Severity",
  message: (issue) => ({ message: `Expected error, warning or info, actual ${JSON.stringify(issue.actual)}`, override: true })
})

/**
 * @since 0.2.0
 */
export type Severity = typeof Severity.Type

// Excess keys are errors here, not silently dropped: a misspelt `serverity:` must not quietly keep the default.
const strict = { parseOptions: { onExcessProperty: "error" } } as const

/**
 * One rule's settings: `enabled: false` turns it off; `severity` overrides its default.
 *
 * @since 0.2.0
 */
export const RuleSettings = Schema.Struct({
  enabled: Schema.optionalWith(Schema.Boolean, { exact: true }),
  severity: Schema.optionalWith(Severity, { exact: true })
}).annotations({ identifier: "RuleSettings", ...strict })

/**
 * @since 0.2.0
 */
export type RuleSettings = typeof RuleSettings.Type

const domainLabel = "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
const domainShape = new RegExp(`^(?:\\*\\.)?${domainLabel}(?:\\.${domainLabel})*$`)

/**
 * An allowed e-mail domain: `example.com` (exactly that domain) or `*.example.com` (any of its subdomains),
 * case-insensitive, decoded to lower case.
 *
 * @since 0.2.0
 */
export const DomainPattern: Schema.Schema<string, string> = Schema.transformOrFail(Schema.String, Schema.String, {
  strict: true,
  decode: (text, _, ast) => {
    const pattern = text.trim().toLowerCase()
    if (domainShape.test(pattern)) return ParseResult.succeed(pattern)
    const hint = pattern.includes("@")
      ? `write the domain without the address part, e.g. "${pattern.slice(pattern.lastIndexOf("@") + 1)}"`
      : `write a domain such as "example.com", or "*.example.com" for its subdomains`
    return ParseResult.fail(new ParseResult.Type(ast, text, `"${text}" is not an e-mail domain: ${hint}`))
  },
  encode: ParseResult.succeed
}).annotations({ identifier: "DomainPattern" })

/**
 * How long a pending invite may wait before `stale-pending` reports it: 14 days.
 *
 * @since 0.2.0
 */
export const defaultStaleAfter: Duration.Duration = Duration.days(14)

/**
 * A policy, decoded from a config file's `policy:` section (every key optional; see the module's example).
 *
 * @since 0.2.0
 */
export const Policy = Schema.Struct({
  allowedDomains: Schema.optionalWith(Schema.Array(DomainPattern), { default: () => [], exact: true }),
  staleAfter: Schema.optionalWith(ShortDuration.FromString, { default: () => defaultStaleAfter, exact: true }),
  rules: Schema.optionalWith(
    Schema.Struct({
      "pending-past-expiry": Schema.optionalWith(RuleSettings, { exact: true }),
      "stale-pending": Schema.optionalWith(RuleSettings, { exact: true }),
      "privileged-role": Schema.optionalWith(RuleSettings, { exact: true }),
      "outside-domain": Schema.optionalWith(RuleSettings, { exact: true }),
      "duplicate-invite": Schema.optionalWith(RuleSettings, { exact: true }),
      "cross-account": Schema.optionalWith(RuleSettings, { exact: true })
    }).annotations({ identifier: "Rules", ...strict }),
    { default: () => ({}), exact: true }
  ),
  only: Schema.optionalWith(Schema.Array(RuleId), { exact: true }),
  /**
   * The roles `privileged-role` flags, per provider: organization roles, and roles of a scope (a project). The
   * providers' definitions give theirs (`withPrivilegedRoles`); a config file may add more.
   */
  privilegedRoles: Schema.optionalWith(
    Schema.Record({
      key: Schema.String,
      value: Schema.Struct({
        organization: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [], exact: true }),
        scopes: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [], exact: true })
      }).annotations({ identifier: "PrivilegedRoles", ...strict })
    }),
    { default: () => ({}), exact: true }
  )
}).annotations({ identifier: "Policy", ...strict })

/**
 * A policy: `allowedDomains` (empty: `outside-domain` does not run), `staleAfter`, per-rule `rules` settings and,
 * when given and not empty, `only` the rules to run.
 *
 * @since 0.2.0
 */
export type Policy = typeof Policy.Type

/**
 * A policy as written in a config file.
 *
 * @since 0.2.0
 */
export type Encoded = typeof Policy.Encoded

/**
 * The policy without a config: every rule on at its default severity, 14 days for `stale-pending`, no allowed
 * domains (so no `outside-domain`).
 *
 * @since 0.2.0
 */
export const defaults: Policy = { allowedDomains: [], staleAfter: defaultStaleAfter, rules: {}, privilegedRoles: {} }

/**
 * What a provider's definition says of its privileged roles.
 *
 * @since 0.2.0
 */
export interface PrivilegedRoles {
  readonly organization: ReadonlyArray<string>
  readonly scopes: ReadonlyArray<string>
}

/**
 * The policy with the providers' own privileged roles added to those it names (a config file may only add).
 *
 * @since 0.2.0
 */
export const withPrivilegedRoles = (
  policy: Policy,
  providers: ReadonlyArray<{ readonly name: string; readonly privilegedRoles: PrivilegedRoles }>
): Policy => {
  const merged: Record<string, PrivilegedRoles> = { ...policy.privilegedRoles }
  for (const provider of providers) {
    const named = merged[provider.name]
    merged[provider.name] = {
      organization: [...provider.privilegedRoles.organization, ...(named?.organization ?? [])],
      scopes: [...provider.privilegedRoles.scopes, ...(named?.scopes ?? [])]
    }
  }
  return { ...policy, privilegedRoles: merged }
}

/**
 * Decodes a `policy:` section (already parsed from YAML or JSON); a missing section is the defaults.
 *
 * @since 0.2.0
 */
export const decodeUnknown = (input: unknown) => Schema.decodeUnknown(Policy)(input ?? {}, { errors: "all" })

/**
 * Whether a rule runs under the policy: not turned off, and listed in `only` when `only` is given. (Whether
 * `outside-domain` has domains to judge against is the rule's own concern.)
 *
 * @since 0.2.0
 */
export const isEnabled = (policy: Policy, rule: RuleId): boolean =>
  policy.rules[rule]?.enabled !== false &&
  (policy.only === undefined || policy.only.length === 0 || policy.only.includes(rule))

/**
 * The domain of an e-mail address, lower-cased: what follows its last `@`; `undefined` when there is none.
 *
 * @since 0.2.0
 */
export const domainOf = (email: string): string | undefined => {
  const at = email.lastIndexOf("@")
  const domain = at < 0 ? "" : email.slice(at + 1).trim().toLowerCase()
  return domain === "" ? undefined : domain
}

/**
 * A test of e-mail domains against allowed patterns (see the module's note on subdomains). Build it once per audit:
 * exact domains go in a set, wildcards become suffixes.
 *
 * @since 0.2.0
 */
export const domainMatcher = (patterns: ReadonlyArray<string>): (domain: string) => boolean => {
  const exact = new Set<string>()
  const suffixes: Array<string> = []
  for (const raw of patterns) {
    const pattern = raw.toLowerCase()
    if (pattern.startsWith("*.")) suffixes.push(pattern.slice(1))
    else exact.add(pattern)
  }
  return (domain) => {
    const lower = domain.toLowerCase()
    return exact.has(lower) || suffixes.some((suffix) => lower.length > suffix.length && lower.endsWith(suffix))
  }
}
