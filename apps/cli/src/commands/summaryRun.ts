/**
 * What `invitekit summary` does once its flags are parsed: loaded only when it runs, so `--help` and the other
 * commands never load the providers, the listing and the summary.
 *
 * @since 0.2.0
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Listing from "../Listing.js"
import * as Output from "../Output.js"
import * as Summary from "../Summary.js"
import type { SummaryFlags } from "./summary.js"
import { prepare } from "./shared.js"

/**
 * Runs `summary` with parsed flags (the demo runs it too).
 *
 * @since 0.2.0
 */
export const run = (flags: SummaryFlags) =>
    Effect.scoped(Effect.gen(function*() {
      const { listing, now, progress, stdout, terminal } = yield* prepare(flags, { printsAtEnd: true, readsEveryPage: true })
      const acc = Summary.empty(
        listing.providers,
        now,
        listing.accounts.map((account) => ({ name: account.name, provider: account.provider }))
      )
      yield* Stream.runForEachChunk(listing.stream, (chunk) =>
        Effect.sync(() => {
          for (const invite of chunk) Summary.add(acc, invite)
        }))
      yield* progress.stop
      const summary = Summary.finish(acc, listing.failures().map((error) => error.account ?? error.provider))
      yield* Output.summary(summary, stdout, { format: flags.format, style: terminal.stdoutStyle })
      yield* Listing.check(listing)
    }))

