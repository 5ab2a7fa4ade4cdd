/**
 * What every provider's data generator shares: the timeline of a list (newest first, a fresh quarter), the
 * wire time formats, names and emails, uuids carrying a permuted index, and the O(1) collection over them.
 */
import type { Collection, Config } from "../Dataset.js"
import { encodeFixed, hashString, HEX, type Prng, unpermute } from "./Random.js"

export const DAY = 86_400
export const YEAR = 365 * DAY

// A quarter of each list is recent enough that its invites have not expired yet; the rest spreads over
// a year. Ages grow with the index, so the list is newest first, as the real APIs list.
const FRESH_SHARE = 0.25
export const ageAt = (x: number, windowS: number): number =>
  x < FRESH_SHARE
    ? 3600 + (x / FRESH_SHARE) * (0.8 * windowS - 3600)
    : windowS + ((x - FRESH_SHARE) / (1 - FRESH_SHARE)) * (YEAR - windowS)

export interface Timeline {
  /** epoch ms, with sub-millisecond precision kept for Anthropic's microseconds */
  readonly created: number
  readonly expires: number
  /** not yet expired at the anchor instant */
  readonly fresh: boolean
  /** an instant between creation and min(expiry, now), for accepted invites */
  readonly accepted: number
}

export const timeline = (config: Config, index: number, count: number, windowS: number, rng: Prng): Timeline => {
  const lo = ageAt(index / count, windowS)
  const hi = ageAt((index + 1) / count, windowS)
  const age = lo + rng.next() * (hi - lo)
  const created = config.now - age * 1000
  const fresh = age < windowS
  return {
    created,
    expires: created + windowS * 1000,
    fresh,
    accepted: created + rng.next() * Math.min(age, windowS) * 1000
  }
}

export const unixSeconds = (ms: number): number => Math.floor(ms / 1000)

export const pad = (n: number, width: number): string => String(n).padStart(width, "0")

/** `2024-10-30T23:58:27.427722Z`: Anthropic sends microseconds. */
export const rfc3339Micros = (ms: number): string => {
  const whole = Math.floor(ms)
  const micros = Math.floor((ms - whole) * 1000)
  return new Date(whole).toISOString().slice(0, 23) + pad(micros, 3) + "Z"
}

/** `2023-12-12 13:56:32`: Portkey sends UTC without a zone. */
export const sqlUtc = (ms: number): string => new Date(Math.floor(ms)).toISOString().slice(0, 19).replace("T", " ")

export const iso = (ms: number): string => new Date(Math.floor(ms)).toISOString()

/** RFC 3339 at an offset from UTC (`2024-10-30T23:58:27.427+02:00`; `Z` for 0), milliseconds kept. */
export const rfc3339At = (ms: number, offsetMinutes: number): string => {
  if (offsetMinutes === 0) return iso(ms)
  const local = new Date(Math.floor(ms) + offsetMinutes * 60_000).toISOString().slice(0, 23)
  const sign = offsetMinutes < 0 ? "-" : "+"
  const abs = Math.abs(offsetMinutes)
  return `${local}${sign}${pad(Math.trunc(abs / 60), 2)}:${pad(abs % 60, 2)}`
}

export const FIRST = [
  "ada", "grace", "alan", "katherine", "linus", "barbara", "edsger", "margaret", "dennis", "radia",
  "ken", "frances", "john", "hedy", "tim", "shafi", "donald", "sophie", "guido", "anita", "bjarne",
  "adele", "yukihiro", "lynn", "brian", "jean", "niklaus", "karen", "leslie", "mary", "claude", "fei-fei"
] as const
export const LAST = [
  "lovelace", "hopper", "turing", "johnson", "torvalds", "liskov", "dijkstra", "hamilton", "ritchie",
  "perlman", "thompson", "allen", "mccarthy", "lamarr", "berners-lee", "goldwasser", "knuth", "wilson",
  "van-rossum", "borg", "stroustrup", "goldberg", "matsumoto", "conway", "kernighan", "sammet", "wirth",
  "jones", "lamport", "shaw", "shannon", "li"
] as const
export const DOMAINS = [
  "example.com", "example.org", "acme.test", "initech.example", "globex.example", "umbrella.example",
  "hooli.example", "piedpiper.example"
] as const
export const TAGS = ["ops", "billing", "eval", "dev", "test", "ml", "admin"] as const

// The index keeps emails unique per list; some carry a `+tag`, which clients must URL-encode.
export const email = (rng: Prng, index: number): string => {
  const first = rng.pick(FIRST)
  const last = rng.pick(LAST)
  const domain = rng.pick(DOMAINS)
  const shape = rng.weighted<number>([[0, 62], [1, 20], [2, 12], [3, 6]])
  switch (shape) {
    case 0:
      return `${first}.${last}${index}@${domain}`
    case 1:
      return `${first[0]}${last}${index}@${domain}`
    case 2:
      return `${first}+${rng.pick(TAGS)}${index}@${domain}`
    default:
      return `${first}.${last}+${rng.pick(TAGS)}${index}@${domain}`
  }
}

/**
 * Whether invite `index` of a list is one of the `sharedAddresses` planted for audits: the newest ones.
 */
export const isShared = (config: Config, index: number): boolean => index < (config.sharedAddresses ?? 0)

/**
 * The address of the `k`-th shared invite: the same person in every list (`list` numbers the lists of a
 * dataset), written in capitals in every other one so that comparing addresses must ignore case.
 */
export const sharedAddress = (k: number, list: number): string =>
  list % 2 === 0 ? `shared-${k + 1}@example.com` : `Shared-${k + 1}@Example.com`

export const uuidFrom = (rng: Prng, token?: number): string => {
  const h = rng.chars(HEX, 32)
  const variant = "89ab"[rng.int(4)]!
  const tail = token === undefined ? h.slice(20, 28) : encodeFixed(token, HEX, 8)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${tail}${h.slice(28, 32)}`
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

export const makeCollection = <A>(
  count: number,
  at: (index: number) => A,
  idAt: (index: number) => string,
  tokenOf: (id: string) => number | undefined,
  key: number
): Collection<A> => {
  const indexOf = (id: string): number | undefined => {
    const token = tokenOf(id)
    if (token === undefined || token > 0xffffffff) return undefined
    const index = unpermute(token, key)
    // the token only proposes an index; the full id must match, so a forged or foreign id never resolves
    return index < count && idAt(index) === id ? index : undefined
  }
  const slice = (start: number, end: number): Array<A> => {
    const from = Math.max(0, start)
    const to = Math.min(count, end)
    const out: Array<A> = []
    for (let i = from; i < to; i++) out.push(at(i))
    return out
  }
  return { count, at, idAt, indexOf, slice, toArray: () => slice(0, count) }
}

// Salts keep the providers' streams apart, and a record's id stream apart from its fields' stream.
export const SALT = {
  id: hashString("id"),
  pool: hashString("pool")
}
