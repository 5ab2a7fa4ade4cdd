/**
 * Deterministic, lazily generated invites for each provider, exactly as each API puts them on the wire.
 *
 * Invite `i` is a pure function of (seed, anchor instant, i): nothing is stored, so a million invites
 * cost no memory, and every id embeds a keyed permutation of its index so a cursor resolves in O(1).
 *
 * @since 0.1.0
 */
import {
  BASE58,
  BASE62,
  decodeFixed,
  encodeFixed,
  hash,
  hashString,
  HEX,
  Prng,
  permute,
  unpermute
} from "./internal/Random.js"

/**
 * The providers the emulator serves.
 *
 * @since 0.1.0
 */
export type ProviderName = "openai" | "anthropic" | "portkey" | "openlayer"

/**
 * Every provider, in the order the emulator reports them.
 *
 * @since 0.1.0
 */
export const providerNames: ReadonlyArray<ProviderName> = ["openai", "anthropic", "portkey", "openlayer"]

/**
 * The seed used when none is given.
 *
 * @since 0.1.0
 */
export const defaultSeed = 20241030

/**
 * Invites per provider when none are given (Openlayer: per workspace). Each needs several pages even at
 * the API's largest page size (100, 1000, unbounded → 20 by default, 100).
 *
 * @since 0.1.0
 */
export const defaultCounts: Readonly<Record<ProviderName, number>> = {
  openai: 350,
  anthropic: 2500,
  portkey: 350,
  openlayer: 250
}

/**
 * The largest count an id can encode (the index is a permuted uint32).
 *
 * @since 0.1.0
 */
export const maxCount = 0xffffffff

/**
 * What a dataset is generated from.
 *
 * @since 0.1.0
 */
export interface Config {
  readonly seed: number
  /** The instant (epoch ms) the data is anchored to: every invite was created before it. */
  readonly now: number
  readonly counts: Readonly<Record<ProviderName, number>>
  /** `created_at` (the current API) or `invited_at` (the OpenAPI document's name). */
  readonly openaiTimestampField: "created_at" | "invited_at"
  readonly openlayerWorkspaceIds: ReadonlyArray<string>
}

/**
 * An OpenAI project grant on an invite.
 *
 * @since 0.1.0
 */
export interface OpenAiProject {
  readonly id: string
  readonly role: "member" | "owner"
}

/**
 * An OpenAI `organization.invite`, field for field. Optional fields are sometimes absent, sometimes null.
 *
 * @since 0.1.0
 */
export interface OpenAiInvite {
  readonly object: "organization.invite"
  readonly id: string
  readonly email: string
  readonly role: string
  readonly status: string
  readonly created_at?: number
  readonly invited_at?: number
  readonly expires_at?: number | null
  readonly accepted_at?: number | null
  readonly projects?: ReadonlyArray<OpenAiProject>
  readonly [unknownField: string]: unknown
}

/**
 * An Anthropic invite: RFC 3339 timestamps with microseconds.
 *
 * @since 0.1.0
 */
export interface AnthropicInvite {
  readonly id: string
  readonly type: "invite"
  readonly email: string
  readonly role: string
  readonly invited_at: string
  readonly expires_at: string
  readonly status: string
  readonly [unknownField: string]: unknown
}

/**
 * A Portkey invite: zone-less `YYYY-MM-DD HH:MM:SS` timestamps in UTC.
 *
 * @since 0.1.0
 */
export interface PortkeyInvite {
  readonly object: "invite"
  readonly id: string
  readonly email: string
  readonly role: string
  readonly created_at: string
  readonly expires_at: string
  readonly accepted_at?: string | null
  readonly status: string
  readonly invited_by: string
  readonly workspaces: ReadonlyArray<{ readonly workspace_id: string; readonly role: string }>
  readonly [unknownField: string]: unknown
}

/**
 * An Openlayer workspace, as embedded in each of its invites.
 *
 * @since 0.1.0
 */
export interface OpenlayerWorkspace {
  readonly id: string
  readonly name: string
  readonly slug: string
  readonly dateCreated: string
  readonly memberCount: number
}

/**
 * An Openlayer invite.
 *
 * @since 0.1.0
 */
export interface OpenlayerInvite {
  readonly id: string
  readonly dateCreated: string
  readonly creator: { readonly id: string; readonly username: string | null; readonly name: string | null }
  readonly status: string
  readonly workspace: OpenlayerWorkspace
  readonly email: string
  readonly role: string
  readonly [unknownField: string]: unknown
}

/**
 * A lazily generated, ordered list of invites. `at` builds a fresh object on every call, so callers may
 * mutate what they get.
 *
 * @since 0.1.0
 */
export interface Collection<A> {
  readonly count: number
  readonly at: (index: number) => A
  readonly idAt: (index: number) => string
  /** The list position of an id, in O(1); `undefined` for an id this collection never served. */
  readonly indexOf: (id: string) => number | undefined
  /** Invites `[start, end)`, clamped to the collection. */
  readonly slice: (start: number, end: number) => Array<A>
  readonly toArray: () => Array<A>
}

/**
 * One Openlayer workspace and its invites.
 *
 * @since 0.1.0
 */
export interface OpenlayerWorkspaceData {
  readonly workspace: OpenlayerWorkspace
  readonly invites: Collection<OpenlayerInvite>
}

/**
 * The invites of all four providers.
 *
 * @since 0.1.0
 */
export interface Dataset {
  readonly config: Config
  readonly openai: Collection<OpenAiInvite>
  readonly anthropic: Collection<AnthropicInvite>
  readonly portkey: Collection<PortkeyInvite>
  readonly openlayer: ReadonlyArray<OpenlayerWorkspaceData>
  readonly openlayerWorkspace: (id: string) => OpenlayerWorkspaceData | undefined
}

const DAY = 86_400
const YEAR = 365 * DAY

// A quarter of each list is recent enough that its invites have not expired yet; the rest spreads over
// a year. Ages grow with the index, so the list is newest first, as the real APIs list.
const FRESH_SHARE = 0.25
const ageAt = (x: number, windowS: number): number =>
  x < FRESH_SHARE
    ? 3600 + (x / FRESH_SHARE) * (0.8 * windowS - 3600)
    : windowS + ((x - FRESH_SHARE) / (1 - FRESH_SHARE)) * (YEAR - windowS)

interface Timeline {
  /** epoch ms, with sub-millisecond precision kept for Anthropic's microseconds */
  readonly created: number
  readonly expires: number
  /** not yet expired at the anchor instant */
  readonly fresh: boolean
  /** an instant between creation and min(expiry, now), for accepted invites */
  readonly accepted: number
}

const timeline = (config: Config, index: number, count: number, windowS: number, rng: Prng): Timeline => {
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

const unixSeconds = (ms: number): number => Math.floor(ms / 1000)

const pad = (n: number, width: number): string => String(n).padStart(width, "0")

/** `2024-10-30T23:58:27.427722Z`: Anthropic sends microseconds. */
const rfc3339Micros = (ms: number): string => {
  const whole = Math.floor(ms)
  const micros = Math.floor((ms - whole) * 1000)
  return new Date(whole).toISOString().slice(0, 23) + pad(micros, 3) + "Z"
}

/** `2023-12-12 13:56:32`: Portkey sends UTC without a zone. */
const sqlUtc = (ms: number): string => new Date(Math.floor(ms)).toISOString().slice(0, 19).replace("T", " ")

const iso = (ms: number): string => new Date(Math.floor(ms)).toISOString()

const FIRST = [
  "ada", "grace", "alan", "katherine", "linus", "barbara", "edsger", "margaret", "dennis", "radia",
  "ken", "frances", "john", "hedy", "tim", "shafi", "donald", "sophie", "guido", "anita", "bjarne",
  "adele", "yukihiro", "lynn", "brian", "jean", "niklaus", "karen", "leslie", "mary", "claude", "fei-fei"
] as const
const LAST = [
  "lovelace", "hopper", "turing", "johnson", "torvalds", "liskov", "dijkstra", "hamilton", "ritchie",
  "perlman", "thompson", "allen", "mccarthy", "lamarr", "berners-lee", "goldwasser", "knuth", "wilson",
  "van-rossum", "borg", "stroustrup", "goldberg", "matsumoto", "conway", "kernighan", "sammet", "wirth",
  "jones", "lamport", "shaw", "shannon", "li"
] as const
const DOMAINS = [
  "example.com", "example.org", "acme.test", "initech.example", "globex.example", "umbrella.example",
  "hooli.example", "piedpiper.example"
] as const
const TAGS = ["ops", "billing", "eval", "dev", "test", "ml", "admin"] as const
const WORKSPACE_NAMES = ["Research", "Platform", "Evaluation", "Growth", "Safety", "Data", "Applied ML", "Infra"]

// The index keeps emails unique per list; some carry a `+tag`, which clients must URL-encode.
const email = (rng: Prng, index: number): string => {
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

const uuidFrom = (rng: Prng, token?: number): string => {
  const h = rng.chars(HEX, 32)
  const variant = "89ab"[rng.int(4)]!
  const tail = token === undefined ? h.slice(20, 28) : encodeFixed(token, HEX, 8)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${tail}${h.slice(28, 32)}`
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const makeCollection = <A>(
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
const SALT = {
  openai: hashString("openai"),
  anthropic: hashString("anthropic"),
  portkey: hashString("portkey"),
  openlayer: hashString("openlayer"),
  id: hashString("id"),
  pool: hashString("pool")
}

const openAi = (config: Config): Collection<OpenAiInvite> => {
  const count = config.counts.openai
  const key = hash(config.seed, SALT.openai)
  const projects = Array.from({ length: 8 }, (_, k) =>
    "proj_" + new Prng(hash(config.seed, SALT.pool ^ SALT.openai, k)).chars(BASE62, 24))
  const idAt = (index: number): string =>
    "invite-" + new Prng(hash(config.seed, SALT.openai ^ SALT.id, index)).chars(BASE62, 18) +
    encodeFixed(permute(index, key), BASE62, 6)
  const at = (index: number): OpenAiInvite => {
    const rng = new Prng(hash(config.seed, SALT.openai, index))
    const t = timeline(config, index, count, 7 * DAY, rng)
    const status = t.fresh
      ? rng.weighted([["pending", 75], ["accepted", 25]])
      : rng.weighted([["accepted", 60], ["expired", 28], ["pending", 12]])
    const out: Record<string, unknown> = {
      object: "organization.invite",
      id: idAt(index),
      email: email(rng, index),
      role: rng.weighted([["reader", 80], ["owner", 20]]),
      status,
      [config.openaiTimestampField]: unixSeconds(t.created)
    }
    // expires_at: usually set; null on some accepted invites, absent here and there
    if (!rng.chance(0.03)) out.expires_at = status === "accepted" && rng.chance(0.15) ? null : unixSeconds(t.expires)
    if (status === "accepted") out.accepted_at = unixSeconds(t.accepted)
    else if (rng.chance(0.5)) out.accepted_at = null
    const shape = rng.weighted([["absent", 30], ["empty", 20], ["some", 50]])
    if (shape === "empty") out.projects = []
    if (shape === "some") {
      const n = 1 + rng.int(3)
      const start = rng.int(projects.length)
      out.projects = Array.from({ length: n }, (_, k) => ({
        id: projects[(start + k) % projects.length]!,
        role: rng.chance(0.8) ? "member" : "owner"
      }))
    }
    if (rng.chance(0.04)) out.seat_type = "default"
    return out as OpenAiInvite
  }
  return makeCollection(
    count,
    at,
    idAt,
    (id) => (id.length === 31 && id.startsWith("invite-") ? decodeFixed(id.slice(25), BASE62) : undefined),
    key
  )
}

const anthropic = (config: Config): Collection<AnthropicInvite> => {
  const count = config.counts.anthropic
  const key = hash(config.seed, SALT.anthropic)
  const workspaces = Array.from({ length: 4 }, (_, k) =>
    "wrkspc_01" + new Prng(hash(config.seed, SALT.pool ^ SALT.anthropic, k)).chars(BASE58, 22))
  const idAt = (index: number): string =>
    "invite_01" + new Prng(hash(config.seed, SALT.anthropic ^ SALT.id, index)).chars(BASE58, 16) +
    encodeFixed(permute(index, key), BASE58, 6)
  const at = (index: number): AnthropicInvite => {
    const rng = new Prng(hash(config.seed, SALT.anthropic, index))
    const t = timeline(config, index, count, 21 * DAY, rng)
    const out: Record<string, unknown> = {
      id: idAt(index),
      type: "invite",
      email: email(rng, index),
      // `claude_code_user` is not in the documented enum but real organizations return it
      role: rng.weighted([["user", 45], ["developer", 25], ["billing", 8], ["admin", 12], ["claude_code_user", 10]]),
      invited_at: rfc3339Micros(t.created),
      expires_at: rfc3339Micros(t.expires),
      status: t.fresh
        ? rng.weighted([["pending", 72], ["accepted", 24], ["deleted", 4]])
        : rng.weighted([["accepted", 52], ["expired", 26], ["pending", 12], ["deleted", 10]])
    }
    if (rng.chance(0.04)) {
      out.workspace_roles = [{ workspace_id: rng.pick(workspaces), role: "workspace_developer" }]
    }
    return out as AnthropicInvite
  }
  return makeCollection(
    count,
    at,
    idAt,
    (id) => (id.length === 31 && id.startsWith("invite_01") ? decodeFixed(id.slice(25), BASE58) : undefined),
    key
  )
}

const portkey = (config: Config): Collection<PortkeyInvite> => {
  const count = config.counts.portkey
  const key = hash(config.seed, SALT.portkey)
  const pool = (k: number) => new Prng(hash(config.seed, SALT.pool ^ SALT.portkey, k))
  const workspaces = Array.from({ length: 6 }, (_, k) => uuidFrom(pool(k)))
  const admins = Array.from({ length: 4 }, (_, k) => uuidFrom(pool(100 + k)))
  const organisation = uuidFrom(pool(200))
  const idAt = (index: number): string =>
    uuidFrom(new Prng(hash(config.seed, SALT.portkey ^ SALT.id, index)), permute(index, key))
  const at = (index: number): PortkeyInvite => {
    const rng = new Prng(hash(config.seed, SALT.portkey, index))
    const t = timeline(config, index, count, 10 * DAY, rng)
    const status = t.fresh
      ? rng.weighted([["pending", 70], ["accepted", 24], ["cancelled", 6]])
      : rng.weighted([["accepted", 52], ["expired", 24], ["pending", 12], ["cancelled", 12]])
    const out: Record<string, unknown> = {
      object: "invite",
      id: idAt(index),
      email: email(rng, index),
      role: rng.weighted([["member", 80], ["admin", 20]]),
      created_at: sqlUtc(t.created),
      expires_at: sqlUtc(t.expires)
    }
    // accepted_at: set when accepted; otherwise absent or null, as Portkey sends both
    if (status === "accepted") out.accepted_at = sqlUtc(t.accepted)
    else if (rng.chance(0.5)) out.accepted_at = null
    out.status = status
    out.invited_by = rng.pick(admins)
    const n = rng.weighted([[0, 25], [1, 55], [2, 20]])
    const start = rng.int(workspaces.length)
    out.workspaces = Array.from({ length: n }, (_, k) => ({
      workspace_id: workspaces[(start + k) % workspaces.length]!,
      role: rng.weighted([["member", 70], ["manager", 15], ["admin", 15]])
    }))
    if (rng.chance(0.04)) out.organisation_id = organisation
    return out as PortkeyInvite
  }
  return makeCollection(
    count,
    at,
    idAt,
    (id) => (UUID.test(id) ? decodeFixed(id.slice(24, 32), HEX) : undefined),
    key
  )
}

const openlayerWorkspace = (config: Config, ordinal: number, id: string): OpenlayerWorkspaceData => {
  const count = config.counts.openlayer
  const salt = SALT.openlayer ^ hashString(id)
  const key = hash(config.seed, salt)
  const wrng = new Prng(hash(config.seed, SALT.pool ^ salt, ordinal))
  const base = WORKSPACE_NAMES[ordinal % WORKSPACE_NAMES.length]!
  const name = ordinal < WORKSPACE_NAMES.length ? base : `${base} ${Math.floor(ordinal / WORKSPACE_NAMES.length) + 1}`
  const workspace: OpenlayerWorkspace = {
    id,
    name,
    slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    dateCreated: iso(config.now - ((400 + wrng.int(300)) * DAY + wrng.int(DAY)) * 1000),
    memberCount: 3 + wrng.int(60)
  }
  const creators = Array.from({ length: 4 }, (_, k) => {
    const rng = new Prng(hash(config.seed, SALT.pool ^ salt, 100 + k))
    const first = rng.pick(FIRST)
    const last = rng.pick(LAST)
    return {
      id: uuidFrom(rng),
      username: rng.chance(0.25) ? null : `${first}${last}`.slice(0, 64),
      name: rng.chance(0.2) ? null : `${first[0]!.toUpperCase()}${first.slice(1)} ${last[0]!.toUpperCase()}${last.slice(1)}`
    }
  })
  const idAt = (index: number): string => uuidFrom(new Prng(hash(config.seed, salt ^ SALT.id, index)), permute(index, key))
  const at = (index: number): OpenlayerInvite => {
    const rng = new Prng(hash(config.seed, salt, index))
    const t = timeline(config, index, count, 14 * DAY, rng)
    const out: Record<string, unknown> = {
      id: idAt(index),
      dateCreated: iso(t.created),
      creator: { ...rng.pick(creators) },
      status: t.fresh ? rng.weighted([["pending", 75], ["accepted", 25]]) : rng.weighted([["accepted", 80], ["pending", 20]]),
      workspace: { ...workspace },
      email: email(rng, index),
      role: rng.weighted([["MEMBER", 60], ["VIEWER", 25], ["ADMIN", 15]])
    }
    if (rng.chance(0.04)) out.dateUpdated = iso(t.accepted)
    return out as OpenlayerInvite
  }
  return {
    workspace,
    invites: makeCollection(count, at, idAt, (i) => (UUID.test(i) ? decodeFixed(i.slice(24, 32), HEX) : undefined), key)
  }
}

/**
 * Builds the dataset. O(1): invites are generated when asked for.
 *
 * @since 0.1.0
 */
export const make = (config: Config): Dataset => {
  const openlayer = config.openlayerWorkspaceIds.map((id, ordinal) => openlayerWorkspace(config, ordinal, id))
  const byId = new Map(openlayer.map((w) => [w.workspace.id, w]))
  return {
    config,
    openai: openAi(config),
    anthropic: anthropic(config),
    portkey: portkey(config),
    openlayer,
    openlayerWorkspace: (id) => byId.get(id)
  }
}

/**
 * `n` workspace ids derived from a seed: the default Openlayer workspaces (two of them).
 *
 * @since 0.1.0
 */
export const workspaceIds = (seed: number, n: number): ReadonlyArray<string> =>
  Array.from({ length: n }, (_, k) => uuidFrom(new Prng(hash(seed, SALT.openlayer ^ SALT.pool, 1000 + k))))

/**
 * The default anchor instant: the start of the current UTC day. Stable for a day, and recent enough that
 * "pending and not yet expired" still holds against the real clock clients compare with.
 *
 * @since 0.1.0
 */
export const startOfUtcDay = (epochMs: number = Date.now()): number => epochMs - (epochMs % (DAY * 1000))
