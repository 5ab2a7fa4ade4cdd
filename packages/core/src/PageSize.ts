/**
 * How many invites a page holds: each API's range and default, and the one check of a requested size against
 * it, before any request is sent (the API would only answer 400, or — worse — serve fewer and make every full
 * page look like the last).
 *
 * @since 0.2.0
 */
import * as Effect from "effect/Effect"
import type { Provider } from "./Provider.js"
import * as ProviderError from "./ProviderError.js"

/**
 * The page sizes an API accepts, and the one asked for when none is given.
 *
 * @since 0.2.0
 */
export interface Range {
  readonly min: number
  readonly max: number
  readonly default: number
}

/**
 * Whether a size is in the range.
 *
 * @since 0.2.0
 */
export const contains = (range: Range, size: number): boolean =>
  Number.isInteger(size) && size >= range.min && size <= range.max

/**
 * The range as people read it: `1–100`.
 *
 * @since 0.2.0
 */
export const format = (range: Range): string => `${range.min}–${range.max}`

/**
 * The size to ask for: the requested one when it is in range, the default when none is; anything else fails
 * with a `ConfigError` naming `setting` (the caller's option, e.g. `pageSize`).
 *
 * @since 0.2.0
 */
export const resolve = (
  provider: Provider,
  range: Range,
  requested: number | undefined,
  setting = "pageSize"
): Effect.Effect<number, ProviderError.ConfigError> =>
  requested === undefined
    ? Effect.succeed(range.default)
    : contains(range, requested)
    ? Effect.succeed(requested)
    : Effect.fail(
      new ProviderError.ConfigError({
        provider,
        variable: setting,
        reason: `must be a whole number from ${range.min} to ${range.max}, not ${requested}`
      })
    )
