/**
 * The audit behind `invitekit summary`: counts by provider × status and the pending invites already past their
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
 * @since 0.1.0
 */
export interface Summary {
  /** The instant staleness was judged against. */
  readonly now: number
  /** One row per provider listed in full, in the canonical order (a provider with no invite has zeros). */
  readonly providers: ReadonlyArray<ProviderCounts>
  readonly total: Counts
  /** The oldest stale invites (by `expiresAt`), at most `staleShown`, of the providers listed in full. */
  readonly oldestStale: ReadonlyArray<Invite.Invite>
  /** The providers that failed: they are left out of every count. */
  readonly failed: ReadonlyArray<Provider.Provider>
}

/**
 * A summary being folded.
 *
 * @since 0.1.0
 */
export interface Accumulator {
  readonly now: number
  readonly byProvider: Map<Provider.Provider, ProviderCounts>
  readonly oldestStale: Array<Invite.Invite>
}

const emptyCounts = (): Counts => ({ total: 0, byStatus: {}, stale: 0 })

/**
 * @since 0.1.0
 */
export const empty = (providers: ReadonlyArray<Provider.Provider>, now: number): Accumulator => ({
  now,
  byProvider: new Map(providers.map((provider) => [provider, { provider, ...emptyCounts() }])),
  oldestStale: []
})

/**
 * Adds one invite (mutates and returns the accumulator: the fold runs per invite).
 *
 * @since 0.1.0
 */
export const add = (acc: Accumulator, invite: Invite.Invite): Accumulator => {
  let counts = acc.byProvider.get(invite.provider)
  if (counts === undefined) {
    counts = { provider: invite.provider, ...emptyCounts() }
    acc.byProvider.set(invite.provider, counts)
  }
  count(counts, invite, acc.now)
  if (Invite.isStale(invite, acc.now)) keepOldest(acc.oldestStale, invite)
  return acc
}

/**
 * The summary of the providers that did not fail.
 *
 * @since 0.1.0
 */
export const finish = (acc: Accumulator, failed: ReadonlyArray<Provider.Provider>): Summary => {
  const providers = Providers.names
    .filter((provider) => !failed.includes(provider))
    .flatMap((provider) => {
      const counts = acc.byProvider.get(provider)
      return counts === undefined ? [] : [counts]
    })
  const total = emptyCounts()
  for (const row of providers) {
    total.total += row.total
    total.stale += row.stale
    for (const [status, n] of Object.entries(row.byStatus)) total.byStatus[status] = (total.byStatus[status] ?? 0) + n
  }
  return {
    now: acc.now,
    providers,
    total,
    oldestStale: acc.oldestStale.filter((invite) => !failed.includes(invite.provider)),
    failed: Providers.names.filter((provider) => failed.includes(provider))
  }
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
