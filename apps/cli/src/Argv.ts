/**
 * The arguments as gh and kubectl users type them, rewritten into the shape @effect/cli 0.77 parses, before
 * `Command.run` sees them. Works for any command tree: only the subcommand names are read from it.
 *
 * What @effect/cli does not do (upstream, packages/cli):
 * - `--flag=value` is split only for some option kinds (a repeated or optional option sees `--provider=openai`
 *   as an unknown argument): every `--name=value` is split here into `--name value`.
 * - Built-in global options (`--log-level`, `--completions`) are recognised only before the subcommand: they
 *   are moved to the front here, so `invitekit list --log-level debug` works.
 * - There is no `help [command]` or `version` command: `invitekit help list` becomes `invitekit list --help`,
 *   `invitekit version` becomes `invitekit --version` (only when no subcommand has that name).
 * - `--wizard` prompts on the terminal and hangs when stdin is not one: it is refused here.
 * - An option that takes a value given last or followed by another option (`list --status`, `--status -f csv`)
 *   reads `Received unknown argument: '--status'`: it is refused here as `--status needs a value`.
 *
 * @since 0.2.0
 */

/**
 * Built-in options of `Command.run` that take a value and apply to the whole run.
 *
 * @since 0.2.0
 */
export const globalOptionsWithValue: ReadonlyArray<string> = ["--log-level", "--completions"]

/**
 * The arguments, normalized; or the reason they are refused.
 *
 * @since 0.2.0
 */
export type Normalized =
  | { readonly _tag: "Args"; readonly args: ReadonlyArray<string> }
  | { readonly _tag: "Refused"; readonly message: string }

/**
 * What the command tree's options are, for spotting a missing value.
 *
 * @since 0.2.0
 */
export interface OptionNames {
  /** Every option that takes a value (names and aliases: `--status`, `-f`). */
  readonly withValue: ReadonlyArray<string>
  /** Every other option (`--stale`, `--help`). */
  readonly flags: ReadonlyArray<string>
}

/**
 * Normalizes the user's arguments (without node and the script). `subcommands`: the root's subcommand names;
 * `options`: the names of the tree's options (without them, a missing value is left to @effect/cli).
 *
 * @since 0.2.0
 */
export const normalize = (
  args: ReadonlyArray<string>,
  subcommands: ReadonlyArray<string>,
  options: OptionNames = { withValue: [], flags: [] }
): Normalized => {
  const split = splitEquals(args)
  const end = endOfOptions(split)
  if (split.slice(0, end).includes("--wizard")) {
    return { _tag: "Refused", message: "--wizard is not supported: see invitekit --help" }
  }
  const missing = missingValue(split.slice(0, end), options)
  if (missing !== undefined) return { _tag: "Refused", message: `${missing} needs a value` }
  const global: Array<string> = []
  const rest: Array<string> = []
  for (let i = 0; i < split.length; i++) {
    const arg = split[i]!
    if (i < end && globalOptionsWithValue.includes(arg) && i + 1 < end) {
      global.push(arg, split[i + 1]!)
      i++
    } else {
      rest.push(arg)
    }
  }
  return { _tag: "Args", args: [...global, ...helpAndVersion(rest, subcommands)] }
}

/**
 * The subcommand normalized arguments run (`normalize` puts the global options and their values first), or
 * `undefined` when they name none of `subcommands` (no arguments, a root flag, a typo).
 *
 * @since 0.2.0
 */
export const subcommand = (args: ReadonlyArray<string>, subcommands: ReadonlyArray<string>): string | undefined => {
  let index = 0
  while (index + 1 < args.length && globalOptionsWithValue.includes(args[index]!)) index += 2
  const first = args[index]
  return first !== undefined && subcommands.includes(first) ? first : undefined
}

/** The index of `--` (after which nothing is an option), or the length. */
const endOfOptions = (args: ReadonlyArray<string>): number => {
  const index = args.indexOf("--")
  return index === -1 ? args.length : index
}

const longWithValue = /^(--[A-Za-z0-9][A-Za-z0-9-]*)=([\s\S]*)$/

const builtInFlags = ["--help", "-h", "--version", "--wizard"]

/** The first option that takes a value but is last, or followed by another option instead of its value. */
const missingValue = (args: ReadonlyArray<string>, options: OptionNames): string | undefined => {
  const withValue = new Set([...globalOptionsWithValue, ...options.withValue])
  const known = new Set([...withValue, ...options.flags, ...builtInFlags])
  for (let i = 0; i < args.length; i++) {
    if (!withValue.has(args[i]!)) continue
    // A value that merely starts with `-` (`--email -x`, `--timeout -1`) is still a value: only a known option
    // name is taken as one.
    if (i + 1 >= args.length || known.has(args[i + 1]!)) return args[i]
    i++
  }
  return undefined
}

/** `--name=value` → `--name`, `value`, up to `--`. */
const splitEquals = (args: ReadonlyArray<string>): ReadonlyArray<string> => {
  const end = endOfOptions(args)
  return args.flatMap((arg, index) => {
    const match = index < end ? longWithValue.exec(arg) : null
    return match === null ? [arg] : [match[1]!, match[2]!]
  })
}

/** `help` → `--help`, `help cmd …` → `cmd --help`, `version` → `--version`. */
const helpAndVersion = (args: ReadonlyArray<string>, subcommands: ReadonlyArray<string>): ReadonlyArray<string> => {
  const [first, ...others] = args
  if (first === "help" && !subcommands.includes("help")) {
    const command = others.find((arg) => subcommands.includes(arg))
    return command === undefined ? ["--help"] : [command, "--help"]
  }
  if (first === "version" && others.length === 0 && !subcommands.includes("version")) return ["--version"]
  return args
}
