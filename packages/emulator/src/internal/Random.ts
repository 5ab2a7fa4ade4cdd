/**
 * Seeded, allocation-free randomness: hashes, a small PRNG, and a keyed 32-bit bijection.
 *
 * Everything the dataset and the random faults draw comes from here, so a seed always yields the
 * same bytes and any invite can be rebuilt from (seed, index) alone.
 */

/** Final avalanche of a 32-bit hash (the "lowbias32" constants): every input bit flips ~half the output. */
export const mix32 = (x: number): number => {
  let h = x >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x7feb352d)
  h ^= h >>> 15
  h = Math.imul(h, 0x846ca68b)
  h ^= h >>> 16
  return h >>> 0
}

/** Hashes a few unsigned integers into one. Order matters, so (seed, index) and (index, seed) differ. */
export const hash = (a: number, b: number, c = 0): number =>
  mix32(mix32(mix32(a ^ 0x9e3779b9) ^ b) + Math.imul(c ^ 0x85ebca6b, 0x27d4eb2f))

/** Hashes a string (provider names, field names) into a salt. */
export const hashString = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return mix32(h)
}

/** mulberry32: tiny, fast and good enough for test data; one per invite, so draws stay local to it. */
export class Prng {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<A>(items: ReadonlyArray<A>): A {
    return items[this.int(items.length)]!
  }
  /** Picks by weight: `[["a", 3], ["b", 1]]` gives "a" three times as often as "b". */
  weighted<A>(table: ReadonlyArray<readonly [A, number]>): A {
    let total = 0
    for (const [, w] of table) total += w
    let r = this.next() * total
    for (const [value, w] of table) {
      r -= w
      if (r < 0) return value
    }
    return table[table.length - 1]![0]
  }
  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string {
    let out = ""
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)]
    return out
  }
}

// Multiplicative inverse modulo 2^32 by Newton's iteration: each step doubles the correct low bits.
const inverse32 = (m: number): number => {
  let y = m
  for (let i = 0; i < 5; i++) y = Math.imul(y, 2 - Math.imul(m, y))
  return y >>> 0
}
const M1 = 0x2c1b3c6d
const M2 = 0x297a2d39
const M1_INV = inverse32(M1)
const M2_INV = inverse32(M2)

/**
 * A keyed bijection on uint32. Ids embed `permute(index)` so a cursor maps back to its index in O(1)
 * without the ids looking sequential.
 */
export const permute = (x: number, key: number): number => {
  let v = (x ^ key) >>> 0
  v = Math.imul(v, M1) >>> 0
  v = (v ^ (v >>> 16)) >>> 0
  v = Math.imul(v, M2) >>> 0
  v = (v ^ (v >>> 16)) >>> 0
  return (v ^ mix32(key)) >>> 0
}

/** The inverse of {@link permute} for the same key. */
export const unpermute = (y: number, key: number): number => {
  let v = (y ^ mix32(key)) >>> 0
  v = (v ^ (v >>> 16)) >>> 0 // xorshift by >= 16 bits is its own inverse on 32 bits
  v = Math.imul(v, M2_INV) >>> 0
  v = (v ^ (v >>> 16)) >>> 0
  v = Math.imul(v, M1_INV) >>> 0
  return (v ^ key) >>> 0
}

/** Writes an uint32 in `width` digits of `alphabet` (most significant first). */
export const encodeFixed = (value: number, alphabet: string, width: number): string => {
  const base = alphabet.length
  let v = value
  let out = ""
  for (let i = 0; i < width; i++) {
    out = alphabet[v % base] + out
    v = Math.floor(v / base)
  }
  return out
}

/** Reads what {@link encodeFixed} wrote; `undefined` for a character outside the alphabet. */
export const decodeFixed = (text: string, alphabet: string): number | undefined => {
  const base = alphabet.length
  let v = 0
  for (let i = 0; i < text.length; i++) {
    const d = alphabet.indexOf(text[i]!)
    if (d < 0) return undefined
    v = v * base + d
  }
  return v
}

export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
export const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
export const HEX = "0123456789abcdef"
