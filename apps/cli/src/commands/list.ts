/**
 * `invitekit list`: every invite of the selected providers, streamed to stdout in the chosen format.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Invite from "@invitekit/core/Invite"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Flags from "../Flags.js"
import * as Listing from "../Listing.js"
import * as Output from "../Output.js"
import { prepare } from "./shared.js"

/**
 * @since 0.1.0
 */
export const format = Options.choice("format", Output.formats).pipe(
  Options.withAlias("f"),
  Options.withDefault("table" as Output.Format),
  Options.withDescription(
    "table (aligned, for people; printed at the end), json (one array), ndjson (one invite per line), " +
      "csv (RFC 4180). json, ndjson and csv stream as pages arrive."
  )
)

/**
 * @since 0.1.0
 */
export const maxItems = Options.integer("max-items").pipe(
  Options.filterMap(
    (n) => n >= 1 ? Option.some(n) : Option.none(),
    "--max-items must be a whole number of at least 1"
  ),
  Options.optional,
  Options.withDescription("Stop after this many invites in total (only the pages needed are fetched).")
)

/**
 * @since 0.1.0
 */
export const stale = Options.boolean("stale").pipe(
  Options.withDescription("Only pending invites already past their expiry (they can no longer be accepted).")
)

/**
 * The flags of `list`.
 *
 * @since 0.1.0
 */
export interface ListFlags extends Flags.Shared {
  readonly format: Output.Format
  readonly maxItems: Option.Option<number>
  readonly stale: boolean
}

/**
 * Runs `list` with parsed flags (the demo runs it too).
 *
 * @since 0.1.0
 */
export const run = (flags: ListFlags) =>
    Effect.scoped(Effect.gen(function*() {
      const { listing, now, progress, stdout, terminal } = yield* prepare(flags, {
        printsAtEnd: flags.format === "table",
        keep: flags.stale ? (now) => (invite) => Invite.isStale(invite, now) : undefined
      })
      const stream = Option.match(flags.maxItems, {
        onNone: () => listing.stream,
        onSome: (n) => Stream.take(listing.stream, n)
      })
      yield* Output.invites(stream, stdout, {
        format: flags.format,
        now,
        style: terminal.stdoutStyle,
        // "No invites" would mislead when a provider failed: its error says enough.
        onEmptyTable: Effect.zipRight(
          progress.stop,
          Effect.suspend(() => listing.failures().length === 0 ? progress.note("No invites found.") : Effect.void)
        )
      })
      yield* Listing.check(listing)
    }))

/**
 * @since 0.1.0
 */
export const command = Command.make("list", { ...Flags.shared, format, maxItems, stale }, run).pipe(
  Command.withDescription(
    "List the invites of every configured provider (or those given with --provider), several providers at " +
      "once. Rows go to stdout; progress and errors to stderr. A provider that fails does not hide the " +
      "others: its error is printed and sets the exit code."
  )
)
