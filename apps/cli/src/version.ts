/**
 * The CLI's version: the package.json version, inlined by the bundle script.
 *
 * @since 0.1.0
 */
declare const __INVITEKIT_VERSION__: string | undefined

/**
 * @since 0.1.0
 */
export const version: string = typeof __INVITEKIT_VERSION__ === "string" ? __INVITEKIT_VERSION__ : "0.0.0-dev"
