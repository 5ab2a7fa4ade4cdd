/**
 * @since 0.1.0
 */
export * as PortkeyClient from "./PortkeyClient.js"

/**
 * @since 0.1.0
 */
export * as PortkeyInvites from "./PortkeyInvites.js"

/**
 * @since 0.1.0
 */
export * as PortkeySchema from "./PortkeySchema.js"

/**
 * @since 0.2.0
 */
export * as PortkeyProvider from "./PortkeyProvider.js"
