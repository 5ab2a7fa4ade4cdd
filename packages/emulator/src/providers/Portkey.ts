/**
 * Portkey's `GET /v1/admin/users/invites`: `x-portkey-api-key`, `pageSize` / `currentPage` (from 0),
 * exact-match `role`, `email`, `status` filters, `{ object: "list", total, data }` with `total` the
 * filtered count.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { Config } from "../Dataset.js"
import type { Fault } from "../Faults.js"
import * as Flag from "../internal/Flag.js"
import { DAY, email, isShared, makeCollection, pad, rfc3339At, SALT, sharedAddress, sqlUtc, timeline, UUID, uuidFrom } from "../internal/Generate.js"
import { header, intParam, json, type Reply, type Request, type Route } from "../internal/Http.js"
import { define } from "../internal/Provider.js"
import { type Revocable, revocable } from "../internal/Revocable.js"
import { decodeFixed, hash, hashString, HEX, permute, Prng } from "../internal/Random.js"

/**
 * A Portkey invite: zone-less `YYYY-MM-DD HH:MM:SS` timestamps in UTC (RFC 3339, some fields absent or null, in
 * the sparse shape).
 *
 * @since 0.1.0
 */
export interface PortkeyInvite {
  readonly object: "invite"
  readonly id: string
  readonly email: string
  readonly role: string
  readonly created_at?: string | null
  readonly expires_at?: string | null
  readonly accepted_at?: string | null
  readonly status: string
  readonly invited_by?: string | null
  readonly workspaces: ReadonlyArray<{ readonly workspace_id: string; readonly role: string }>
  readonly [unknownField: string]: unknown
}

const OWN = hashString("portkey")

/**
 * Portkey's invites: zone-less UTC timestamps, workspace grants, uuids.
 *
 * @since 0.2.0
 */
export const generate = (config: Config): Revocable<PortkeyInvite> => {
  const count = config.counts.portkey
  const sparse = config.sparse?.portkey === true
  const key = hash(config.seed, OWN)
  const pool = (k: number) => new Prng(hash(config.seed, SALT.pool ^ OWN, k))
  const workspaces = Array.from({ length: 6 }, (_, k) => uuidFrom(pool(k)))
  const admins = Array.from({ length: 4 }, (_, k) => uuidFrom(pool(100 + k)))
  const organisation = uuidFrom(pool(200))
  const idAt = (index: number): string =>
    uuidFrom(new Prng(hash(config.seed, OWN ^ SALT.id, index)), permute(index, key))
  const at = (index: number): PortkeyInvite => {
    const rng = new Prng(hash(config.seed, OWN, index))
    const t = timeline(config, index, count, 10 * DAY, rng)
    const drawn = t.fresh
      ? rng.weighted([["pending", 70], ["accepted", 24], ["cancelled", 6]])
      : rng.weighted([["accepted", 52], ["expired", 24], ["pending", 12], ["cancelled", 12]])
    const shared = isShared(config, index)
    const status = shared ? "pending" : drawn
    const address = email(rng, index)
    const out: Record<string, unknown> = {
      object: "invite",
      id: idAt(index),
      email: shared ? sharedAddress(index, 2) : address,
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
    if (sparse) sparsen(out, rng, t)
    return out as PortkeyInvite
  }
  return revocable(makeCollection(
    count,
    at,
    idAt,
    (id) => (UUID.test(id) ? decodeFixed(id.slice(24, 32), HEX) : undefined),
    key
  ))
}

/**
 * The sparse shape: the docs require no field and say `format: date-time`, so times are RFC 3339 (`Z`, an offset,
 * milliseconds or microseconds), and `created_at`, `expires_at` and `invited_by` are sometimes absent or null.
 */
const sparsen = (out: Record<string, unknown>, rng: Prng, t: { readonly created: number; readonly expires: number; readonly accepted: number }): void => {
  const time = (ms: number) =>
    rng.weighted<() => string>([
      [() => rfc3339At(ms, 0), 40],
      [() => rfc3339At(ms, rng.pick([-300, 60, 120, 330])), 35],
      [() => `${new Date(Math.floor(ms)).toISOString().slice(0, 19)}.${pad(rng.int(1_000_000), 6)}Z`, 25]
    ])()
  out.created_at = time(t.created)
  out.expires_at = time(t.expires)
  if (typeof out.accepted_at === "string") out.accepted_at = time(t.accepted)
  for (const field of ["created_at", "expires_at", "invited_by"]) {
    const shape = rng.weighted([["kept", 70], ["absent", 20], ["null", 10]])
    if (shape === "absent") delete out[field]
    if (shape === "null") out[field] = null
  }
}

const LIST = "/v1/admin/users/invites"

/**
 * The page size when a request gives none. Portkey does not document one; 20 is the common default of
 * the admin APIs next to it, and small enough that a client forgetting `pageSize` still has to paginate.
 *
 * @since 0.1.0
 */
export const defaultPageSize = 20

const defaults: Record<number, string> = {
  401: "Invalid API Key",
  404: "Not Found",
  405: "Method Not Allowed",
  429: "Too many requests. Please try again later.",
  500: "Something went wrong",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
}

/**
 * An error in Portkey's shape: `{ success: false, data: { message } }`.
 *
 * @since 0.1.0
 */
export const error = (status: number, message?: string): Reply =>
  json(status, { success: false, data: { message: message ?? defaults[status] ?? `HTTP ${status}` } })

/**
 * Route options: `maxPageSize` silently caps the page size, as real servers do.
 *
 * @since 0.1.0
 */
export interface Options {
  readonly maxPageSize?: number | undefined
  /** Leave `total` out of every page (the docs do not require it). */
  readonly omitTotal?: boolean | undefined
}

/** Filtered views are cached by filter: building one scans the whole list, serving pages from it is O(1). */
const CACHE_SIZE = 16

/**
 * The Portkey route over a collection of invites, guarded by `apiKey`.
 *
 * @since 0.1.0
 */
export const make = (invites: Revocable<PortkeyInvite>, apiKey: string, options: Options = {}): Route => {
  const cache = new Map<string, Uint32Array>()
  const matching = (role: string | undefined, email: string | undefined, status: string | undefined) => {
    // the list's version is part of the key: a view built before a revocation would still count the revoked invite
    const key = JSON.stringify([role, email, status, invites.version()])
    let hit = cache.get(key)
    if (hit === undefined) {
      const found: Array<number> = []
      for (let i = 0; i < invites.count; i++) {
        const invite = invites.at(i)
        if (
          (role === undefined || invite.role === role) &&
          (email === undefined || invite.email === email) &&
          (status === undefined || invite.status === status)
        ) found.push(i)
      }
      hit = Uint32Array.from(found)
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!)
      cache.set(key, hit)
    }
    return hit
  }

  // `DELETE`/`GET /v1/admin/users/invites/{id}`: deleted is gone from later pages and from `total`; gone is a 404.
  const one = (request: Request, id: string): Reply => {
    const invite = invites.find(id)
    if (invite === undefined) return error(404, "Invite not found")
    if (request.method === "GET") return json(200, invite)
    if (request.method !== "DELETE") return error(405)
    invites.revoke(id)
    return json(200, {})
  }
  const handle = (request: Request, fault: Fault | null): Reply => {
    const itemId = request.path.startsWith(LIST + "/") ? decodeURIComponent(request.path.slice(LIST.length + 1)) : undefined
    if (request.path !== LIST && itemId === undefined) return error(404)
    if (itemId === undefined && request.method !== "GET") return error(405)
    const key = header(request.headers, "x-portkey-api-key")
    if (key === undefined || key !== apiKey) return error(401)
    if (itemId !== undefined) return one(request, itemId)
    const sizeParam = intParam(request.query, "pageSize")
    if (sizeParam._tag === "Invalid" || (sizeParam._tag === "Value" && sizeParam.value < 1)) {
      return error(400, "Invalid pageSize: expected a positive integer")
    }
    const pageParam = intParam(request.query, "currentPage")
    if (pageParam._tag === "Invalid" || (pageParam._tag === "Value" && pageParam.value < 0)) {
      return error(400, "Invalid currentPage: expected an integer >= 0")
    }
    const asked = sizeParam._tag === "Value" ? sizeParam.value : defaultPageSize
    // the cap is silent: fewer invites than asked, and offsets computed with the capped size
    const size = options.maxPageSize === undefined ? asked : Math.min(asked, options.maxPageSize)
    let page = pageParam._tag === "Value" ? pageParam.value : 0
    // URLSearchParams has already URL-decoded the values, so `a%2Bb%40x.com` compares as `a+b@x.com`
    const filter = (name: string) => {
      const value = request.query.get(name)
      return value === null || value === "" ? undefined : value
    }
    const role = filter("role")
    const email = filter("email")
    const status = filter("status")
    const view = role === undefined && email === undefined && status === undefined
      ? undefined
      : matching(role, email, status)
    const total = view === undefined ? invites.count : view.length
    switch (fault?._tag) {
      case "RepeatCursor":
        page = Math.max(0, page - 1)
        break
      case "CursorBackwards":
        page = 0
        break
    }
    const from = page * size
    let to = Math.min(total, from + size)
    if (fault?._tag === "EmptyPageWithMore") to = from
    if (fault?._tag === "HugePage") to = Math.min(total, from + size * (fault.factor ?? 10))
    const data: Array<PortkeyInvite> = []
    for (let i = from; i < to; i++) data.push(invites.at(view === undefined ? i : view[i]!))
    return json(200, options.omitTotal === true ? { object: "list", data } : { object: "list", total, data })
  }
  return { listField: "data", handle, error }
}

/**
 * Portkey's own options (the route's).
 *
 * @since 0.2.0
 */
export const ProviderOptions = Schema.Struct({
  /** Silently cap the page size, as real servers do. */
  maxPageSize: Schema.optional(Schema.Int.pipe(Schema.between(1, Number.MAX_SAFE_INTEGER))),
  /** `sparse`: RFC 3339 times, optional fields absent or null, pages without `total`. Default `full`. */
  shapes: Schema.optional(Schema.Literal("full", "sparse"))
})

/**
 * Portkey as the emulator serves it.
 *
 * @since 0.2.0
 */
export const provider = define({
  name: "portkey",
  displayName: "Portkey",
  basePath: "/v1",
  defaultKey: "pk-emulator-portkey-0000000000000000",
  defaultCount: 350,
  countUnit: "invites",
  env: { baseUrl: "PORTKEY_BASE_URL", apiKey: "PORTKEY_API_KEY" },
  options: ProviderOptions,
  flags: [{
    name: "portkey-max-page-size",
    placeholder: "N",
    description: "silently cap Portkey's pageSize",
    schema: Flag.integer(1, Number.MAX_SAFE_INTEGER)
  }, { name: "portkey-shapes", ...Flag.shapes("Portkey") }],
  fromFlags: (values): typeof ProviderOptions.Type | undefined => {
    const max = values["portkey-max-page-size"] as number | undefined
    const shapes = values["portkey-shapes"] as "full" | "sparse" | undefined
    return max === undefined && shapes === undefined
      ? undefined
      : { ...(max === undefined ? {} : { maxPageSize: max }), ...(shapes === undefined ? {} : { shapes }) }
  },
  generate,
  route: (data, apiKey, own) =>
    make(data, apiKey, { maxPageSize: own?.maxPageSize, omitTotal: own?.shapes === "sparse" }),
  invites: (data) => data.toArray()
})
