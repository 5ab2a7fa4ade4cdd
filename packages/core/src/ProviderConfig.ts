/**
 * Reading a provider's settings from the environment, with errors that name the variable to fix.
 * Keys are `Redacted` from the moment they are read.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { Provider } from "./Provider.js"
import * as ProviderError from "./ProviderError.js"

/**
 * Reads a config, turning its failure into a `ProviderError.ConfigError` naming `variable`.
 *
 * @since 0.1.0
 */
export const read = <A>(
  provider: Provider,
  variable: string,
  config: Config.Config<A>
): Effect.Effect<A, ProviderError.ConfigError> =>
  Effect.mapError(
    config,
    (error) => new ProviderError.ConfigError({ provider, variable, reason: describe(error) })
  )

/**
 * An API key: required, not empty, no white space (it goes into a header). Never echoed in an error.
 *
 * @since 0.1.0
 */
export const key = (provider: Provider, variable: string): Effect.Effect<Redacted.Redacted<string>, ProviderError.ConfigError> =>
  read(
    provider,
    variable,
    Config.redacted(variable).pipe(
      Config.validate({
        message: "is empty or contains white space",
        validation: (value) => /^\S+$/.test(Redacted.value(value))
      })
    )
  )

/**
 * Whether a key variable is set (to anything): how the CLI finds the configured providers.
 *
 * @since 0.1.0
 */
export const isSet = (variable: string): Effect.Effect<boolean> =>
  Config.option(Config.redacted(variable)).pipe(
    Effect.map(Option.isSome),
    Effect.orElseSucceed(() => false)
  )

/**
 * A base URL, with a default (the provider's public API).
 *
 * @since 0.1.0
 */
export const baseUrl = (
  provider: Provider,
  variable: string,
  fallback: string
): Effect.Effect<string, ProviderError.ConfigError> =>
  read(
    provider,
    variable,
    Config.string(variable).pipe(
      Config.map((url) => url.trim()),
      Config.withDefault(fallback)
    )
  )

const describe = (error: ConfigError.ConfigError): string => {
  switch (error._op) {
    case "MissingData":
      return "is not set"
    case "InvalidData":
      return error.message
    case "And":
    case "Or":
      return describe(error.left)
    default:
      return "could not be read"
  }
}
