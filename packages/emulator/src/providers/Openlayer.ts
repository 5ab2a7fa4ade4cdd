/**
 * Openlayer's `GET /v1/workspaces/{workspaceId}/invites`: bearer key, `page` from 1 (default 1),
 * `perPage` 1–100 (default 25), `{ items }` and an `x-next` header while there is a next page.
 *
 * @since 0.1.0
 */
import type { OpenlayerWorkspaceData } from "../Dataset.js"
import type { Fault } from "../Faults.js"
import { bearer, intParam, json, type Reply, type Request, type Route } from "../internal/Http.js"

const LIST = /^\/v1\/workspaces\/([^/]+)\/invites$/

const defaults: Record<number, string> = {
  401: "Unauthorized: invalid or missing API key",
  404: "Not found",
  405: "Method not allowed",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout"
}

/**
 * An error in Openlayer's shape: `{ code, error }`.
 *
 * @since 0.1.0
 */
export const error = (status: number, message?: string): Reply =>
  json(status, { code: status, error: message ?? defaults[status] ?? `HTTP ${status}` })

/**
 * How `x-next` is written: an absolute URL (default), a path (`/openlayer/v1/…?page=3&perPage=100`), or
 * not at all, so clients must stop on a short page.
 *
 * @since 0.1.0
 */
export type NextLink = "absolute" | "relative" | "none"

/**
 * Route options.
 *
 * @since 0.1.0
 */
export interface Options {
  /** Where the route is mounted (`/openlayer`), for the links it writes. */
  readonly prefix: string
  readonly nextLink: NextLink
}

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * The Openlayer route over some workspaces, guarded by `apiKey`.
 *
 * @since 0.1.0
 */
export const make = (
  workspace: (id: string) => OpenlayerWorkspaceData | undefined,
  apiKey: string,
  options: Options
): Route => {
  const handle = (request: Request, fault: Fault | null): Reply => {
    const match = LIST.exec(request.path)
    if (match === null) return error(404)
    if (request.method !== "GET") return error(405)
    const key = bearer(request.headers)
    if (key === undefined || key !== apiKey) return error(401)
    const id = decode(match[1]!)
    const data = workspace(id)
    if (data === undefined) return error(404, "Workspace not found")
    const pageParam = intParam(request.query, "page")
    if (pageParam._tag === "Invalid" || (pageParam._tag === "Value" && pageParam.value < 1)) {
      return error(400, "page must be an integer greater than or equal to 1")
    }
    const perPageParam = intParam(request.query, "perPage")
    if (
      perPageParam._tag === "Invalid" ||
      (perPageParam._tag === "Value" && (perPageParam.value < 1 || perPageParam.value > 100))
    ) {
      return error(400, "perPage must be an integer between 1 and 100")
    }
    const page = pageParam._tag === "Value" ? pageParam.value : 1
    const perPage = perPageParam._tag === "Value" ? perPageParam.value : 25
    const count = data.invites.count
    const from = (page - 1) * perPage
    let to = Math.min(count, from + perPage)
    let next: number | undefined = from + perPage < count ? page + 1 : undefined
    // a link fault is the point of the request, so its link is written even when links are off ("none")
    let linkFault = true
    switch (fault?._tag) {
      case "RepeatCursor":
        next = page
        break
      case "CursorBackwards":
        next = Math.max(1, page - 1)
        break
      case "NextLinkLoop":
        next = fault.page ?? 1
        break
      case "EmptyPageWithMore":
        to = from
        next = page + 1
        break
      case "HugePage":
        to = Math.min(count, from + perPage * (fault.factor ?? 10))
        linkFault = false
        break
      default:
        linkFault = false
    }
    const headers: Record<string, string> = {}
    const mode = options.nextLink === "none" && linkFault ? "absolute" : options.nextLink
    if (next !== undefined && mode !== "none") {
      const path = `${options.prefix}/v1/workspaces/${encodeURIComponent(id)}/invites?page=${next}&perPage=${perPage}`
      headers["x-next"] = mode === "absolute" ? request.origin + path : path
    }
    return json(200, { items: data.invites.slice(from, to) }, headers)
  }
  return { listField: "items", handle, error }
}
