/**
 * The audit behind `invitekit summary`: counts by provider × status and by account × status, and the pending invites already past their
 * expiry, folded over the stream so no more than a handful of invites (the oldest stale ones) is ever held.
 *
 * @since 0.1.0
 */
import * as Invite from "@invitekit/core/Invite"
import type * as Provider from "@invitekit/core/Provider"
import * as Providers from "./Providers.js"

/**
 * How many of the oldest stale invites a summary names.
 *
 * @since 0.1.0
 */
export const staleShown = 10

/**
 * @since 0.1.0
 */
export interface Counts {
  total: number
  byStatus: Record<string, number>
  /** Pending invites past their `expiresAt`. */
  stale: number
}

/**
 * @since 0.1.0
 */
export interface ProviderCounts extends Counts {
  readonly provider: Provider.Provider
}

/**
 * One account's counts.
 *
 * @since 0.2.0
 */
export interface AccountCounts extends Counts {
  readonly account: string
  readonly provider: Provider.Provider
}

/**
 * @since 0.1.0
 */
export interface Summary {
  /** The instant staleness was judged against. */
  readonly now: number
  /** One row per provider listed in full, in the canonical order (a provider with no invite has zeros). */
  readonly providers: ReadonlyArray<ProviderCounts>
  /** One row per account listed in full, in the canonical provider order (the listing's order within one). */
  readonly accounts: ReadonlyArray<AccountCounts>
  readonly total: Counts
  /** The oldest stale invites (by `expiresAt`), at most `staleShown`, of the providers listed in full. */
  readonly oldestStale: ReadonlyArray<Invite.Invite>
  /** The providers whose every account failed: they are left out of every count. */
  readonly failed: ReadonlyArray<Provider.Provider>
  /** The accounts that failed: they are left out of every count (their provider's row counts the others). */
  readonly failedAccounts: ReadonlyArray<{ readonly account: string; readonly provider: Provider.Provider }>
}

/**
 * A summary being folded.
 *
 * @since 0.1.0
 */
export interface Accumulator {
  readonly now: number
  readonly byAccount: Map<string, AccountCounts>
  readonly oldestStale: Array<Invite.Invite>
}

const emptyCounts = (): Counts => ({ total: 0, byStatus: {}, stale: 0 })

/**
 * @since 0.1.0
 */
export const empty = (
  providers: ReadonlyArray<Provider.Provider>,
  now: number,
  /** The accounts listed (default: one per provider, named after it). */
  accounts: ReadonlyArray<{ readonly name: string; readonly provider: Provider.Provider }> =
    providers.map((provider) => ({ name: provider, provider }))
): Accumulator => ({
  now,
  byAccount: new Map(accounts.map((account) => [account.name, { account: account.name, provider: account.provider, ...emptyCounts() }])),
  oldestStale: []
})

/**
 * Adds one invite (mutates and returns the accumulator: the fold runs per invite).
 *
 * @since 0.1.0
 */
export const add = (acc: Accumulator, invite: Invite.Invite): Accumulator => {
  let counts = acc.byAccount.get(invite.account)
  if (counts === undefined) {
    counts = { account: invite.account, provider: invite.provider, ...emptyCounts() }
    acc.byAccount.set(invite.account, counts)
  }
  count(counts, invite, acc.now)
  if (Invite.isStale(invite, acc.now)) keepOldest(acc.oldestStale, invite)
  return acc
}

/**
 * The summary of the accounts that did not fail. `failed` names failed accounts (an account is named after its
 * provider without a config file).
 *
 * @since 0.1.0
 */
export const finish = (acc: Accumulator, failed: ReadonlyArray<string>): Summary => {
  const all = [...acc.byAccount.values()]
  const accounts = Providers.names.flatMap((provider) =>
    all.filter((row) => row.provider === provider && !failed.includes(row.account))
  )
  const providers = Providers.names.flatMap((provider): Array<ProviderCounts> => {
    const rows = accounts.filter((row) => row.provider === provider)
    if (rows.length === 0) return []
    const counts = { provider, ...emptyCounts() }
    for (const row of rows) merge(counts, row)
    return [counts]
  })
  const total = emptyCounts()
  for (const row of providers) merge(total, row)
  const failedAccounts = Providers.names.flatMap((provider) =>
    all.filter((row) => row.provider === provider && failed.includes(row.account))
      .map((row) => ({ account: row.account, provider }))
  )
  return {
    now: acc.now,
    providers,
    accounts,
    total,
    oldestStale: acc.oldestStale.filter((invite) => !failed.includes(invite.account)),
    failed: Providers.names.filter((provider) =>
      failedAccounts.some((row) => row.provider === provider) && !providers.some((row) => row.provider === provider)
    ),
    failedAccounts
  }
}

const merge = (into: Counts, from: Counts) => {
  into.total += from.total
  into.stale += from.stale
  for (const [status, n] of Object.entries(from.byStatus)) into.byStatus[status] = (into.byStatus[status] ?? 0) + n
}

const count = (counts: Counts, invite: Invite.Invite, now: number) => {
  counts.total++
  counts.byStatus[invite.status] = (counts.byStatus[invite.status] ?? 0) + 1
  if (Invite.isStale(invite, now)) counts.stale++
}

/** Keeps `oldest` sorted by expiry (oldest first) and no longer than `staleShown`. */
const keepOldest = (oldest: Array<Invite.Invite>, invite: Invite.Invite) => {
  const expiry = invite.expiresAt!.epochMillis
  if (oldest.length >= staleShown && expiry >= oldest[oldest.length - 1]!.expiresAt!.epochMillis) return
  let index = oldest.findIndex((other) => expiry < other.expiresAt!.epochMillis)
  if (index === -1) index = oldest.length
  oldest.splice(index, 0, invite)
  if (oldest.length > staleShown) oldest.pop()
}
