/**
 * What `invitekit audit` does once its flags are parsed: loaded only when it runs.
 *
 * @since 0.2.0
 */
import * as Audit from "@invitekit/core/Audit"
import * as AuditPolicy from "@invitekit/core/AuditPolicy"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { FindingsFound } from "../Failure.js"
import * as FindingOutput from "../FindingOutput.js"
import * as Findings from "../Findings.js"
import * as Listing from "../Listing.js"
import type { AuditFlags } from "./audit.js"
import { prepare } from "./shared.js"

/**
 * Runs `audit` with parsed flags, against the config file's `policy:` section with the flags over it.
 *
 * @since 0.2.0
 */
export const run = (flags: AuditFlags) =>
  Effect.scoped(Effect.gen(function*() {
    const prepared = yield* prepare(flags, { printsAtEnd: flags.format === "table", readsEveryPage: true })
    const { listing, now, progress, stdout, terminal } = prepared
    const policy = yield* Findings.policy(
      prepared.policy,
      flags,
      Option.getOrElse(prepared.configFile, () => "the config file")
    )
    // A listing that lost a provider ends in its failure, so the audit stops before the findings that need
    // every invite (cross-account): those of a partial listing would be wrong. What was found so far prints.
    const complete = Stream.concat(listing.stream, Stream.drain(Stream.fromEffect(Listing.check(listing))))
    const found = Findings.findings(policy, now)(complete).pipe(Stream.catchAll(() => Stream.empty))
    const summary = yield* FindingOutput.print(found, stdout, {
      format: flags.format,
      style: terminal.stdoutStyle,
      width: terminal.stdoutIsTTY ? process.stdout.columns : undefined,
      onEmptyTable: Effect.void
    })
    yield* progress.stop
    const incomplete = listing.failures().length > 0 && AuditPolicy.isEnabled(policy, "cross-account")
      ? " (incomplete: a provider failed, so cross-account was not judged)"
      : ""
    yield* progress.note(`${Audit.describe(summary)}${incomplete}`)
    yield* Listing.check(listing)
    if (Audit.failsOn(flags.failOn, summary)) {
      return yield* Effect.fail(new FindingsFound({ count: summary.error + summary.warning + summary.info }))
    }
  }))
