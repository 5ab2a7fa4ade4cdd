/**
 * The AI platforms invitekit lists invites from.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The name of a provider, as it appears in every invite and error.
 *
 * @since 0.1.0
 */
export const Provider = Schema.Literal("openai", "anthropic", "portkey", "openlayer")

/**
 * @since 0.1.0
 */
export type Provider = typeof Provider.Type

/**
 * Every provider, in the order the CLI lists them.
 *
 * @since 0.1.0
 */
export const all: ReadonlyArray<Provider> = Provider.literals

/**
 * A provider's name as people write it, for messages.
 *
 * @since 0.1.0
 */
export const displayName = (provider: Provider): string => displayNames[provider]

const displayNames: Record<Provider, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  portkey: "Portkey",
  openlayer: "Openlayer"
}
