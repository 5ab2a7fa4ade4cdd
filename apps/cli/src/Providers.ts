/**
 * The registry: every provider the CLI knows, in the order it lists them, and what is derived from that list —
 * which providers are configured, the "nothing configured" message, the page-size check. A provider counts as
 * configured when its key variable is set (to anything: a bad value is reported by the provider itself, naming
 * the variable).
 *
 * @since 0.1.0
 */
import { AnthropicProvider } from "@invitekit/anthropic"
import * as PageSize from "@invitekit/core/PageSize"
import type * as Provider from "@invitekit/core/Provider"
import * as ProviderConfig from "@invitekit/core/ProviderConfig"
import * as ProviderDefinition from "@invitekit/core/ProviderDefinition"
import { OpenAiProvider } from "@invitekit/openai"
import { OpenlayerProvider } from "@invitekit/openlayer"
import { PortkeyProvider } from "@invitekit/portkey"
import * as Effect from "effect/Effect"
import { UsageError } from "./Failure.js"

/**
 * Every provider, in the canonical order (listing, help, exit-code precedence). A new provider is one line here.
 *
 * @since 0.2.0
 */
export const definitions: ReadonlyArray<ProviderDefinition.ProviderDefinition> = [
  OpenAiProvider.definition,
  AnthropicProvider.definition,
  PortkeyProvider.definition,
  OpenlayerProvider.definition
]

/**
 * Every provider's name, in the canonical order.
 *
 * @since 0.2.0
 */
export const names: ReadonlyArray<Provider.Provider> = definitions.map((definition) => definition.name)

const byName = new Map(definitions.map((definition) => [definition.name, definition]))

/**
 * The definition of a provider the registry lists.
 *
 * @since 0.2.0
 */
export const definition = (name: Provider.Provider): ProviderDefinition.ProviderDefinition => {
  const found = byName.get(name)
  if (found === undefined) throw new Error(`unknown provider ${JSON.stringify(name)}`)
  return found
}

/**
 * How a provider's name is spelled, as its definition says (the name itself for one the registry lacks).
 *
 * @since 0.2.0
 */
export const displayName = (name: Provider.Provider): string => byName.get(name)?.displayName ?? name

/**
 * A provider's place in the canonical order (unknown names last).
 *
 * @since 0.2.0
 */
export const order = (name: Provider.Provider): number => {
  const index = names.indexOf(name)
  return index === -1 ? names.length : index
}

/**
 * "A, B, C or D".
 *
 * @since 0.2.0
 */
export const oneOf = (items: ReadonlyArray<string>): string =>
  items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`

/**
 * The providers whose key variable is set, in the canonical order.
 *
 * @since 0.1.0
 */
export const configured: Effect.Effect<ReadonlyArray<Provider.Provider>> = Effect.filter(
  names,
  (name) => ProviderConfig.isSet(definition(name).variables.key)
)

/**
 * The message when no provider is configured.
 *
 * @since 0.1.0
 */
export const noneConfiguredMessage: string =
  `no provider is configured: set ${oneOf(definitions.map(ProviderDefinition.setUp))}` +
  `\n(or pick providers with --provider; try it all without a key: invitekit demo)`

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
    ? Effect.succeed(names.filter((name) => requested.includes(name)))
    : Effect.flatMap(configured, (providers) =>
      providers.length === 0
        ? Effect.fail(new UsageError({ message: noneConfiguredMessage }))
        : Effect.succeed(providers))

/**
 * Each provider's page sizes as the help says them: "OpenAI 1–100 (default 100), …".
 *
 * @since 0.2.0
 */
export const pageSizesHelp: string = definitions.map((definition) =>
  `${definition.displayName} ${PageSize.format(definition.pageSizes)} (default ${definition.pageSizes.default})`
).join(", ")

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
  const outOfRange = providers.map(definition).filter((provider) => !PageSize.contains(provider.pageSizes, pageSize))
  if (outOfRange.length === 0) return Effect.void
  const ranges = outOfRange.map((provider) => `${provider.displayName} accepts ${PageSize.format(provider.pageSizes)}`)
  return Effect.fail(
    new UsageError({
      message: `--page-size ${pageSize} is out of range: ${ranges.join(", ")}. ` +
        `Pick a size every listed provider accepts, or list them separately with --provider.`
    })
  )
}
