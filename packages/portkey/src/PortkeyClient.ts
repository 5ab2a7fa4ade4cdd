/**
 * The Portkey admin API client: the `x-portkey-api-key` header, the base URL (public API or a self-hosted
 * control plane, path prefix included) and the one request invite listing needs.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as ProviderConfig from "@invitekit/core/ProviderConfig"
import type * as ProviderError from "@invitekit/core/ProviderError"
import * as ProviderHttp from "@invitekit/core/ProviderHttp"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import * as PortkeySchema from "./PortkeySchema.js"

/**
 * The environment variable holding the Portkey API key.
 *
 * @since 0.1.0
 */
export const keyVariable = "PORTKEY_API_KEY"

/**
 * The environment variable overriding the base URL (a self-hosted control plane, or the emulator).
 *
 * @since 0.1.0
 */
export const baseUrlVariable = "PORTKEY_BASE_URL"

/**
 * Portkey's public API.
 *
 * @since 0.1.0
 */
export const defaultBaseUrl = "https://api.portkey.ai/v1"

/**
 * The header carrying the API key.
 *
 * @since 0.1.0
 */
export const apiKeyHeader = "x-portkey-api-key"

/**
 * The path of the invite list, relative to the base URL.
 *
 * @since 0.1.0
 */
export const invitesPath = "/admin/users/invites"

/**
 * How many pages a listing fetches at once after the first, unless told otherwise.
 *
 * @since 0.1.0
 */
export const defaultConcurrency = 4

/**
 * The query of `GET /admin/users/invites`. `undefined` values are not sent.
 *
 * @since 0.1.0
 */
export interface InvitesQuery {
  readonly pageSize?: number | undefined
  /** The page, counted from 0. */
  readonly currentPage?: number | undefined
  readonly role?: string | undefined
  readonly email?: string | undefined
  readonly status?: string | undefined
}

/**
 * What the client offers.
 *
 * @since 0.1.0
 */
export interface Service {
  readonly http: ProviderHttp.ProviderHttp
  /** How many pages a listing fetches at once after the first. */
  readonly concurrency: number
  /** One request for one page of invites. */
  readonly listInvites: (
    query: InvitesQuery
  ) => Effect.Effect<ProviderHttp.Reply<PortkeySchema.InviteList>, ProviderError.ProviderError>
}

/**
 * The Portkey client service.
 *
 * @since 0.1.0
 */
export class PortkeyClient extends Context.Tag("@invitekit/portkey/PortkeyClient")<PortkeyClient, Service>() {}

/**
 * @since 0.1.0
 */
export interface Options {
  readonly apiKey: Redacted.Redacted<string>
  /** Defaults to `https://api.portkey.ai/v1`. */
  readonly baseUrl?: string | undefined
  /** Pages fetched at once after the first; default 4. */
  readonly concurrency?: number | undefined
  /** Overrides of the shared HTTP settings (timeout, retries). */
  readonly settings?: Partial<ProviderHttp.Settings> | undefined
}

/**
 * Builds a client on the `HttpClient` in context. Fails with `ConfigError` naming `PORTKEY_BASE_URL` for a base
 * URL that is unusable.
 *
 * @since 0.1.0
 */
export const make = (options: Options): Effect.Effect<Service, ProviderError.ConfigError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const http = yield* ProviderHttp.make({
      provider: "portkey",
      baseUrl: options.baseUrl ?? defaultBaseUrl,
      baseUrlVariable,
      auth: { header: apiKeyHeader, key: options.apiKey, variable: keyVariable },
      errorMessage: PortkeySchema.errorMessage,
      settings: options.settings
    })
    return PortkeyClient.of({
      http,
      concurrency: Math.max(1, Math.floor(options.concurrency ?? defaultConcurrency)),
      listInvites: (query) => http.get(PortkeySchema.InviteList, invitesPath, { ...query })
    })
  })

/**
 * The client as a layer, from explicit options.
 *
 * @since 0.1.0
 */
export const layer = (options: Options): Layer.Layer<PortkeyClient, ProviderError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(PortkeyClient, make(options))

/**
 * The client configured from the environment: `PORTKEY_API_KEY` (required) and `PORTKEY_BASE_URL`.
 *
 * @since 0.1.0
 */
export const layerConfig: Layer.Layer<PortkeyClient, ProviderError.ConfigError, HttpClient.HttpClient> = Layer.effect(
  PortkeyClient,
  Effect.gen(function*() {
    const apiKey = yield* ProviderConfig.key("portkey", keyVariable)
    const baseUrl = yield* ProviderConfig.baseUrl("portkey", baseUrlVariable, defaultBaseUrl)
    return yield* make({ apiKey, baseUrl })
  })
)
