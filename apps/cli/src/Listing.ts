/**
 * Lists several accounts at once as one stream of invites, in arrival order: at most `concurrency` accounts at a
 * time, each account's pages in order. An account that fails ends only its own part: the failure (naming the
 * account and its provider) is reported on stderr when it happens and kept for the exit code, while the other
 * accounts go on.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as Invite from "@invitekit/core/Invite"
import type * as InviteSource from "@invitekit/core/InviteSource"
import * as Pagination from "@invitekit/core/Pagination"
import type * as Provider from "@invitekit/core/Provider"
import type * as ProviderError from "@invitekit/core/ProviderError"
import * as ProviderSettings from "@invitekit/core/ProviderSettings"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Accounts from "./Accounts.js"
import { describeProviderError, ProvidersFailed } from "./Failure.js"
import type { Progress } from "./Progress.js"
import * as Providers from "./Providers.js"

/**
 * @since 0.1.0
 */
export interface Request {
  /** The accounts to list, in the canonical provider order. */
  readonly accounts: ReadonlyArray<Accounts.Account>
  /** How many accounts are listed at once. */
  readonly concurrency: number
  readonly filter: InviteSource.Filter
  /** A further condition (e.g. `--stale`), applied per account so progress counts what is printed. */
  readonly keep?: ((invite: Invite.Invite) => boolean) | undefined
  readonly pageSize: number | undefined
  /**
   * Whether whoever reads the stream reads it to the end (every page): then page 2 is asked for while page 1
   * decodes (`Pagination.ReadAheadFromFirstPage`). Not where a limit may stop within the first page: that page
   * must then cost its one request.
   */
  readonly readsEveryPage: boolean
  readonly settings: ProviderSettings.Settings
  readonly progress: Progress
  /** Formats a failure for stderr (prefix, colour). */
  readonly formatError: (line: string) => string
}

/**
 * @since 0.1.0
 */
export interface Listing {
  /** The providers listed, in the canonical order. */
  readonly providers: ReadonlyArray<Provider.Provider>
  /** The accounts listed, in the canonical provider order. */
  readonly accounts: ReadonlyArray<Accounts.Account>
  /** Every selected account's invites, merged; never fails (failures are collected). */
  readonly stream: Stream.Stream<Invite.Invite>
  /** The failures so far, in the order they happened. */
  readonly failures: () => ReadonlyArray<ProviderError.ProviderError>
}

/**
 * Builds the merged stream. Nothing is fetched until it is pulled.
 *
 * @since 0.1.0
 */
export const make = (request: Request): Effect.Effect<Listing, never, HttpClient.HttpClient> =>
  Effect.map(Effect.context<HttpClient.HttpClient>(), (context) => {
    const failures: Array<ProviderError.ProviderError> = []
    const { progress } = request
    const one = (account: Accounts.Account): Stream.Stream<Invite.Invite> => {
      const name = account.name
      const source = Accounts.source(account, { pageSize: request.pageSize }).pipe(
        Effect.provideService(ProviderSettings.CurrentSettings, request.settings),
        Effect.provide(context)
      )
      const keep = request.keep
      return Stream.unwrap(Effect.map(source, (source) => source.list(request.filter))).pipe(
        Stream.provideService(Pagination.ReadAheadFromFirstPage, request.readsEveryPage),
        // A source's stream carries one chunk per page it decoded (filters keep the chunking, even when they
        // empty one): counting chunks counts the pages that made it into the listing, not mere HTTP 200s.
        Stream.mapChunks((chunk) => {
          progress.page(name)
          return chunk
        }),
        (stream) => keep === undefined ? stream : Stream.filter(stream, keep),
        Stream.mapChunks((chunk) => {
          progress.invites(name, chunk.length)
          return chunk
        }),
        Stream.concat(Stream.execute(Effect.sync(() => progress.finish(name, "done")))),
        Stream.catchAll((error: ProviderError.ProviderError) =>
          Stream.execute(Effect.suspend(() => {
            failures.push(error)
            progress.finish(name, "failed")
            return progress.note(request.formatError(describeProviderError(error)))
          }))
        )
      )
    }
    const streams = request.accounts.map(one)
    return {
      providers: Providers.names.filter((name) => request.accounts.some((account) => account.provider === name)),
      accounts: request.accounts,
      stream: streams.length === 1
        ? streams[0]!
        : Stream.mergeAll(streams, { concurrency: Math.max(1, request.concurrency) }),
      failures: () => failures
    }
  })

/**
 * Fails with `ProvidersFailed` when any provider failed.
 *
 * @since 0.1.0
 */
export const check = (listing: Listing): Effect.Effect<void, ProvidersFailed> =>
  Effect.suspend(() => {
    const errors = listing.failures()
    return errors.length === 0 ? Effect.void : Effect.fail(new ProvidersFailed({ errors: [...errors] }))
  })
