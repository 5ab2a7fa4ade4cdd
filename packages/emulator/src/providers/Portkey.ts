/**
 * Portkey's `GET /v1/admin/users/invites`: `x-portkey-api-key`, `pageSize` / `currentPage` (from 0),
 * exact-match `role`, `email`, `status` filters, `{ object: "list", total, data }` with `total` the
 * filtered count.
 *
 * @since 0.1.0
 */
import type { Collection, PortkeyInvite } from "../Dataset.js"
import type { Fault } from "../Faults.js"
import { header, intParam, json, type Reply, type Request, type Route } from "../internal/Http.js"

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
}

/** Filtered views are cached by filter: building one scans the whole list, serving pages from it is O(1). */
const CACHE_SIZE = 16

/**
 * The Portkey route over a collection of invites, guarded by `apiKey`.
 *
 * @since 0.1.0
 */
export const make = (invites: Collection<PortkeyInvite>, apiKey: string, options: Options = {}): Route => {
  const cache = new Map<string, Uint32Array>()
  const matching = (role: string | undefined, email: string | undefined, status: string | undefined) => {
    const key = JSON.stringify([role, email, status])
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

  const handle = (request: Request, fault: Fault | null): Reply => {
    if (request.path !== LIST) return error(404)
    if (request.method !== "GET") return error(405)
    const key = header(request.headers, "x-portkey-api-key")
    if (key === undefined || key !== apiKey) return error(401)
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
    return json(200, { object: "list", total, data })
  }
  return { listField: "data", handle, error }
}
