/**
 * The `invitekit` command tree: the root command (its help lists the exit codes), the subcommands, the version.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Demo from "./commands/demo.js"
import * as Emulator from "./commands/emulator.js"
import * as List from "./commands/list.js"
import * as Summary from "./commands/summary.js"
import { exitCodesHelp } from "./Failure.js"
import { version } from "./version.js"

/**
 * @since 0.1.0
 */
export const description = [
  "List who has been invited to your organization's OpenAI, Anthropic, Portkey and Openlayer accounts.",
  "",
  "Providers are configured by environment variables: OPENAI_ADMIN_KEY, ANTHROPIC_ADMIN_KEY, PORTKEY_API_KEY,",
  "OPENLAYER_API_KEY with OPENLAYER_WORKSPACE_ID (comma-separated); *_BASE_URL overrides an API's URL.",
  "INVITEKIT_TIMEOUT, INVITEKIT_MAX_RETRIES and INVITEKIT_ALLOW_INSECURE_HTTP set the HTTP defaults.",
  "Try it without any key: invitekit demo.",
  "",
  exitCodesHelp
].join("\n")

/**
 * @since 0.1.0
 */
export const root = Command.make("invitekit").pipe(
  Command.withDescription(description),
  Command.withSubcommands([List.command, Summary.command, Emulator.command, Demo.command])
)

/**
 * Parses the process arguments (`argv` with node and the script first) and runs the command they name.
 *
 * @since 0.1.0
 */
export const run = Command.run(root, { name: "invitekit", version, executable: "invitekit" })

export { version }
