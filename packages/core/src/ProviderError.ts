/**
 * The errors every provider fails with. Each names the provider and says what a user can do.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { displayName, Provider } from "./Provider.js"

/**
 * A setting is missing or invalid. Names the environment variable to fix.
 *
 * @since 0.1.0
 */
export class ConfigError extends Schema.TaggedError<ConfigError>("@invitekit/core/ConfigError")("ConfigError", {
  provider: Provider,
  variable: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `${displayName(this.provider)}: ${this.variable} ${this.reason}`
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
    variable: Schema.String
  })
{
  override get message(): string {
    const refused = this.status === 403 ? "does not allow listing invites" : "was rejected"
    return `${displayName(this.provider)}: the key in ${this.variable} ${refused} (HTTP ${this.status}). ` +
      `Set ${this.variable} to an admin key of the organization.`
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
    providerMessage: Schema.String
  })
{
  override get message(): string {
    return `${displayName(this.provider)} rejected ${this.request} (HTTP ${this.status}): ${this.providerMessage}`
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
  lastFailure: Schema.String
}) {
  override get message(): string {
    const tries = this.attempts === 1 ? "1 attempt" : `${this.attempts} attempts`
    return `${displayName(this.provider)} is unavailable: ${this.request} failed ${tries} over ` +
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
    reason: Schema.String
  })
{
  override get message(): string {
    const at = this.path === "" ? "" : ` at ${this.path}`
    return `${displayName(this.provider)} sent an invalid response to ${this.request}${at}: ${this.reason}`
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

const formatElapsed = (millis: number): string =>
  millis < 1000 ? `${Math.round(millis)} ms` : `${(millis / 1000).toFixed(1)} s`
