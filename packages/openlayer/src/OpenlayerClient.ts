/**
 * The Openlayer API client: one configured HTTP pipeline (base URL, Bearer key, timeout, retries) and the
 * workspaces to list, as a service, built from options or from the environment.
 *
 * @since 0.1.0
 */
import * as Provider from "@invitekit/core/Provider"
import * as ProviderConfig from "@invitekit/core/ProviderConfig"
import * as ProviderError from "@invitekit/core/ProviderError"
import * as ProviderClient from "@invitekit/core/ProviderClient"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
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
export interface Service extends ProviderClient.Service<Defaults> {}

/**
 * The Openlayer client service.
 *
 * @since 0.1.0
 */
export class OpenlayerClient extends Context.Tag("@invitekit/openlayer/OpenlayerClient")<OpenlayerClient, Service>() {}

/**
 * @since 0.1.0
 */
export interface Options extends ProviderClient.BaseOptions {
  /** One workspace id, several, or a comma-separated list of them. */
  readonly workspaceIds: string | ReadonlyArray<string>
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
 * `make(options)` builds the client on the `HttpClient` in context: a `ConfigError` naming
 * `OPENLAYER_WORKSPACE_ID` when no workspace id is given, or `OPENLAYER_BASE_URL` for an unusable base URL;
 * `layer(options)` is the same as a layer; `config` reads the options from the environment: `OPENLAYER_API_KEY`
 * and `OPENLAYER_WORKSPACE_ID` (required) and `OPENLAYER_BASE_URL`; `layerConfig` is the client configured from
 * the environment.
 *
 * @since 0.1.0
 */
export const { config, layer, layerConfig, make } = ProviderClient.make<OpenlayerClient, Options, Defaults>(
  OpenlayerClient,
  {
    identity,
    keyVariable,
    baseUrlVariable,
    defaultBaseUrl,
    auth: { header: "authorization", scheme: "Bearer" },
    errorMessage: OpenlayerSchema.errorMessage,
    defaults: (options) => {
      const workspaceIds = parseWorkspaceIds(options.workspaceIds)
      return workspaceIds.length > 0
        ? Effect.succeed({ workspaceIds })
        : Effect.fail(
          new ProviderError.ConfigError({
            provider: identity.name,
            variable: workspaceIdVariable,
            reason: "names no workspace: set it to a workspace id, or several separated by commas"
          })
        )
    },
    config: Effect.map(
      ProviderConfig.read(identity.name, workspaceIdVariable, Config.string(workspaceIdVariable)),
      (workspaceIds) => ({ workspaceIds })
    )
  }
)
