/**
 * One HTTP pipeline for every provider: base URL joining that keeps path prefixes, the auth header from a
 * `Redacted` key (its name added to the redacted header names), `user-agent`, JSON bodies decoded against the
 * provider's wire schema, a per-attempt timeout, the retry schedule, and a refusal to send a key over plain
 * `http://` to anything but loopback. Every failure leaves it as a `ProviderError`.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import type * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { decodeBody } from "./internal/decodeBody.js"
import { scrubber } from "./internal/secrets.js"
import { isLoopbackHost } from "./internal/loopback.js"
import { version } from "./internal/version.js"
import type { Provider } from "./Provider.js"
import * as ProviderError from "./ProviderError.js"
import * as Retry from "./Retry.js"

/**
 * Settings shared by every provider's pipeline; the CLI sets them from its flags.
 *
 * @since 0.1.0
 */
export interface Settings {
  /** How long one attempt (request and body) may take before it counts as a transient failure. */
  readonly timeout: Duration.DurationInput
  readonly retry: Retry.Options
  /** Send keys over plain `http://` to non-loopback hosts. Off unless a user asks. */
  readonly allowInsecureHttp: boolean
  readonly userAgent: string
  /** The largest body accepted, against hostile or broken servers. */
  readonly maxBodyBytes: number
}

/**
 * The settings in force; defaults apply until a layer provides others.
 *
 * @since 0.1.0
 */
export class CurrentSettings extends Context.Reference<CurrentSettings>()("@invitekit/core/ProviderHttp/Settings", {
  defaultValue: (): Settings => defaultSettings
}) {}

/**
 * 30 s per attempt, the default retry policy, https only, `invitekit/<version>`, 64 MiB bodies.
 *
 * @since 0.1.0
 */
export const defaultSettings: Settings = {
  timeout: Duration.seconds(30),
  retry: Retry.defaults,
  allowInsecureHttp: false,
  userAgent: `invitekit/${version}`,
  maxBodyBytes: 64 * 1024 * 1024
}

/**
 * The environment variables that set the shared settings.
 *
 * @since 0.1.0
 */
export const settingsVariables = {
  timeout: "INVITEKIT_TIMEOUT",
  maxRetries: "INVITEKIT_MAX_RETRIES",
  allowInsecureHttp: "INVITEKIT_ALLOW_INSECURE_HTTP"
} as const

/**
 * Reads the shared settings from the environment: `INVITEKIT_TIMEOUT` (seconds per attempt),
 * `INVITEKIT_MAX_RETRIES`, `INVITEKIT_ALLOW_INSECURE_HTTP`.
 *
 * @since 0.1.0
 */
export const settingsConfig: Config.Config<Settings> = Config.all({
  timeout: Config.number(settingsVariables.timeout).pipe(
    Config.validate({ message: "must be a number of seconds above 0", validation: (s) => s > 0 && s <= 86_400 }),
    Config.map((seconds) => Duration.millis(seconds * 1000)),
    Config.withDefault(defaultSettings.timeout)
  ),
  retry: Retry.config,
  allowInsecureHttp: Config.boolean(settingsVariables.allowInsecureHttp).pipe(
    Config.withDefault(defaultSettings.allowInsecureHttp)
  )
}).pipe(Config.map((read) => ({ ...defaultSettings, ...read })))

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
  readonly settings?: Partial<Settings> | undefined
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
 * Provides settings for every pipeline built inside (the CLI builds them from its flags and the environment).
 *
 * @since 0.1.0
 */
export const layerSettings = (settings: Partial<Settings>): Layer.Layer<never> =>
  Layer.succeed(CurrentSettings, { ...defaultSettings, ...settings })

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
    const settings: Settings = { ...(yield* CurrentSettings), ...options.settings }
    const { provider } = options
    const authValue = options.auth.scheme === "Bearer"
      ? Redacted.make(`Bearer ${Redacted.value(options.auth.key)}`)
      : options.auth.key
    // A server may send the key back — in an error message, a field, a Location, a next-page link — and what it
    // sends ends up in errors, logs and spans: every text taken from a response goes through `scrub` first.
    const scrub = scrubber([Redacted.value(options.auth.key), Redacted.value(authValue)])
    const base = yield* Effect.mapError(parseBaseUrl(options, settings.allowInsecureHttp), scrubError(scrub))
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
    const retrySchedule = Retry.schedule<AttemptFailure>(settings.retry)

    const resolveLink = (link: string, request: string) => {
      const resolved = Either.try(() => new URL(link, base))
      if (Either.isLeft(resolved)) {
        return Effect.fail(
          invalidResponse(provider, request, "", scrub(`the next-page link ${quote(link)} is not a URL`))
        )
      }
      if (scrub(resolved.right.href) !== resolved.right.href) {
        // Following it would write the key into a URL: request lines, proxies' logs, span attributes.
        return Effect.fail(invalidResponse(provider, request, "", "the next-page link carries the key"))
      }
      if (resolved.right.origin !== base.origin) {
        return Effect.fail(invalidResponse(
          provider,
          request,
          "",
          `the next-page link points to another origin (${resolved.right.origin}); ` +
            `invitekit only sends the key to ${base.origin}`
        ))
      }
      return Effect.succeed(resolved.right.href)
    }

    const get = <A, I>(schema: Schema.Schema<A, I, never>, target: string, query: Query = {}) =>
      Effect.gen(function*() {
        const url = new URL(withQuery(isAbsolute(target) ? target : joinPath(baseUrl, target), query))
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
        return yield* interpret(options, request, reply, schema)
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

/**
 * Joins a path to a base URL so that the base URL's own path survives:
 * `http://host/prefix/v1` + `/organization/invites` → `http://host/prefix/v1/organization/invites`.
 *
 * @since 0.1.0
 */
export const joinPath = (baseUrl: string, path: string): string =>
  `${baseUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`

interface RawReply {
  readonly status: number
  readonly headers: Headers.Headers
  readonly body: string
  readonly url: string
}

/** A failed attempt, as the retry schedule sees it. */
interface AttemptFailure extends Retry.Failure {
  readonly description: string
}

const isTransientStatus = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500

/** One attempt: the request and its whole body, within the timeout. Transport failures are transient. */
const send = (
  client: HttpClient.HttpClient,
  url: string,
  timeout: Duration.Duration,
  maxBodyBytes: number
): Effect.Effect<RawReply, AttemptFailure> =>
  client.get(url).pipe(
    Effect.flatMap((response) =>
      readBody(response, maxBodyBytes).pipe(
        // A response without a body (a 204) is a whole answer, not a broken connection: retried, it would end
        // as "unavailable" after every attempt got the same answer, instead of naming the status.
        Effect.catchIf(
          (error) => error._tag === "ResponseError" && error.reason === "EmptyBody",
          () => Effect.succeed("")
        ),
        Effect.map((body): RawReply => ({ status: response.status, headers: response.headers, body, url }))
      )
    ),
    Effect.scoped,
    Effect.mapError((error): AttemptFailure =>
      error._tag === "BodyTooLarge"
        ? { retryable: false, description: `the body is larger than ${maxBodyBytes} bytes` }
        : { retryable: true, description: transportDescription(error) }
    ),
    Effect.timeoutFail({
      duration: timeout,
      onTimeout: (): AttemptFailure => ({
        retryable: true,
        description: `no complete response within ${Duration.format(timeout)}`
      })
    }),
    // Redirects are not followed: a Location elsewhere would carry the key to a host the user never named.
    Effect.provideService(FetchHttpClient.RequestInit, { redirect: "manual" })
  )

class BodyTooLarge {
  readonly _tag = "BodyTooLarge"
}

/**
 * The whole body as text, refusing one larger than `maxBytes`. A declared length is checked up front and the
 * body read in one go (the common, fast case); a body without one is streamed and counted as it arrives.
 */
const readBody = (
  response: HttpClientResponse.HttpClientResponse,
  maxBytes: number
): Effect.Effect<string, HttpClientError.ResponseError | BodyTooLarge> => {
  const declared = Number(response.headers["content-length"])
  if (Number.isFinite(declared)) {
    return declared > maxBytes ? Effect.fail(new BodyTooLarge()) : response.text
  }
  return Effect.suspend(() => {
    const decoder = new TextDecoder()
    let size = 0
    let text = ""
    return Stream.runForEach(response.stream, (chunk) => {
      size += chunk.byteLength
      if (size > maxBytes) return Effect.fail(new BodyTooLarge())
      text += decoder.decode(chunk, { stream: true })
      return Effect.void
    }).pipe(Effect.map(() => text + decoder.decode()))
  })
}

/**
 * What went wrong on the wire, in a few words: the underlying cause's message (`connect ECONNREFUSED …`,
 * `other side closed`) rather than the platform's generic "Transport error (GET url)".
 */
const transportDescription = (error: { readonly message?: string; readonly cause?: unknown }): string => {
  const cause = error.cause instanceof Error ? error.cause : undefined
  const detail = (cause?.message || error.message || "").split("\n")[0]!.trim()
  const code = cause !== undefined && "code" in cause && typeof cause.code === "string" ? cause.code : undefined
  const text = detail === "" ? "transport error" : `transport error: ${detail}`
  return (code !== undefined && !text.includes(code) ? `${text} (${code})` : text).slice(0, 300)
}

/** Turns a complete, non-transient reply into the decoded body or the error it means. */
const interpret = <A, I>(
  options: Options,
  request: string,
  reply: RawReply,
  schema: Schema.Schema<A, I, never>
): Effect.Effect<Reply<A>, ProviderError.ProviderError> => {
  const { provider } = options
  const { status } = reply
  if (status === 401 || status === 403) {
    return Effect.fail(new ProviderError.AuthenticationError({ provider, status, variable: options.auth.variable }))
  }
  if (status >= 400) {
    return Effect.fail(
      new ProviderError.InvalidRequestError({
        provider,
        status,
        request,
        providerMessage: providerMessage(reply.body, options.errorMessage)
      })
    )
  }
  if (status !== 200) {
    const location = reply.headers["location"]
    const detail = status >= 300 && status < 400 && location !== undefined
      ? ` redirecting to ${quote(location)}; invitekit does not follow redirects, so the key stays with the provider`
      : ""
    return Effect.fail(invalidResponse(provider, request, "", `unexpected HTTP status ${status}${detail}`))
  }
  const contentType = reply.headers["content-type"]
  if (contentType !== undefined && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) {
    return Effect.fail(
      invalidResponse(provider, request, "", `expected a JSON body but the content type is ${quote(contentType)}`)
    )
  }
  return decodeBody(schema, reply.body).pipe(
    Effect.map((body) => ({ body, headers: reply.headers, url: reply.url, request })),
    Effect.mapError(({ path, reason }) => invalidResponse(provider, request, path, reason))
  )
}

const providerMessage = (body: string, extract: Options["errorMessage"]): string => {
  let message: string | undefined
  try {
    message = extract?.(JSON.parse(body))
  } catch {
    message = undefined
  }
  const text = (message ?? body).replace(/\s+/g, " ").trim()
  if (text === "") return "no message"
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}

const parseBaseUrl = (options: Options, allowInsecureHttp: boolean) => {
  const fail = (reason: string) =>
    Effect.fail(
      new ProviderError.ConfigError({ provider: options.provider, variable: options.baseUrlVariable, reason })
    )
  const parsed = Either.try(() => new URL(options.baseUrl))
  if (Either.isLeft(parsed)) return fail(`is not a valid URL: ${quote(options.baseUrl)}`)
  const url = parsed.right
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return fail(`must be an http(s) URL, not ${quote(options.baseUrl)}`)
  }
  if (url.username !== "" || url.password !== "") {
    return fail("must not contain credentials: put the key in its own variable")
  }
  if (url.search !== "" || url.hash !== "") return fail(`must not have a query or fragment: ${quote(options.baseUrl)}`)
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    return fail(
      `uses plain http:// to ${url.host}, which would send the key unencrypted. Use https://, or allow it ` +
        `with --allow-insecure-http (${settingsVariables.allowInsecureHttp}=true).`
    )
  }
  return Effect.succeed(url)
}

/** Matches every header name. */
const everyHeader = /^/

/** The error with every text that came from the other side scrubbed of the key. */
const scrubError = (scrub: (text: string) => string) =>
<E extends ProviderError.ProviderError>(error: E): E => {
  switch (error._tag) {
    case "AuthenticationError":
      return error
    case "ConfigError":
      return new ProviderError.ConfigError({ ...error, reason: scrub(error.reason) }) as E
    case "InvalidRequestError":
      return new ProviderError.InvalidRequestError({
        ...error,
        request: scrub(error.request),
        providerMessage: scrub(error.providerMessage)
      }) as E
    case "ProviderUnavailableError":
      return new ProviderError.ProviderUnavailableError({
        ...error,
        request: scrub(error.request),
        lastFailure: scrub(error.lastFailure)
      }) as E
    case "InvalidResponseError":
      return new ProviderError.InvalidResponseError({
        ...error,
        request: scrub(error.request),
        path: scrub(error.path),
        reason: scrub(error.reason)
      }) as E
  }
}

const invalidResponse = (provider: Provider, request: string, path: string, reason: string) =>
  new ProviderError.InvalidResponseError({ provider, request, path, reason })

const isAbsolute = (target: string) => /^https?:\/\//i.test(target)

const withQuery = (url: string, query: Query): string => {
  const params = Object.entries(query).filter((entry): entry is [string, string | number | boolean] =>
    entry[1] !== undefined
  )
  if (params.length === 0) return url
  const search = UrlParams.toString(UrlParams.fromInput(params.map(([k, v]) => [k, String(v)] as const)))
  return `${url}${url.includes("?") ? "&" : "?"}${search}`
}

const quote = (value: string): string => JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)
