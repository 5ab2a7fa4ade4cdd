/**
 * The errors a Promise-world listing (`listInvites` of each provider's `promise` entry) throws: real `Error`
 * subclasses, one per `ProviderError` tag, under one base class, so plain TypeScript can `instanceof`-check them.
 * Each carries the tag, the provider, the account and the same message as the Effect error — never a key (the
 * Effect errors are already scrubbed, and nothing else is copied).
 *
 * @since 0.2.0
 */
import type * as ProviderError from "./ProviderError.js"

/**
 * What every invitekit error carries.
 *
 * @since 0.2.0
 */
export class InviteKitError extends Error {
  /** The `ProviderError` tag: `ConfigError`, `AuthenticationError`, … */
  readonly tag: ProviderError.ProviderError["_tag"]
  /** The provider's name (`openai`). */
  readonly provider: string
  /** The account the failing listing was tagged with, when known. */
  readonly account: string | undefined
  constructor(error: ProviderError.ProviderError, account: string | undefined) {
    super(error.message)
    this.name = error._tag
    this.tag = error._tag
    this.provider = error.provider
    this.account = account
  }
}

/**
 * A setting is missing or invalid; `variable` names the environment variable or option to fix.
 *
 * @since 0.2.0
 */
export class ConfigError extends InviteKitError {
  readonly variable: string
  constructor(error: ProviderError.ConfigError, account: string | undefined) {
    super(error, account)
    this.variable = error.variable
  }
}

/**
 * The provider refused the key (HTTP 401 or 403); `variable` names where the key came from.
 *
 * @since 0.2.0
 */
export class AuthenticationError extends InviteKitError {
  readonly status: number
  readonly variable: string
  constructor(error: ProviderError.AuthenticationError, account: string | undefined) {
    super(error, account)
    this.status = error.status
    this.variable = error.variable
  }
}

/**
 * The provider rejected the request (a 4xx other than 401/403).
 *
 * @since 0.2.0
 */
export class InvalidRequestError extends InviteKitError {
  readonly status: number
  readonly request: string
  constructor(error: ProviderError.InvalidRequestError, account: string | undefined) {
    super(error, account)
    this.status = error.status
    this.request = error.request
  }
}

/**
 * Every attempt failed with a transient failure (429, 5xx, a transport error or a timeout).
 *
 * @since 0.2.0
 */
export class ProviderUnavailableError extends InviteKitError {
  readonly request: string
  readonly attempts: number
  constructor(error: ProviderError.ProviderUnavailableError, account: string | undefined) {
    super(error, account)
    this.request = error.request
    this.attempts = error.attempts
  }
}

/**
 * The provider answered with a body that does not match its schema, or broke its pagination protocol.
 *
 * @since 0.2.0
 */
export class InvalidResponseError extends InviteKitError {
  readonly request: string
  readonly path: string
  constructor(error: ProviderError.InvalidResponseError, account: string | undefined) {
    super(error, account)
    this.request = error.request
    this.path = error.path
  }
}

/**
 * The plain error for an Effect `ProviderError`.
 *
 * @since 0.2.0
 */
export const fromProviderError = (error: ProviderError.ProviderError, account?: string): InviteKitError => {
  // The account the error itself names (multi-account sources set it) wins over the caller's guess.
  const named = "account" in error && typeof error.account === "string" ? error.account : account
  switch (error._tag) {
    case "ConfigError":
      return new ConfigError(error, named)
    case "AuthenticationError":
      return new AuthenticationError(error, named)
    case "InvalidRequestError":
      return new InvalidRequestError(error, named)
    case "ProviderUnavailableError":
      return new ProviderUnavailableError(error, named)
    case "InvalidResponseError":
      return new InvalidResponseError(error, named)
  }
}
