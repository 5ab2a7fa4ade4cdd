/**
 * invitekit for programs that do not use Effect: a provider's invites as an `AsyncIterable` of plain objects,
 * for `for await`. Built on the provider's definition (`source()`), so it is the same validated, retried,
 * guarded listing as the Effect API and the CLI — not a second client. Each provider's `promise` entry
 * (`import { listInvites } from "@invitekit/openai/promise"`) is this function bound to its definition.
 *
 * @since 0.2.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { toAsyncIterable } from "./internal/asyncIterable.js"
import * as Invite from "./Invite.js"
import * as InviteKitError from "./InviteKitError.js"
import type * as ProviderDefinition from "./ProviderDefinition.js"
import * as ProviderError from "./ProviderError.js"
import * as ProviderSettings from "./ProviderSettings.js"

/**
 * An invite as plain data: instants are `Date`s (UTC), lists are arrays, nothing is an Effect type.
 *
 * @since 0.2.0
 */
export interface PlainInvite {
  readonly account: string
  readonly provider: string
  readonly id: string
  readonly email: string
  readonly role: string
  readonly status: string
  readonly invitedAt: Date | null
  readonly expiresAt: Date | null
  readonly acceptedAt: Date | null
  readonly invitedBy: string | null
  readonly scopes: ReadonlyArray<{
    readonly kind: "project" | "workspace"
    readonly id: string
    readonly name: string | null
    readonly role: string | null
  }>
}

/**
 * The plain form of an invite.
 *
 * @since 0.2.0
 */
export const toPlain = (invite: Invite.Invite): PlainInvite =>
  Invite.withInstants(invite, (instant) => instant === null ? null : new Date(instant.epochMillis))

/**
 * Where one account is reached. What is not given is read from the provider's environment variables, as the
 * CLI reads them.
 *
 * @since 0.2.0
 */
export interface Connection {
  /** The API key; default the provider's key variable (e.g. `OPENAI_ADMIN_KEY`). */
  readonly apiKey?: string | undefined
  /** Default the provider's base URL variable (e.g. `OPENAI_BASE_URL`), else its public API. */
  readonly baseUrl?: string | undefined
}

/**
 * How to list: the Effect API's options, as plain values.
 *
 * @since 0.2.0
 */
export interface Options<Extra = {}> extends Connection {
  /** The name every invite (and error) is tagged with; default the provider's name. */
  readonly account?: string | undefined
  /**
   * Several accounts of the provider, listed concurrently and merged in arrival order; what an account does not
   * give falls back to the options above, then to the environment. Not with `account`.
   */
  readonly accounts?: ReadonlyArray<Connection & Partial<Extra> & { readonly name: string }> | undefined
  /** Invites per page, in the provider's range; default its largest. */
  readonly pageSize?: number | undefined
  /** Milliseconds one HTTP attempt may take (default 30000; env `INVITEKIT_TIMEOUT`, in seconds). */
  readonly timeout?: number | undefined
  /** Retries of a failed request (429, 5xx, network, timeout), 0–100 (default 4; env `INVITEKIT_MAX_RETRIES`). */
  readonly maxRetries?: number | undefined
  /** Allow plain `http://` to hosts other than loopback (env `INVITEKIT_ALLOW_INSECURE_HTTP`). */
  readonly allowInsecureHttp?: boolean | undefined
  /** Only invites with this status / role / e-mail (case ignored). */
  readonly status?: string | undefined
  readonly role?: string | undefined
  readonly email?: string | undefined
  /** Aborting it cancels the request in flight; the loop rejects with the signal's reason (an `AbortError`). */
  readonly signal?: AbortSignal | undefined
}

/**
 * A provider-specific option and the variable it stands for (Openlayer's `workspaceIds` for
 * `OPENLAYER_WORKSPACE_ID`).
 *
 * @since 0.2.0
 */
export interface Extra {
  readonly option: string
  readonly variable: string
  readonly encode: (value: unknown) => string
}

interface Given {
  readonly variable: string
  /** The option it came from, as errors name it (`apiKey`, `accounts[1].apiKey`). */
  readonly option: string
  readonly value: Redacted.Redacted<string>
}

/**
 * Lists a provider's invites. Nothing happens until the loop starts; each loop is a fresh listing. A setting
 * that is missing or invalid rejects the first `next()` with a `ConfigError` naming it.
 *
 * @since 0.2.0
 */
export const listInvites = <X = {}>(
  definition: ProviderDefinition.ProviderDefinition,
  options: Options<X> = {},
  extras: ReadonlyArray<Extra> = []
): AsyncIterable<PlainInvite> => {
  const provider = definition.name
  // A setting shared by every account fails the whole listing: it names the account only when there is one.
  const listingAccount = options.accounts === undefined ? options.account ?? provider : undefined
  const configError = (variable: string, reason: string) =>
    InviteKitError.fromProviderError(new ProviderError.ConfigError({ provider, variable, reason }), listingAccount)
  // Keys are wrapped the moment they are read; the raw value is only handed to the config provider.
  const pick = (
    source: Record<string, unknown>,
    prefix: string
  ): ReadonlyArray<Given> => {
    const entries: Array<Given> = []
    const add = (variable: string, option: string, value: unknown, encode: (value: unknown) => string) => {
      if (value !== undefined) entries.push({ variable, option: `${prefix}${option}`, value: Redacted.make(encode(value)) })
    }
    add(definition.variables.key, "apiKey", source.apiKey, String)
    add(definition.variables.baseUrl, "baseUrl", source.baseUrl, String)
    for (const extra of extras) add(extra.variable, extra.option, source[extra.option], extra.encode)
    return entries
  }
  const top = pick(options as Record<string, unknown>, "")

  const settings = Effect.gen(function*() {
    const fromEnv = yield* Effect.mapError(ProviderSettings.config, (error) =>
      configError(
        error._op === "MissingData" || error._op === "InvalidData" ? error.path.join("_") : "INVITEKIT_*",
        error._op === "InvalidData" ? error.message : "could not be read"
      ))
    const { timeout, maxRetries, allowInsecureHttp } = options
    if (timeout !== undefined && !(Number.isFinite(timeout) && ProviderSettings.isTimeoutSeconds(timeout / 1000))) {
      return yield* Effect.fail(configError("timeout", `must be milliseconds above 0 (at most 86400000), not ${timeout}`))
    }
    if (maxRetries !== undefined && !ProviderSettings.isMaxRetries(maxRetries)) {
      return yield* Effect.fail(
        configError("maxRetries", `must be ${ProviderSettings.maxRetriesExpected}, not ${maxRetries}`)
      )
    }
    return {
      ...fromEnv,
      timeout: timeout === undefined ? fromEnv.timeout : timeout,
      retry: maxRetries === undefined ? fromEnv.retry : { ...fromEnv.retry, maxRetries },
      allowInsecureHttp: allowInsecureHttp === true || fromEnv.allowInsecureHttp
    } satisfies ProviderSettings.Settings
  })

  const filter = { status: options.status, role: options.role, email: options.email }

  /** One account's invites, its given options over the environment, its errors as plain errors. */
  const one = (
    account: string,
    given: ReadonlyArray<Given>,
    resolved: ProviderSettings.Settings
  ): Stream.Stream<Invite.Invite, InviteKitError.InviteKitError, HttpClient.HttpClient> => {
    const options_ = new Map(given.map((entry) => [entry.variable, entry.option]))
    // An error names the option a setting came from, not a variable the program never set.
    const relabel = (error: ProviderError.ProviderError): ProviderError.ProviderError => {
      if (error._tag === "ConfigError" && options_.has(error.variable)) {
        return new ProviderError.ConfigError({ ...error, variable: options_.get(error.variable)! })
      }
      if (error._tag === "AuthenticationError" && options_.has(error.variable)) {
        return new ProviderError.AuthenticationError({ ...error, variable: options_.get(error.variable)! })
      }
      return error
    }
    const toError = (error: ProviderError.ProviderError) => InviteKitError.fromProviderError(relabel(error), account)
    const source = Effect.suspend(() =>
      definition.source({ pageSize: options.pageSize, account }).pipe(
        Effect.provideService(ProviderSettings.CurrentSettings, resolved),
        Effect.withConfigProvider(
          ConfigProvider.orElse(
            ConfigProvider.fromMap(new Map(given.map((entry) => [entry.variable, Redacted.value(entry.value)]))),
            () => ConfigProvider.fromEnv()
          )
        )
      )
    )
    return Stream.unwrap(Effect.map(source, (built) => built.list(filter))).pipe(Stream.mapError(toError))
  }

  const accounts = options.accounts
  const stream = Stream.unwrap(Effect.gen(function*() {
    const resolved = yield* settings
    if (accounts === undefined) return one(options.account ?? provider, top, resolved)
    if (options.account !== undefined) {
      return yield* Effect.fail(configError("accounts", "cannot be given with account: name each account in accounts"))
    }
    if (accounts.length === 0) return yield* Effect.fail(configError("accounts", "is empty: give at least one account"))
    const names = accounts.map((entry) => entry.name)
    const repeated = names.find((name, index) => names.indexOf(name) !== index)
    if (repeated !== undefined) {
      return yield* Effect.fail(configError("accounts", `names ${JSON.stringify(repeated)} twice: names must differ`))
    }
    const streams = accounts.map((entry, index) => {
      const own = pick(entry as Record<string, unknown>, `accounts[${index}].`)
      const given = [...own, ...top.filter((fallback) => !own.some((mine) => mine.variable === fallback.variable))]
      return one(entry.name, given, resolved)
    })
    return streams.length === 1 ? streams[0]! : Stream.mergeAll(streams, { concurrency: "unbounded" })
  }))
  return toAsyncIterable(stream, { map: toPlain, signal: options.signal })
}
