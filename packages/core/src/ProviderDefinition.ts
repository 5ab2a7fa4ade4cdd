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
import type * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import type * as InviteSource from "./InviteSource.js"
import type * as PageSize from "./PageSize.js"
import type { Identity } from "./Provider.js"
import * as ProviderError from "./ProviderError.js"
import type * as Revoker from "./Revoker.js"

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
  /** Whether an account names the workspaces to list (then it must name at least one): Openlayer. */
  readonly workspaces: boolean
}

/**
 * One account of a provider, as a program gives it: how `sourceFor` lists several accounts of one provider side
 * by side without any environment variable.
 *
 * @since 0.2.0
 */
export interface Account {
  /** The name every invite and every error of this account carries. */
  readonly name: string
  readonly apiKey: Redacted.Redacted<string>
  /** Defaults to the provider's public API. */
  readonly baseUrl?: string | undefined
  /** The workspaces to list, for a provider whose capabilities say `workspaces`. */
  readonly workspaces?: ReadonlyArray<string> | undefined
  /**
   * How errors name where each setting came from, instead of the provider's environment variables: e.g.
   * `{ key: "OPENAI_ADMIN_KEY_PROD", baseUrl: "baseUrl of acme-prod in ~/.config/invitekit/config.yaml" }`.
   */
  readonly labels?: {
    readonly key?: string | undefined
    readonly baseUrl?: string | undefined
    readonly workspaces?: string | undefined
  } | undefined
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
  /**
   * One account's invites, its client configured from the account (not the environment). Every invite carries
   * the account's name, and every error names it.
   */
  readonly sourceFor: (
    account: Account,
    options?: { readonly pageSize?: number | undefined }
  ) => Effect.Effect<InviteSource.InviteSource, ProviderError.ConfigError, HttpClient.HttpClient>
  /**
   * The provider's `revoke`/`get` (`Revoker`), its client configured from the environment as `source`'s is;
   * absent when `capabilities.revoke` is false.
   *
   * @since 0.2.0
   */
  readonly revoker?:
    | ((
      options?: { readonly account?: string | undefined }
    ) => Effect.Effect<Revoker.Revoker, ProviderError.ConfigError, HttpClient.HttpClient>)
    | undefined
  /**
   * One account's `Revoker`, its client configured from the account as `sourceFor`'s is; absent when
   * `capabilities.revoke` is false. Its errors name the account.
   *
   * @since 0.2.0
   */
  readonly revokerFor?:
    | ((account: Account) => Effect.Effect<Revoker.Revoker, ProviderError.ConfigError, HttpClient.HttpClient>)
    | undefined
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
  /** The client layer for one account. */
  readonly layer: (account: Account) => Layer.Layer<Client, ProviderError.ConfigError, HttpClient.HttpClient>
  readonly makeSource: (options: SourceOptions) => Effect.Effect<InviteSource.InviteSource, never, Client>
  readonly makeRevoker?:
    | ((options: { readonly account?: string | undefined }) => Effect.Effect<Revoker.Revoker, never, Client>)
    | undefined
}): ProviderDefinition => ({
  ...spec.identity,
  variables: spec.variables,
  defaultBaseUrl: spec.defaultBaseUrl,
  pageSizes: spec.pageSizes,
  capabilities: spec.capabilities,
  privilegedRoles: spec.privilegedRoles,
  hint: spec.hint ?? (() => undefined),
  source: (options = {}) =>
    options.account === undefined
      ? Effect.provide(spec.makeSource(options), spec.layerConfig)
      : named(options.account, new Map(), Effect.provide(spec.makeSource(options), spec.layerConfig)),
  sourceFor: (account, options = {}) =>
    named(
      account.name,
      renamesOf(spec.variables, account),
      Effect.provide(spec.makeSource({ pageSize: options.pageSize, account: account.name }), spec.layer(account))
    ),
  revoker: spec.makeRevoker === undefined
    ? undefined
    : (options = {}) => Effect.provide(spec.makeRevoker!(options), spec.layerConfig),
  revokerFor: spec.makeRevoker === undefined ? undefined : (account) =>
    namedRevoker(
      account.name,
      renamesOf(spec.variables, account),
      Effect.provide(spec.makeRevoker!({ account: account.name }), spec.layer(account))
    )
})

/** Which of the provider's variables an account's labels stand in for, in its errors. */
const renamesOf = (variables: Variables, account: Account): ReadonlyMap<string, string> => {
  const renames = new Map<string, string>()
  if (account.labels?.key !== undefined) renames.set(variables.key, account.labels.key)
  if (account.labels?.baseUrl !== undefined) renames.set(variables.baseUrl, account.labels.baseUrl)
  if (account.labels?.workspaces !== undefined) {
    for (const variable of variables.required) renames.set(variable, account.labels.workspaces)
  }
  return renames
}

/** Tags every error of a revoker (building it, each revoke and get) with the account and its own labels. */
const namedRevoker = (
  account: string,
  renames: ReadonlyMap<string, string>,
  revoker: Effect.Effect<Revoker.Revoker, ProviderError.ConfigError, HttpClient.HttpClient>
): Effect.Effect<Revoker.Revoker, ProviderError.ConfigError, HttpClient.HttpClient> => {
  const tag = (error: ProviderError.ProviderError): ProviderError.ProviderError =>
    ProviderError.withAccount(account)(relabel(renames, error))
  return Effect.map(
    Effect.mapError(revoker, (error) => tag(error) as ProviderError.ConfigError),
    (built): Revoker.Revoker => ({
      ...built,
      revoke: (id) => Effect.mapError(built.revoke(id), tag),
      get: (id) => Effect.mapError(built.get(id), tag)
    })
  )
}

/** Tags every error of a source (building it, and each of its streams) with the account and its own labels. */
const named = (
  account: string,
  renames: ReadonlyMap<string, string>,
  source: Effect.Effect<InviteSource.InviteSource, ProviderError.ConfigError, HttpClient.HttpClient>
): Effect.Effect<InviteSource.InviteSource, ProviderError.ConfigError, HttpClient.HttpClient> => {
  const tag = (error: ProviderError.ProviderError): ProviderError.ProviderError =>
    ProviderError.withAccount(account)(relabel(renames, error))
  return Effect.map(
    Effect.mapError(source, (error) => tag(error) as ProviderError.ConfigError),
    (built): InviteSource.InviteSource => ({ ...built, list: (filter) => Stream.mapError(built.list(filter), tag) })
  )
}

const relabel = (renames: ReadonlyMap<string, string>, error: ProviderError.ProviderError): ProviderError.ProviderError => {
  if (error._tag === "ConfigError" && renames.has(error.variable)) {
    return new ProviderError.ConfigError({ ...error, variable: renames.get(error.variable)! })
  }
  if (error._tag === "AuthenticationError" && renames.has(error.variable)) {
    return new ProviderError.AuthenticationError({ ...error, variable: renames.get(error.variable)! })
  }
  return error
}

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
