/**
 * One HTTP pipeline for every provider: requests joined to the base URL (`BaseUrl`), the auth header from a
 * `Redacted` key (its name added to the redacted header names), `user-agent`, one attempt at a time with the
 * shared settings' timeout and retry schedule (`ProviderSettings`), and replies decoded against the provider's
 * wire schema. Every failure leaves it as a `ProviderError`, scrubbed of the key.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import type * as Schema from "effect/Schema"
import * as BaseUrl from "./BaseUrl.js"
import { type AttemptFailure, isTransientStatus, type RawReply, send } from "./internal/attempt.js"
import { decode, interpret, invalidResponse, providerMessage, readJson } from "./internal/interpret.js"
import { scrubber, scrubError } from "./internal/secrets.js"
import type { Provider } from "./Provider.js"
import * as ProviderError from "./ProviderError.js"
import * as ProviderSettings from "./ProviderSettings.js"
import * as Retry from "./Retry.js"

/**
 * How a provider authenticates: a header carrying the key (optionally as `Bearer <key>`), and the
 * environment variable the key comes from, for messages.
 *
 * @since 0.1.0
 */
export interface Auth {
  readonly header: string
  readonly scheme?: "Bearer" | undefined
  readonly key: Redacted.Redacted<string>
  readonly variable: string
}

/**
 * @since 0.1.0
 */
export interface Options {
  readonly provider: Provider
  readonly baseUrl: string
  /** The environment variable the base URL comes from, for messages. */
  readonly baseUrlVariable: string
  readonly auth: Auth
  /** Headers every request carries, such as `anthropic-version`. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** Reads the provider's own message out of an error body. */
  readonly errorMessage?: ((body: unknown) => string | undefined) | undefined
  /** Overrides of the settings in force. */
  readonly settings?: Partial<ProviderSettings.Settings> | undefined
}

/**
 * A decoded response.
 *
 * @since 0.1.0
 */
export interface Reply<A> {
  readonly body: A
  readonly headers: Headers.Headers
  /** The URL that was fetched, absolute. */
  readonly url: string
  /** The request as error messages name it: `GET /path?query` (keys never travel in URLs). */
  readonly request: string
}

/**
 * A DELETE's answer: its status (2xx or 4xx), the provider's own message for a 4xx, and how many attempts it took.
 *
 * @since 0.2.0
 */
export interface Deleted {
  readonly status: number
  readonly request: string
  readonly attempts: number
  readonly providerMessage: string
}

/**
 * Whether a failed DELETE attempt may be sent again without risk of acting twice or on a stale decision: nothing
 * came back at all (refused, reset before a status line), a 429, or a 5xx with `Retry-After`/`retry-after-ms`.
 *
 * @since 0.2.0
 */
export const isSafeToRepeat = (failure: AttemptFailure): boolean => {
  if (failure.stage === "before-response") return true
  if (failure.stage !== "status" || failure.status === undefined) return false
  if (failure.status === 429) return true
  const headers = failure.headers ?? {}
  return failure.status >= 500 && (headers["retry-after"] !== undefined || headers["retry-after-ms"] !== undefined)
}

const isSuccess = (status: number | undefined): boolean => status !== undefined && status >= 200 && status < 300

/**
 * Query parameters; `undefined` values are left out.
 *
 * @since 0.1.0
 */
export type Query = Readonly<Record<string, string | number | boolean | undefined>>

/**
 * A provider's HTTP pipeline.
 *
 * @since 0.1.0
 */
export interface ProviderHttp {
  readonly provider: Provider
  /** The base URL, without a trailing slash. */
  readonly baseUrl: string
  /**
   * GETs `target` — a path joined to the base URL (`/organization/invites`), or an absolute URL on the base
   * URL's origin (from `resolveLink`) — and decodes the JSON body with `schema`.
   */
  readonly get: <A, I>(
    schema: Schema.Schema<A, I, never>,
    target: string,
    query?: Query
  ) => Effect.Effect<Reply<A>, ProviderError.ProviderError>
  /**
   * GETs `target` as `get` does, up to the JSON: the body parsed, and refused where `get` would refuse it
   * before decoding (an error status, not JSON, a string past the length cap), but not decoded. For a caller
   * that acts on part of a body before decoding the whole: a page's next cursor, to request the next page while
   * this one decodes. `decode` then gives what `get` would have.
   *
   * @since 0.3.0
   */
  readonly getJson: (target: string, query?: Query) => Effect.Effect<Reply<unknown>, ProviderError.ProviderError>
  /**
   * A reply of `getJson` decoded with `schema`, exactly as `get` decodes it: a body that does not match fails
   * with an `InvalidResponseError` naming the field, scrubbed of the key. Nothing is decoded until the effect
   * runs, so it can be built as soon as the JSON is in and run once the next page has been requested.
   *
   * @since 0.3.0
   */
  readonly decode: <A, I>(
    schema: Schema.Schema<A, I, never>,
    reply: Reply<unknown>
  ) => Effect.Effect<Reply<A>, ProviderError.InvalidResponseError>
  /**
   * GETs one item: `None` for a 404 (it does not exist, or no longer), else the body decoded with `schema`.
   * Retried as `get` is.
   *
   * @since 0.2.0
   */
  readonly find: <A, I>(
    schema: Schema.Schema<A, I, never>,
    target: string
  ) => Effect.Effect<Option.Option<A>, ProviderError.ProviderError>
  /**
   * DELETEs `target`. A 2xx or a 4xx is an answer for the caller to read (`Deleted`); 401/403 fail with
   * `AuthenticationError`, anything else with `InvalidResponseError`.
   *
   * Retried only where repeating cannot do harm (`isSafeToRepeat`): a transport failure before any response
   * (nothing came back, so nothing says the server acted), a 429, a 5xx that carries `Retry-After` (the server
   * asks to be asked again). Never a bare 5xx (the server may have deleted and then failed), a timeout (the
   * request may have been processed), a body that broke off, or a 408/409. Because a retry may follow an attempt
   * the server did act on, `attempts` says how many were sent: a 404 after more than one is the first one's
   * doing. A 2xx whose body broke off counts as answered: the status line says it was done.
   *
   * @since 0.2.0
   */
  readonly delete: (target: string) => Effect.Effect<Deleted, ProviderError.ProviderError>
  /**
   * Resolves a next-page link the provider sent (absolute, or relative to the base URL's origin) to an absolute
   * URL, refusing one on another origin: following it would send the key to a host the user never named.
   */
  readonly resolveLink: (link: string, request: string) => Effect.Effect<string, ProviderError.InvalidResponseError>
}

/**
 * Builds a provider's pipeline on the `HttpClient` in context. Fails with `ConfigError` for a base URL that is
 * not a URL, not http(s), or plain http to a non-loopback host without `allowInsecureHttp`.
 *
 * @since 0.1.0
 */
export const make = (
  options: Options
): Effect.Effect<ProviderHttp, ProviderError.ConfigError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const settings: ProviderSettings.Settings = { ...(yield* ProviderSettings.CurrentSettings), ...options.settings }
    const { provider } = options
    const authValue = options.auth.scheme === "Bearer"
      ? Redacted.make(`Bearer ${Redacted.value(options.auth.key)}`)
      : options.auth.key
    // A server may send the key back — in an error message, a field, a Location, a next-page link — and what it
    // sends ends up in errors, logs and spans: every text taken from a response goes through `scrub` first.
    const scrub = scrubber([Redacted.value(options.auth.key), Redacted.value(authValue)])
    const base = yield* Either.match(BaseUrl.parse(options.baseUrl, settings.allowInsecureHttp), {
      onLeft: (reason) =>
        Effect.fail(
          new ProviderError.ConfigError({ provider, variable: options.baseUrlVariable, reason: scrub(reason) })
        ),
      onRight: Effect.succeed
    })
    const baseUrl = base.href.replace(/\/+$/, "")
    const authHeader = options.auth.header.toLowerCase()
    const client = (yield* HttpClient.HttpClient).pipe(
      HttpClient.mapRequest((request) =>
        request.pipe(
          HttpClientRequest.setHeaders({
            ...options.headers,
            "user-agent": settings.userAgent,
            accept: "application/json",
            [authHeader]: Redacted.value(authValue)
          })
        )
      )
    )
    const timeout = Duration.decode(settings.timeout)
    const interpretContext = { provider, keyVariable: options.auth.variable, errorMessage: options.errorMessage }
    const retrySchedule = Retry.schedule<AttemptFailure>(settings.retry)

    const resolveLink = (link: string, request: string) =>
      Either.match(BaseUrl.resolveLink(link, base, (href) => scrub(href) !== href), {
        onLeft: (reason) => Effect.fail(invalidResponse(provider, request, "", scrub(reason))),
        onRight: Effect.succeed
      })

    // One request with retries: GET retries every transient failure (a listing page cannot do harm twice);
    // DELETE retries only where the server cannot have acted on it, or told us to ask again (`isSafeToRepeat`).
    const exchange = (method: "GET" | "DELETE", target: string, query: Query) =>
      Effect.gen(function*() {
        const url = new URL(withQuery(isAbsolute(target) ? target : BaseUrl.joinPath(baseUrl, target), query))
        // What error messages show of a request: its path and query (keys never travel in URLs).
        const request = scrub(`${method} ${url.pathname}${url.search}`)
        if (url.origin !== base.origin) {
          return yield* invalidResponse(provider, request, "", `refusing to send the key to ${url.origin}`)
        }
        const attempts = yield* Ref.make(0)
        const started = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
        const attempt = Ref.update(attempts, (n) => n + 1).pipe(
          Effect.zipRight(send(client, url.href, timeout, settings.maxBodyBytes, method)),
          Effect.flatMap((reply) =>
            isTransientStatus(reply.status) && (method === "GET" || reply.status === 429 || reply.status >= 500)
              ? Effect.fail<AttemptFailure>({
                retryable: true,
                stage: "status",
                status: reply.status,
                headers: reply.headers,
                description: `HTTP ${reply.status}`
              })
              : Effect.succeed(reply)
          ),
          (effect) =>
            method === "GET" ? effect : Effect.mapError(effect, (failure): AttemptFailure => ({
              ...failure,
              retryable: failure.retryable && isSafeToRepeat(failure)
            }))
        )
        const reply = yield* attempt.pipe(
          Effect.retry(retrySchedule),
          Effect.catchAll((failure) =>
            Effect.gen(function*() {
              const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
              const tried = yield* Ref.get(attempts)
              // A DELETE answered with 2xx whose body broke off was still done: the status line is the answer.
              if (method === "DELETE" && failure.stage === "after-response" && isSuccess(failure.status)) {
                const answered: RawReply = { status: failure.status!, headers: Headers.empty, body: "", url: url.href }
                return answered
              }
              return yield* new ProviderError.ProviderUnavailableError({
                provider,
                request,
                attempts: tried,
                elapsedMillis: now - started,
                lastFailure: failure.description
              })
            })
          )
        )
        yield* logReply(provider, request, reply.status)
        return { reply, request, attempts: yield* Ref.get(attempts) }
      })

    const pipeline = <A>(name: string, target: string) => (effect: Effect.Effect<A, ProviderError.ProviderError>) =>
      effect.pipe(
        Effect.mapError(scrubError(scrub)),
        // The HttpClient's span records request and response headers, redacting them by name. The key travels
        // in a request header, and a server can send it back in any response header (a Location, a debugging
        // echo): every value is redacted there, not only the auth header's.
        Effect.locallyWith(Headers.currentRedactedNames, (names) => [...names, authHeader, everyHeader]),
        // No stack trace: one per request is paid on every page, and it would only ever point into ProviderHttp.
        Effect.withSpan(`ProviderHttp.${name}`, { attributes: { provider, target: scrub(target) }, captureStackTrace: false })
      )

    const fetchJson = (target: string, query: Query) =>
      Effect.gen(function*() {
        const { reply, request } = yield* exchange("GET", target, query)
        const body = yield* readJson(interpretContext, request, reply)
        return { body, headers: reply.headers, url: reply.url, request } satisfies Reply<unknown>
      })

    const decodeReply = <A, I>(schema: Schema.Schema<A, I, never>, reply: Reply<unknown>) =>
      Effect.map(decode(provider, reply.request, schema, reply.body), (body): Reply<A> => ({ ...reply, body }))

    const get = <A, I>(schema: Schema.Schema<A, I, never>, target: string, query: Query = {}) =>
      Effect.flatMap(fetchJson(target, query), (reply) => decodeReply(schema, reply)).pipe(pipeline("get", target))

    const getJson = (target: string, query: Query = {}) => fetchJson(target, query).pipe(pipeline("getJson", target))

    // A decoding error quotes what the server sent, which may hold the key.
    const decodeScrubbed = <A, I>(schema: Schema.Schema<A, I, never>, reply: Reply<unknown>) =>
      Effect.mapError(decodeReply(schema, reply), scrubError(scrub))

    const find = <A, I>(schema: Schema.Schema<A, I, never>, target: string) =>
      Effect.gen(function*() {
        const { reply, request } = yield* exchange("GET", target, {})
        if (reply.status === 404) return Option.none()
        const body = yield* interpret(interpretContext, request, reply, schema)
        return Option.some(body)
      }).pipe(pipeline("find", target))

    const del = (target: string) =>
      Effect.gen(function*() {
        const { attempts, reply, request } = yield* exchange("DELETE", target, {})
        const { status } = reply
        if (status === 401 || status === 403) {
          return yield* new ProviderError.AuthenticationError({ provider, status, variable: options.auth.variable })
        }
        if (isSuccess(status) || status >= 400 && status < 500) {
          return {
            status,
            request,
            attempts,
            // A server may echo the key in its message: it leaves here scrubbed, as every error does.
            providerMessage: isSuccess(status) ? "" : scrub(providerMessage(reply.body, options.errorMessage))
          } satisfies Deleted
        }
        return yield* invalidResponse(provider, request, "", `unexpected HTTP status ${status}`)
      }).pipe(pipeline("delete", target))

    return { provider, baseUrl, get, getJson, decode: decodeScrubbed, find, delete: del, resolveLink }
  })


/**
 * `GET /path → HTTP 200` at debug level, annotated with the provider. Checked against the minimum log level
 * first: at the default level the line is never written, so no request pays for annotating its fiber.
 */
const logReply = (provider: Provider, request: string, status: number): Effect.Effect<void> =>
  Effect.flatMap(FiberRef.get(FiberRef.currentMinimumLogLevel), (minimum) =>
    LogLevel.greaterThan(minimum, LogLevel.Debug)
      ? Effect.void
      : Effect.annotateLogs(Effect.logDebug(`${request} → HTTP ${status}`), { provider }))

/** Matches every header name. */
const everyHeader = /^/

const isAbsolute = (target: string) => /^https?:\/\//i.test(target)

const withQuery = (url: string, query: Query): string => {
  const params = Object.entries(query).filter((entry): entry is [string, string | number | boolean] =>
    entry[1] !== undefined
  )
  if (params.length === 0) return url
  const search = UrlParams.toString(UrlParams.fromInput(params.map(([k, v]) => [k, String(v)] as const)))
  return `${url}${url.includes("?") ? "&" : "?"}${search}`
}
