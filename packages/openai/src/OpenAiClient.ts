/**
 * The OpenAI Admin API client: one configured HTTP pipeline (base URL, `Authorization: Bearer` admin key,
 * timeout, retries) as a service, built from options or from the environment variables the official SDK reads.
 *
 * @since 0.1.0
 */
import { Provider, ProviderClient } from "@invitekit/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
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
 * How to reach the API: an admin key of the organization, the base URL (default `https://api.openai.com/v1`),
 * settings overrides.
 *
 * @since 0.1.0
 */
export interface Options extends ProviderClient.BaseOptions {}

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
export interface Service extends ProviderClient.Service<Defaults> {}

/**
 * The OpenAI client service.
 *
 * @since 0.1.0
 */
export class OpenAiClient extends Context.Tag("@invitekit/openai/OpenAiClient")<OpenAiClient, Service>() {}

/**
 * `make(options)` builds the client on the `HttpClient` in context (a `ConfigError` naming `OPENAI_BASE_URL` for
 * a base URL that is unusable or unsafe, such as plain http to a non-loopback host); `layer(options)` is the
 * same as a layer; `config` reads the options from the environment: `OPENAI_ADMIN_KEY` (required) and
 * `OPENAI_BASE_URL`; `layerConfig` is the client configured from the environment.
 *
 * @since 0.1.0
 */
export const { config, layer, layerConfig, make } = ProviderClient.make<OpenAiClient, Options, Defaults>(OpenAiClient, {
  identity,
  keyVariable,
  baseUrlVariable,
  defaultBaseUrl,
  auth: { header: "authorization", scheme: "Bearer" },
  errorMessage: OpenAiSchema.errorMessage,
  defaults: () => Effect.succeed({}),
  config: Effect.succeed({})
})
