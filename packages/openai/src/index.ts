/**
 * @since 0.1.0
 */
export * as OpenAiClient from "./OpenAiClient.js"

/**
 * @since 0.1.0
 */
export * as OpenAiInvites from "./OpenAiInvites.js"

/**
 * @since 0.1.0
 */
export * as OpenAiSchema from "./OpenAiSchema.js"

/**
 * @since 0.2.0
 */
export * as OpenAiProvider from "./OpenAiProvider.js"
