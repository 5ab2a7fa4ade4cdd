/**
 * `invitekit audit`: lists like `list`, then prints the invites that should not be there — each with the rule
 * that found it, its severity and why — and a count by severity on stderr. Exit 6 when a finding is at or above
 * `--fail-on`, for cron and CI.
 *
 * @since 0.2.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Audit from "@invitekit/core/Audit"
import * as AuditPolicy from "@invitekit/core/AuditPolicy"
import * as ShortDuration from "@invitekit/core/ShortDuration"
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import * as Flags from "../Flags.js"
import * as Output from "../Output.js"

/**
 * @since 0.2.0
 */
export const format = Options.choice("format", Output.formats).pipe(
  Options.withAlias("f"),
  Options.withDefault("table" as Output.Format),
  Options.withDescription(
    "table (for people, most severe first; printed at the end), json (one array), ndjson (one finding per " +
      "line), csv (RFC 4180): one record per finding, the invite's fields then rule, severity and reason."
  )
)

/**
 * @since 0.2.0
 */
export const allowedDomain = Options.text("allowed-domain").pipe(
  Options.repeated,
  Options.withDescription(
    "An e-mail domain invites may go to (example.com; *.example.com for its subdomains); repeat for several. " +
      "Given, outside-domain reports every open invite elsewhere. Replaces the config file's allowedDomains."
  )
)

/**
 * @since 0.2.0
 */
export const staleAfter = Options.text("stale-after").pipe(
  Options.optional,
  Options.withDescription(
    `How long an invite may stay pending before stale-pending reports it (default ${
      ShortDuration.format(AuditPolicy.defaultStaleAfter)
    }; e.g. 30d, 2w, 36h).`
  )
)

/**
 * @since 0.2.0
 */
export const rule = Options.choice("rule", AuditPolicy.ruleIds).pipe(
  Options.repeated,
  Options.withDescription("Run only this rule; repeat for several (default: every rule).")
)

/**
 * @since 0.2.0
 */
export const ignoreRule = Options.choice("ignore-rule", AuditPolicy.ruleIds).pipe(
  Options.repeated,
  Options.withDescription("Do not run this rule; repeat for several.")
)

/**
 * @since 0.2.0
 */
export const failOn = Options.choice("fail-on", Audit.Threshold.literals).pipe(
  Options.withDefault(Audit.defaultThreshold),
  Options.withDescription(
    "Exit 6 when a finding is at least this severe: error, warning (default), info, or never."
  )
)

/**
 * The flags of `audit`.
 *
 * @since 0.2.0
 */
export interface AuditFlags extends Flags.Shared {
  readonly format: Output.Format
  readonly allowedDomain: ReadonlyArray<string>
  readonly staleAfter: Option.Option<string>
  readonly rule: ReadonlyArray<AuditPolicy.RuleId>
  readonly ignoreRule: ReadonlyArray<AuditPolicy.RuleId>
  readonly failOn: Audit.Threshold
}

/**
 * Runs `audit` with parsed flags (the demo runs it too); its work lives in auditRun.ts, loaded when it runs.
 *
 * @since 0.2.0
 */
export const run = (flags: AuditFlags) =>
  Effect.flatMap(Effect.promise(() => import("./auditRun.js")), (auditRun) => auditRun.run(flags))

const rulesHelp = Audit.rules.map((rule) => `${rule.id} (${rule.severity}): ${rule.description}`).join("; ")

/**
 * @since 0.2.0
 */
export const command = Command.make(
  "audit",
  { ...Flags.shared, format, allowedDomain, staleAfter, rule, ignoreRule, failOn },
  run
).pipe(
  Command.withDescription(
    "List like list, then print the invites that should not be there: one record per finding with its rule, " +
      "severity and reason, and a count by severity on stderr. Exit 6 when a finding is at or above --fail-on " +
      `(a provider that failed exits with its own code instead). Rules: ${rulesHelp}.`
  )
)
