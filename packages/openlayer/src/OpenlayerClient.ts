/**
 * The Openlayer API client: a Bearer key, the base URL, the workspaces to list, and the one request invite
 * listing needs.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as ProviderConfig from "@invitekit/core/ProviderConfig"
import * as ProviderError from "@invitekit/core/ProviderError"
import * as ProviderHttp from "@invitekit/core/ProviderHttp"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import * as OpenlayerSchema from "./OpenlayerSchema.js"

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
 * The largest page Openlayer serves (`perPage` maximum).
 *
 * @since 0.1.0
 */
export const maxPerPage = 100

/**
 * The path of a workspace's invite list, relative to the base URL.
 *
 * @since 0.1.0
 */
export const invitesPath = (workspaceId: string): string => `/workspaces/${encodeURIComponent(workspaceId)}/invites`

/**
 * Which page to fetch: by number, or the absolute URL of an `x-next` link (already resolved against the base URL).
 *
 * @since 0.1.0
 */
export type PageTarget =
  | { readonly _tag: "Number"; readonly page: number; readonly perPage: number }
  | { readonly _tag: "Link"; readonly url: string }

/**
 * What the client offers.
 *
 * @since 0.1.0
 */
export interface Service {
  readonly http: ProviderHttp.ProviderHttp
  /** The workspaces listed when none are named, in order; never empty. */
  readonly workspaceIds: ReadonlyArray<string>
  /** One request for one page of a workspace's invites. */
  readonly listInvites: (
    workspaceId: string,
    target: PageTarget
  ) => Effect.Effect<ProviderHttp.Reply<OpenlayerSchema.InvitesPage>, ProviderError.ProviderError>
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
  readonly settings?: Partial<ProviderHttp.Settings> | undefined
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
        provider: "openlayer",
        variable: workspaceIdVariable,
        reason: "names no workspace: set it to a workspace id, or several separated by commas"
      })
    }
    const http = yield* ProviderHttp.make({
      provider: "openlayer",
      baseUrl: options.baseUrl ?? defaultBaseUrl,
      baseUrlVariable,
      auth: { header: "authorization", scheme: "Bearer", key: options.apiKey, variable: keyVariable },
      errorMessage: OpenlayerSchema.errorMessage,
      settings: options.settings
    })
    return OpenlayerClient.of({
      http,
      workspaceIds,
      listInvites: (workspaceId, target) =>
        target._tag === "Link"
          ? http.get(OpenlayerSchema.InvitesPage, target.url)
          : http.get(OpenlayerSchema.InvitesPage, invitesPath(workspaceId), {
            page: target.page,
            perPage: target.perPage
          })
    })
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
 * The client configured from the environment: `OPENLAYER_API_KEY` and `OPENLAYER_WORKSPACE_ID` (required),
 * `OPENLAYER_BASE_URL`.
 *
 * @since 0.1.0
 */
export const layerConfig: Layer.Layer<OpenlayerClient, ProviderError.ConfigError, HttpClient.HttpClient> = Layer
  .effect(
    OpenlayerClient,
    Effect.gen(function*() {
      const apiKey = yield* ProviderConfig.key("openlayer", keyVariable)
      const workspaceIds = yield* ProviderConfig.read("openlayer", workspaceIdVariable, Config.string(workspaceIdVariable))
      const baseUrl = yield* ProviderConfig.baseUrl("openlayer", baseUrlVariable, defaultBaseUrl)
      return yield* make({ apiKey, workspaceIds, baseUrl })
    })
  )
