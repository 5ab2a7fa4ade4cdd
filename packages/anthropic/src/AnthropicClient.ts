/**
 * The Anthropic Admin API client: one configured HTTP pipeline (base URL, `x-api-key` admin key, the
 * `anthropic-version` header on every request, timeout, retries) as a service, built from options or from
 * the environment variables the official SDK reads.
 *
 * @since 0.1.0
 */
import { Provider, ProviderClient, ProviderConfig } from "@invitekit/core"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
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
export interface Options extends ProviderClient.BaseOptions {
  /** The `anthropic-version` header; defaults to `2023-06-01`. */
  readonly version?: string | undefined
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
export interface Service extends ProviderClient.Service<Defaults> {}

/**
 * The Anthropic client service.
 *
 * @since 0.1.0
 */
export class AnthropicClient extends Context.Tag("@invitekit/anthropic/AnthropicClient")<AnthropicClient, Service>() {}

/**
 * `make(options)` builds the client on the `HttpClient` in context (a `ConfigError` naming `ANTHROPIC_BASE_URL`
 * for a base URL that is unusable or unsafe); `layer(options)` is the same as a layer; `config` reads the
 * options from the environment: `ANTHROPIC_ADMIN_KEY` (required), `ANTHROPIC_BASE_URL` and `ANTHROPIC_VERSION`;
 * `layerConfig` is the client configured from the environment.
 *
 * @since 0.1.0
 */
export const { config, layer, layerConfig, make } = ProviderClient.make<AnthropicClient, Options, Defaults>(
  AnthropicClient,
  {
    identity,
    keyVariable,
    baseUrlVariable,
    defaultBaseUrl,
    auth: { header: "x-api-key" },
    headers: (options) => ({ "anthropic-version": options.version ?? defaultVersion }),
    errorMessage: AnthropicSchema.errorMessage,
    defaults: () => Effect.succeed({}),
    config: Effect.map(
      ProviderConfig.read(
        identity.name,
        versionVariable,
        Config.string(versionVariable).pipe(
          Config.map((version) => version.trim()),
          // It goes into a header: an empty value would be sent as "no version".
          Config.validate({ message: "is empty or contains white space", validation: (v) => /^\S+$/.test(v) }),
          Config.withDefault(defaultVersion)
        )
      ),
      (version) => ({ version })
    )
  }
)
