/**
 * The small request/reply model the provider routes speak: plain data, so the fault layer can rewrite a
 * reply (or replace it) before any byte is written.
 */
import type { IncomingHttpHeaders } from "node:http"
import type { Fault } from "../Faults.js"

export interface Request {
  readonly method: string
  /** The path below the provider prefix, e.g. `/v1/organization/invites`. */
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: IncomingHttpHeaders
  /** `http://host:port` as the client addressed us, for absolute links. */
  readonly origin: string
}

export interface Reply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  /** A JSON value, or `undefined` for no body. */
  readonly body: unknown
}

/** What each provider module offers the server. */
export interface Route {
  /** The top-level field holding the page's invites (`data` or `items`): the default target of body faults. */
  readonly listField: string
  /** Serves one request. Page-shaped faults (repeat cursor, empty page with more, …) are the route's job. */
  readonly handle: (request: Request, fault: Fault | null) => Reply
  /** An error in the provider's own shape; the message defaults to what the provider says for that status. */
  readonly error: (status: number, message?: string) => Reply
}

export const json = (status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): Reply => ({
  status,
  headers,
  body
})

/** The single value of a query parameter; the first one wins when repeated. */
export const param = (query: URLSearchParams, name: string): string | undefined => query.get(name) ?? undefined

export type IntParam = { readonly _tag: "Absent" } | { readonly _tag: "Invalid"; readonly raw: string } | {
  readonly _tag: "Value"
  readonly value: number
}

/** Parses a strict decimal integer: `1.5`, `abc`, `` and `1e2` are invalid, as an API's validator says. */
export const intParam = (query: URLSearchParams, name: string): IntParam => {
  const raw = query.get(name)
  if (raw === null) return { _tag: "Absent" }
  if (!/^-?\d{1,15}$/.test(raw.trim())) return { _tag: "Invalid", raw }
  return { _tag: "Value", value: Number(raw.trim()) }
}

/** The bearer token of an `Authorization` header, if any. */
export const bearer = (headers: IncomingHttpHeaders): string | undefined => {
  const value = headers["authorization"]
  if (value === undefined) return undefined
  const match = /^\s*bearer\s+(.+?)\s*$/i.exec(value)
  return match === null ? undefined : match[1]
}

/** A single header value (node joins some repeated headers; take it as sent). */
export const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

let requestCounter = 0
/** A request id in the given prefix style; cheap (a counter), unique per process. */
export const requestId = (prefix: string): string => prefix + (++requestCounter).toString(16).padStart(24, "0")
