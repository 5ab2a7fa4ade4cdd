/**
 * What the arguments ask of invitekit itself rather than of @effect/cli: a completion script (`--completions`),
 * the help of a command (`--help`/`-h` before `--`), or a refusal (Argv.ts); else the normalized arguments,
 * for `Command.run`. Decided from the command tree as plain data (`Tree`), so the bundle can answer help and
 * completions from a saved copy of it without loading Effect (QuickHelp.ts), exactly as the full CLI would.
 *
 * @since 0.2.0
 */
import * as Argv from "./Argv.js"
import * as CommandSpec from "./CommandSpec.js"
import * as Completions from "./Completions.js"
import * as Help from "./Help.js"

/**
 * Everything the answer needs from the command tree (Cli.ts reads it from the real one).
 *
 * @since 0.2.0
 */
export interface Tree {
  /** The root's subcommand names, for Argv.normalize. */
  readonly subcommands: ReadonlyArray<string>
  /** The names of every option of every subcommand, for Argv.normalize. */
  readonly options: Argv.OptionNames
  /** The flags `Command.run` adds to every command. */
  readonly globalFlags: ReadonlyArray<CommandSpec.Flag>
  readonly spec: CommandSpec.Spec
}

/**
 * @since 0.2.0
 */
export type Answer =
  /** Help or a completion script, for stdout. */
  | { readonly _tag: "Print"; readonly text: string }
  /** A usage error (exit 2). */
  | { readonly _tag: "Refused"; readonly message: string }
  /** Anything else: the normalized arguments, for @effect/cli. */
  | { readonly _tag: "Run"; readonly args: ReadonlyArray<string> }

/** The value of `--completions` among the global options Argv.ts moved to the front. */
const completionsShell = (args: ReadonlyArray<string>): string | undefined => {
  for (let i = 0; i + 1 < args.length && Argv.globalOptionsWithValue.includes(args[i]!); i += 2) {
    if (args[i] === "--completions") return args[i + 1]
  }
  return undefined
}

/**
 * The answer to the user's arguments (without node and the script). `tree.spec` is read only for help and
 * completions.
 *
 * @since 0.2.0
 */
export const answer = (args: ReadonlyArray<string>, tree: Tree, version: string): Answer => {
  const normalized = Argv.normalize(args, tree.subcommands, tree.options)
  if (normalized._tag === "Refused") return normalized
  const shell = completionsShell(normalized.args)
  if (shell !== undefined) {
    return Completions.isShell(shell)
      ? { _tag: "Print", text: Completions.script(shell, tree.spec, tree.globalFlags) }
      : { _tag: "Refused", message: Completions.refusal(shell) }
  }
  const end = normalized.args.indexOf("--")
  const beforeEnd = end === -1 ? normalized.args : normalized.args.slice(0, end)
  if (beforeEnd.includes("--help") || beforeEnd.includes("-h")) {
    const spec = tree.spec
    const path = CommandSpec.pathOf(spec, normalized.args, tree.globalFlags)
    return { _tag: "Print", text: Help.render(spec, path, { version, globalFlags: tree.globalFlags }) }
  }
  return { _tag: "Run", args: normalized.args }
}
