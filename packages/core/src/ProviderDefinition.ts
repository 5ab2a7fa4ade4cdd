/**
 * A provider as one value: who it is, the variables it reads, its page sizes, how its client is configured and
 * its invites listed, and what else it supports. The CLI's flags, help, messages and demo are derived from the
 * list of definitions, so a new provider is one package and one line in that list.
 *
 * @since 0.2.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import type * as AuditPolicy from "./AuditPolicy.js"
import type * as InviteSource from "./InviteSource.js"
import type * as PageSize from "./PageSize.js"
import type { Identity } from "./Provider.js"
import type * as ProviderError from "./ProviderError.js"

/**
 * The environment variables a provider reads.
 *
 * @since 0.2.0
 */
export interface Variables {
  /** The API key; its presence makes the provider configured. */
  readonly key: string
  /** Overrides the base URL. */
  readonly baseUrl: string
  /** Other variables that must be set with the key (e.g. `OPENLAYER_WORKSPACE_ID`). */
  readonly required: ReadonlyArray<string>
  /** Other variables it reads when set. */
  readonly optional: ReadonlyArray<string>
}

/**
 * What a provider supports beyond listing.
 *
 * @since 0.2.0
 */
export interface Capabilities {
  /** Whether invites can be revoked through the API. */
  readonly revoke: boolean
}

/**
 * How a listing is asked for.
 *
 * @since 0.2.0
 */
export interface SourceOptions {
  /** Invites per page, in `pageSizes`; default `pageSizes.default`. */
  readonly pageSize?: number | undefined
  /** The account invites are tagged with; default the provider's name. */
  readonly account?: string | undefined
}

/**
 * @since 0.2.0
 */
export interface ProviderDefinition extends Identity {
  readonly variables: Variables
  /** The public API the base URL defaults to. */
  readonly defaultBaseUrl: string
  readonly pageSizes: PageSize.Range
  readonly capabilities: Capabilities
  /** The roles that grant owner/admin-level access, which the audit's `privileged-role` flags. */
  readonly privilegedRoles: AuditPolicy.PrivilegedRoles
  /**
   * What an error's own message leaves out for this provider, as a line to print after it (e.g. which setting a
   * rejected request points to), or nothing.
   */
  readonly hint: (error: ProviderError.ProviderError) => string | undefined
  /** The provider's invites, its client configured from the environment (the `ConfigProvider` in force). */
  readonly source: (
    options?: SourceOptions
  ) => Effect.Effect<InviteSource.InviteSource, ProviderError.ConfigError, HttpClient.HttpClient>
}

/**
 * Builds a definition from a provider package's pieces: its client layer configured from the environment and
 * its source over that client.
 *
 * @since 0.2.0
 */
export const make = <Client>(spec: {
  readonly identity: Identity
  readonly variables: Variables
  readonly defaultBaseUrl: string
  readonly pageSizes: PageSize.Range
  readonly capabilities: Capabilities
  readonly privilegedRoles: AuditPolicy.PrivilegedRoles
  readonly hint?: ((error: ProviderError.ProviderError) => string | undefined) | undefined
  readonly layerConfig: Layer.Layer<Client, ProviderError.ConfigError, HttpClient.HttpClient>
  readonly makeSource: (options: SourceOptions) => Effect.Effect<InviteSource.InviteSource, never, Client>
}): ProviderDefinition => ({
  ...spec.identity,
  variables: spec.variables,
  defaultBaseUrl: spec.defaultBaseUrl,
  pageSizes: spec.pageSizes,
  capabilities: spec.capabilities,
  privilegedRoles: spec.privilegedRoles,
  hint: spec.hint ?? (() => undefined),
  source: (options = {}) => Effect.provide(spec.makeSource(options), spec.layerConfig)
})

/**
 * Every variable a provider reads, key first: for help texts.
 *
 * @since 0.2.0
 */
export const allVariables = (definition: ProviderDefinition): ReadonlyArray<string> => [
  definition.variables.key,
  ...definition.variables.required,
  definition.variables.baseUrl,
  ...definition.variables.optional
]

/**
 * What to set to configure the provider: `OPENAI_ADMIN_KEY`, or `OPENLAYER_API_KEY with OPENLAYER_WORKSPACE_ID`.
 *
 * @since 0.2.0
 */
export const setUp = (definition: ProviderDefinition): string =>
  [definition.variables.key, ...definition.variables.required].join(" with ")
