/**
 * OpenAI's `GET /v1/organization/invites`: bearer admin key, `limit` 1–100 (default 20), `after` = an
 * invite id, `{ object: "list", data, first_id, last_id, has_more }`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { Config } from "../Dataset.js"
import type { Fault } from "../Faults.js"
import * as Flag from "../internal/Flag.js"
import { DAY, email, isShared, makeCollection, SALT, sharedAddress, timeline, unixSeconds } from "../internal/Generate.js"
import { bearer, intParam, json, param, type Reply, type Request, requestId, type Route } from "../internal/Http.js"
import { define } from "../internal/Provider.js"
import { type Revocable, revocable } from "../internal/Revocable.js"
import { BASE62, decodeFixed, encodeFixed, hash, hashString, permute, Prng } from "../internal/Random.js"

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

const OWN = hashString("openai")

/**
 * OpenAI's invites: unix-second timestamps, optional fields sometimes absent and sometimes null, projects.
 *
 * @since 0.2.0
 */
export const generate = (config: Config): Revocable<OpenAiInvite> => {
  const count = config.counts.openai
  const sparse = config.sparse?.openai === true
  const key = hash(config.seed, OWN)
  const projects = Array.from({ length: 8 }, (_, k) =>
    "proj_" + new Prng(hash(config.seed, SALT.pool ^ OWN, k)).chars(BASE62, 24))
  const idAt = (index: number): string =>
    "invite-" + new Prng(hash(config.seed, OWN ^ SALT.id, index)).chars(BASE62, 18) +
    encodeFixed(permute(index, key), BASE62, 6)
  const at = (index: number): OpenAiInvite => {
    const rng = new Prng(hash(config.seed, OWN, index))
    const t = timeline(config, index, count, 7 * DAY, rng)
    const drawn = t.fresh
      ? rng.weighted([["pending", 75], ["accepted", 25]])
      : rng.weighted([["accepted", 60], ["expired", 28], ["pending", 12]])
    const shared = isShared(config, index)
    const status = shared ? "pending" : drawn
    const address = email(rng, index)
    const out: Record<string, unknown> = {
      object: "organization.invite",
      id: idAt(index),
      email: shared ? sharedAddress(index, 0) : address,
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
    if (sparse) sparsen(out, rng)
    return out as OpenAiInvite
  }
  return revocable(makeCollection(
    count,
    at,
    idAt,
    (id) => (id.length === 31 && id.startsWith("invite-") ? decodeFixed(id.slice(25), BASE62) : undefined),
    key
  ))
}

/**
 * The sparse shape (the OpenAPI document requires neither `accepted_at` nor a project's role, and the current
 * API may leave `expires_at` out): each optional field absent or null, drawn after the full invite so the
 * rest of the data stays the same.
 */
const sparsen = (out: Record<string, unknown>, rng: Prng): void => {
  for (const field of ["expires_at", "accepted_at"]) {
    const shape = rng.weighted([["kept", 40], ["absent", 30], ["null", 30]])
    if (shape === "absent") delete out[field]
    if (shape === "null") out[field] = null
  }
  const projects = out.projects as Array<Record<string, unknown>> | undefined
  for (const project of projects ?? []) if (rng.chance(0.5)) delete project.role
}

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
 * Route options: `omitHasMore` leaves `has_more` out of every page the faults do not force it onto (the
 * OpenAPI document does not require it).
 *
 * @since 0.2.0
 */
export interface Options {
  readonly omitHasMore?: boolean | undefined
}

/**
 * The OpenAI route over a collection of invites, guarded by `apiKey`.
 *
 * @since 0.1.0
 */
export const make = (invites: Revocable<OpenAiInvite>, apiKey: string, options: Options = {}): Route => {
  // `DELETE`/`GET /v1/organization/invites/{id}`: gone from later listings once deleted; an accepted invite
  // cannot be deleted; an unknown (or already deleted) id is a 404.
  const one = (request: Request, id: string): Reply => {
    const invite = invites.find(id)
    if (invite === undefined) return error(404, `No invite found with id '${id}'.`, null, "invite_not_found")
    if (request.method === "GET") return json(200, invite, { "x-request-id": requestId("req_") })
    if (request.method !== "DELETE") return error(405, `Invalid method for URL (${request.method} ${request.path})`)
    if (invite.status === "accepted") {
      return error(400, "Cannot delete an invite that has already been accepted.", null, "invite_already_accepted")
    }
    invites.revoke(id)
    return json(200, { object: "organization.invite.deleted", id, deleted: true }, { "x-request-id": requestId("req_") })
  }
  const handle = (request: Request, fault: Fault | null): Reply => {
    const itemId = request.path.startsWith(LIST + "/") ? decodeURIComponent(request.path.slice(LIST.length + 1)) : undefined
    if (request.path !== LIST && itemId === undefined) return error(404, `Invalid URL (${request.method} ${request.path})`)
    if (itemId === undefined && request.method !== "GET") return error(405, `Invalid method for URL (${request.method} ${LIST})`)
    const key = bearer(request.headers)
    if (key === undefined) {
      return error(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null, "invalid_api_key")
    }
    // never echo the key: the real API prints a masked prefix, which still leaks part of a secret into logs
    if (key !== apiKey) return error(401, undefined, null, "invalid_api_key")
    if (itemId !== undefined) return one(request, itemId)
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
      ...(options.omitHasMore === true && !forceMore ? {} : { has_more: forceMore || to < invites.count })
    }, { "x-request-id": requestId("req_") })
  }
  return { listField: "data", handle, error: (status, message) => error(status, message) }
}

/**
 * OpenAI's own options.
 *
 * @since 0.2.0
 */
export const ProviderOptions = Schema.Struct({
  /** `created_at` (the current API, default) or `invited_at` (the OpenAPI document's name). */
  timestampField: Schema.optional(Schema.Literal("created_at", "invited_at")),
  /** `sparse`: optional fields absent or null, pages without `has_more`. Default `full`. */
  shapes: Schema.optional(Schema.Literal("full", "sparse"))
})

/**
 * OpenAI's own options.
 *
 * @since 0.2.0
 */
export type ProviderOptions = typeof ProviderOptions.Type

/**
 * OpenAI as the emulator serves it.
 *
 * @since 0.2.0
 */
export const provider = define({
  name: "openai",
  displayName: "OpenAI",
  basePath: "/v1",
  defaultKey: "sk-admin-emulator-openai-0000000000000000",
  defaultCount: 350,
  countUnit: "invites",
  env: { baseUrl: "OPENAI_BASE_URL", apiKey: "OPENAI_ADMIN_KEY" },
  options: ProviderOptions,
  flags: [{
    name: "openai-timestamp-field",
    placeholder: "F",
    description: "which timestamp field OpenAI invites carry: created_at (default) or invited_at",
    schema: Flag.choice(["created_at", "invited_at"])
  }, { name: "openai-shapes", ...Flag.shapes("OpenAI") }],
  fromFlags: (values): ProviderOptions | undefined => {
    const field = values["openai-timestamp-field"] as ProviderOptions["timestampField"]
    const shapes = values["openai-shapes"] as ProviderOptions["shapes"]
    return field === undefined && shapes === undefined
      ? undefined
      : { ...(field === undefined ? {} : { timestampField: field }), ...(shapes === undefined ? {} : { shapes }) }
  },
  configure: (own: ProviderOptions | undefined): Partial<Config> => ({ openaiTimestampField: own?.timestampField ?? "created_at" }),
  generate,
  route: (data, apiKey, own) => make(data, apiKey, { omitHasMore: own?.shapes === "sparse" }),
  invites: (data) => data.toArray()
})
