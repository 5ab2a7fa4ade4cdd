/**
 * What `invitekit list` does once its flags are parsed: loaded only when it runs, so `--help` and the other
 * commands never load the providers, the listing and the output formats.
 *
 * @since 0.2.0
 */
import * as Invite from "@invitekit/core/Invite"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Listing from "../Listing.js"
import * as Output from "../Output.js"
import type { ListFlags } from "./list.js"
import { prepare } from "./shared.js"

/**
 * Runs `list` with parsed flags (the demo runs it too).
 *
 * @since 0.2.0
 */
export const run = (flags: ListFlags) =>
    Effect.scoped(Effect.gen(function*() {
      const { listing, now, progress, stdout, terminal } = yield* prepare(flags, {
        printsAtEnd: flags.format === "table",
        // --max-items may stop within the first page, which must then cost its one request.
        readsEveryPage: Option.isNone(flags.maxItems),
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
        fields: Option.getOrUndefined(flags.fields),
        headers: !flags.noHeaders,
        maxWidth: terminal.stdoutColumns,
        // "No invites" would mislead when a provider failed: its error says enough.
        onEmptyTable: Effect.zipRight(
          progress.stop,
          Effect.suspend(() => listing.failures().length === 0 ? progress.note("No invites found.") : Effect.void)
        )
      })
      yield* Listing.check(listing)
    }))

