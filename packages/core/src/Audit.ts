/**
 * The audit rules: which invites should not be there, and why. Pure functions over a stream (or an iterable) of
 * invites; no I/O, the time is passed in, so a program can audit any stream it has.
 *
 * | rule                  | default   | finds                                                                   |
 * | --------------------- | --------- | ----------------------------------------------------------------------- |
 * | `pending-past-expiry` | `warning` | still `pending` as sent, but `expiresAt` has passed: it can no longer be accepted |
 * | `stale-pending`       | `warning` | pending (and not past expiry) for longer than `staleAfter` (14d) since `invitedAt` |
 * | `privileged-role`     | `warning` | an open invite granting a role its provider's definition counts as privileged (`policy.privilegedRoles`): OpenAI `owner` (also `owner` of a project scope), Anthropic `admin`, Portkey `owner`/`admin`, Openlayer `ADMIN` |
 * | `outside-domain`      | `error`   | an open invite to an address outside `allowedDomains` (only when some are configured) |
 * | `duplicate-invite`    | `warning` | a second open invite for the same address in one account: every one but the newest |
 * | `cross-account`       | `info`    | an address with open invites in several accounts or providers: one finding per account |
 *
 * "Open" is `InviteStatus.isOpen`: pending in effect, or a status invitekit does not know. Accepted, expired and
 * revoked invites grant nothing any more, so only `pending-past-expiry` looks past open ones. E-mail addresses
 * compare case-insensitively; accounts are told apart by provider and account name.
 *
 * Per-invite rules report as the invites stream past. `duplicate-invite` reports as soon as a second open invite for
 * an address and account arrives (on the older of the two). `cross-account` needs every invite and reports at the
 * end. Both keep one invite per distinct address and account — the newest open one — never all invites; neither
 * keeps anything when both are turned off. If the input fails, the stream fails before the end, so no
 * `cross-account` finding is drawn from a partial listing.
 *
 * @since 0.2.0
 */
import * as Chunk from "effect/Chunk"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type { Policy, RuleId, Severity } from "./AuditPolicy.js"
import * as AuditPolicy from "./AuditPolicy.js"
import * as Invite from "./Invite.js"
import * as InviteStatus from "./InviteStatus.js"
import * as Provider from "./Provider.js"
import * as ShortDuration from "./ShortDuration.js"

/**
 * A rule: its id, the severity of its findings unless the policy overrides it, and what it finds.
 *
 * @since 0.2.0
 */
export interface Rule {
  readonly id: RuleId
  readonly severity: Severity
  readonly description: string
}

/**
 * Every rule, in the order findings of one invite are reported.
 *
 * @since 0.2.0
 */
export const rules: ReadonlyArray<Rule> = [
  {
    id: "pending-past-expiry",
    severity: "warning",
    description: "still pending, but its expiry has passed: it can no longer be accepted"
  },
  { id: "stale-pending", severity: "warning", description: "pending for longer than the policy's staleAfter" },
  { id: "privileged-role", severity: "warning", description: "an open invite granting an owner or admin role" },
  {
    id: "outside-domain",
    severity: "error",
    description: "an open invite to an address outside the allowed domains (when any are configured)"
  },
  {
    id: "duplicate-invite",
    severity: "warning",
    description: "more than one open invite for the same address in one account"
  },
  { id: "cross-account", severity: "info", description: "the same address invited in several accounts or providers" }
]

const byId = new Map(rules.map((rule) => [rule.id, rule]))

/**
 * The rule with this id.
 *
 * @since 0.2.0
 */
export const rule = (id: RuleId): Rule => byId.get(id)!

/**
 * The severity of a rule's findings under a policy: its override, else the rule's default.
 *
 * @since 0.2.0
 */
export const severityOf = (policy: Policy, id: RuleId): Severity => policy.rules[id]?.severity ?? rule(id).severity

/**
 * One invite that a rule reports, with the severity under the policy and a reason in plain language.
 *
 * @since 0.2.0
 */
export interface Finding {
  readonly invite: Invite.Invite
  readonly rule: RuleId
  readonly severity: Severity
  readonly reason: string
}

/**
 * An auditor for one pass over invites: `push` each invite (it returns the findings known so far about it), then
 * `finish` once for the findings that needed every invite. `run` and `runIterable` are built on it; use it where a
 * stream or an iterable does not fit (a sink, a callback).
 *
 * @since 0.2.0
 */
export interface Auditor {
  readonly push: (invite: Invite.Invite) => ReadonlyArray<Finding>
  readonly finish: () => ReadonlyArray<Finding>
}

/**
 * A fresh auditor for the policy at `now`.
 *
 * @since 0.2.0
 */
export const make = (policy: Policy, now: DateTime.DateTime): Auditor => {
  const on = (id: RuleId) => AuditPolicy.isEnabled(policy, id)
  const finding = (invite: Invite.Invite, id: RuleId, reason: string): Finding => ({
    invite,
    rule: id,
    severity: severityOf(policy, id),
    reason
  })

  const checks: Array<(invite: Invite.Invite) => string | undefined> = []
  const ids: Array<RuleId> = []
  const add = (id: RuleId, check: (invite: Invite.Invite) => string | undefined) => {
    if (on(id)) {
      ids.push(id)
      checks.push(check)
    }
  }
  add("pending-past-expiry", (invite) => pastExpiry(invite, now))
  add("stale-pending", (invite) => stale(invite, now, policy.staleAfter))
  const privileged = privilegedWith(policy.privilegedRoles)
  add("privileged-role", (invite) => InviteStatus.isOpen(invite, now) ? privileged(invite) : undefined)
  if (policy.allowedDomains.length > 0) {
    const allowed = AuditPolicy.domainMatcher(policy.allowedDomains)
    add("outside-domain", (invite) => InviteStatus.isOpen(invite, now) ? outside(invite, allowed) : undefined)
  }

  const duplicates = on("duplicate-invite")
  const crossAccount = on("cross-account")
  // address (lower case) → account → the newest open invite there: all the grouping rules need.
  const newest = new Map<string, Map<string, Invite.Invite>>()

  const group = (invite: Invite.Invite): Finding | undefined => {
    const email = invite.email.toLowerCase()
    let accounts = newest.get(email)
    if (accounts === undefined) newest.set(email, accounts = new Map())
    const account = accountKey(invite)
    const kept = accounts.get(account)
    if (kept === undefined) {
      accounts.set(account, invite)
      return undefined
    }
    // The same invite seen twice (a stream composed of overlapping listings) is not a second invite.
    if (kept.id === invite.id) return undefined
    const [keep, older] = invitedAfter(invite, kept) ? [invite, kept] : [kept, invite]
    accounts.set(account, keep)
    return duplicates
      ? finding(
        older,
        "duplicate-invite",
        `another open invite for this address in ${where(keep)} (${keep.id}${
          keep.invitedAt === null ? "" : `, invited ${day(keep.invitedAt)}`
        }) is the one to keep`
      )
      : undefined
  }

  return {
    push: (invite) => {
      const found: Array<Finding> = []
      for (let i = 0; i < checks.length; i++) {
        const reason = checks[i](invite)
        if (reason !== undefined) found.push(finding(invite, ids[i], reason))
      }
      if ((duplicates || crossAccount) && InviteStatus.isOpen(invite, now)) {
        const duplicate = group(invite)
        if (duplicate !== undefined) found.push(duplicate)
      }
      return found
    },
    finish: () => {
      const found: Array<Finding> = []
      if (crossAccount) {
        for (const accounts of newest.values()) {
          if (accounts.size < 2) continue
          const invites = [...accounts.values()]
          for (const invite of invites) {
            const others = invites.filter((other) => other !== invite).map(where).sort()
            found.push(finding(invite, "cross-account", `this address is also invited in ${others.join(", ")}`))
          }
        }
      }
      newest.clear()
      return found
    }
  }
}

/**
 * Audits a stream of invites: per-invite findings as the invites pass, grouping findings as soon as they are known
 * or at the end. Each run of the returned stream starts afresh; an error of the input ends it.
 *
 * @since 0.2.0
 */
export const run = (policy: Policy, now: DateTime.DateTime) =>
<E, R>(invites: Stream.Stream<Invite.Invite, E, R>): Stream.Stream<Finding, E, R> =>
  Stream.suspend(() => {
    const auditor = make(policy, now)
    return Stream.concat(
      // Findings go out per input chunk, in pieces of at most 1024: concatenating a chunk per invite builds a
      // rope deep enough to overflow the stack, and so does Stream.runFold over one very large chunk (it recurses
      // per element). Measured: 1,000,000 invites over 100 addresses overflowed both ways before this.
      Stream.flatMap(Stream.chunks(invites), (chunk) => {
        const found: Array<Finding> = []
        for (const invite of chunk) found.push(...auditor.push(invite))
        return pieces(found)
      }),
      Stream.suspend(() => pieces(auditor.finish()))
    )
  })

/**
 * Audits invites held in memory (an array, a set, a generator): the same findings, in the same order, as `run`.
 *
 * @since 0.2.0
 */
export const runIterable = (policy: Policy, now: DateTime.DateTime) =>
(invites: Iterable<Invite.Invite>): Array<Finding> => {
  const auditor = make(policy, now)
  const found: Array<Finding> = []
  for (const invite of invites) found.push(...auditor.push(invite))
  found.push(...auditor.finish())
  return found
}

/**
 * How many findings of each severity.
 *
 * @since 0.2.0
 */
export interface Summary {
  readonly error: number
  readonly warning: number
  readonly info: number
}

/**
 * No findings.
 *
 * @since 0.2.0
 */
export const emptySummary: Summary = { error: 0, warning: 0, info: 0 }

/**
 * Adds one finding to a summary: the step to fold a stream of findings with (`Stream.runFold`, `Stream.tap`).
 *
 * @since 0.2.0
 */
export const count = (summary: Summary, finding: Finding): Summary => ({
  ...summary,
  [finding.severity]: summary[finding.severity] + 1
})

/**
 * Counts findings by severity.
 *
 * @since 0.2.0
 */
export const summary = (findings: Iterable<Finding>): Summary => {
  const counts = { ...emptySummary }
  for (const finding of findings) counts[finding.severity]++
  return counts
}

/**
 * A summary in one line: `no findings`, or e.g. `3 findings: 1 error, 2 warnings, 0 info`.
 *
 * @since 0.2.0
 */
export const describe = (summary: Summary): string => {
  const total = summary.error + summary.warning + summary.info
  if (total === 0) return "no findings"
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`
  return `${plural(total, "finding")}: ${plural(summary.error, "error")}, ${
    plural(summary.warning, "warning")
  }, ${summary.info} info`
}

/**
 * The lowest severity that fails an audit (`--fail-on`), or `never`.
 *
 * @since 0.2.0
 */
export const Threshold = Schema.Literal("error", "warning", "info", "never")

/**
 * @since 0.2.0
 */
export type Threshold = typeof Threshold.Type

/**
 * What fails an audit unless told otherwise: a warning or an error.
 *
 * @since 0.2.0
 */
export const defaultThreshold: Threshold = "warning"

/**
 * Whether the findings fail an audit at the threshold: some finding is at least that severe (`never`: never).
 * Takes the findings or their summary.
 *
 * @since 0.2.0
 */
export const failsOn = (threshold: Threshold, findings: Summary | Iterable<Finding>): boolean => {
  const counts = Symbol.iterator in findings ? summary(findings) : findings
  switch (threshold) {
    case "never":
      return false
    case "error":
      return counts.error > 0
    case "warning":
      return counts.error + counts.warning > 0
    case "info":
      return counts.error + counts.warning + counts.info > 0
  }
}

/**
 * A finding as one flat record: the invite's JSON fields, then `rule`, `severity` and `reason`.
 *
 * @since 0.2.0
 */
export type Encoded = Invite.Encoded & {
  readonly rule: RuleId
  readonly severity: Severity
  readonly reason: string
}

/**
 * The field names of a finding's record, in order (the CSV header).
 *
 * @since 0.2.0
 */
export const fields: ReadonlyArray<keyof Encoded> = [...Invite.fields, "rule", "severity", "reason"]

/**
 * Encodes a finding as one flat record.
 *
 * @since 0.2.0
 */
export const encode = (finding: Finding): Encoded => ({
  ...Invite.encode(finding.invite),
  rule: finding.rule,
  severity: finding.severity,
  reason: finding.reason
})

const pieces = <A>(items: ReadonlyArray<A>): Stream.Stream<A> => {
  const chunks: Array<Chunk.Chunk<A>> = []
  for (let at = 0; at < items.length; at += 1024) chunks.push(Chunk.unsafeFromArray(items.slice(at, at + 1024)))
  return Stream.fromChunks(...chunks)
}

// The rules, one small function each: a reason when the invite is found, else undefined.

const pastExpiry = (invite: Invite.Invite, now: DateTime.DateTime): string | undefined =>
  InviteStatus.isPendingPastExpiry(invite, now) && invite.expiresAt !== null
    ? `still pending, but it expired ${ago(invite.expiresAt, now)} (${
      day(invite.expiresAt)
    }): it can no longer be accepted`
    : undefined

const stale = (invite: Invite.Invite, now: DateTime.DateTime, after: Duration.Duration): string | undefined => {
  if (invite.invitedAt === null || InviteStatus.effective(invite, now) !== "pending") return undefined
  const waited = now.epochMillis - invite.invitedAt.epochMillis
  if (waited <= Duration.toMillis(after)) return undefined
  const expiry = invite.expiresAt === null
    ? "it never expires on its own"
    : `it expires ${day(invite.expiresAt)}`
  return `pending for ${span(waited)} (since ${day(invite.invitedAt)}), longer than ${
    ShortDuration.format(after)
  }; ${expiry}`
}

/**
 * What an invite grants that its provider counts as privileged (roles compared ignoring case: Openlayer's are
 * upper-case): an organization role — in the workspace the invite is to, when its one workspace scope carries
 * that role — and scope roles such as an OpenAI project's `owner`.
 */
const privilegedWith = (roles: AuditPolicy.Policy["privilegedRoles"]) => {
  const lower = new Map(
    Object.entries(roles).map(([provider, { organization, scopes }]) => [provider, {
      organization: new Set(organization.map((role) => role.toLowerCase())),
      scopes: new Set(scopes.map((role) => role.toLowerCase()))
    }])
  )
  return (invite: Invite.Invite): string | undefined => {
    const provider = lower.get(invite.provider)
    if (provider === undefined) return undefined
    const grants: Array<string> = []
    if (provider.organization.has(invite.role.toLowerCase())) {
      const workspace = invite.scopes.find((scope) => scope.kind === "workspace" && scope.role === invite.role)
      grants.push(
        workspace === undefined
          ? `the ${invite.role} role in the organization`
          : `the ${invite.role} role in workspace ${workspace.name ?? workspace.id}`
      )
    }
    for (const scope of invite.scopes) {
      if (scope.role !== null && provider.scopes.has(scope.role.toLowerCase())) {
        grants.push(`${scope.role.toLowerCase()} of ${scope.kind} ${scope.name ?? scope.id}`)
      }
    }
    return grants.length === 0 ? undefined : `grants ${grants.join(" and ")}`
  }
}

const outside = (invite: Invite.Invite, allowed: (domain: string) => boolean): string | undefined => {
  const domain = AuditPolicy.domainOf(invite.email)
  if (domain === undefined) return "the address has no domain, so it is outside the allowed domains"
  return allowed(domain) ? undefined : `${domain} is not an allowed domain`
}

const accountKey = (invite: Invite.Invite): string => `${invite.provider}\u0000${invite.account}`

const where = (invite: Invite.Invite): string =>
  invite.account === invite.provider
    ? Provider.displayName(invite.provider)
    : `${invite.account} (${Provider.displayName(invite.provider)})`

// Newer means invited later; an invite without a date is older than any dated one; on a tie the first seen stays.
const invitedAfter = (invite: Invite.Invite, than: Invite.Invite): boolean =>
  (invite.invitedAt?.epochMillis ?? -Infinity) > (than.invitedAt?.epochMillis ?? -Infinity)

const day = (instant: DateTime.DateTime): string => DateTime.formatIso(DateTime.toUtc(instant)).slice(0, 10)

const ago = (instant: DateTime.DateTime, now: DateTime.DateTime): string =>
  `${span(now.epochMillis - instant.epochMillis)} ago`

const hour = 60 * 60 * 1000

const span = (millis: number): string => {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`
  if (millis >= 24 * hour) return plural(Math.floor(millis / (24 * hour)), "day")
  if (millis >= hour) return plural(Math.floor(millis / hour), "hour")
  return plural(Math.max(0, Math.floor(millis / 60_000)), "minute")
}
