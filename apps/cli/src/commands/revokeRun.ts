/**
 * What `invitekit revoke` does once its flags are parsed: list and select, print the plan, decide whether to
 * apply (`--yes`, a "yes" at the prompt, else a dry run), then per invite — read it again, revoke it, journal the
 * outcome — and report every invite's outcome. Loaded only when it runs.
 *
 * One DELETE per invite per run: ids are planned once (a duplicate `--id` or an invite listed twice counts once),
 * and a DELETE is retried only where the server cannot have acted (see `ProviderHttp.delete`). Each invite's
 * step — re-read, revoke, journal — is uninterruptible: Ctrl-C stops after the request in flight, and the journal
 * and the report say what was done and what was not.
 *
 * @since 0.2.0
 */
import * as Audit from "@invitekit/core/Audit"
import * as AuditPolicy from "@invitekit/core/AuditPolicy"
import * as Invite from "@invitekit/core/Invite"
import * as ProviderError from "@invitekit/core/ProviderError"
import * as ProviderSettings from "@invitekit/core/ProviderSettings"
import type * as Revoker from "@invitekit/core/Revoker"
import * as ShortDuration from "@invitekit/core/ShortDuration"
import * as Chunk from "effect/Chunk"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import { describeProviderError, ExitCode, providerExitCode, RevocationsFailed, UsageError } from "../Failure.js"
import * as Accounts from "../Accounts.js"
import * as Flags from "../Flags.js"
import * as Journal from "../Journal.js"
import * as Listing from "../Listing.js"
import * as Output from "../Output.js"
import * as Providers from "../Providers.js"
import * as Terminal from "../Terminal.js"
import type { RevokeFlags } from "./revoke.js"
import { prepare } from "./shared.js"

/**
 * What happened to an invite: `planned` (a dry run), `revoked`, `already-gone`, `skipped` or `failed`.
 *
 * @since 0.2.0
 */
export type Outcome = "planned" | "revoked" | "already-gone" | "skipped" | "failed"

/**
 * One invite of the plan: the invite as listed, why it was selected, and why it will not be revoked (if so).
 *
 * @since 0.2.0
 */
export interface Planned {
  readonly invite: Invite.Invite
  readonly why: string
  readonly skip: string | undefined
}

/**
 * An invite's outcome, as reported.
 *
 * @since 0.2.0
 */
export interface Reported {
  readonly invite: Invite.Invite
  readonly outcome: Outcome
  readonly reason: string
  /** The exit code a failure stands for. */
  readonly code?: number | undefined
}

/**
 * @since 0.2.0
 */
export const run = (flags: RevokeFlags) =>
  Effect.scoped(Effect.gen(function*() {
    const olderThan = yield* Option.match(flags.olderThan, {
      onNone: () => Effect.succeed(undefined),
      onSome: (text) =>
        Either.match(ShortDuration.parse(text), {
          onLeft: (reason) => Effect.fail(new UsageError({ message: `--older-than: ${reason}` })),
          onRight: Effect.succeed
        })
    })
    const filter = Flags.filter(flags)
    if (
      flags.id.length === 0 && Option.isNone(flags.finding) && olderThan === undefined &&
      filter.status === undefined && filter.role === undefined && filter.email === undefined
    ) {
      return yield* new UsageError({
        message: "revoke needs a selection: --id, --finding, --older-than, --status, --role or --email " +
          "(it never revokes every invite by default)"
      })
    }
    const settings = yield* Flags.settings(flags)
    const { listing, now, terminal } = yield* prepare(flags, { printsAtEnd: true, readsEveryPage: true })
    const invites = Chunk.toReadonlyArray(yield* Stream.runCollect(listing.stream))
    yield* Listing.check(listing)

    const ambiguous = ambiguousIds(invites, flags.id)
    if (ambiguous.length > 0) {
      return yield* new UsageError({
        message: `--id ${ambiguous[0]} names invites in several accounts (${
          invites.filter((invite) => invite.id === ambiguous[0]).map((invite) => invite.account).join(", ")
        }): pick one with --account or --provider`
      })
    }
    const plan = select(invites, flags, olderThan, now)
    yield* printPlan(terminal, plan, now)
    const toRevoke = plan.filter((entry) => entry.skip === undefined)
    if (toRevoke.length > flags.max) {
      return yield* new UsageError({
        message: `${toRevoke.length} invites selected, more than --max ${flags.max}: nothing was revoked. ` +
          `Narrow the selection, or raise --max to ${toRevoke.length} to go ahead.`
      })
    }
    if (toRevoke.length === 0) {
      yield* note(terminal, "Nothing to revoke.")
      return yield* report(terminal, flags, plan.map(dryOutcome))
    }
    const apply = flags.yes || (yield* confirm(terminal, toRevoke.length))
    if (!apply) {
      yield* note(
        terminal,
        `Dry run: nothing was revoked. Pass --yes to revoke the ${plural(toRevoke.length, "invite")} above` +
          (terminal.stdinIsTTY ? "." : " (no terminal to ask).")
      )
      return yield* report(terminal, flags, plan.map(dryOutcome))
    }

    const journal = yield* Journal.open(Option.getOrElse(flags.journal, () => Journal.defaultPath())).pipe(
      Effect.mapError((error) => new UsageError({ message: error.message }))
    )
    const { accounts } = yield* Accounts.select(flags)
    const revokers = new Map<string, Revoker.Revoker>()
    const revokerOf = (invite: Invite.Invite) =>
      Effect.suspend(() => {
        const key = `${invite.provider}\u0000${invite.account}`
        const known = revokers.get(key)
        if (known !== undefined) return Effect.succeed(known)
        const account = accounts.find((account) => account.provider === invite.provider && account.name === invite.account)
        const make = account === undefined ? undefined : Accounts.revoker(account)
        if (make === undefined) return Effect.die(`no revoker for account ${invite.account}`)
        return make.pipe(
          Effect.provideService(ProviderSettings.CurrentSettings, settings),
          Effect.tap((revoker) => Effect.sync(() => revokers.set(key, revoker)))
        )
      })
    const done = yield* Ref.make<ReadonlyArray<Reported>>([])
    const step = (entry: Planned) =>
      Effect.gen(function*() {
        if (entry.skip !== undefined) return dryOutcome(entry)
        const outcome = yield* applyOne(entry, revokerOf)
        yield* journal.append({
          time: DateTime.formatIso(yield* DateTime.now),
          account: entry.invite.account,
          provider: entry.invite.provider,
          id: entry.invite.id,
          email: entry.invite.email,
          outcome: outcome.outcome,
          reason: outcome.reason
        }).pipe(Effect.mapError((error) => new UsageError({ message: error.message })))
        return outcome
      }).pipe(
        Effect.tap((outcome) => Ref.update(done, (list) => [...list, outcome])),
        Effect.uninterruptible
      )
    const finish = (interrupted: boolean) =>
      Effect.gen(function*() {
        const reported = yield* Ref.get(done)
        const rest = plan.slice(reported.length).map((entry): Reported =>
          entry.skip !== undefined ? dryOutcome(entry) : { invite: entry.invite, outcome: "skipped", reason: "interrupted before it was revoked" }
        )
        if (interrupted) yield* note(terminal, `Interrupted: ${countOf(reported, "revoked")} revoked; the rest left as they were.`)
        return yield* report(terminal, flags, [...reported, ...rest])
      })
    yield* Effect.forEach(plan, step, { discard: true }).pipe(
      Effect.onInterrupt(() => Effect.ignore(finish(true)))
    )
    yield* note(terminal, `Journal: ${journal.path}`)
    return yield* finish(false)
  }))

/** Selects the invites the flags name, once each, in the listing's order, with the reason for each. */
const select = (
  invites: ReadonlyArray<Invite.Invite>,
  flags: RevokeFlags,
  olderThan: Duration.Duration | undefined,
  now: number
): ReadonlyArray<Planned> => {
  const findings = Option.match(flags.finding, {
    onNone: () => undefined,
    onSome: (rule) => {
      const policy = AuditPolicy.withPrivilegedRoles(AuditPolicy.defaults, Providers.definitions)
      const found = new Map<string, string>()
      for (const finding of Audit.runIterable(policy, DateTime.unsafeMake(now))(invites)) {
        if (finding.rule === rule) found.set(keyOf(finding.invite), `${rule}: ${finding.reason}`)
      }
      return found
    }
  })
  const ids = new Set(flags.id)
  // One invite, one DELETE: an invite two accounts both reach (the same organization configured twice) is
  // planned once, under the first account that listed it.
  const seen = new Set<string>()
  const plan: Array<Planned> = []
  for (const invite of invites) {
    const key = keyOf(invite)
    const once = `${invite.provider}\u0000${invite.id}`
    if (seen.has(once)) continue
    const why: Array<string> = []
    if (ids.size > 0) {
      if (!ids.has(invite.id)) continue
      why.push("--id")
    }
    if (findings !== undefined) {
      const reason = findings.get(key)
      if (reason === undefined) continue
      why.push(reason)
    }
    if (olderThan !== undefined) {
      const age = ageMillis(invite, now)
      if (age === undefined || age <= Duration.toMillis(olderThan)) continue
      why.push(`sent over ${ShortDuration.format(olderThan)} ago`)
    }
    const filter = Flags.filter(flags)
    for (const [name, value] of Object.entries(filter)) if (value !== undefined) why.push(`--${name} ${value}`)
    seen.add(once)
    plan.push({ invite, why: why.join("; "), skip: skipReason(invite) })
  }
  return plan
}

/** The `--id`s listed by more than one account or provider. */
const ambiguousIds = (invites: ReadonlyArray<Invite.Invite>, ids: ReadonlyArray<string>): ReadonlyArray<string> =>
  ids.filter((id) => new Set(invites.filter((invite) => invite.id === id).map((invite) => `${invite.provider}/${invite.account}`)).size > 1)

/** Why an invite is never revoked, or nothing. */
const skipReason = (invite: Invite.Invite): string | undefined => {
  if (!Providers.definition(invite.provider).capabilities.revoke) return "cannot be revoked through the API"
  if (invite.status.toLowerCase() === "accepted") return "accepted: an accepted invite is never revoked"
  return undefined
}

/** Re-reads the invite, then revokes it if its status is still the one planned. Never fails: a failure is an outcome. */
const applyOne = <R>(
  entry: Planned,
  revokerOf: (invite: Invite.Invite) => Effect.Effect<Revoker.Revoker, ProviderError.ConfigError, R>
): Effect.Effect<Reported, never, R> => {
  const { invite } = entry
  return Effect.gen(function*() {
    const revoker = yield* revokerOf(invite)
    const current = yield* revoker.get(invite.id)
    if (Option.isNone(current)) return { invite, outcome: "already-gone", reason: "no longer exists" } as Reported
    if (current.value.status.toLowerCase() !== invite.status.toLowerCase()) {
      return {
        invite: current.value,
        outcome: "skipped",
        reason: `status changed to ${current.value.status} since the plan`
      } as Reported
    }
    const result = yield* revoker.revoke(invite.id)
    switch (result._tag) {
      case "Revoked":
        return { invite, outcome: "revoked", reason: entry.why } as Reported
      case "AlreadyGone":
        return { invite, outcome: "already-gone", reason: "the provider no longer has it" } as Reported
      case "Refused":
        return {
          invite,
          outcome: "failed",
          reason: `refused (HTTP ${result.status}): ${result.reason}`,
          code: ExitCode.usage
        } as Reported
    }
  }).pipe(
    Effect.catchAll((error) =>
      Effect.succeed<Reported>({
        invite,
        outcome: "failed",
        reason: describeProviderError(error).replace(/\s*\n\s*/g, " "),
        code: ProviderError.isProviderError(error) ? providerExitCode(error) : ExitCode.defect
      })
    )
  )
}

const dryOutcome = (entry: Planned): Reported =>
  entry.skip === undefined
    ? { invite: entry.invite, outcome: "planned", reason: entry.why }
    : { invite: entry.invite, outcome: "skipped", reason: entry.skip }

const confirm = (terminal: Terminal.TerminalService, count: number) =>
  terminal.stdinIsTTY && terminal.stderrIsTTY
    ? Effect.map(
      terminal.ask(`Revoke ${plural(count, "invite")}? Type yes to go ahead: `),
      (answer) => /^\s*y(es)?\s*$/i.test(answer)
    )
    : Effect.succeed(false)

const printPlan = (terminal: Terminal.TerminalService, plan: ReadonlyArray<Planned>, now: number) =>
  Effect.sync(() => {
    if (plan.length === 0) return
    const rows = plan.map(({ invite, skip, why }) => [
      invite.account,
      Providers.displayName(invite.provider),
      invite.id,
      invite.email,
      invite.status,
      formatAge(ageMillis(invite, now)),
      skip === undefined ? why : `skip: ${skip}`
    ])
    terminal.stderr.write(
      `Plan (${plural(plan.filter((entry) => entry.skip === undefined).length, "invite")} to revoke):\n` +
        Output.renderTable(["ACCOUNT", "PROVIDER", "ID", "EMAIL", "STATUS", "AGE", "WHY"], rows, {
          style: terminal.stderrStyle
        })
    )
  })

const note = (terminal: Terminal.TerminalService, text: string) =>
  Effect.sync(() => void terminal.stderr.write(`${text}\n`))

/** Writes every outcome on stdout in the chosen format; fails with the worst failure's code when any failed. */
const report = (terminal: Terminal.TerminalService, flags: RevokeFlags, reported: ReadonlyArray<Reported>) =>
  Effect.gen(function*() {
    const records = reported.map(({ invite, outcome, reason }) => ({ ...Invite.encode(invite), outcome, reason }))
    switch (flags.format) {
      case "json":
        yield* terminal.stdout.write(JSON.stringify(records, null, 2) + "\n")
        break
      case "ndjson":
        yield* terminal.stdout.write(records.map((record) => JSON.stringify(record) + "\n").join(""))
        break
      case "csv":
        yield* terminal.stdout.write(
          Output.csvRecord([...Invite.fields, "outcome", "reason"]) +
            reported.map(({ invite, outcome, reason }) =>
              Output.csvRow(invite).replace(/\r\n$/, "") + "," + Output.csvRecord([outcome, reason])
            ).join("")
        )
        break
      case "table":
        if (reported.length > 0) {
          yield* terminal.stdout.write(Output.renderTable(
            ["PROVIDER", "ID", "EMAIL", "STATUS", "OUTCOME", "REASON"],
            reported.map(({ invite, outcome, reason }) => [
              Providers.displayName(invite.provider),
              invite.id,
              invite.email,
              invite.status,
              outcome,
              reason
            ]),
            { style: terminal.stdoutStyle }
          ))
        }
        break
    }
    const failures = reported.filter((entry) => entry.outcome === "failed")
    if (failures.length > 0) {
      const worst = Math.max(...failures.map((entry) => entry.code ?? ExitCode.defect))
      return yield* new RevocationsFailed({ code: worst })
    }
  })

const keyOf = (invite: Invite.Invite) => `${invite.provider}\u0000${invite.account}\u0000${invite.id}`

const ageMillis = (invite: Invite.Invite, now: number): number | undefined =>
  invite.invitedAt === null ? undefined : now - DateTime.toEpochMillis(invite.invitedAt)

const formatAge = (millis: number | undefined): string =>
  millis === undefined ? "" : millis < 86_400_000 ? `${Math.max(0, Math.floor(millis / 3_600_000))}h` : `${Math.floor(millis / 86_400_000)}d`

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`

const countOf = (reported: ReadonlyArray<Reported>, outcome: Outcome) =>
  reported.filter((entry) => entry.outcome === outcome).length
