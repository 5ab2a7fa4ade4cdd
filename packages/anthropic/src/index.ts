/**
 * @since 0.1.0
 */
export * as AnthropicClient from "./AnthropicClient.js"

/**
 * @since 0.1.0
 */
export * as AnthropicInvites from "./AnthropicInvites.js"

/**
 * @since 0.1.0
 */
export * as AnthropicSchema from "./AnthropicSchema.js"

/**
 * @since 0.2.0
 */
export * as AnthropicProvider from "./AnthropicProvider.js"
