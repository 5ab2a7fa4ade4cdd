/**
 * The Portkey admin API client: one configured HTTP pipeline (base URL — the public API or a self-hosted control
 * plane, path prefix included — the `x-portkey-api-key` header, timeout, retries) as a service, built from
 * options or from the environment.
 *
 * @since 0.1.0
 */
import * as Provider from "@invitekit/core/Provider"
import * as ProviderClient from "@invitekit/core/ProviderClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
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
export interface Service extends ProviderClient.Service<Defaults> {}

/**
 * The Portkey client service.
 *
 * @since 0.1.0
 */
export class PortkeyClient extends Context.Tag("@invitekit/portkey/PortkeyClient")<PortkeyClient, Service>() {}

/**
 * @since 0.1.0
 */
export interface Options extends ProviderClient.BaseOptions {
  /** Pages fetched at once after the first; default 4. */
  readonly concurrency?: number | undefined
}

/**
 * `make(options)` builds the client on the `HttpClient` in context (a `ConfigError` naming `PORTKEY_BASE_URL`
 * for a base URL that is unusable); `layer(options)` is the same as a layer; `config` reads the options from the
 * environment: `PORTKEY_API_KEY` (required) and `PORTKEY_BASE_URL`; `layerConfig` is the client configured from
 * the environment.
 *
 * @since 0.1.0
 */
export const { config, layer, layerConfig, make } = ProviderClient.make<PortkeyClient, Options, Defaults>(
  PortkeyClient,
  {
    identity,
    keyVariable,
    baseUrlVariable,
    defaultBaseUrl,
    auth: { header: apiKeyHeader },
    errorMessage: PortkeySchema.errorMessage,
    defaults: (options) =>
      Effect.succeed({ concurrency: Math.max(1, Math.floor(options.concurrency ?? defaultConcurrency)) }),
    config: Effect.succeed({})
  }
)
