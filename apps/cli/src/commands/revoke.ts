/**
 * `invitekit revoke`: revokes the invites it selects — by `--id`, or by `list`'s filters, `--older-than` and an
 * audit rule (`--finding`). It always prints the plan first and applies it only with `--yes` or a "yes" typed at
 * a terminal; without either it is a dry run.
 *
 * @since 0.2.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as AuditPolicy from "@invitekit/core/AuditPolicy"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Flags from "../Flags.js"
import * as Output from "../Output.js"

/**
 * @since 0.2.0
 */
export const format = Options.choice("format", Output.formats).pipe(
  Options.withAlias("f"),
  Options.withDefault("table" as Output.Format),
  Options.withDescription(
    "How each invite's outcome is reported on stdout: table, json, ndjson or csv (the invite's fields plus " +
      "outcome — planned, revoked, already-gone, skipped, failed — and reason)."
  )
)

/**
 * @since 0.2.0
 */
export const id = Options.text("id").pipe(
  Options.repeated,
  Options.withDescription("An invite to revoke, by its id; repeat for several (--provider narrows where to look).")
)

/**
 * @since 0.2.0
 */
export const finding = Options.choice("finding", AuditPolicy.ruleIds).pipe(
  Options.optional,
  Options.withDescription("Only invites the audit reports under this rule (e.g. pending-past-expiry).")
)

/**
 * @since 0.2.0
 */
export const olderThan = Options.text("older-than").pipe(
  Options.optional,
  Options.withDescription("Only invites sent longer ago than this (30d, 2w, 12h).")
)

/**
 * @since 0.2.0
 */
export const yes = Options.boolean("yes").pipe(
  Options.withDescription("Apply the plan without asking. Without it, a terminal is asked and anything else is a dry run.")
)

/**
 * @since 0.2.0
 */
export const max = Options.integer("max").pipe(
  Options.filterMap((n) => n >= 1 ? Option.some(n) : Option.none(), "--max must be a whole number of at least 1"),
  Options.withDefault(25),
  Options.withDescription("Refuse to revoke more invites than this in one run (default 25).")
)

/**
 * @since 0.2.0
 */
export const journal = Options.text("journal").pipe(
  Options.optional,
  Options.withDescription(
    "The file every applied action is appended to (default $XDG_STATE_HOME/invitekit/journal.ndjson, " +
      "else ~/.local/state/invitekit/journal.ndjson)."
  )
)

/**
 * The flags of `revoke`.
 *
 * @since 0.2.0
 */
export interface RevokeFlags extends Flags.Shared {
  readonly format: Output.Format
  readonly id: ReadonlyArray<string>
  readonly finding: Option.Option<AuditPolicy.RuleId>
  readonly olderThan: Option.Option<string>
  readonly yes: boolean
  readonly max: number
  readonly journal: Option.Option<string>
}

/**
 * Runs `revoke` with parsed flags; its work lives in revokeRun.ts, loaded only when it runs.
 *
 * @since 0.2.0
 */
export const run = (flags: RevokeFlags) =>
  Effect.flatMap(Effect.promise(() => import("./revokeRun.js")), (revokeRun) => revokeRun.run(flags))

/**
 * @since 0.2.0
 */
export const command = Command.make(
  "revoke",
  { ...Flags.shared, format, id, finding, olderThan, yes, max, journal },
  run
).pipe(
  Command.withDescription(
    "Revoke invites: select them by --id, or by --status/--role/--email, --older-than and --finding; the plan " +
      "(account, provider, id, email, status, age, why) is printed on stderr first. Nothing is revoked without " +
      "--yes or a yes typed at the prompt; accepted invites are never revoked, and Openlayer's cannot be " +
      "revoked through its API. Each invite is read again just before it is revoked, and skipped if its status " +
      "changed. Every applied action is appended to the journal."
  )
)
