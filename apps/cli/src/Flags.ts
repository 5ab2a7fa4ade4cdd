/**
 * The options `list` and `summary` share — which providers, which invites, how to talk HTTP — and how they
 * become `ProviderHttp` settings (a flag wins over its `INVITEKIT_*` variable, which wins over the default).
 *
 * @since 0.1.0
 */
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Provider from "@invitekit/core/Provider"
import * as ProviderHttp from "@invitekit/core/ProviderHttp"
import type * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { UsageError } from "./Failure.js"

const check = <A>(name: string, valid: (value: A) => boolean, expected: string) => (value: A) =>
  valid(value)
    ? Effect.succeed(value)
    : Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--${name} must be ${expected}, not ${String(value)}`)))

const positiveInteger = (name: string) =>
  Options.integer(name).pipe(
    Options.mapEffect(check(name, (n: number) => n >= 1, "a whole number of at least 1")),
    Options.optional
  )

/**
 * `--provider` (repeatable).
 *
 * @since 0.1.0
 */
export const provider = Options.choice("provider", Provider.all).pipe(
  Options.repeated,
  Options.withDescription(
    "A provider to list; repeat for several. Default: every provider whose key variable is set " +
      "(OPENAI_ADMIN_KEY, ANTHROPIC_ADMIN_KEY, PORTKEY_API_KEY, OPENLAYER_API_KEY)."
  )
)

/**
 * @since 0.1.0
 */
export const status = Options.text("status").pipe(
  Options.optional,
  Options.withDescription("Only invites with this status (pending, accepted, expired, …; case ignored).")
)

/**
 * @since 0.1.0
 */
export const role = Options.text("role").pipe(
  Options.optional,
  Options.withDescription("Only invites with this role, as the provider names it (case ignored).")
)

/**
 * @since 0.1.0
 */
export const email = Options.text("email").pipe(
  Options.optional,
  Options.withDescription("Only invites to this e-mail address (case ignored).")
)

/**
 * @since 0.1.0
 */
export const pageSize = positiveInteger("page-size").pipe(
  Options.withDescription(
    "Invites asked per page, for every provider listed (OpenAI 1–100, Anthropic 1–1000, Portkey 1–1000, " +
      "Openlayer 1–100). Default: each provider's largest."
  )
)

/**
 * @since 0.1.0
 */
export const timeout = Options.float("timeout").pipe(
  Options.mapEffect(check("timeout", (s: number) => s > 0 && s <= 86_400, "a number of seconds above 0")),
  Options.optional,
  Options.withDescription(
    `Seconds one HTTP attempt may take (default 30; env ${ProviderHttp.settingsVariables.timeout}).`
  )
)

/**
 * @since 0.1.0
 */
export const maxRetries = Options.integer("max-retries").pipe(
  Options.mapEffect(check("max-retries", (n: number) => n >= 0 && n <= 100, "a whole number from 0 to 100")),
  Options.optional,
  Options.withDescription(
    `Retries of a failed request (429, 5xx, network, timeout) before giving up (default 5; env ${ProviderHttp.settingsVariables.maxRetries}).`
  )
)

/**
 * @since 0.1.0
 */
export const allowInsecureHttp = Options.boolean("allow-insecure-http").pipe(
  Options.withDescription(
    `Allow plain http:// base URLs to hosts other than loopback: keys travel unencrypted ` +
      `(env ${ProviderHttp.settingsVariables.allowInsecureHttp}).`
  )
)

/**
 * Every shared option, for `Command.make`.
 *
 * @since 0.1.0
 */
export const shared = { provider, status, role, email, pageSize, timeout, maxRetries, allowInsecureHttp }

/**
 * @since 0.1.0
 */
export interface Shared {
  readonly provider: ReadonlyArray<Provider.Provider>
  readonly status: Option.Option<string>
  readonly role: Option.Option<string>
  readonly email: Option.Option<string>
  readonly pageSize: Option.Option<number>
  readonly timeout: Option.Option<number>
  readonly maxRetries: Option.Option<number>
  readonly allowInsecureHttp: boolean
}

/**
 * The filter the shared options describe.
 *
 * @since 0.1.0
 */
export const filter = (flags: Shared) => ({
  status: Option.getOrUndefined(flags.status),
  role: Option.getOrUndefined(flags.role),
  email: Option.getOrUndefined(flags.email)
})

/**
 * The HTTP settings: flags over the `INVITEKIT_*` environment over the defaults. A bad variable is a usage
 * error naming it.
 *
 * @since 0.1.0
 */
export const settings = (flags: Shared): Effect.Effect<ProviderHttp.Settings, UsageError> =>
  Effect.map(
    Effect.mapError(ProviderHttp.settingsConfig, (error) => new UsageError({ message: describeConfigError(error) })),
    (fromEnv): ProviderHttp.Settings => ({
      ...fromEnv,
      timeout: Option.match(flags.timeout, {
        onNone: () => fromEnv.timeout,
        onSome: (seconds) => Duration.millis(Math.round(seconds * 1000))
      }),
      retry: Option.match(flags.maxRetries, {
        onNone: () => fromEnv.retry,
        onSome: (maxRetries) => ({ ...fromEnv.retry, maxRetries })
      }),
      allowInsecureHttp: flags.allowInsecureHttp || fromEnv.allowInsecureHttp
    })
  )

const describeConfigError = (error: ConfigError.ConfigError): string => {
  switch (error._op) {
    case "MissingData":
    case "InvalidData":
    case "SourceUnavailable":
    case "Unsupported":
      return `${error.path.join("_")}: ${error.message}`
    case "And":
    case "Or":
      return describeConfigError(error.left)
  }
}
