/**
 * A real HTTP server emulating the OpenAI, Anthropic, Portkey and Openlayer invite APIs, with fault
 * injection, for tests, benchmarks and demos.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as Emulator from "./Emulator.js"

/**
 * @since 0.1.0
 */
export * as Dataset from "./Dataset.js"

/**
 * @since 0.1.0
 */
export * as Faults from "./Faults.js"

/**
 * @since 0.1.0
 */
export * as Standalone from "./Standalone.js"
