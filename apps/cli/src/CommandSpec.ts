/**
 * A command tree as plain data — names, descriptions, flags (value kind, choices, default, whether optional or
 * repeatable), subcommands — for our own help (Help.ts) and shell completions (Completions.ts). ReadSpec.ts
 * reads it out of @effect/cli's command tree.
 *
 * Plain data and nothing else imported: the bundle answers `--help` and `--completions` from a saved copy
 * without loading Effect (QuickHelp.ts), so this module must never import effect or @effect/cli.
 *
 * @since 0.2.0
 */

/**
 * What a flag takes: nothing (a switch), one of some values, a file path, or free text.
 *
 * @since 0.2.0
 */
export type Value =
  | { readonly _tag: "None" }
  | { readonly _tag: "Choice"; readonly choices: ReadonlyArray<string> }
  | { readonly _tag: "File"; readonly placeholder: string }
  | { readonly _tag: "Text"; readonly placeholder: string }

/**
 * @since 0.2.0
 */
export interface Flag {
  /** Without dashes. */
  readonly name: string
  /** With their dashes (`-f`). */
  readonly aliases: ReadonlyArray<string>
  readonly description: string
  readonly value: Value
  readonly required: boolean
  readonly repeatable: boolean
  readonly defaultValue: string | undefined
}

/**
 * A positional argument.
 *
 * @since 0.2.0
 */
export interface Arg {
  readonly name: string
  readonly description: string
  readonly optional: boolean
  readonly repeatable: boolean
}

/**
 * @since 0.2.0
 */
export interface Spec {
  readonly name: string
  readonly description: string
  readonly flags: ReadonlyArray<Flag>
  readonly args: ReadonlyArray<Arg>
  readonly subcommands: ReadonlyArray<Spec>
}

/**
 * The flags `Command.run` adds to every command (`--wizard` is refused by Argv.ts, so not offered). The shells
 * of `--completions` are ours (Completions.ts).
 *
 * @since 0.2.0
 */
export const globalFlags = (shells: ReadonlyArray<string>): ReadonlyArray<Flag> => [
  switchFlag("help", ["-h"], "Show this help."),
  switchFlag("version", [], "Print the version of invitekit."),
  {
    name: "log-level",
    aliases: [],
    description: "Log at this level and above on stderr.",
    value: { _tag: "Choice", choices: ["all", "trace", "debug", "info", "warning", "error", "fatal", "none"] },
    required: false,
    repeatable: false,
    defaultValue: undefined
  },
  {
    name: "completions",
    aliases: [],
    description: "Print a completion script for this shell.",
    value: { _tag: "Choice", choices: shells },
    required: false,
    repeatable: false,
    defaultValue: undefined
  }
]

const switchFlag = (name: string, aliases: ReadonlyArray<string>, description: string): Flag => ({
  name,
  aliases,
  description,
  value: { _tag: "None" },
  required: false,
  repeatable: false,
  defaultValue: undefined
})

/**
 * The command a path of subcommand names leads to (the root for `[]`).
 *
 * @since 0.2.0
 */
export const find = (root: Spec, path: ReadonlyArray<string>): Spec | undefined =>
  path.reduce<Spec | undefined>(
    (spec, name) => spec?.subcommands.find((sub) => sub.name === name),
    root
  )

/**
 * The subcommand path the arguments name (`list --format json --help` → `["list"]`): option values are
 * skipped, so `--status list` names no command.
 *
 * @since 0.2.0
 */
export const pathOf = (
  root: Spec,
  args: ReadonlyArray<string>,
  global: ReadonlyArray<Flag>
): ReadonlyArray<string> => {
  const path: Array<string> = []
  let spec = root
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === "--") break
    if (arg.startsWith("-")) {
      const flag = [...spec.flags, ...global].find((f) => `--${f.name}` === arg || f.aliases.includes(arg))
      if (flag !== undefined && flag.value._tag !== "None") i++
      continue
    }
    const sub = spec.subcommands.find((s) => s.name === arg)
    if (sub === undefined) continue
    path.push(sub.name)
    spec = sub
  }
  return path
}
