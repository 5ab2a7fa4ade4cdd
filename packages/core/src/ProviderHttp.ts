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
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import type * as Schema from "effect/Schema"
import * as BaseUrl from "./BaseUrl.js"
import { type AttemptFailure, isTransientStatus, send } from "./internal/attempt.js"
import { interpret, invalidResponse } from "./internal/interpret.js"
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

    const get = <A, I>(schema: Schema.Schema<A, I, never>, target: string, query: Query = {}) =>
      Effect.gen(function*() {
        const url = new URL(withQuery(isAbsolute(target) ? target : BaseUrl.joinPath(baseUrl, target), query))
        // What error messages show of a request: its path and query (keys never travel in URLs).
        const request = scrub(`GET ${url.pathname}${url.search}`)
        if (url.origin !== base.origin) {
          return yield* invalidResponse(provider, request, "", `refusing to send the key to ${url.origin}`)
        }
        const attempts = yield* Ref.make(0)
        const started = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
        const attempt = Ref.update(attempts, (n) => n + 1).pipe(
          Effect.zipRight(send(client, url.href, timeout, settings.maxBodyBytes)),
          Effect.flatMap((reply) =>
            isTransientStatus(reply.status)
              ? Effect.fail<AttemptFailure>({
                retryable: true,
                headers: reply.headers,
                description: `HTTP ${reply.status}`
              })
              : Effect.succeed(reply)
          )
        )
        const reply = yield* attempt.pipe(
          Effect.retry(retrySchedule),
          Effect.catchAll((failure) =>
            Effect.gen(function*() {
              const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
              return yield* new ProviderError.ProviderUnavailableError({
                provider,
                request,
                attempts: yield* Ref.get(attempts),
                elapsedMillis: now - started,
                lastFailure: failure.description
              })
            })
          )
        )
        yield* Effect.logDebug(`${request} → HTTP ${reply.status}`)
        const body = yield* interpret(interpretContext, request, reply, schema)
        return { body, headers: reply.headers, url: reply.url, request }
      }).pipe(
        Effect.mapError(scrubError(scrub)),
        // The HttpClient's span records request and response headers, redacting them by name. The key travels
        // in a request header, and a server can send it back in any response header (a Location, a debugging
        // echo): every value is redacted there, not only the auth header's.
        Effect.locallyWith(Headers.currentRedactedNames, (names) => [...names, authHeader, everyHeader]),
        Effect.annotateLogs({ provider }),
        Effect.withSpan("ProviderHttp.get", { attributes: { provider, target: scrub(target) } })
      )

    return { provider, baseUrl, get, resolveLink }
  })


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
