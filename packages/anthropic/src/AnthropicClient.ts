/**
 * The Anthropic Admin API client: one configured HTTP pipeline (base URL, `x-api-key` admin key, the
 * `anthropic-version` header on every request, timeout, retries) as a service, built from options or from
 * the environment variables the official SDK reads.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { Provider, ProviderConfig, type ProviderError, ProviderHttp, type ProviderSettings } from "@invitekit/core"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import * as AnthropicSchema from "./AnthropicSchema.js"

/**
 * The provider's name (`anthropic`) and spelling (`Anthropic`).
 *
 * @since 0.2.0
 */
export const identity: Provider.Identity = Provider.make("anthropic", "Anthropic")

/**
 * The environment variable holding the admin key (the name Anthropic's documents use).
 *
 * @since 0.1.0
 */
export const keyVariable = "ANTHROPIC_ADMIN_KEY"

/**
 * The environment variable overriding the base URL (the official SDK's name for it).
 *
 * @since 0.1.0
 */
export const baseUrlVariable = "ANTHROPIC_BASE_URL"

/**
 * The environment variable overriding the `anthropic-version` header.
 *
 * @since 0.1.0
 */
export const versionVariable = "ANTHROPIC_VERSION"

/**
 * The public API. As in the official SDK, the `/v1` belongs to each path, not to the base URL.
 *
 * @since 0.1.0
 */
export const defaultBaseUrl = "https://api.anthropic.com"

/**
 * The API version sent in `anthropic-version`; the API rejects requests without one.
 *
 * @since 0.1.0
 */
export const defaultVersion = "2023-06-01"

/**
 * How to reach the API.
 *
 * @since 0.1.0
 */
export interface Options {
  /** An admin key of the organization (`sk-ant-admin…`). */
  readonly apiKey: Redacted.Redacted<string>
  /** Defaults to `https://api.anthropic.com`; a path prefix (a proxy, the emulator) is kept. */
  readonly baseUrl?: string | undefined
  /** The `anthropic-version` header; defaults to `2023-06-01`. */
  readonly version?: string | undefined
  /** Overrides of the shared settings (`ProviderSettings.CurrentSettings`) for this client only. */
  readonly settings?: Partial<ProviderSettings.Settings> | undefined
}

/**
 * What a listing uses when its parameters do not say: nothing beyond the page size, for Anthropic.
 *
 * @since 0.2.0
 */
export interface Defaults {}

/**
 * The service: the provider's HTTP pipeline, which `AnthropicInvites` requests go through, and the listing
 * defaults.
 *
 * @since 0.1.0
 */
export interface Service {
  readonly http: ProviderHttp.ProviderHttp
  readonly defaults: Defaults
}

/**
 * The Anthropic client service.
 *
 * @since 0.1.0
 */
export class AnthropicClient extends Context.Tag("@invitekit/anthropic/AnthropicClient")<AnthropicClient, Service>() {}

/**
 * Builds the client on the `HttpClient` in context. Fails with `ConfigError` naming `ANTHROPIC_BASE_URL` for
 * a base URL that is unusable or unsafe (plain http to a non-loopback host).
 *
 * @since 0.1.0
 */
export const make = (options: Options): Effect.Effect<Service, ProviderError.ConfigError, HttpClient.HttpClient> =>
  Effect.map(
    ProviderHttp.make({
      provider: identity.name,
      baseUrl: options.baseUrl ?? defaultBaseUrl,
      baseUrlVariable,
      auth: { header: "x-api-key", key: options.apiKey, variable: keyVariable },
      headers: { "anthropic-version": options.version ?? defaultVersion },
      errorMessage: AnthropicSchema.errorMessage,
      settings: options.settings
    }),
    (http) => ({ http, defaults: {} })
  )

/**
 * The client as a layer, from options.
 *
 * @since 0.1.0
 */
export const layer = (
  options: Options
): Layer.Layer<AnthropicClient, ProviderError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(AnthropicClient, make(options))

/**
 * Reads the options from the environment: `ANTHROPIC_ADMIN_KEY` (required), `ANTHROPIC_BASE_URL` and
 * `ANTHROPIC_VERSION`.
 *
 * @since 0.1.0
 */
export const config: Effect.Effect<Options, ProviderError.ConfigError> = Effect.all({
  apiKey: ProviderConfig.key(identity.name, keyVariable),
  baseUrl: ProviderConfig.baseUrl(identity.name, baseUrlVariable, defaultBaseUrl),
  version: ProviderConfig.read(
    identity.name,
    versionVariable,
    Config.string(versionVariable).pipe(
      Config.map((version) => version.trim()),
      // It goes into a header: an empty value would be sent as "no version".
      Config.validate({ message: "is empty or contains white space", validation: (v) => /^\S+$/.test(v) }),
      Config.withDefault(defaultVersion)
    )
  )
})

/**
 * The client as a layer, configured from the environment (see `config`).
 *
 * @since 0.1.0
 */
export const layerConfig: Layer.Layer<AnthropicClient, ProviderError.ConfigError, HttpClient.HttpClient> = Layer
  .effect(AnthropicClient, Effect.flatMap(config, make))
