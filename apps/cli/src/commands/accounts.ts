/**
 * `invitekit accounts`: the configured accounts — name, provider, where the key comes from (never the key),
 * base URL, workspaces — and with `--check`, one cheap authenticated request per account (the first invite of
 * one small page) reported as ok, rejected or unreachable.
 *
 * @since 0.2.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Flags from "../Flags.js"

/**
 * @since 0.2.0
 */
export const format = Options.choice("format", ["table", "json"] as const).pipe(
  Options.withAlias("f"),
  Options.withDefault("table" as "table" | "json"),
  Options.withDescription("table (for people) or json.")
)

/**
 * @since 0.2.0
 */
export const check = Options.boolean("check").pipe(
  Options.withDescription(
    "Make one cheap authenticated request per account and report ok, rejected (the key) or unreachable; " +
      "exits non-zero when any account fails."
  )
)

/**
 * The flags of `accounts`.
 *
 * @since 0.2.0
 */
export interface AccountsFlags extends
  Pick<Flags.Shared, "config" | "provider" | "account" | "concurrency" | "timeout" | "maxRetries" | "allowInsecureHttp">
{
  readonly check: boolean
  readonly format: "table" | "json"
}

/**
 * Runs `accounts` with parsed flags (the work is loaded only when it runs, as for `list`).
 *
 * @since 0.2.0
 */
export const run = (flags: AccountsFlags) =>
  Effect.flatMap(Effect.promise(() => import("./accountsRun.js")), (accountsRun) => accountsRun.run(flags))

/**
 * @since 0.2.0
 */
export const command = Command.make("accounts", {
  config: Flags.config,
  provider: Flags.provider,
  account: Flags.account,
  concurrency: Flags.concurrency,
  timeout: Flags.timeout,
  maxRetries: Flags.maxRetries,
  allowInsecureHttp: Flags.allowInsecureHttp,
  check,
  format
}, run).pipe(
  Command.withDescription(
    "List the configured accounts: name, provider, where the key comes from (never the key), base URL and " +
      "workspaces. With --check, make one cheap request per account and report ok, rejected or unreachable."
  )
)
