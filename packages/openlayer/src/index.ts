/**
 * @since 0.1.0
 */
export * as OpenlayerClient from "./OpenlayerClient.js"

/**
 * @since 0.1.0
 */
export * as OpenlayerInvites from "./OpenlayerInvites.js"

/**
 * @since 0.1.0
 */
export * as OpenlayerSchema from "./OpenlayerSchema.js"

/**
 * @since 0.2.0
 */
export * as OpenlayerProvider from "./OpenlayerProvider.js"
