/**
 * The OpenAI Admin API client: one configured HTTP pipeline (base URL, `Authorization: Bearer` admin key,
 * timeout, retries) as a service, built from options or from the environment variables the official SDK reads.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { Provider, ProviderConfig, type ProviderError, ProviderHttp, type ProviderSettings } from "@invitekit/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import * as OpenAiSchema from "./OpenAiSchema.js"

/**
 * The provider's name (`openai`) and spelling (`OpenAI`).
 *
 * @since 0.2.0
 */
export const identity: Provider.Identity = Provider.make("openai", "OpenAI")

/**
 * The environment variable holding the admin key (the official SDK's name for it).
 *
 * @since 0.1.0
 */
export const keyVariable = "OPENAI_ADMIN_KEY"

/**
 * The environment variable overriding the base URL (the official SDK's name for it).
 *
 * @since 0.1.0
 */
export const baseUrlVariable = "OPENAI_BASE_URL"

/**
 * The public API; paths such as `/organization/invites` are joined to it.
 *
 * @since 0.1.0
 */
export const defaultBaseUrl = "https://api.openai.com/v1"

/**
 * How to reach the API.
 *
 * @since 0.1.0
 */
export interface Options {
  /** An admin key of the organization. */
  readonly apiKey: Redacted.Redacted<string>
  /** Defaults to `https://api.openai.com/v1`; a path prefix (a proxy, the emulator) is kept. */
  readonly baseUrl?: string | undefined
  /** Overrides of the shared settings (`ProviderSettings.CurrentSettings`) for this client only. */
  readonly settings?: Partial<ProviderSettings.Settings> | undefined
}

/**
 * What a listing uses when its parameters do not say: nothing beyond the page size, for OpenAI.
 *
 * @since 0.2.0
 */
export interface Defaults {}

/**
 * The service: the provider's HTTP pipeline, which `OpenAiInvites` requests go through, and the listing defaults.
 *
 * @since 0.1.0
 */
export interface Service {
  readonly http: ProviderHttp.ProviderHttp
  readonly defaults: Defaults
}

/**
 * The OpenAI client service.
 *
 * @since 0.1.0
 */
export class OpenAiClient extends Context.Tag("@invitekit/openai/OpenAiClient")<OpenAiClient, Service>() {}

/**
 * Builds the client on the `HttpClient` in context. Fails with `ConfigError` naming `OPENAI_BASE_URL` for a
 * base URL that is unusable or unsafe (plain http to a non-loopback host).
 *
 * @since 0.1.0
 */
export const make = (options: Options): Effect.Effect<Service, ProviderError.ConfigError, HttpClient.HttpClient> =>
  Effect.map(
    ProviderHttp.make({
      provider: identity.name,
      baseUrl: options.baseUrl ?? defaultBaseUrl,
      baseUrlVariable,
      auth: { header: "authorization", scheme: "Bearer", key: options.apiKey, variable: keyVariable },
      errorMessage: OpenAiSchema.errorMessage,
      settings: options.settings
    }),
    (http) => ({ http, defaults: {} })
  )

/**
 * The client as a layer, from options.
 *
 * @since 0.1.0
 */
export const layer = (options: Options): Layer.Layer<OpenAiClient, ProviderError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(OpenAiClient, make(options))

/**
 * Reads the options from the environment: `OPENAI_ADMIN_KEY` (required) and `OPENAI_BASE_URL`.
 *
 * @since 0.1.0
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
export const layerConfig: Layer.Layer<OpenAiClient, ProviderError.ConfigError, HttpClient.HttpClient> = Layer.effect(
  OpenAiClient,
  Effect.flatMap(config, make)
)
