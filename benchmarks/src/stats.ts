/**
 * The statistics every measurement shares: medians, paired ratios, and the alternating order that keeps a
 * contender from always running first (cold) or last (after the machine has warmed up or heated up).
 */

/** The median of some samples (the mean of the middle two for an even count). */
export const median = (samples: ReadonlyArray<number>): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * The order of round `round`: as given on even rounds, reversed on odd ones. Over an even number of rounds each
 * contender runs as often before its rival as after it.
 */
export const alternate = <A>(items: ReadonlyArray<A>, round: number): ReadonlyArray<A> =>
  round % 2 === 0 ? items : [...items].reverse()

/**
 * The median of per-round ratios `a[i] / b[i]`. Each pair ran back to back, so a machine that drifts (thermal,
 * a neighbour's load) shifts both sides of a pair together and the ratio stays meaningful.
 */
export const pairedRatio = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): number =>
  median(a.slice(0, Math.min(a.length, b.length)).map((x, i) => x / b[i]!))

/** Rounds a number to `digits` decimals, for the report. */
export const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
