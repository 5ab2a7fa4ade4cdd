/**
 * The errors every provider fails with. Each names the provider and says what a user can do.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { displayName, Provider } from "./Provider.js"

/**
 * The account an error happened in, when a program lists several of one provider: set by the account's source on
 * every error of its stream, and shown after the provider ("OpenAI (acme-prod): …") unless it is the provider's
 * own name.
 */
const account = Schema.optional(Schema.String)

const who = (error: { readonly provider: Provider; readonly account?: string | undefined }): string =>
  error.account === undefined || error.account === error.provider
    ? displayName(error.provider)
    : `${displayName(error.provider)} (${error.account})`

const isVariableName = (name: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)

/**
 * A setting is missing or invalid. Names the environment variable to fix.
 *
 * @since 0.1.0
 */
export class ConfigError extends Schema.TaggedError<ConfigError>("@invitekit/core/ConfigError")("ConfigError", {
  provider: Provider,
  variable: Schema.String,
  reason: Schema.String,
  account
}) {
  override get message(): string {
    return `${who(this)}: ${this.variable} ${this.reason}`
  }
}

/**
 * The provider refused the key (HTTP 401 or 403). Names the variable that holds the key, never the key.
 *
 * @since 0.1.0
 */
export class AuthenticationError
  extends Schema.TaggedError<AuthenticationError>("@invitekit/core/AuthenticationError")("AuthenticationError", {
    provider: Provider,
    status: Schema.Number,
    variable: Schema.String,
    account
  })
{
  override get message(): string {
    const refused = this.status === 403 ? "does not allow listing invites" : "was rejected"
    // A key from a file or a command is named by where it comes from, which is not something to "set".
    const fix = isVariableName(this.variable)
      ? `Set ${this.variable} to an admin key of the organization.`
      : `Put an admin key of the organization there.`
    return `${who(this)}: the key in ${this.variable} ${refused} (HTTP ${this.status}). ${fix}`
  }
}

/**
 * The provider rejected the request (a 4xx other than 401/403), with the provider's own message.
 *
 * @since 0.1.0
 */
export class InvalidRequestError
  extends Schema.TaggedError<InvalidRequestError>("@invitekit/core/InvalidRequestError")("InvalidRequestError", {
    provider: Provider,
    status: Schema.Number,
    request: Schema.String,
    providerMessage: Schema.String,
    account
  })
{
  override get message(): string {
    return `${who(this)} rejected ${this.request} (HTTP ${this.status}): ${this.providerMessage}`
  }
}

// A name that does not resolve will not start resolving on a retry: the URL is what to check. Library users set
// the retries and timeout through ProviderSettings or its variables (a CLI names its own flags in its hint).
const unresolvedHost = /\b(ENOTFOUND|EAI_NONAME)\b/

const unavailableAdvice = (lastFailure: string): string =>
  unresolvedHost.test(lastFailure)
    ? "The host name does not resolve: check the provider's base URL."
    : "Try again later, or raise the retries or the timeout (ProviderSettings retry.maxRetries / timeout, " +
      "or INVITEKIT_MAX_RETRIES / INVITEKIT_TIMEOUT)."

/**
 * Every attempt failed with a transient failure (429, 5xx, a transport error or a timeout) until the retries ran out.
 *
 * @since 0.1.0
 */
export class ProviderUnavailableError extends Schema.TaggedError<ProviderUnavailableError>(
  "@invitekit/core/ProviderUnavailableError"
)("ProviderUnavailableError", {
  provider: Provider,
  request: Schema.String,
  attempts: Schema.Number,
  elapsedMillis: Schema.Number,
  lastFailure: Schema.String,
  account
}) {
  override get message(): string {
    const tries = this.attempts === 1 ? "1 attempt" : `${this.attempts} attempts`
    return `${who(this)} is unavailable: ${this.request} failed ${tries} over ` +
      `${formatElapsed(this.elapsedMillis)} (last: ${this.lastFailure}). ${unavailableAdvice(this.lastFailure)}`
  }
}

/**
 * The provider answered with a body that does not match its schema, or broke its pagination protocol.
 * Names the request and the field path.
 *
 * @since 0.1.0
 */
export class InvalidResponseError
  extends Schema.TaggedError<InvalidResponseError>("@invitekit/core/InvalidResponseError")("InvalidResponseError", {
    provider: Provider,
    request: Schema.String,
    path: Schema.String,
    reason: Schema.String,
    account
  })
{
  override get message(): string {
    const at = this.path === "" ? "" : ` at ${this.path}`
    return `${who(this)} sent an invalid response to ${this.request}${at}: ${this.reason}`
  }
}

/**
 * Any error a provider fails with.
 *
 * @since 0.1.0
 */
export type ProviderError =
  | ConfigError
  | AuthenticationError
  | InvalidRequestError
  | ProviderUnavailableError
  | InvalidResponseError

/**
 * The schema of every provider error, to encode or decode them (e.g. across processes).
 *
 * @since 0.1.0
 */
export const ProviderError = Schema.Union(
  ConfigError,
  AuthenticationError,
  InvalidRequestError,
  ProviderUnavailableError,
  InvalidResponseError
)

const providerErrorTags: ReadonlySet<string> = new Set([
  "ConfigError",
  "AuthenticationError",
  "InvalidRequestError",
  "ProviderUnavailableError",
  "InvalidResponseError"
])

/**
 * Whether a value is one of the provider errors.
 *
 * @since 0.1.0
 */
export const isProviderError = (u: unknown): u is ProviderError =>
  typeof u === "object" && u !== null && "_tag" in u && "provider" in u &&
  typeof u._tag === "string" && providerErrorTags.has(u._tag)

/**
 * The same error, naming the account it happened in (see `account` on each error).
 *
 * @since 0.2.0
 */
export const withAccount = (account: string) => (error: ProviderError): ProviderError => {
  switch (error._tag) {
    case "ConfigError":
      return new ConfigError({ ...error, account })
    case "AuthenticationError":
      return new AuthenticationError({ ...error, account })
    case "InvalidRequestError":
      return new InvalidRequestError({ ...error, account })
    case "ProviderUnavailableError":
      return new ProviderUnavailableError({ ...error, account })
    case "InvalidResponseError":
      return new InvalidResponseError({ ...error, account })
  }
}

const formatElapsed = (millis: number): string =>
  millis < 1000 ? `${Math.round(millis)} ms` : `${(millis / 1000).toFixed(1)} s`
