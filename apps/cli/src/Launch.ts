/**
 * Runs what the arguments ask for, loading only the subcommand they name. The whole command tree (Cli.ts) means
 * evaluating every subcommand's module and options — the emulator's among them — on every run: on Node 24 a
 * one-page `invitekit list` took 14–24 ms less (min and median of 20, ~300 ms in all) without them (on Node 20 the
 * difference was within noise). So the arguments are read against the tree's data (saved beside the bundle by
 * scripts/bundle.mjs, which also checks that no subcommand's chunk loads another), and @effect/cli parses them
 * with a root that holds the named subcommand alone. Without a subcommand, or with a name that is none (a typo
 * @effect/cli answers with the list of subcommands), the whole tree is loaded, as before.
 *
 * @since 0.2.0
 */
import * as Command from "@effect/cli/Command"
import * as Effect from "effect/Effect"
import * as Answer from "./Answer.js"
import * as Argv from "./Argv.js"
import type * as Accounts from "./commands/accounts.js"
import type * as Audit from "./commands/audit.js"
import type * as Demo from "./commands/demo.js"
import type * as Emulator from "./commands/emulator.js"
import type * as List from "./commands/list.js"
import type * as Revoke from "./commands/revoke.js"
import type * as Summary from "./commands/summary.js"
import { UsageError } from "./Failure.js"
import * as QuickHelp from "./QuickHelp.js"
import * as Terminal from "./Terminal.js"
import { version } from "./version.js"

type Subcommand =
  | typeof Accounts.command
  | typeof Audit.command
  | typeof Demo.command
  | typeof Emulator.command
  | typeof List.command
  | typeof Revoke.command
  | typeof Summary.command

/** Each subcommand, by the name it answers to; its module is loaded when named. */
const subcommands: ReadonlyMap<string, () => Promise<Subcommand>> = new Map([
  ["list", () => import("./commands/list.js").then((module) => module.command)],
  ["summary", () => import("./commands/summary.js").then((module) => module.command)],
  ["audit", () => import("./commands/audit.js").then((module) => module.command)],
  ["accounts", () => import("./commands/accounts.js").then((module) => module.command)],
  ["revoke", () => import("./commands/revoke.js").then((module) => module.command)],
  ["emulator", () => import("./commands/emulator.js").then((module) => module.command)],
  ["demo", () => import("./commands/demo.js").then((module) => module.command)]
])

const runConfig = { name: "invitekit", version, executable: "invitekit" }

/**
 * The tree's data as scripts/bundle.mjs saved it beside the bundle's chunks (this module is one of them), else
 * (run from tsc's output) read from the tree itself.
 */
const tree: Effect.Effect<Answer.Tree> = Effect.suspend(() => {
  const saved = QuickHelp.savedTree(new URL("./command-tree.json", import.meta.url))
  return saved !== undefined
    ? Effect.succeed(saved)
    : Effect.map(Effect.promise(() => import("./Cli.js")), (cli) => cli.tree)
})

const print = (text: string) => Effect.flatMap(Terminal.Terminal, (terminal) => terminal.stdout.write(text))

/** @effect/cli's root: the named subcommand alone, or (none named) the whole tree. */
const rootFor = (name: string | undefined) => {
  const load = name === undefined ? undefined : subcommands.get(name)
  return load === undefined
    ? Effect.map(Effect.promise(() => import("./Cli.js")), (cli) => cli.root)
    : Effect.map(Effect.promise(load), (command) => Command.make("invitekit").pipe(Command.withSubcommands([command])))
}

/**
 * Parses the process arguments (`argv` with node and the script first), normalized (see Argv.ts), and runs the
 * command they name; `--help` and `--completions` are answered from the tree's data (Answer.ts).
 *
 * @since 0.2.0
 */
export const run = (argv: ReadonlyArray<string>) =>
  Effect.flatMap(tree, (tree) => {
    const answer = Answer.answer(argv.slice(2), tree, version)
    switch (answer._tag) {
      case "Refused":
        return Effect.fail(new UsageError({ message: answer.message }))
      case "Print":
        return print(answer.text)
      case "Run":
        return Effect.flatMap(
          rootFor(Argv.subcommand(answer.args, tree.subcommands)),
          (root) => Command.run(root, runConfig)([...argv.slice(0, 2), ...answer.args])
        )
    }
  })
