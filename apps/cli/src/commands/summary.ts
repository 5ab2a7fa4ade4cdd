/**
 * `invitekit summary`: counts by provider × status and the stale pending invites, folded over the listing.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Flags from "../Flags.js"
import * as Output from "../Output.js"

/**
 * @since 0.1.0
 */
export const format = Flags.choice("format", Output.summaryFormats).pipe(
  Options.withAlias("f"),
  Options.withDefault("table" as Output.SummaryFormat),
  Options.withDescription("table (for people) or json.")
)

/**
 * The flags of `summary`.
 *
 * @since 0.1.0
 */
export interface SummaryFlags extends Flags.Shared {
  readonly format: Output.SummaryFormat
}

/**
 * Runs `summary` with parsed flags (the demo runs it too). Its work lives in summaryRun.ts, imported when a
 * summary runs: parsing, `--help` and the other commands do not pay for loading it.
 *
 * @since 0.1.0
 */
export const run = (flags: SummaryFlags) =>
  Effect.flatMap(Effect.promise(() => import("./summaryRun.js")), (summaryRun) => summaryRun.run(flags))

/**
 * @since 0.1.0
 */
export const command = Command.make("summary", { ...Flags.shared, format }, run).pipe(
  Command.withDescription(
    "Count invites by provider and status, and name the pending invites already past their expiry (stale): " +
      "the audit to run first. Same provider selection and filters as list."
  )
)
