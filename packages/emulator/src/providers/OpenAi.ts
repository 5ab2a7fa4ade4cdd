/**
 * OpenAI's `GET /v1/organization/invites`: bearer admin key, `limit` 1–100 (default 20), `after` = an
 * invite id, `{ object: "list", data, first_id, last_id, has_more }`.
 *
 * @since 0.1.0
 */
import type { Collection, OpenAiInvite } from "../Dataset.js"
import type { Fault } from "../Faults.js"
import { bearer, intParam, json, param, type Reply, type Request, requestId, type Route } from "../internal/Http.js"

const LIST = "/v1/organization/invites"

const messages: Record<number, readonly [type: string, message: string]> = {
  401: ["invalid_request_error", "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys."],
  404: ["invalid_request_error", "Not found."],
  429: ["requests", "Rate limit reached for requests. Please try again later."],
  500: ["server_error", "The server had an error while processing your request. Sorry about that!"],
  502: ["server_error", "Bad gateway."],
  503: ["server_error", "The server is overloaded or not ready yet."],
  504: ["server_error", "Gateway timeout."]
}

/**
 * An error in OpenAI's shape: `{ error: { message, type, param, code } }`.
 *
 * @since 0.1.0
 */
export const error = (status: number, message?: string, param: string | null = null, code: string | null = null): Reply => {
  const [type, fallback] = messages[status] ?? [status >= 500 ? "server_error" : "invalid_request_error", `HTTP ${status}`]
  return json(status, {
    error: { message: message ?? fallback, type, param, code: code ?? (status === 429 ? "rate_limit_exceeded" : null) }
  })
}

const invalidLimit = (raw: string): Reply =>
  error(400, `Invalid 'limit': expected an integer, but got ${JSON.stringify(raw)} instead.`, "limit", "invalid_type")

/**
 * The OpenAI route over a collection of invites, guarded by `apiKey`.
 *
 * @since 0.1.0
 */
export const make = (invites: Collection<OpenAiInvite>, apiKey: string): Route => {
  const handle = (request: Request, fault: Fault | null): Reply => {
    if (request.path !== LIST) return error(404, `Invalid URL (${request.method} ${request.path})`)
    if (request.method !== "GET") return error(405, `Invalid method for URL (${request.method} ${LIST})`)
    const key = bearer(request.headers)
    if (key === undefined) {
      return error(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null, "invalid_api_key")
    }
    // never echo the key: the real API prints a masked prefix, which still leaks part of a secret into logs
    if (key !== apiKey) return error(401, undefined, null, "invalid_api_key")
    const limitParam = intParam(request.query, "limit")
    if (limitParam._tag === "Invalid") return invalidLimit(limitParam.raw)
    const limit = limitParam._tag === "Value" ? limitParam.value : 20
    if (limit < 1) {
      return error(400, `Invalid 'limit': integer below minimum value. Expected a value >= 1, but got ${limit} instead.`, "limit", "integer_below_min_value")
    }
    if (limit > 100) {
      return error(400, `Invalid 'limit': integer above maximum value. Expected a value <= 100, but got ${limit} instead.`, "limit", "integer_above_max_value")
    }
    const after = param(request.query, "after")
    let start = 0
    if (after !== undefined) {
      const index = invites.indexOf(after)
      // An id that is not in the list is a client bug (or a cursor from another organization): OpenAI
      // rejects it rather than answering with an empty page that would look like the end of the list.
      if (index === undefined) {
        return error(400, `Invalid 'after': no invite with id ${JSON.stringify(after)} exists in this organization.`, "after", "invalid_value")
      }
      start = index + 1
    }
    let from = start
    let to = Math.min(invites.count, start + limit)
    let forceMore = false
    let lastId: string | undefined
    switch (fault?._tag) {
      case "RepeatCursor":
        if (after !== undefined) {
          from = Math.max(0, start - limit)
          to = start
          forceMore = true
        }
        break
      case "CursorBackwards":
        lastId = invites.count > 0 ? invites.idAt(Math.max(0, start - limit)) : undefined
        forceMore = true
        break
      case "EmptyPageWithMore":
        to = from
        forceMore = true
        break
      case "HugePage":
        to = Math.min(invites.count, from + limit * (fault.factor ?? 10))
        break
    }
    const data = invites.slice(from, to)
    return json(200, {
      object: "list",
      data,
      first_id: data.length > 0 ? data[0]!.id : null,
      last_id: lastId ?? (data.length > 0 ? data[data.length - 1]!.id : null),
      has_more: forceMore || to < invites.count
    }, { "x-request-id": requestId("req_") })
  }
  return { listField: "data", handle, error: (status, message) => error(status, message) }
}
