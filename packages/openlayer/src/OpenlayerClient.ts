/**
 * The Openlayer API client: one configured HTTP pipeline (base URL, Bearer key, timeout, retries) and the
 * workspaces to list, as a service, built from options or from the environment.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Provider from "@invitekit/core/Provider"
import * as ProviderConfig from "@invitekit/core/ProviderConfig"
import * as ProviderError from "@invitekit/core/ProviderError"
import * as ProviderHttp from "@invitekit/core/ProviderHttp"
import type * as ProviderSettings from "@invitekit/core/ProviderSettings"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import * as OpenlayerSchema from "./OpenlayerSchema.js"

/**
 * The provider's name (`openlayer`) and spelling (`Openlayer`).
 *
 * @since 0.2.0
 */
export const identity: Provider.Identity = Provider.make("openlayer", "Openlayer")

/**
 * The environment variable holding the Openlayer API key.
 *
 * @since 0.1.0
 */
export const keyVariable = "OPENLAYER_API_KEY"

/**
 * The environment variable overriding the base URL (e.g. the emulator).
 *
 * @since 0.1.0
 */
export const baseUrlVariable = "OPENLAYER_BASE_URL"

/**
 * The environment variable naming the workspaces to list: one id, or several separated by commas.
 *
 * @since 0.1.0
 */
export const workspaceIdVariable = "OPENLAYER_WORKSPACE_ID"

/**
 * Openlayer's public API.
 *
 * @since 0.1.0
 */
export const defaultBaseUrl = "https://api.openlayer.com/v1"

/**
 * What a listing uses when its parameters do not say.
 *
 * @since 0.2.0
 */
export interface Defaults {
  /** The workspaces listed when none are named, in order; never empty. */
  readonly workspaceIds: ReadonlyArray<string>
}

/**
 * The service: the provider's HTTP pipeline, which `OpenlayerInvites` requests go through, and the listing
 * defaults.
 *
 * @since 0.1.0
 */
export interface Service {
  readonly http: ProviderHttp.ProviderHttp
  readonly defaults: Defaults
}

/**
 * The Openlayer client service.
 *
 * @since 0.1.0
 */
export class OpenlayerClient extends Context.Tag("@invitekit/openlayer/OpenlayerClient")<OpenlayerClient, Service>() {}

/**
 * @since 0.1.0
 */
export interface Options {
  readonly apiKey: Redacted.Redacted<string>
  /** One workspace id, several, or a comma-separated list of them. */
  readonly workspaceIds: string | ReadonlyArray<string>
  /** Defaults to `https://api.openlayer.com/v1`. */
  readonly baseUrl?: string | undefined
  /** Overrides of the shared HTTP settings (timeout, retries). */
  readonly settings?: Partial<ProviderSettings.Settings> | undefined
}

/**
 * Splits a list of workspace ids at commas, trimming each and dropping empty ones and repeats (a workspace
 * named twice would list its invites twice).
 *
 * @since 0.1.0
 */
export const parseWorkspaceIds = (value: string | ReadonlyArray<string>): ReadonlyArray<string> => [
  ...new Set(
    (typeof value === "string" ? [value] : value)
      .flatMap((part) => part.split(","))
      .map((id) => id.trim())
      .filter((id) => id !== "")
  )
]

/**
 * Builds a client on the `HttpClient` in context. Fails with `ConfigError` naming `OPENLAYER_WORKSPACE_ID` when
 * no workspace id is given, or `OPENLAYER_BASE_URL` for an unusable base URL.
 *
 * @since 0.1.0
 */
export const make = (options: Options): Effect.Effect<Service, ProviderError.ConfigError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const workspaceIds = parseWorkspaceIds(options.workspaceIds)
    if (workspaceIds.length === 0) {
      return yield* new ProviderError.ConfigError({
        provider: identity.name,
        variable: workspaceIdVariable,
        reason: "names no workspace: set it to a workspace id, or several separated by commas"
      })
    }
    const http = yield* ProviderHttp.make({
      provider: identity.name,
      baseUrl: options.baseUrl ?? defaultBaseUrl,
      baseUrlVariable,
      auth: { header: "authorization", scheme: "Bearer", key: options.apiKey, variable: keyVariable },
      errorMessage: OpenlayerSchema.errorMessage,
      settings: options.settings
    })
    return OpenlayerClient.of({ http, defaults: { workspaceIds } })
  })

/**
 * The client as a layer, from explicit options.
 *
 * @since 0.1.0
 */
export const layer = (
  options: Options
): Layer.Layer<OpenlayerClient, ProviderError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(OpenlayerClient, make(options))

/**
 * Reads the options from the environment: `OPENLAYER_API_KEY` and `OPENLAYER_WORKSPACE_ID` (required) and
 * `OPENLAYER_BASE_URL`.
 *
 * @since 0.2.0
 */
export const config: Effect.Effect<Options, ProviderError.ConfigError> = Effect.all({
  apiKey: ProviderConfig.key(identity.name, keyVariable),
  workspaceIds: ProviderConfig.read(identity.name, workspaceIdVariable, Config.string(workspaceIdVariable)),
  baseUrl: ProviderConfig.baseUrl(identity.name, baseUrlVariable, defaultBaseUrl)
})

/**
 * The client as a layer, configured from the environment (see `config`).
 *
 * @since 0.1.0
 */
export const layerConfig: Layer.Layer<OpenlayerClient, ProviderError.ConfigError, HttpClient.HttpClient> = Layer
  .effect(OpenlayerClient, Effect.flatMap(config, make))
