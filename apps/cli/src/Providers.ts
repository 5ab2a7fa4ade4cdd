/**
 * Which providers are configured, how each one is built from the environment, and the page sizes each API
 * accepts. A provider counts as configured when its key variable is set (to anything: a bad value is
 * reported by the provider itself, naming the variable).
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as AnthropicClient from "@invitekit/anthropic/AnthropicClient"
import * as AnthropicInvites from "@invitekit/anthropic/AnthropicInvites"
import type * as InviteSource from "@invitekit/core/InviteSource"
import * as Provider from "@invitekit/core/Provider"
import * as ProviderConfig from "@invitekit/core/ProviderConfig"
import type * as ProviderError from "@invitekit/core/ProviderError"
import * as OpenAiClient from "@invitekit/openai/OpenAiClient"
import * as OpenAiInvites from "@invitekit/openai/OpenAiInvites"
import * as OpenlayerClient from "@invitekit/openlayer/OpenlayerClient"
import * as OpenlayerInvites from "@invitekit/openlayer/OpenlayerInvites"
import * as PortkeyClient from "@invitekit/portkey/PortkeyClient"
import * as PortkeyInvites from "@invitekit/portkey/PortkeyInvites"
import * as Effect from "effect/Effect"
import { UsageError } from "./Failure.js"

/**
 * What the CLI knows about one provider.
 *
 * @since 0.1.0
 */
export interface Entry {
  readonly provider: Provider.Provider
  /** The variable whose presence makes the provider configured. */
  readonly keyVariable: string
  /** What to set, as the "no provider configured" message says it. */
  readonly setUp: string
  /** The page sizes the API accepts. */
  readonly pageSizes: { readonly min: number; readonly max: number }
  /** Builds the provider's source from the environment, with an optional page size. */
  readonly source: (
    pageSize: number | undefined
  ) => Effect.Effect<InviteSource.InviteSource, ProviderError.ConfigError, HttpClient.HttpClient>
}

/**
 * Every provider, in the canonical order.
 *
 * @since 0.1.0
 */
export const entries: Readonly<Record<Provider.Provider, Entry>> = {
  openai: {
    provider: "openai",
    keyVariable: OpenAiClient.keyVariable,
    setUp: OpenAiClient.keyVariable,
    pageSizes: { min: 1, max: OpenAiInvites.maxLimit },
    source: (pageSize) => Effect.provide(OpenAiInvites.makeSource({ pageSize }), OpenAiClient.layerConfig)
  },
  anthropic: {
    provider: "anthropic",
    keyVariable: AnthropicClient.keyVariable,
    setUp: AnthropicClient.keyVariable,
    pageSizes: { min: 1, max: AnthropicInvites.maxLimit },
    source: (pageSize) => Effect.provide(AnthropicInvites.makeSource({ pageSize }), AnthropicClient.layerConfig)
  },
  portkey: {
    provider: "portkey",
    keyVariable: PortkeyClient.keyVariable,
    setUp: PortkeyClient.keyVariable,
    // Portkey documents no maximum; 1000 keeps a page's body reasonable.
    pageSizes: { min: 1, max: 1000 },
    source: (pageSize) => Effect.provide(PortkeyInvites.makeSource({ pageSize }), PortkeyClient.layerConfig)
  },
  openlayer: {
    provider: "openlayer",
    keyVariable: OpenlayerClient.keyVariable,
    setUp: `${OpenlayerClient.keyVariable} with ${OpenlayerClient.workspaceIdVariable}`,
    pageSizes: { min: 1, max: OpenlayerClient.maxPerPage },
    source: (pageSize) => Effect.provide(OpenlayerInvites.makeSource({ pageSize }), OpenlayerClient.layerConfig)
  }
}

/**
 * The providers whose key variable is set, in the canonical order.
 *
 * @since 0.1.0
 */
export const configured: Effect.Effect<ReadonlyArray<Provider.Provider>> = Effect.filter(
  Provider.all,
  (provider) => ProviderConfig.isSet(entries[provider].keyVariable)
)

/**
 * The message when no provider is configured.
 *
 * @since 0.1.0
 */
export const noneConfiguredMessage: string =
  `no provider is configured: set ${
    Provider.all.map((provider) => entries[provider].setUp).join(", ").replace(/, ([^,]*)$/, " or $1")
  }` + `\n(or pick providers with --provider; try it all without a key: invitekit demo)`

/**
 * The providers to list: those asked for with `--provider` (each once, canonical order), else the configured
 * ones; none is a usage error naming the variables to set.
 *
 * @since 0.1.0
 */
export const select = (
  requested: ReadonlyArray<Provider.Provider>
): Effect.Effect<ReadonlyArray<Provider.Provider>, UsageError> =>
  requested.length > 0
    ? Effect.succeed(Provider.all.filter((provider) => requested.includes(provider)))
    : Effect.flatMap(configured, (providers) =>
      providers.length === 0
        ? Effect.fail(new UsageError({ message: noneConfiguredMessage }))
        : Effect.succeed(providers))

/**
 * Checks `--page-size` against every selected provider's range.
 *
 * @since 0.1.0
 */
export const checkPageSize = (
  providers: ReadonlyArray<Provider.Provider>,
  pageSize: number | undefined
): Effect.Effect<void, UsageError> => {
  if (pageSize === undefined) return Effect.void
  const outOfRange = providers.filter((provider) => {
    const { max, min } = entries[provider].pageSizes
    return pageSize < min || pageSize > max
  })
  if (outOfRange.length === 0) return Effect.void
  const ranges = outOfRange.map((provider) => {
    const { max, min } = entries[provider].pageSizes
    return `${Provider.displayName(provider)} accepts ${min}–${max}`
  })
  return Effect.fail(
    new UsageError({
      message: `--page-size ${pageSize} is out of range: ${ranges.join(", ")}. ` +
        `Pick a size every listed provider accepts, or list them separately with --provider.`
    })
  )
}
