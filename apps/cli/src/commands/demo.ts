/**
 * `invitekit demo`: the first thing to run on a fresh machine. Starts the emulator on an ephemeral loopback
 * port, points every provider at it (its variables are given as the ConfigProvider, the process environment
 * is left alone), runs `list`, `summary` and `audit` as tables, and stops.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as ProviderDefinition from "@invitekit/core/ProviderDefinition"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ExitCode, UsageError } from "../Failure.js"
import * as Providers from "../Providers.js"
import * as Terminal from "../Terminal.js"
import * as Style from "../Style.js"
import { loadEmulator } from "./emulator.js"
import * as Audit from "./audit.js"
import * as List from "./list.js"
import * as Summary from "./summary.js"

/**
 * The demo's data: a few invites per provider, so the tables fit a screen (a provider with several workspaces
 * serves that many per workspace).
 *
 * @since 0.1.0
 */
export const counts: Readonly<Record<string, number>> = Object.fromEntries(Providers.names.map((name) => [name, 5]))

/**
 * The demo's second OpenAI organization: two accounts of one provider, listed side by side.
 *
 * @since 0.2.0
 */
export const secondOrganization = { key: "sk-admin-emulator-openai-research-00000000", count: 3 }

/** The config file the demo lists: one account per provider, and a second OpenAI account. */
const demoConfig = (handle: { readonly env: Readonly<Record<string, string>> }) => {
  const account = (name: string, provider: string, key: string, extra = "") =>
    `  - name: ${name}\n    provider: ${provider}\n    key: { env: ${key} }\n` +
    `    baseUrl: ${handle.env[`${provider.toUpperCase()}_BASE_URL`]}\n${extra}`
  return "accounts:\n" +
    Providers.definitions.map((definition) =>
      definition.name === "openai"
        ? account("acme-prod", "openai", definition.variables.key) +
          account("acme-research", "openai", "OPENAI_ADMIN_KEY_RESEARCH")
        : account(
          definition.name,
          definition.name,
          definition.variables.key,
          definition.capabilities.workspaces
            ? `    workspaces: [${definition.variables.required.map((name) => handle.env[name]).join(",")}]\n`
            : ""
        )
    ).join("")
}

/**
 * The domain the demo's audit allows: every other one is `outside-domain`.
 *
 * @since 0.2.0
 */
export const demoDomain = "example.com"

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
        Emulator.start({
          counts: counts as NonNullable<NonNullable<Parameters<typeof Emulator.start>[0]>["counts"]>,
          organizations: { openai: [secondOrganization] },
          // The newest invite of every list goes to one address: cases for duplicate-invite and cross-account.
          sharedAddresses: 1
        }),
        (error) => new UsageError({ message: error.message })
      )
      const style = terminal.stdoutStyle
      const say = (text: string) => terminal.stdout.write(text)
      yield* say(
        `${Style.bold(style, "invitekit demo")}: the emulator of ${
          Providers.oneOf(Providers.definitions.map((definition) => definition.displayName)).replace(/ or /, " and ")
        } ` +
          `is serving on ${handle.url}.\nNo account or key needed; every provider is pointed at it, ` +
          `and OpenAI has two organizations (two accounts in one config file).\n\n` +
          `${Style.bold(style, "$ invitekit list")}\n`
      )
      const env = ConfigProvider.fromMap(
        new Map([...Object.entries(handle.env), ["OPENAI_ADMIN_KEY_RESEARCH", secondOrganization.key]])
      )
      // A config file of its own, so the demo never reads the user's.
      const dir = yield* Effect.acquireRelease(
        Effect.sync(() => mkdtempSync(join(tmpdir(), "invitekit-demo-"))),
        (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
      )
      const config = join(dir, "config.yaml")
      yield* Effect.sync(() => writeFileSync(config, demoConfig(handle), { mode: 0o600 }))
      const flags = { ...shared, config: Option.some(config) }
      yield* List.run({ ...flags, format: "table", maxItems: Option.none(), stale: false, fields: Option.none(), noHeaders: false }).pipe(
        Effect.withConfigProvider(env)
      )
      yield* say(`\n${Style.bold(style, "$ invitekit summary")}\n`)
      yield* Summary.run({ ...flags, format: "table" }).pipe(Effect.withConfigProvider(env))
      yield* say(`\n${Style.bold(style, `$ invitekit audit --allowed-domain ${demoDomain}`)}\n`)
      yield* Audit.run({
        ...flags,
        format: "table",
        allowedDomain: [demoDomain],
        staleAfter: Option.none(),
        rule: [],
        ignoreRule: [],
        failOn: "warning"
      }).pipe(
        Effect.withConfigProvider(env),
        // In cron or CI the findings fail the run (exit 6); here they are what the tour shows.
        Effect.catchTag("FindingsFound", () => say(`(exit code ${ExitCode.findings} in cron or CI: findings at warning or above)\n`))
      )
      yield* say(
        `\nWith your own keys: export ${
          Providers.oneOf(Providers.definitions.map(ProviderDefinition.setUp))
        }, then run invitekit list. ` +
          `Serve the emulator yourself with invitekit emulator.\n`
      )
    }))
  })).pipe(
    Command.withDescription(
      "Start the bundled emulator on a free loopback port, point every provider at it, and run list, " +
        "summary and audit as tables: a tour with no account or key."
    )
  )
