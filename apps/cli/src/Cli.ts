/**
 * The `invitekit` command tree: the root command (its help lists the exit codes), the subcommands, the version,
 * and the tree as data (`tree`). Launch.ts runs it, loading it whole only when no subcommand is named.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Descriptor from "@effect/cli/CommandDescriptor"
import type * as Usage from "@effect/cli/Usage"
import * as HashMap from "effect/HashMap"
import * as ProviderDefinition from "@invitekit/core/ProviderDefinition"
import * as ProviderSettings from "@invitekit/core/ProviderSettings"
import * as Accounts from "./commands/accounts.js"
import * as Audit from "./commands/audit.js"
import * as Demo from "./commands/demo.js"
import * as Emulator from "./commands/emulator.js"
import * as List from "./commands/list.js"
import * as Revoke from "./commands/revoke.js"
import * as Summary from "./commands/summary.js"
import * as Answer from "./Answer.js"
import type * as Argv from "./Argv.js"
import * as CommandSpec from "./CommandSpec.js"
import * as Completions from "./Completions.js"
import { exitCodesHelp } from "./Failure.js"
import * as Providers from "./Providers.js"
import * as ReadSpec from "./ReadSpec.js"
import { version } from "./version.js"

/**
 * @since 0.1.0
 */
export const description = [
  "List who has been invited to your organization's OpenAI, Anthropic, Portkey and Openlayer accounts.",
  "",
  `Providers are configured by environment variables: ${
    Providers.definitions.map(ProviderDefinition.setUp).join(", ")
  } (comma-separated); *_BASE_URL overrides an API's URL.`,
  `${Providers.oneOf(Object.values(ProviderSettings.variables)).replace(" or ", " and ")} set the HTTP defaults.`,
  "Several accounts per provider: a config file (~/.config/invitekit/config.yaml; see invitekit accounts --help).",
  "Try it without any key: invitekit demo.",
  "",
  exitCodesHelp
].join("\n")

/**
 * @since 0.1.0
 */
export const root = Command.make("invitekit").pipe(
  Command.withDescription(description),
  Command.withSubcommands([List.command, Summary.command, Audit.command, Accounts.command, Revoke.command, Emulator.command, Demo.command])
)

const subcommands: ReadonlyArray<string> = [...HashMap.keys(Command.getSubcommands(root))]

/** The names of every option of every subcommand, read from their usage (so a new command's count too). */
const optionNames = (): Argv.OptionNames => {
  const withValue = new Set<string>()
  const flags = new Set<string>()
  const walk = (usage: Usage.Usage): void => {
    switch (usage._tag) {
      case "Named":
        for (const name of usage.names) {
          if (!name.startsWith("-")) continue
          ;(usage.acceptedValues._tag === "Some" ? withValue : flags).add(name)
        }
        return
      case "Optional":
      case "Repeated":
        return walk(usage.usage)
      case "Alternation":
      case "Concat":
        walk(usage.left)
        return walk(usage.right)
      default:
        return
    }
  }
  for (const descriptor of HashMap.values(Command.getSubcommands(root))) walk(Descriptor.getUsage(descriptor))
  return { withValue: [...withValue], flags: [...flags] }
}

let spec: CommandSpec.Spec | undefined

/**
 * The command tree as data, for Answer.ts (and saved by the bundle script for QuickHelp.ts). Its `spec` is read
 * on first use: most runs need neither help nor completions.
 *
 * @since 0.2.0
 */
export const tree: Answer.Tree = {
  subcommands,
  options: optionNames(),
  globalFlags: CommandSpec.globalFlags(Completions.shells),
  get spec() {
    return spec ??= ReadSpec.fromCommand(root)
  }
}

export { version }
