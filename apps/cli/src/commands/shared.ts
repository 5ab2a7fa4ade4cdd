/**
 * What `list` and `summary` do before printing: resolve the settings, pick the accounts, start progress and
 * build the merged listing.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Invite from "@invitekit/core/Invite"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import * as Accounts from "../Accounts.js"
import type { UsageError } from "../Failure.js"
import * as Flags from "../Flags.js"
import * as Listing from "../Listing.js"
import * as Terminal from "../Terminal.js"
import * as Progress from "../Progress.js"
import * as Providers from "../Providers.js"
import * as Style from "../Style.js"

/**
 * @since 0.1.0
 */
export interface Prepared {
  readonly listing: Listing.Listing
  readonly progress: Progress.Progress
  readonly terminal: Terminal.TerminalService
  /** The instant staleness is judged against. */
  readonly now: number
  /** stdout, stopping the progress line before the first write when both go to the same terminal. */
  readonly stdout: Terminal.Writer
  /** The config file's `policy:` section as parsed (`undefined` without one). */
  readonly policy: unknown
  /** The config file read, if any (for messages). */
  readonly configFile: Option.Option<string>
}

/**
 * @since 0.1.0
 */
export const prepare = (
  flags: Flags.Shared,
  options: {
    /** Whether stdout output is shown only at the end (a table): progress is useful even on a terminal. */
    readonly printsAtEnd: boolean
    readonly keep?: ((now: number) => (invite: Invite.Invite) => boolean) | undefined
    /** Whether the command reads every page (see `Listing.Request.readsEveryPage`). */
    readonly readsEveryPage: boolean
  }
): Effect.Effect<Prepared, UsageError, Terminal.Terminal | HttpClient.HttpClient | Scope.Scope> =>
  Effect.gen(function*() {
    const terminal = yield* Terminal.Terminal
    const settings = yield* Flags.settings(flags)
    const { accounts, file, policy } = yield* Accounts.select(flags)
    const providers = Providers.names.filter((name) => accounts.some((account) => account.provider === name))
    const pageSize = Option.getOrUndefined(flags.pageSize)
    yield* Providers.checkPageSize(providers, pageSize)
    const now = yield* Clock.currentTimeMillis
    // Progress only where a person watches stderr, and not over rows streaming to the same terminal.
    // A dumb terminal cannot erase a line: no progress there.
    const enabled = terminal.stderrIsTTY && !Style.isDumbTerminal() && (!terminal.stdoutIsTTY || options.printsAtEnd)
    const progress = yield* Progress.make({ accounts, enabled, stream: terminal.stderr })
    const listing = yield* Listing.make({
      accounts,
      concurrency: Option.getOrElse(flags.concurrency, () => Flags.defaultConcurrency),
      filter: Flags.filter(flags),
      keep: options.keep?.(now),
      pageSize,
      readsEveryPage: options.readsEveryPage,
      settings,
      progress,
      formatError: (line) => Terminal.errorLine(terminal.stderrStyle, line)
    })
    const stdout: Terminal.Writer = enabled && terminal.stdoutIsTTY
      ? { write: (text) => Effect.zipRight(progress.stop, terminal.stdout.write(text)) }
      : terminal.stdout
    return { listing, progress, terminal, now, stdout, policy, configFile: file }
  })
