/**
 * Fault injection: what can go wrong with one response, how a test schedules it, and how the server
 * applies it on the wire.
 *
 * A fault is plain, JSON-encodable data (`{ "_tag": "RateLimit", "retryAfterSeconds": 2 }`), so the same
 * plan can be set in-process or with `PUT /_emulator/faults/{provider}` from another process.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { ServerResponse } from "node:http"
import type { ProviderName } from "./Dataset.js"
import * as Providers from "./Providers.js"
import type { Reply, Request, Route } from "./internal/Http.js"
import { hash, hashString, Prng } from "./internal/Random.js"

const opt = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })
const Count = Schema.Int.pipe(Schema.nonNegative())
const Path = Schema.String.pipe(Schema.minLength(1))

/**
 * 429 with `Retry-After` (seconds) and/or `retry-after-ms`; with neither given, `Retry-After: 1`.
 *
 * @since 0.1.0
 */
export const RateLimit = Schema.TaggedStruct("RateLimit", {
  retryAfterSeconds: opt(Count),
  retryAfterMs: opt(Count)
})

/**
 * A 5xx in the provider's error shape (default 503). 529 is Anthropic's `overloaded_error`.
 *
 * @since 0.1.0
 */
export const ServerError = Schema.TaggedStruct("ServerError", {
  status: opt(Schema.Literal(500, 502, 503, 504, 529)),
  retryAfterSeconds: opt(Count)
})

/**
 * A 502 HTML page, as a load balancer in front of the API sends it.
 *
 * @since 0.1.0
 */
export const HtmlBadGateway = Schema.TaggedStruct("HtmlBadGateway", {})

/**
 * Status, headers (with the full `Content-Length`) and part of the JSON, then a TCP reset.
 *
 * @since 0.1.0
 */
export const ResetMidBody = Schema.TaggedStruct("ResetMidBody", { afterBytes: opt(Count) })

/**
 * Accepts the request and never answers: for client timeouts. Shutting the server down closes the socket.
 *
 * @since 0.1.0
 */
export const Hang = Schema.TaggedStruct("Hang", {})

/**
 * A 200 whose body is not JSON (the page's JSON with a syntax error at the end).
 *
 * @since 0.1.0
 */
export const InvalidJson = Schema.TaggedStruct("InvalidJson", {})

/**
 * Removes a field. `field` is a dotted path (`data.0.id`, `has_more`, `items.*.email`); default: the first
 * invite's `id`.
 *
 * @since 0.1.0
 */
export const MissingField = Schema.TaggedStruct("MissingField", { field: opt(Path) })

/**
 * Gives a field a value of the wrong type (string ↔ number, boolean → string, array/object → string, null
 * → 0). Default: the first invite's `email`.
 *
 * @since 0.1.0
 */
export const WrongType = Schema.TaggedStruct("WrongType", { field: opt(Path) })

/**
 * `null` where an object or array belongs. Default: the page's list (`data: null`, `items: null`).
 *
 * @since 0.1.0
 */
export const NullData = Schema.TaggedStruct("NullData", { field: opt(Path) })

/**
 * An extremely long string (default 1 MiB) in a field. Default: the first invite's `email`.
 *
 * @since 0.1.0
 */
export const LongString = Schema.TaggedStruct("LongString", {
  field: opt(Path),
  length: opt(Schema.Int.pipe(Schema.between(1, 64 * 1024 * 1024)))
})

/**
 * The next-page cursor repeats. OpenAI/Anthropic: the page ending at the request's cursor again, `last_id`
 * = that cursor, `has_more: true` (a request without a cursor is served normally). Portkey: the previous
 * page's content again. Openlayer: `x-next` points at the page just served.
 *
 * @since 0.1.0
 */
export const RepeatCursor = Schema.TaggedStruct("RepeatCursor", {})

/**
 * The next-page cursor moves backwards. OpenAI/Anthropic: normal data but `last_id` = the first id of the
 * previous page. Portkey: the first page's content. Openlayer: `x-next` points at the previous page.
 *
 * @since 0.1.0
 */
export const CursorBackwards = Schema.TaggedStruct("CursorBackwards", {})

/**
 * "There is more" with nothing in the page: `has_more: true, data: []` (Portkey: `data: []` with the real
 * `total`; Openlayer: `items: []` with an `x-next`).
 *
 * @since 0.1.0
 */
export const EmptyPageWithMore = Schema.TaggedStruct("EmptyPageWithMore", {})

/**
 * More invites than asked for: `factor` × the page size (default 10), continuing from the page start.
 *
 * @since 0.1.0
 */
export const HugePage = Schema.TaggedStruct("HugePage", { factor: opt(Schema.Int.pipe(Schema.between(2, 1000))) })

/**
 * Portkey: `total` replaced by this value (negative, or larger/smaller than the truth). Other providers
 * have no `total`: served normally.
 *
 * @since 0.1.0
 */
export const LyingTotal = Schema.TaggedStruct("LyingTotal", { total: Schema.Int })

/**
 * Openlayer: `x-next` loops back to an earlier page (default 1). Other providers: served normally.
 *
 * @since 0.1.0
 */
export const NextLinkLoop = Schema.TaggedStruct("NextLinkLoop", { page: opt(Schema.Int.pipe(Schema.positive())) })

/**
 * A 200 whose `Content-Length` promises the whole page but only part of it is sent before the connection
 * ends (gracefully, unlike {@link ResetMidBody}).
 *
 * @since 0.1.0
 */
export const TruncatedBody = Schema.TaggedStruct("TruncatedBody", { keepBytes: opt(Count) })

/**
 * A 200 with an HTML page (a login wall or captive portal) instead of JSON.
 *
 * @since 0.1.0
 */
export const HtmlOk = Schema.TaggedStruct("HtmlOk", {})

/**
 * The page's JSON served with another content type (default `text/plain; charset=utf-8`).
 *
 * @since 0.1.0
 */
export const WrongContentType = Schema.TaggedStruct("WrongContentType", { contentType: opt(Schema.String) })

/**
 * A status the client does not expect: 204 (no body), 3xx (with `location`, default `/moved`), or any other
 * (418, …: the provider's error shape).
 *
 * @since 0.1.0
 */
export const UnexpectedStatus = Schema.TaggedStruct("UnexpectedStatus", {
  status: Schema.Int.pipe(Schema.between(100, 599)),
  location: opt(Schema.String)
})

/**
 * Every fault, as a tagged union.
 *
 * @since 0.1.0
 */
export const Fault = Schema.Union(
  RateLimit,
  ServerError,
  HtmlBadGateway,
  ResetMidBody,
  Hang,
  InvalidJson,
  MissingField,
  WrongType,
  NullData,
  LongString,
  RepeatCursor,
  CursorBackwards,
  EmptyPageWithMore,
  HugePage,
  LyingTotal,
  NextLinkLoop,
  TruncatedBody,
  HtmlOk,
  WrongContentType,
  UnexpectedStatus
)

/**
 * @since 0.1.0
 */
export type Fault = typeof Fault.Type

/**
 * A fault's tag.
 *
 * @since 0.1.0
 */
export type Kind = Fault["_tag"]

/**
 * Every fault kind.
 *
 * @since 0.1.0
 */
export const kinds: ReadonlyArray<Kind> = Object.keys(
  {
    RateLimit: null,
    ServerError: null,
    HtmlBadGateway: null,
    ResetMidBody: null,
    Hang: null,
    InvalidJson: null,
    MissingField: null,
    WrongType: null,
    NullData: null,
    LongString: null,
    RepeatCursor: null,
    CursorBackwards: null,
    EmptyPageWithMore: null,
    HugePage: null,
    LyingTotal: null,
    NextLinkLoop: null,
    TruncatedBody: null,
    HtmlOk: null,
    WrongContentType: null,
    UnexpectedStatus: null
  } satisfies { readonly [K in Kind]: null } // a kind missing here, or one too many, fails to compile
) as Array<Kind>

/**
 * @since 0.1.0
 */
export const Kind = Schema.Literal(...(kinds as [Kind, ...Array<Kind>]))

/**
 * The kinds a well-behaved client can recover from by retrying: what random faults draw from by default.
 *
 * @since 0.1.0
 */
export const recoverableKinds: ReadonlyArray<Kind> = ["RateLimit", "ServerError", "HtmlBadGateway", "ResetMidBody", "Hang"]

/**
 * Random faults: each request not covered by the script gets one with probability `rate`, drawn from
 * `kinds` (a kind takes its random defaults; a full fault is used as given). Deterministic per seed.
 *
 * @since 0.1.0
 */
export const Random = Schema.Struct({
  rate: Schema.Number.pipe(Schema.between(0, 1)),
  seed: Schema.Int,
  kinds: opt(Schema.Array(Schema.Union(Kind, Fault)))
})

/**
 * @since 0.1.0
 */
export type Random = typeof Random.Type

/**
 * What a provider's next requests get: `script` applies in order, one entry per request (`null` = serve
 * normally), then `random`; `latencyMs` is added to every request.
 *
 * @since 0.1.0
 */
export const Plan = Schema.Struct({
  script: opt(Schema.Array(Schema.NullOr(Fault))),
  latencyMs: opt(Schema.Number.pipe(Schema.nonNegative(), Schema.finite())),
  random: opt(Random)
})

/**
 * @since 0.1.0
 */
export type Plan = typeof Plan.Type

/**
 * Decodes a plan from JSON-parsed input, with a readable message on failure.
 *
 * @since 0.1.0
 */
export const decodePlan = (input: unknown): Either.Either<Plan, string> =>
  Either.mapLeft(Schema.decodeUnknownEither(Plan)(input, { onExcessProperty: "error" }), (error) =>
    ParseResult.TreeFormatter.formatErrorSync(error))

/** The fault a random draw of `kind` yields: parameters chosen to keep chaos tests fast. */
const instantiate = (provider: ProviderName, kind: Kind, rng: Prng): Fault => {
  switch (kind) {
    case "RateLimit":
      // clients honouring retry-after-ms (the Stainless convention) wait 20 ms; Retry-After-only ones 1 s
      return { _tag: "RateLimit", retryAfterSeconds: 1, retryAfterMs: 20 }
    case "ServerError":
      return {
        _tag: "ServerError",
        status: rng.pick(Providers.get(provider).serverErrorStatuses)
      }
    case "LyingTotal":
      return { _tag: "LyingTotal", total: -1 }
    case "UnexpectedStatus":
      return { _tag: "UnexpectedStatus", status: 418 }
    default:
      return { _tag: kind } as Fault
  }
}

/**
 * One provider's live fault schedule: consumes the script, then draws random faults.
 *
 * @since 0.1.0
 */
export class Injector {
  private position = 0
  private readonly rng: Prng | undefined
  readonly latencyMs: number
  constructor(readonly provider: ProviderName, readonly plan: Plan) {
    this.latencyMs = plan.latencyMs ?? 0
    // salted per provider so one `--fault-rate` seed does not fail the four providers in lockstep
    this.rng = plan.random === undefined ? undefined : new Prng(hash(plan.random.seed, hashString(provider)))
  }
  /** The fault for the next request, or `null` to serve it normally. */
  next(): Fault | null {
    const script = this.plan.script ?? []
    if (this.position < script.length) return script[this.position++] ?? null
    const random = this.plan.random
    if (random === undefined || this.rng === undefined) return null
    if (!(this.rng.next() < random.rate)) return null
    const choice = this.rng.pick(random.kinds ?? recoverableKinds)
    return typeof choice === "string" ? instantiate(this.provider, choice, this.rng) : choice
  }
  /** How many script entries are still to come. */
  get remaining(): number {
    return Math.max(0, (this.plan.script?.length ?? 0) - this.position)
  }
}

const BAD_GATEWAY_HTML = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`

const LOGIN_HTML = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in</title></head>
<body><form method="post" action="/login"><input name="email"><button>Continue</button></form></body>
</html>
`

type Json = { [key: string]: unknown } | Array<unknown>

const isContainer = (value: unknown): value is Json => typeof value === "object" && value !== null

/** Calls `f(parent, key)` for every existing node a dotted path (with `*` wildcards) reaches. */
const visit = (node: unknown, segments: ReadonlyArray<string>, f: (parent: Json, key: string) => void): void => {
  if (!isContainer(node) || segments.length === 0) return
  const [head, ...rest] = segments
  const keys = head === "*" ? Object.keys(node) : Object.prototype.hasOwnProperty.call(node, head!) ? [head!] : []
  for (const key of keys) {
    if (rest.length === 0) f(node, key)
    else visit((node as Record<string, unknown>)[key], rest, f)
  }
}

const wrongTypeOf = (value: unknown): unknown => {
  switch (typeof value) {
    case "string":
      return value.length > 0 && Number.isFinite(Number(value)) ? `${value}x` : 12345
    case "number":
      return String(value)
    case "boolean":
      return String(value)
    default:
      return value === null ? 0 : Array.isArray(value) ? "[]" : "[object Object]"
  }
}

const longString = (current: unknown, length: number): string => {
  // keep it an email when it was one, so a validator has to look at the length, not just the shape
  const at = typeof current === "string" ? current.indexOf("@") : -1
  const suffix = at >= 0 ? (current as string).slice(at) : ""
  return "x".repeat(Math.max(1, length - suffix.length)) + suffix
}

/** Applies the JSON-level faults to a reply body (which the route built fresh, so it may be mutated). */
const mutateBody = (body: unknown, fault: Fault, listField: string): unknown => {
  const set = (path: string, f: (current: unknown) => unknown) => {
    visit(body, path.split("."), (parent, key) => {
      ;(parent as Record<string, unknown>)[key] = f((parent as Record<string, unknown>)[key])
    })
  }
  switch (fault._tag) {
    case "MissingField":
      visit(body, (fault.field ?? `${listField}.0.id`).split("."), (parent, key) => {
        if (Array.isArray(parent)) parent.splice(Number(key), 1)
        else delete parent[key]
      })
      return body
    case "WrongType":
      set(fault.field ?? `${listField}.0.email`, wrongTypeOf)
      return body
    case "NullData":
      set(fault.field ?? listField, () => null)
      return body
    case "LongString":
      set(fault.field ?? `${listField}.0.email`, (current) => longString(current, fault.length ?? 1024 * 1024))
      return body
    case "LyingTotal":
      if (isContainer(body) && !Array.isArray(body) && "total" in body) body.total = fault.total
      return body
    default:
      return body
  }
}

const write = (res: ServerResponse, status: number, headers: Record<string, string | number>, body?: string | Buffer) => {
  res.writeHead(status, headers)
  res.end(body)
}

const writeReply = (res: ServerResponse, reply: Reply, extra: Record<string, string | number> = {}) => {
  if (reply.body === undefined) return write(res, reply.status, { ...reply.headers, ...extra })
  const bytes = Buffer.from(JSON.stringify(reply.body))
  write(res, reply.status, {
    "content-type": "application/json",
    "content-length": bytes.length,
    ...reply.headers,
    ...extra
  }, bytes)
}

const html = (res: ServerResponse, status: number, page: string) => {
  const bytes = Buffer.from(page)
  write(res, status, { "content-type": "text/html; charset=utf-8", "content-length": bytes.length }, bytes)
}

/**
 * Serves one request through a provider's route with a fault (or none) applied. Used by the server;
 * exported so a custom server can reuse the exact wire behaviour.
 *
 * @since 0.1.0
 */
export const respond = (res: ServerResponse, route: Route, request: Request, fault: Fault | null): void => {
  switch (fault?._tag) {
    case "Hang":
      // Never answer. The socket stays open until the client gives up or the server shuts down
      // (closeAllConnections), and res "close" then settles the in-flight counter.
      return
    case "RateLimit": {
      const headers: Record<string, string> = {}
      if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds)
      if (fault.retryAfterMs !== undefined) headers["retry-after-ms"] = String(fault.retryAfterMs)
      if (fault.retryAfterSeconds === undefined && fault.retryAfterMs === undefined) headers["retry-after"] = "1"
      return writeReply(res, route.error(429), headers)
    }
    case "ServerError":
      return writeReply(
        res,
        route.error(fault.status ?? 503),
        fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) }
      )
    case "HtmlBadGateway":
      return html(res, 502, BAD_GATEWAY_HTML)
    case "HtmlOk":
      return html(res, 200, LOGIN_HTML)
    case "UnexpectedStatus":
      if (fault.status === 204 || fault.status === 304 || fault.status < 200) return write(res, fault.status, {})
      if (fault.status >= 300 && fault.status < 400) {
        return write(res, fault.status, { location: fault.location ?? "/moved", "content-length": 0 })
      }
      return writeReply(res, route.error(fault.status))
  }
  const reply = route.handle(request, fault)
  const body = fault === null || reply.body === undefined ? reply.body : mutateBody(reply.body, fault, route.listField)
  if (body === undefined) return write(res, reply.status, { ...reply.headers })
  let text = JSON.stringify(body)
  const headers: Record<string, string | number> = { "content-type": "application/json", ...reply.headers }
  switch (fault?._tag) {
    case "InvalidJson":
      // valid up to the last brace, then a bare word: every JSON parser rejects it, none can "repair" it
      text = text.slice(0, -1) + ",oops}"
      break
    case "WrongContentType":
      headers["content-type"] = fault.contentType ?? "text/plain; charset=utf-8"
      break
    case "TruncatedBody": {
      const bytes = Buffer.from(text)
      const keep = Math.min(fault.keepBytes ?? Math.floor(bytes.length / 2), Math.max(0, bytes.length - 1))
      // the promised length is the full body; `connection: close` ends the socket after the short body
      return write(res, reply.status, { ...headers, "content-length": bytes.length, connection: "close" },
        bytes.subarray(0, keep))
    }
    case "ResetMidBody": {
      const bytes = Buffer.from(text)
      const keep = Math.min(fault.afterBytes ?? Math.floor(bytes.length / 2), Math.max(0, bytes.length - 1))
      res.writeHead(reply.status, { ...headers, "content-length": bytes.length })
      res.flushHeaders()
      res.write(bytes.subarray(0, keep), () => {
        const socket = res.socket
        if (socket === null) return
        // RST, not FIN: the client sees ECONNRESET, as when a proxy or the server dies mid-response
        if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy()
        else socket.destroy()
      })
      return
    }
  }
  const bytes = Buffer.from(text)
  write(res, reply.status, { ...headers, "content-length": bytes.length }, bytes)
}
