/**
 * What every provider's client is: the provider's HTTP pipeline (its base URL, its auth header, its own headers)
 * and the defaults its listings use, built from options or read from the environment. A provider package
 * describes its client once (`ProviderClient.make`) and gets `make` and `config` that behave alike for all.
 *
 * @since 0.2.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import type { Identity } from "./Provider.js"
import * as ProviderConfig from "./ProviderConfig.js"
import type * as ProviderError from "./ProviderError.js"
import * as ProviderHttp from "./ProviderHttp.js"
import type * as ProviderSettings from "./ProviderSettings.js"

/**
 * The options every client takes; a provider adds its own.
 *
 * @since 0.2.0
 */
export interface BaseOptions {
  /** The key. */
  readonly apiKey: Redacted.Redacted<string>
  /** Defaults to the provider's public API; a path prefix (a proxy, the emulator) is kept. */
  readonly baseUrl?: string | undefined
  /** Overrides of the shared settings (`ProviderSettings.CurrentSettings`) for this client only. */
  readonly settings?: Partial<ProviderSettings.Settings> | undefined
}

/**
 * A built client: the HTTP pipeline its requests go through, and what its listings use when not told.
 *
 * @since 0.2.0
 */
export interface Service<Defaults> {
  readonly http: ProviderHttp.ProviderHttp
  readonly defaults: Defaults
}

/**
 * A provider's client, described once.
 *
 * @since 0.2.0
 */
export interface Spec<Options extends BaseOptions, Defaults> {
  readonly identity: Identity
  readonly keyVariable: string
  readonly baseUrlVariable: string
  readonly defaultBaseUrl: string
  /** The header carrying the key, optionally as `Bearer <key>`. */
  readonly auth: { readonly header: string; readonly scheme?: "Bearer" | undefined }
  /** Headers every request carries, from the options (e.g. `anthropic-version`). */
  readonly headers?: ((options: Options) => Readonly<Record<string, string>>) | undefined
  /** Reads the provider's own message out of an error body. */
  readonly errorMessage: (body: unknown) => string | undefined
  /** The listing defaults, checked (a bad one is a `ConfigError` naming its variable). */
  readonly defaults: (options: Options) => Effect.Effect<Defaults, ProviderError.ConfigError>
  /** Reads the provider's own options (beyond key and base URL) from the environment. */
  readonly config: Effect.Effect<Omit<Options, keyof BaseOptions>, ProviderError.ConfigError>
}

/**
 * A provider's client functions: `make` builds the client on the `HttpClient` in context (a `ConfigError` naming
 * the base-URL variable for an unusable or unsafe base URL); `layer` is the same as a layer; `config` reads the
 * options from the environment — the key (required), the base URL and the provider's own variables;
 * `layerConfig` is the client configured from the environment.
 *
 * @since 0.2.0
 */
export interface Client<I, Options, Defaults> {
  readonly make: (options: Options) => Effect.Effect<Service<Defaults>, ProviderError.ConfigError, HttpClient.HttpClient>
  readonly layer: (options: Options) => Layer.Layer<I, ProviderError.ConfigError, HttpClient.HttpClient>
  readonly config: Effect.Effect<Options, ProviderError.ConfigError>
  readonly layerConfig: Layer.Layer<I, ProviderError.ConfigError, HttpClient.HttpClient>
}

/**
 * Builds a provider's client functions from its description and its service tag.
 *
 * @since 0.2.0
 */
export const make = <I, Options extends BaseOptions, Defaults>(
  tag: Context.Tag<I, Service<Defaults>>,
  spec: Spec<Options, Defaults>
): Client<I, Options, Defaults> => {
  const build = (options: Options) =>
    Effect.gen(function*() {
      const defaults = yield* spec.defaults(options)
      const http = yield* ProviderHttp.make({
        provider: spec.identity.name,
        baseUrl: options.baseUrl ?? spec.defaultBaseUrl,
        baseUrlVariable: spec.baseUrlVariable,
        auth: { ...spec.auth, key: options.apiKey, variable: spec.keyVariable },
        headers: spec.headers?.(options),
        errorMessage: spec.errorMessage,
        settings: options.settings
      })
      return { http, defaults }
    })
  const config = Effect.map(
    Effect.all({
      apiKey: ProviderConfig.key(spec.identity.name, spec.keyVariable),
      baseUrl: ProviderConfig.baseUrl(spec.identity.name, spec.baseUrlVariable, spec.defaultBaseUrl),
      own: spec.config
    }),
    ({ own, ...base }) => ({ ...own, ...base }) as Options
  )
  return {
    make: build,
    layer: (options) => Layer.effect(tag, build(options)),
    config,
    layerConfig: Layer.effect(tag, Effect.flatMap(config, build))
  }
}
