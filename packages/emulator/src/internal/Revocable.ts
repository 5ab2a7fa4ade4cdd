/**
 * A collection that invites can be revoked from and whose statuses can change, over the lazily generated one:
 * revoked ids are kept sorted by list position and skipped, so `count`, positions, `indexOf` and `slice` describe
 * the list as it is now — every provider's pagination (cursors, page numbers, totals) stays consistent without
 * materialising the list. Cost: O(log r) per position for r revoked invites.
 */
import type { Collection } from "../Dataset.js"

export interface Revocable<A> extends Collection<A> {
  /** Revokes an invite: `false` when the id is unknown or already revoked. */
  readonly revoke: (id: string) => boolean
  /** The invite with this id as it is now, or `undefined` when unknown or revoked. */
  readonly find: (id: string) => A | undefined
  /** Sets an invite's status from now on (a test hook: "it was accepted in the meantime"). */
  readonly setStatus: (id: string, status: string) => boolean
  /** Changes each time the list changes, for caches of derived views. */
  readonly version: () => number
}

export const revocable = <A extends { readonly status: string }>(base: Collection<A>): Revocable<A> => {
  /** Underlying positions of revoked invites, ascending. */
  const removed: Array<number> = []
  const statuses = new Map<number, string>()
  let version = 0
  /** How many revoked positions are below `u`. */
  const rankBelow = (u: number): number => {
    let lo = 0
    let hi = removed.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (removed[mid]! < u) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const isRemoved = (u: number): boolean => {
    const r = rankBelow(u)
    return r < removed.length && removed[r] === u
  }
  /** The underlying position of view position `v`: the smallest u with u − (revoked ≤ u) = v, not revoked. */
  const underlying = (v: number): number => {
    let u = v
    for (;;) {
      const next = v + rankBelow(u + 1)
      // The smallest fixed point is live: a revoked one would have v + 1 live invites at or below it.
      if (next === u) return u
      u = next
    }
  }
  const at = (v: number): A => {
    const u = underlying(v)
    const invite = base.at(u)
    const status = statuses.get(u)
    return status === undefined ? invite : { ...invite, status }
  }
  const count = () => base.count - removed.length
  const slice = (start: number, end: number): Array<A> => {
    const out: Array<A> = []
    for (let v = Math.max(0, start); v < Math.min(count(), end); v++) out.push(at(v))
    return out
  }
  const live = (id: string): number | undefined => {
    const u = base.indexOf(id)
    return u === undefined || isRemoved(u) ? undefined : u
  }
  return {
    get count() {
      return count()
    },
    at,
    idAt: (v) => base.idAt(underlying(v)),
    indexOf: (id) => {
      const u = base.indexOf(id)
      if (u === undefined) return undefined
      // A revoked id (a cursor a client holds) stands just before the first live invite after it, so
      // `indexOf(cursor) + 1` still continues the list where it left off.
      return isRemoved(u) ? u - rankBelow(u) - 1 : u - rankBelow(u)
    },
    slice,
    toArray: () => slice(0, count()),
    revoke: (id) => {
      const u = live(id)
      if (u === undefined) return false
      removed.splice(rankBelow(u), 0, u)
      version++
      return true
    },
    find: (id) => {
      const u = live(id)
      if (u === undefined) return undefined
      const status = statuses.get(u)
      const invite = base.at(u)
      return status === undefined ? invite : { ...invite, status }
    },
    setStatus: (id, status) => {
      const u = live(id)
      if (u === undefined) return false
      statuses.set(u, status)
      version++
      return true
    },
    version: () => version
  }
}
