/**
 * The Portkey admin API client: one configured HTTP pipeline (base URL — the public API or a self-hosted control
 * plane, path prefix included — the `x-portkey-api-key` header, timeout, retries) as a service, built from
 * options or from the environment.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Provider from "@invitekit/core/Provider"
import * as ProviderConfig from "@invitekit/core/ProviderConfig"
import type * as ProviderError from "@invitekit/core/ProviderError"
import * as ProviderHttp from "@invitekit/core/ProviderHttp"
import type * as ProviderSettings from "@invitekit/core/ProviderSettings"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import * as PortkeySchema from "./PortkeySchema.js"

/**
 * The provider's name (`portkey`) and spelling (`Portkey`).
 *
 * @since 0.2.0
 */
export const identity: Provider.Identity = Provider.make("portkey", "Portkey")

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
 * How many pages a listing fetches at once after the first, unless told otherwise.
 *
 * @since 0.1.0
 */
export const defaultConcurrency = 4

/**
 * What a listing uses when its parameters do not say.
 *
 * @since 0.2.0
 */
export interface Defaults {
  /** How many pages a listing fetches at once after the first. */
  readonly concurrency: number
}

/**
 * The service: the provider's HTTP pipeline, which `PortkeyInvites` requests go through, and the listing defaults.
 *
 * @since 0.1.0
 */
export interface Service {
  readonly http: ProviderHttp.ProviderHttp
  readonly defaults: Defaults
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
  readonly settings?: Partial<ProviderSettings.Settings> | undefined
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
      provider: identity.name,
      baseUrl: options.baseUrl ?? defaultBaseUrl,
      baseUrlVariable,
      auth: { header: apiKeyHeader, key: options.apiKey, variable: keyVariable },
      errorMessage: PortkeySchema.errorMessage,
      settings: options.settings
    })
    return PortkeyClient.of({
      http,
      defaults: { concurrency: Math.max(1, Math.floor(options.concurrency ?? defaultConcurrency)) }
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
 * Reads the options from the environment: `PORTKEY_API_KEY` (required) and `PORTKEY_BASE_URL`.
 *
 * @since 0.2.0
 */
export const config: Effect.Effect<Options, ProviderError.ConfigError> = Effect.all({
  apiKey: ProviderConfig.key(identity.name, keyVariable),
  baseUrl: ProviderConfig.baseUrl(identity.name, baseUrlVariable, defaultBaseUrl)
})

/**
 * The client as a layer, configured from the environment (see `config`).
 *
 * @since 0.1.0
 */
export const layerConfig: Layer.Layer<PortkeyClient, ProviderError.ConfigError, HttpClient.HttpClient> = Layer.effect(
  PortkeyClient,
  Effect.flatMap(config, make)
)
