/**
 * The options `list` and `summary` share — which providers, which invites, how to talk HTTP — and how they
 * become `ProviderHttp` settings (a flag wins over its `INVITEKIT_*` variable, which wins over the default).
 *
 * @since 0.1.0
 */
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import type * as Provider from "@invitekit/core/Provider"
import * as ProviderSettings from "@invitekit/core/ProviderSettings"
import type * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { UsageError } from "./Failure.js"
import * as Providers from "./Providers.js"

const check = <A>(name: string, valid: (value: A) => boolean, expected: string) => (value: A) =>
  valid(value)
    ? Effect.succeed(value)
    : Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--${name} must be ${expected}, not ${String(value)}`)))

/**
 * A numeric flag whose bad value names the flag (`--page-size: 'abc' is not a whole number`): @effect/cli's
 * own integer and float options say only `'abc' is not a integer`.
 *
 * @since 0.2.0
 */
export const number = (name: string, kind: "whole" | "decimal") =>
  Options.text(name).pipe(
    Options.withPseudoName(kind === "whole" ? "integer" : "number"),
    Options.mapEffect((text) => {
      const pattern = kind === "whole" ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
      const value = Number(text)
      return pattern.test(text.trim()) && Number.isFinite(value)
        ? Effect.succeed(value)
        : Effect.fail(ValidationError.invalidValue(HelpDoc.p(
          `--${name}: '${text}' is not a ${kind === "whole" ? "whole number" : "number"}`
        )))
    })
  )

/**
 * A flag taking one of `choices`; a bad value names the flag and the choices
 * (`--format: 'xml' is not one of table, json, ndjson, csv`).
 *
 * @since 0.2.0
 */
export const choice = <const A extends string>(name: string, choices: ReadonlyArray<A>) =>
  Options.text(name).pipe(
    Options.withPseudoName(remember(name, choices)),
    Options.mapEffect(oneOf(name, choices))
  )

/**
 * The choices of `choice` and `repeatedChoice` flags, by flag name and pseudo-name: they parse text (for
 * their error messages), so help and shell completions read the values here rather than from @effect/cli.
 */
const choiceLists = new Map<string, ReadonlyArray<string>>()

const remember = (name: string, choices: ReadonlyArray<string>): string => {
  const pseudoName = choices.join(" | ")
  choiceLists.set(`${name}\0${pseudoName}`, choices)
  return pseudoName
}

/**
 * The values of a flag made by `choice` or `repeatedChoice` (its name and the pseudo-name @effect/cli keeps),
 * or undefined for any other flag.
 *
 * @since 0.2.0
 */
export const choicesOf = (name: string, pseudoName: string | undefined): ReadonlyArray<string> | undefined =>
  pseudoName === undefined ? undefined : choiceLists.get(`${name}\0${pseudoName}`)

/**
 * A repeatable `choice` (`--provider a --provider b`): @effect/cli repeats only a plain option, so the values
 * are checked once collected.
 *
 * @since 0.2.0
 */
export const repeatedChoice = <const A extends string>(name: string, choices: ReadonlyArray<A>) =>
  Options.text(name).pipe(
    Options.withPseudoName(remember(name, choices)),
    Options.repeated,
    Options.mapEffect((values) => Effect.forEach(values, oneOf(name, choices)))
  )

const oneOf = <A extends string>(name: string, choices: ReadonlyArray<A>) => (text: string) =>
  (choices as ReadonlyArray<string>).includes(text)
    ? Effect.succeed(text as A)
    : Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--${name}: '${text}' is not one of ${choices.join(", ")}`)))

const positiveInteger = (name: string) =>
  number(name, "whole").pipe(
    Options.mapEffect(check(name, (n: number) => n >= 1, "a whole number of at least 1")),
    Options.optional
  )

/**
 * `--provider` (repeatable).
 *
 * @since 0.1.0
 */
export const provider = repeatedChoice("provider", Providers.names).pipe(
  Options.withDescription(
    "A provider to list; repeat for several. Default: every provider whose key variable is set " +
      `(${Providers.definitions.map((definition) => definition.variables.key).join(", ")}).`
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
    `Invites asked per page, for every provider listed (${Providers.pageSizesHelp}).`
  )
)

/**
 * @since 0.1.0
 */
export const timeout = number("timeout", "decimal").pipe(
  Options.mapEffect(check("timeout", ProviderSettings.isTimeoutSeconds, ProviderSettings.timeoutExpected)),
  Options.optional,
  Options.withDescription(
    `Seconds one HTTP attempt may take (default ${
      Duration.toSeconds(ProviderSettings.defaults.timeout)
    }; env ${ProviderSettings.variables.timeout}).`
  )
)

/**
 * @since 0.1.0
 */
export const maxRetries = number("max-retries", "whole").pipe(
  Options.mapEffect(check("max-retries", ProviderSettings.isMaxRetries, ProviderSettings.maxRetriesExpected)),
  Options.optional,
  Options.withDescription(
    `Retries of a failed request (429, 5xx, network, timeout) before giving up (default ${ProviderSettings.defaults.retry.maxRetries}; ` +
      `env ${ProviderSettings.variables.maxRetries}).`
  )
)

/**
 * @since 0.1.0
 */
export const allowInsecureHttp = Options.boolean("allow-insecure-http").pipe(
  Options.withDescription(
    `Allow plain http:// base URLs to hosts other than loopback: keys travel unencrypted ` +
      `(env ${ProviderSettings.variables.allowInsecureHttp}).`
  )
)

/**
 * `--config PATH`: the config file of accounts.
 *
 * @since 0.2.0
 */
export const config = Options.file("config").pipe(
  Options.optional,
  Options.withDescription(
    "The config file of accounts (default $INVITEKIT_CONFIG, else $XDG_CONFIG_HOME/invitekit/config.yaml, " +
      "else ~/.config/invitekit/config.yaml). Without one, each provider's environment variables are one account."
  )
)

/**
 * `--account NAME` (repeatable).
 *
 * @since 0.2.0
 */
export const account = Options.text("account").pipe(
  Options.repeated,
  Options.withDescription(
    "An account of the config file to list; repeat for several (default: all; --provider still filters). " +
      "Without a config file, accounts are named after their providers."
  )
)

/**
 * `--concurrency N`: accounts listed at once.
 *
 * @since 0.2.0
 */
export const concurrency = positiveInteger("concurrency").pipe(
  Options.withDescription("How many accounts are listed at once (default 4); each account's pages come in order.")
)

/**
 * The default of `--concurrency`.
 *
 * @since 0.2.0
 */
export const defaultConcurrency = 4

/**
 * Every shared option, for `Command.make`.
 *
 * @since 0.1.0
 */
export const shared = {
  provider,
  status,
  role,
  email,
  pageSize,
  timeout,
  maxRetries,
  allowInsecureHttp,
  config,
  account,
  concurrency
}

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
  readonly config: Option.Option<string>
  readonly account: ReadonlyArray<string>
  readonly concurrency: Option.Option<number>
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
export const settings = (flags: Pick<Shared, "timeout" | "maxRetries" | "allowInsecureHttp">): Effect.Effect<ProviderSettings.Settings, UsageError> =>
  Effect.map(
    Effect.mapError(ProviderSettings.config, (error) => new UsageError({ message: describeConfigError(error) })),
    (fromEnv): ProviderSettings.Settings => ({
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
