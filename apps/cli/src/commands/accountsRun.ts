/**
 * What `invitekit accounts` does once its flags are parsed: loaded only when it runs.
 *
 * @since 0.2.0
 */
import type * as ProviderError from "@invitekit/core/ProviderError"
import * as ProviderSettings from "@invitekit/core/ProviderSettings"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Accounts from "../Accounts.js"
import { describeProviderError, ProvidersFailed } from "../Failure.js"
import * as Flags from "../Flags.js"
import * as KeySource from "../KeySource.js"
import * as Output from "../Output.js"
import * as Providers from "../Providers.js"
import * as Style from "../Style.js"
import * as Terminal from "../Terminal.js"
import type { AccountsFlags } from "./accounts.js"

/**
 * What a check found.
 *
 * @since 0.2.0
 */
export type Outcome = "ok" | "rejected" | "unreachable" | "misconfigured" | "invalid response"

/**
 * The outcome of an account's failure.
 *
 * @since 0.2.0
 */
export const outcome = (error: ProviderError.ProviderError): Outcome => {
  switch (error._tag) {
    case "AuthenticationError":
      return "rejected"
    case "ProviderUnavailableError":
      return "unreachable"
    case "ConfigError":
    case "InvalidRequestError":
      return "misconfigured"
    case "InvalidResponseError":
      return "invalid response"
  }
}

/**
 * One request per account: the first invite of the smallest page the provider accepts.
 *
 * @since 0.2.0
 */
export const probe = (account: Accounts.Account, settings: ProviderSettings.Settings) =>
  Accounts.source(account, { pageSize: Providers.definition(account.provider).pageSizes.min }).pipe(
    Effect.flatMap((source) => Stream.runDrain(Stream.take(source.list(), 1))),
    Effect.provideService(ProviderSettings.CurrentSettings, settings),
    Effect.either
  )

/**
 * Runs `accounts` with parsed flags.
 *
 * @since 0.2.0
 */
export const run = (flags: AccountsFlags) =>
  Effect.gen(function*() {
    const terminal = yield* Terminal.Terminal
    const { accounts } = yield* Accounts.select(flags)
    const settings = yield* Flags.settings(flags)
    const shown = yield* Effect.forEach(accounts, (account) =>
      Effect.map(Accounts.settings(account), (where) => ({ account, ...where })))
    const results = flags.check
      ? yield* Effect.forEach(accounts, (account) => probe(account, settings), {
        concurrency: Option.getOrElse(flags.concurrency, () => Flags.defaultConcurrency)
      })
      : undefined
    const failures = (results ?? []).flatMap((result) => result._tag === "Left" ? [result.left] : [])
    const rows = shown.map(({ account, baseUrl, workspaces }, index) => {
      const result = results?.[index]
      return {
        name: account.name,
        provider: account.provider,
        key: KeySource.describe(account.key),
        baseUrl,
        workspaces,
        ...(result === undefined ? {} : {
          check: result._tag === "Right" ? "ok" as Outcome : outcome(result.left),
          ...(result._tag === "Left" ? { error: describeProviderError(result.left) } : {})
        })
      }
    })
    if (flags.format === "json") {
      yield* terminal.stdout.write(JSON.stringify(rows, null, 2) + "\n")
    } else {
      const style = terminal.stdoutStyle
      const header = ["NAME", "PROVIDER", "KEY", "BASE URL", "WORKSPACES", ...(flags.check ? ["CHECK"] : [])]
      yield* terminal.stdout.write(Output.renderTable(
        header,
        rows.map((row) => [
          row.name,
          Providers.displayName(row.provider),
          row.key,
          row.baseUrl,
          row.workspaces.join(","),
          ...(row.check === undefined ? [] : [
            row.check === "ok"
              ? row.check
              : { text: row.check, paint: (text: string) => Style.yellow(style, text) }
          ])
        ]),
        { style }
      ))
      yield* Effect.sync(() => {
        for (const error of failures) {
          terminal.stderr.write(Terminal.errorLine(terminal.stderrStyle, describeProviderError(error)) + "\n")
        }
      })
    }
    if (failures.length > 0) return yield* new ProvidersFailed({ errors: failures })
  })

