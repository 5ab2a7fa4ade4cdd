/**
 * Anthropic's `GET /v1/organizations/invites`: admin key as `x-api-key` (the docs) or `Authorization:
 * Bearer` (what @anthropic-ai/sdk 1.x sends), `anthropic-version` required, `limit` 1–1000 (default 20),
 * `after_id` / `before_id`, `{ data, has_more, first_id, last_id }`.
 *
 * @since 0.1.0
 */
import type { Config } from "../Dataset.js"
import type { Fault } from "../Faults.js"
import { DAY, email, isShared, makeCollection, rfc3339Micros, SALT, sharedAddress, timeline } from "../internal/Generate.js"
import { bearer, header, intParam, json, param, type Reply, type Request, requestId, type Route } from "../internal/Http.js"
import { define } from "../internal/Provider.js"
import { type Revocable, revocable } from "../internal/Revocable.js"
import { BASE58, decodeFixed, encodeFixed, hash, hashString, permute, Prng } from "../internal/Random.js"

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

const OWN = hashString("anthropic")

/**
 * Anthropic's invites: RFC 3339 timestamps with microseconds, undocumented roles and statuses included.
 *
 * @since 0.2.0
 */
export const generate = (config: Config): Revocable<AnthropicInvite> => {
  const count = config.counts.anthropic
  const key = hash(config.seed, OWN)
  const workspaces = Array.from({ length: 4 }, (_, k) =>
    "wrkspc_01" + new Prng(hash(config.seed, SALT.pool ^ OWN, k)).chars(BASE58, 22))
  const idAt = (index: number): string =>
    "invite_01" + new Prng(hash(config.seed, OWN ^ SALT.id, index)).chars(BASE58, 16) +
    encodeFixed(permute(index, key), BASE58, 6)
  const at = (index: number): AnthropicInvite => {
    const rng = new Prng(hash(config.seed, OWN, index))
    const t = timeline(config, index, count, 21 * DAY, rng)
    const shared = isShared(config, index)
    const address = email(rng, index)
    const out: Record<string, unknown> = {
      id: idAt(index),
      type: "invite",
      email: shared ? sharedAddress(index, 1) : address,
      // `claude_code_user` and `managed` are not in the documented enum but real organizations return them
      role: rng.weighted([
        ["user", 45],
        ["developer", 25],
        ["billing", 8],
        ["admin", 12],
        ["claude_code_user", 8],
        ["managed", 2]
      ]),
      invited_at: rfc3339Micros(t.created),
      expires_at: rfc3339Micros(t.expires),
      status: t.fresh
        ? rng.weighted([["pending", 72], ["accepted", 24], ["deleted", 4]])
        : rng.weighted([["accepted", 52], ["expired", 26], ["pending", 12], ["deleted", 10]])
    }
    if (shared) out.status = "pending"
    if (rng.chance(0.04)) {
      out.workspace_roles = [{ workspace_id: rng.pick(workspaces), role: "workspace_developer" }]
    }
    return out as AnthropicInvite
  }
  return revocable(makeCollection(
    count,
    at,
    idAt,
    (id) => (id.length === 31 && id.startsWith("invite_01") ? decodeFixed(id.slice(25), BASE58) : undefined),
    key
  ))
}

const LIST = "/v1/organizations/invites"

const types: Record<number, readonly [type: string, message: string]> = {
  400: ["invalid_request_error", "Invalid request."],
  401: ["authentication_error", "invalid x-api-key"],
  403: ["permission_error", "Your API key does not have permission to use the specified resource."],
  404: ["not_found_error", "Not found"],
  429: ["rate_limit_error", "Number of requests has exceeded your rate limit. Please try again later."],
  500: ["api_error", "Internal server error"],
  529: ["overloaded_error", "Overloaded"]
}

/**
 * An error in Anthropic's shape: `{ type: "error", error: { type, message } }`.
 *
 * @since 0.1.0
 */
export const error = (status: number, message?: string): Reply => {
  const [type, fallback] = types[status] ?? (status >= 500 ? ["api_error", "Internal server error"] : ["invalid_request_error", `HTTP ${status}`])
  return json(status, { type: "error", error: { type, message: message ?? fallback } }, { "request-id": requestId("req_01") })
}

/**
 * The Anthropic route over a collection of invites, guarded by `apiKey`.
 *
 * @since 0.1.0
 */
export const make = (invites: Revocable<AnthropicInvite>, apiKey: string): Route => {
  // `DELETE`/`GET /v1/organizations/invites/{id}`: only a pending invite can be deleted; gone is a 404.
  const one = (request: Request, id: string): Reply => {
    const invite = invites.find(id)
    if (invite === undefined) return error(404, `Invite ${id} not found`)
    if (request.method === "GET") return json(200, invite)
    if (request.method !== "DELETE") return error(405, `Method Not Allowed`)
    if (invite.status !== "pending") return error(400, `Invite ${id} is not pending (status: ${invite.status})`)
    invites.revoke(id)
    return json(200, { id, type: "invite_deleted" })
  }
  const handle = (request: Request, fault: Fault | null): Reply => {
    const itemId = request.path.startsWith(LIST + "/") ? decodeURIComponent(request.path.slice(LIST.length + 1)) : undefined
    if (request.path !== LIST && itemId === undefined) return error(404, `Not found`)
    if (itemId === undefined && request.method !== "GET") return error(405, `Method Not Allowed`)
    const key = header(request.headers, "x-api-key") ?? bearer(request.headers)
    if (key === undefined) return error(401, "x-api-key header is required")
    if (key !== apiKey) return error(401)
    if (!header(request.headers, "anthropic-version")) return error(400, "anthropic-version: header is required")
    if (itemId !== undefined) return one(request, itemId)
    const limitParam = intParam(request.query, "limit")
    if (limitParam._tag === "Invalid") return error(400, "limit: Input should be a valid integer, unable to parse string as an integer")
    const limit = limitParam._tag === "Value" ? limitParam.value : 20
    if (limit < 1) return error(400, "limit: Input should be greater than or equal to 1")
    if (limit > 1000) return error(400, "limit: Input should be less than or equal to 1000")
    const afterId = param(request.query, "after_id")
    const beforeId = param(request.query, "before_id")
    if (afterId !== undefined && beforeId !== undefined) {
      return error(400, "Only one of before_id and after_id may be provided")
    }
    const cursor = afterId ?? beforeId
    const index = cursor === undefined ? undefined : invites.indexOf(cursor)
    if (cursor !== undefined && index === undefined) {
      return error(400, `${afterId !== undefined ? "after_id" : "before_id"}: unknown invite id ${JSON.stringify(cursor)}`)
    }
    let from: number
    let to: number
    let more: boolean
    let lastId: string | undefined
    if (beforeId !== undefined) {
      // the page immediately before the cursor; "more" is in the requested (backwards) direction
      to = index!
      from = Math.max(0, to - limit)
      more = from > 0
    } else {
      from = index === undefined ? 0 : index + 1
      to = Math.min(invites.count, from + limit)
      more = to < invites.count
      switch (fault?._tag) {
        case "RepeatCursor":
          if (index !== undefined) {
            to = from
            from = Math.max(0, to - limit)
            more = true
          }
          break
        case "CursorBackwards":
          lastId = invites.count > 0 ? invites.idAt(Math.max(0, from - limit)) : undefined
          more = true
          break
      }
    }
    switch (fault?._tag) {
      case "EmptyPageWithMore":
        to = from
        more = true
        break
      case "HugePage":
        to = Math.min(invites.count, from + limit * (fault.factor ?? 10))
        break
    }
    const data = invites.slice(from, to)
    return json(200, {
      data,
      has_more: more,
      first_id: data.length > 0 ? data[0]!.id : null,
      last_id: lastId ?? (data.length > 0 ? data[data.length - 1]!.id : null)
    }, { "request-id": requestId("req_01") })
  }
  return { listField: "data", handle, error }
}

/**
 * Anthropic as the emulator serves it.
 *
 * @since 0.2.0
 */
export const provider = define({
  name: "anthropic",
  displayName: "Anthropic",
  // the SDK's paths start with `/v1`
  basePath: "",
  defaultKey: "sk-ant-admin01-emulator-anthropic-0000000000000000",
  defaultCount: 2500,
  countUnit: "invites",
  env: { baseUrl: "ANTHROPIC_BASE_URL", apiKey: "ANTHROPIC_ADMIN_KEY" },
  // 529 is Anthropic's "overloaded"
  serverErrorStatuses: [500, 502, 503, 504, 529],
  generate,
  route: (data, apiKey) => make(data, apiKey),
  invites: (data) => data.toArray()
})
