/**
 * `invitekit demo`: the first thing to run on a fresh machine. Starts the emulator on an ephemeral loopback
 * port, points every provider at it (its variables are given as the ConfigProvider, the process environment
 * is left alone), runs `list` and `summary` as tables, and stops.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as ProviderDefinition from "@invitekit/core/ProviderDefinition"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { UsageError } from "../Failure.js"
import * as Providers from "../Providers.js"
import * as Terminal from "../Terminal.js"
import * as Style from "../Style.js"
import { loadEmulator } from "./emulator.js"
import * as List from "./list.js"
import * as Summary from "./summary.js"

/**
 * The demo's data: a few invites per provider, so the tables fit a screen (a provider with several workspaces
 * serves that many per workspace).
 *
 * @since 0.1.0
 */
export const counts: Readonly<Record<string, number>> = Object.fromEntries(Providers.names.map((name) => [name, 4]))

const shared = {
  provider: [],
  status: Option.none(),
  role: Option.none(),
  email: Option.none(),
  pageSize: Option.none(),
  timeout: Option.none(),
  maxRetries: Option.none(),
  allowInsecureHttp: false,
  config: Option.none(),
  account: [],
  concurrency: Option.none()
} as const

/**
 * @since 0.1.0
 */
export const command = Command.make("demo", {}, () =>
  Effect.gen(function*() {
    const terminal = yield* Terminal.Terminal
    const { Emulator } = yield* loadEmulator
    yield* Effect.scoped(Effect.gen(function*() {
      const handle = yield* Effect.mapError(
        Emulator.start({ counts: counts as NonNullable<NonNullable<Parameters<typeof Emulator.start>[0]>["counts"]> }),
        (error) => new UsageError({ message: error.message })
      )
      const style = terminal.stdoutStyle
      const say = (text: string) => terminal.stdout.write(text)
      yield* say(
        `${Style.bold(style, "invitekit demo")}: the emulator of ${
          Providers.oneOf(Providers.definitions.map((definition) => definition.displayName)).replace(/ or /, " and ")
        } ` +
          `is serving on ${handle.url}.\nNo account or key needed; every provider is pointed at it.\n\n` +
          `${Style.bold(style, "$ invitekit list")}\n`
      )
      const env = ConfigProvider.fromMap(new Map(Object.entries(handle.env)))
      yield* List.run({ ...shared, format: "table", maxItems: Option.none(), stale: false }).pipe(
        Effect.withConfigProvider(env)
      )
      yield* say(`\n${Style.bold(style, "$ invitekit summary")}\n`)
      yield* Summary.run({ ...shared, format: "table" }).pipe(Effect.withConfigProvider(env))
      yield* say(
        `\nWith your own keys: export ${
          Providers.oneOf(Providers.definitions.map(ProviderDefinition.setUp))
        }, then run invitekit list. ` +
          `Serve the emulator yourself with invitekit emulator.\n`
      )
    }))
  })).pipe(
    Command.withDescription(
      "Start the bundled emulator on a free loopback port, point every provider at it, and run list and " +
        "summary as tables: a tour with no account or key."
    )
  )
