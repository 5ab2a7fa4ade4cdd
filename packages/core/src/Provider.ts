/**
 * A provider's name and how people spell it. Core does not enumerate providers: each provider package names
 * itself (`Provider.make`) and the CLI's registry lists the definitions, so a new provider touches neither.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The name of a provider, as it appears in every invite and error: a lower-case identifier (`openai`).
 *
 * @since 0.1.0
 */
export const Provider = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9-]*$/, { message: () => "Expected a provider name (lower-case letters, digits, -)" })
)

/**
 * @since 0.1.0
 */
export type Provider = string

/**
 * A provider's identity: its name and how people spell it.
 *
 * @since 0.2.0
 */
export interface Identity {
  readonly name: Provider
  readonly displayName: string
}

// How each provider spells itself. Filled by `make`, which every provider package calls when its client module
// loads, so an error built anywhere in that package reads "OpenAI: …" rather than "openai: …".
const displayNames = new Map<Provider, string>()

/**
 * Names a provider (called once, by its package) and records how its name is spelled in messages.
 *
 * @since 0.2.0
 */
export const make = (name: Provider, displayName: string): Identity => {
  displayNames.set(name, displayName)
  return { name, displayName }
}

/**
 * A provider's name as people write it, for messages: as its package spelled it, else the name itself.
 *
 * @since 0.1.0
 */
export const displayName = (provider: Provider): string => displayNames.get(provider) ?? provider
