/**
 * `invitekit summary`: counts by provider × status and the stale pending invites, folded over the listing.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Flags from "../Flags.js"
import * as Listing from "../Listing.js"
import * as Output from "../Output.js"
import * as Summary from "../Summary.js"
import { prepare } from "./shared.js"

/**
 * @since 0.1.0
 */
export const format = Options.choice("format", Output.summaryFormats).pipe(
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
 * Runs `summary` with parsed flags (the demo runs it too).
 *
 * @since 0.1.0
 */
export const run = (flags: SummaryFlags) =>
    Effect.scoped(Effect.gen(function*() {
      const { listing, now, progress, stdout, terminal } = yield* prepare(flags, { printsAtEnd: true })
      const acc = Summary.empty(listing.providers, now)
      yield* Stream.runForEachChunk(listing.stream, (chunk) =>
        Effect.sync(() => {
          for (const invite of chunk) Summary.add(acc, invite)
        }))
      yield* progress.stop
      const summary = Summary.finish(acc, listing.failures().map((error) => error.provider))
      yield* Output.summary(summary, stdout, { format: flags.format, style: terminal.stdoutStyle })
      yield* Listing.check(listing)
    }))

/**
 * @since 0.1.0
 */
export const command = Command.make("summary", { ...Flags.shared, format }, run).pipe(
  Command.withDescription(
    "Count invites by provider and status, and name the pending invites already past their expiry (stale): " +
      "the audit to run first. Same provider selection and filters as list."
  )
)
