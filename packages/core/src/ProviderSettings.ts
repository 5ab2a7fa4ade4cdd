/**
 * The settings every provider's HTTP pipeline shares — timeout, retries, transport security, user agent, body
 * cap — with their defaults, their ranges and the `INVITEKIT_*` variables that set them. The only home of
 * those names and numbers: the CLI's flags, its help and the library read them from here.
 *
 * @since 0.2.0
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { version } from "./internal/version.js"
import * as Retry from "./Retry.js"

/**
 * @since 0.2.0
 */
export interface Settings {
  /** How long one attempt (request and body) may take before it counts as a transient failure. */
  readonly timeout: Duration.DurationInput
  readonly retry: Retry.Options
  /** Send keys over plain `http://` to non-loopback hosts. Off unless a user asks. */
  readonly allowInsecureHttp: boolean
  readonly userAgent: string
  /** The largest body accepted, against hostile or broken servers. */
  readonly maxBodyBytes: number
}

/**
 * 30 s per attempt, the default retry policy, https only, `invitekit/<version>`, 64 MiB bodies.
 *
 * @since 0.2.0
 */
export const defaults: Settings = {
  timeout: Duration.seconds(30),
  retry: Retry.defaults,
  allowInsecureHttp: false,
  userAgent: `invitekit/${version}`,
  maxBodyBytes: 64 * 1024 * 1024
}

/**
 * The settings in force; the defaults apply until a layer provides others.
 *
 * @since 0.2.0
 */
export class CurrentSettings extends Context.Reference<CurrentSettings>()("@invitekit/core/ProviderSettings", {
  defaultValue: (): Settings => defaults
}) {}

/**
 * Provides settings (over the defaults) for every pipeline built inside.
 *
 * @since 0.2.0
 */
export const layer = (settings: Partial<Settings>): Layer.Layer<never> =>
  Layer.succeed(CurrentSettings, { ...defaults, ...settings })

/**
 * The environment variables that set the shared settings.
 *
 * @since 0.2.0
 */
export const variables = {
  timeout: "INVITEKIT_TIMEOUT",
  maxRetries: "INVITEKIT_MAX_RETRIES",
  allowInsecureHttp: "INVITEKIT_ALLOW_INSECURE_HTTP"
} as const

/**
 * The accepted ranges, for validation and help alike.
 *
 * @since 0.2.0
 */
export const ranges = {
  /** Seconds per attempt: above 0, at most a day. */
  timeoutSeconds: { min: 0, max: 86_400 },
  maxRetries: { min: 0, max: 100 }
} as const

/**
 * Whether a timeout in seconds is in range.
 *
 * @since 0.2.0
 */
export const isTimeoutSeconds = (seconds: number): boolean =>
  seconds > ranges.timeoutSeconds.min && seconds <= ranges.timeoutSeconds.max

/**
 * Whether a retry count is in range.
 *
 * @since 0.2.0
 */
export const isMaxRetries = (n: number): boolean =>
  Number.isInteger(n) && n >= ranges.maxRetries.min && n <= ranges.maxRetries.max

/**
 * How a timeout must look, for messages.
 *
 * @since 0.2.0
 */
export const timeoutExpected = "a number of seconds above 0 (at most 86400)"

/**
 * How a retry count must look, for messages.
 *
 * @since 0.2.0
 */
export const maxRetriesExpected = `a whole number from ${ranges.maxRetries.min} to ${ranges.maxRetries.max}`

/**
 * A yes/no variable, spelled as people do: true/false, yes/no, on/off, 1/0, in any case.
 *
 * @since 0.2.0
 */
export const flag = (name: string): Config.Config<boolean> =>
  Config.string(name).pipe(
    Config.mapOrFail((raw) => {
      const value = raw.trim().toLowerCase()
      if (["true", "yes", "on", "1"].includes(value)) return Either.right(true)
      if (["false", "no", "off", "0", ""].includes(value)) return Either.right(false)
      return Either.left(ConfigError.InvalidData([name], `must be true or false, not ${JSON.stringify(raw)}`))
    })
  )

/**
 * Reads the shared settings from the environment: `INVITEKIT_TIMEOUT` (seconds per attempt),
 * `INVITEKIT_MAX_RETRIES`, `INVITEKIT_ALLOW_INSECURE_HTTP`.
 *
 * @since 0.2.0
 */
export const config: Config.Config<Settings> = Config.all({
  timeout: Config.number(variables.timeout).pipe(
    Config.validate({ message: `must be ${timeoutExpected}`, validation: isTimeoutSeconds }),
    Config.map((seconds) => Duration.millis(seconds * 1000)),
    Config.withDefault(defaults.timeout)
  ),
  maxRetries: Config.integer(variables.maxRetries).pipe(
    Config.validate({ message: `must be ${maxRetriesExpected}`, validation: isMaxRetries }),
    Config.withDefault(defaults.retry.maxRetries)
  ),
  allowInsecureHttp: flag(variables.allowInsecureHttp).pipe(Config.withDefault(defaults.allowInsecureHttp))
}).pipe(
  Config.map(({ maxRetries, ...read }): Settings => ({ ...defaults, ...read, retry: { ...defaults.retry, maxRetries } }))
)
