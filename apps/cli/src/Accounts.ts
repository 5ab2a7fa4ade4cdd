/**
 * The accounts a run lists: those of the config file, or — without one — one account per configured provider,
 * named after it and read from today's environment variables. `--provider` and `--account` narrow them; each
 * account becomes a source of the provider's definition.
 *
 * @since 0.2.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as InviteSource from "@invitekit/core/InviteSource"
import type * as Provider from "@invitekit/core/Provider"
import * as ProviderConfig from "@invitekit/core/ProviderConfig"
import type * as ProviderError from "@invitekit/core/ProviderError"
import type * as Revoker from "@invitekit/core/Revoker"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ConfigFile from "./ConfigFile.js"
import { UsageError } from "./Failure.js"
import * as KeySource from "./KeySource.js"
import * as Providers from "./Providers.js"

/**
 * One account to list.
 *
 * @since 0.2.0
 */
export interface Account {
  readonly name: string
  readonly provider: Provider.Provider
  /** Where it was configured: the config file (its path), or the provider's environment variables. */
  readonly origin: { readonly _tag: "file"; readonly path: string } | { readonly _tag: "environment" }
  readonly key: ConfigFile.KeySource
  readonly baseUrl?: string | undefined
  readonly workspaces?: ReadonlyArray<string> | undefined
}

/**
 * What picks the accounts.
 *
 * @since 0.2.0
 */
export interface Selection {
  readonly config: Option.Option<string>
  readonly provider: ReadonlyArray<Provider.Provider>
  readonly account: ReadonlyArray<string>
}

/**
 * The accounts of a selection, in the canonical provider order (the file's order within a provider), and
 * whether they came from a config file.
 *
 * @since 0.2.0
 */
export const select = (
  selection: Selection
): Effect.Effect<
  {
    readonly accounts: ReadonlyArray<Account>
    readonly file: Option.Option<string>
    /** The config file's `policy:` section as parsed (`undefined` without one): the audit decodes it. */
    readonly policy: unknown
  },
  UsageError
> =>
  Effect.gen(function*() {
    const file = yield* ConfigFile.load(selection.config)
    const all = Option.isSome(file)
      ? fromFile(file.value)
      : (yield* Providers.select(environmentProviders(selection))).map(fromEnvironment)
    const byProvider = selection.provider.length === 0
      ? all
      : all.filter((account) => selection.provider.includes(account.provider))
    const picked = selection.account.length === 0
      ? byProvider
      : byProvider.filter((account) => selection.account.includes(account.name))
    const unknown = selection.account.filter((name) => !byProvider.some((account) => account.name === name))
    const where = Option.match(file, { onNone: () => "the environment", onSome: (file) => file.path })
    if (unknown.length > 0) {
      const known = byProvider.map((account) => account.name)
      return yield* new UsageError({
        message: `--account ${unknown.join(", ")}: no such account in ${where}` +
          (selection.provider.length > 0 ? " for the providers given with --provider" : "") +
          (known.length > 0 ? ` (accounts: ${known.join(", ")})` : "")
      })
    }
    if (picked.length === 0) {
      return yield* new UsageError({
        message: Option.isSome(file)
          ? `no account of ${file.value.path} is of the providers given with --provider`
          : Providers.noneConfiguredMessage
      })
    }
    const sorted = picked.map((account, index) => ({ account, index })).sort((a, b) =>
      Providers.order(a.account.provider) - Providers.order(b.account.provider) || a.index - b.index
    ).map(({ account }) => account)
    return {
      accounts: sorted,
      file: Option.map(file, (file) => file.path),
      policy: Option.match(file, { onNone: () => undefined, onSome: (file) => file.policy })
    }
  })

/** Without a config file accounts are named after providers: `--account openai` asks for OpenAI. */
const environmentProviders = (selection: Selection): ReadonlyArray<Provider.Provider> =>
  selection.provider.length > 0
    ? selection.provider
    : Providers.names.filter((name) => selection.account.includes(name))

const fromFile = (file: ConfigFile.ConfigFile): ReadonlyArray<Account> =>
  file.accounts.map((entry) => ({ ...entry, origin: { _tag: "file", path: file.path } }))

const fromEnvironment = (provider: Provider.Provider): Account => ({
  name: provider,
  provider,
  origin: { _tag: "environment" },
  key: { _tag: "env", variable: Providers.definition(provider).variables.key }
})

/**
 * Whether a run's accounts are simply its providers (no config file): then nothing says "account".
 *
 * @since 0.2.0
 */
export const namedAfterProviders = (accounts: ReadonlyArray<Account>): boolean =>
  accounts.every((account) => account.name === account.provider)

/**
 * An account's source: from the environment as today, or built from the file's account with its key read
 * from its source (a failure is the account's `ConfigError`).
 *
 * @since 0.2.0
 */
export const source = (
  account: Account,
  options: { readonly pageSize?: number | undefined }
): Effect.Effect<InviteSource.InviteSource, ProviderError.ConfigError, HttpClient.HttpClient> => {
  const definition = Providers.definition(account.provider)
  if (account.origin._tag === "environment") return definition.source({ pageSize: options.pageSize })
  const where = `of account ${account.name} in ${account.origin.path}`
  return Effect.flatMap(KeySource.read(account, account.key), (apiKey) =>
    definition.sourceFor({
      name: account.name,
      apiKey,
      baseUrl: account.baseUrl,
      workspaces: account.workspaces,
      labels: { key: KeySource.label(account.key), baseUrl: `baseUrl ${where}`, workspaces: `workspaces ${where}` }
    }, options))
}

/**
 * An account's `Revoker` (revoke and get), configured as its `source` is; `undefined` for a provider that cannot
 * revoke through its API.
 *
 * @since 0.2.0
 */
export const revoker = (
  account: Account
): Effect.Effect<Revoker.Revoker, ProviderError.ConfigError, HttpClient.HttpClient> | undefined => {
  const definition = Providers.definition(account.provider)
  const { revoker: fromEnvironment, revokerFor } = definition
  if (fromEnvironment === undefined || revokerFor === undefined) return undefined
  if (account.origin._tag === "environment") return fromEnvironment({})
  const where = `of account ${account.name} in ${account.origin.path}`
  return Effect.flatMap(KeySource.read(account, account.key), (apiKey) =>
    revokerFor({
      name: account.name,
      apiKey,
      baseUrl: account.baseUrl,
      workspaces: account.workspaces,
      labels: { key: KeySource.label(account.key), baseUrl: `baseUrl ${where}`, workspaces: `workspaces ${where}` }
    }))
}

/**
 * The base URL and workspaces an account lists, as `invitekit accounts` shows them (from the environment for
 * an account of the environment).
 *
 * @since 0.2.0
 */
export const settings = (
  account: Account
): Effect.Effect<{ readonly baseUrl: string; readonly workspaces: ReadonlyArray<string> }> => {
  const definition = Providers.definition(account.provider)
  if (account.origin._tag === "file") {
    return Effect.succeed({ baseUrl: account.baseUrl ?? definition.defaultBaseUrl, workspaces: account.workspaces ?? [] })
  }
  const optional = (name: string) => Config.option(Config.string(name)).pipe(Effect.orElseSucceed(() => Option.none<string>()))
  return Effect.gen(function*() {
    const baseUrl = yield* ProviderConfig.baseUrl(account.provider, definition.variables.baseUrl, definition.defaultBaseUrl)
      .pipe(Effect.orElseSucceed(() => definition.defaultBaseUrl))
    const workspaces: Array<string> = []
    if (definition.capabilities.workspaces) {
      for (const name of definition.variables.required) {
        const value = yield* optional(name)
        if (Option.isSome(value)) workspaces.push(...value.value.split(",").map((id) => id.trim()).filter((id) => id !== ""))
      }
    }
    return { baseUrl, workspaces }
  })
}
