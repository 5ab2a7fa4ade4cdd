/**
 * Which invites an audit finds, for the commands that act on them (`audit` prints them, `revoke --finding`
 * revokes them): the policy a run judges against — the config file's `policy:` section with the flags over it,
 * and the privileged roles of the registry's providers — and the findings of a listing under it.
 *
 * @since 0.2.0
 */
import * as Audit from "@invitekit/core/Audit"
import * as AuditPolicy from "@invitekit/core/AuditPolicy"
import type * as Invite from "@invitekit/core/Invite"
import * as ShortDuration from "@invitekit/core/ShortDuration"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { UsageError } from "./Failure.js"
import * as Providers from "./Providers.js"

/**
 * What the flags say of the policy; each one given wins over the config file.
 *
 * @since 0.2.0
 */
export interface PolicyFlags {
  /** `--allowed-domain` (repeatable): replaces the file's `allowedDomains` when given. */
  readonly allowedDomain: ReadonlyArray<string>
  /** `--stale-after 30d`: replaces the file's `staleAfter`. */
  readonly staleAfter: Option.Option<string>
  /** `--rule` (repeatable): only these rules run (the file's `only`). */
  readonly rule: ReadonlyArray<AuditPolicy.RuleId>
  /** `--ignore-rule` (repeatable): these rules are turned off, whatever the file says. */
  readonly ignoreRule: ReadonlyArray<AuditPolicy.RuleId>
}

/**
 * No policy flags: the config file's policy as written.
 *
 * @since 0.2.0
 */
export const noFlags: PolicyFlags = { allowedDomain: [], staleAfter: Option.none(), rule: [], ignoreRule: [] }

/**
 * The policy of a run: the config file's `policy:` section as parsed (`undefined` without one), the flags over
 * it, and every registered provider's privileged roles added. A mistake in either is a usage error naming it.
 *
 * @since 0.2.0
 */
export const policy = (
  section: unknown,
  flags: PolicyFlags,
  where = "the config file"
): Effect.Effect<AuditPolicy.Policy, UsageError> =>
  Effect.gen(function*() {
    const fromFile = yield* AuditPolicy.decodeUnknown(section).pipe(
      Effect.mapError((error) =>
        new UsageError({
          message: ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) =>
            `${where}: policy${issue.path.map((key) => `.${String(key)}`).join("")}: ${
              issue._tag === "Unexpected" ? "is not a known field" : issue._tag === "Missing" ? "is missing" : issue.message
            }`
          ).join("\n")
        })
      )
    )
    const allowedDomains = flags.allowedDomain.length === 0
      ? fromFile.allowedDomains
      : yield* Effect.forEach(flags.allowedDomain, (domain) =>
        Schema.decode(AuditPolicy.DomainPattern)(domain).pipe(
          Effect.mapError((error) =>
            new UsageError({
              message: `--allowed-domain: ${ParseResult.ArrayFormatter.formatErrorSync(error)[0]?.message ?? domain}`
            })
          )
        ))
    const staleAfter = Option.isNone(flags.staleAfter) ? fromFile.staleAfter : yield* Either.match(
      ShortDuration.parse(flags.staleAfter.value),
      {
        onLeft: (message) => Effect.fail(new UsageError({ message: `--stale-after: ${message}` })),
        onRight: Effect.succeed
      }
    )
    const rules: Partial<Record<AuditPolicy.RuleId, AuditPolicy.RuleSettings>> = { ...fromFile.rules }
    for (const id of flags.ignoreRule) rules[id] = { ...rules[id], enabled: false }
    const combined: AuditPolicy.Policy = {
      ...fromFile,
      allowedDomains,
      staleAfter,
      rules,
      ...(flags.rule.length === 0 ? {} : { only: flags.rule })
    }
    return AuditPolicy.withPrivilegedRoles(combined, Providers.definitions)
  })

/**
 * The findings of a listing under a policy at `now` (epoch ms), as `Audit.run` reports them.
 *
 * @since 0.2.0
 */
export const findings = (policy: AuditPolicy.Policy, now: number) =>
<E, R>(invites: Stream.Stream<Invite.Invite, E, R>): Stream.Stream<Audit.Finding, E, R> =>
  Audit.run(policy, DateTime.unsafeMake(now))(invites)

/**
 * Only the findings of one rule (`revoke --finding <rule>`).
 *
 * @since 0.2.0
 */
export const ofRule = (rule: AuditPolicy.RuleId) =>
<E, R>(found: Stream.Stream<Audit.Finding, E, R>): Stream.Stream<Audit.Finding, E, R> =>
  Stream.filter(found, (finding) => finding.rule === rule)
