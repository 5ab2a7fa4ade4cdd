/**
 * `--help`, rendered from the command tree (CommandSpec.ts) in 100 columns: the usage line names the program
 * and the command (`invitekit list [flags]`), each flag says whether it is optional, repeatable or required and
 * its default, each subcommand is one line (the first sentence of its description).
 *
 * @effect/cli 0.77's own help shows the usage as `$ list --provider a | b…` (without the program, optional
 * repeated flags as if required), prints the title twice and never wraps a line.
 *
 * @since 0.2.0
 */
import type * as CommandSpec from "./CommandSpec.js"

/**
 * @since 0.2.0
 */
export const width = 100

/**
 * The help of the command at `path` (subcommand names) of `root`.
 *
 * @since 0.2.0
 */
export const render = (
  root: CommandSpec.Spec,
  path: ReadonlyArray<string>,
  options: { readonly version: string; readonly globalFlags: ReadonlyArray<CommandSpec.Flag> }
): string => {
  const spec = path.reduce(
    (current, name) => current.subcommands.find((sub) => sub.name === name) ?? current,
    root
  )
  const name = [root.name, ...path].join(" ")
  const args = spec.args.map((arg) => {
    const word = `<${arg.name}>${arg.repeatable ? "..." : ""}`
    return arg.optional ? `[${word}]` : word
  })
  const usage = [name, ...(spec.subcommands.length > 0 ? ["<command>"] : []), "[flags]", ...args].join(" ")
  const globalFlags = path.length === 0
    ? options.globalFlags
    : options.globalFlags.filter((flag) => flag.name !== "version")
  const sections = [
    ...(path.length === 0 ? [`${root.name} ${options.version}`] : []),
    `Usage: ${usage}`,
    ...(spec.description === "" ? [] : [wrapText(spec.description, "")]),
    ...(spec.subcommands.length > 0 ? [`Commands:\n${commandLines(spec.subcommands)}`] : []),
    ...(spec.args.length > 0 ? [`Arguments:\n${argLines(spec.args)}`] : []),
    ...(spec.flags.length > 0 ? [`Flags:\n${flagLines(spec.flags)}`] : []),
    `Global flags:\n${flagLines(globalFlags)}`,
    ...(spec.subcommands.length > 0 ? [`Run ${name} <command> --help for the flags of a command.`] : [])
  ]
  return sections.join("\n\n") + "\n"
}

/** The first sentence of a description (up to the first `. ` or line end). */
export const firstSentence = (text: string): string => {
  const line = text.split("\n")[0] ?? ""
  const end = line.search(/\.(\s|$)/)
  return end === -1 ? line : line.slice(0, end + 1)
}

const commandLines = (subcommands: ReadonlyArray<CommandSpec.Spec>): string => {
  const column = Math.max(...subcommands.map((sub) => sub.name.length)) + 4
  return subcommands
    .map((sub) => twoColumns(`  ${sub.name}`, firstSentence(sub.description), column))
    .join("\n")
}

const argLines = (args: ReadonlyArray<CommandSpec.Arg>): string => {
  const column = Math.min(Math.max(...args.map((arg) => arg.name.length + 4)), maxSignature) + 3
  return args.map((arg) => {
    const notes = [arg.optional ? "optional" : "required", ...(arg.repeatable ? ["repeatable"] : [])]
    return twoColumns(`  <${arg.name}>`, `${arg.description} (${notes.join("; ")})`.trim(), column)
  }).join("\n")
}

/** `-f, --format <format>` */
export const signature = (flag: CommandSpec.Flag): string => {
  const names = [...flag.aliases, `--${flag.name}`].join(", ")
  switch (flag.value._tag) {
    case "None":
      return names
    case "Choice":
      return `${names} <${flag.name}>`
    case "File":
    case "Text":
      return `${names} <${flag.value.placeholder}>`
  }
}

const annotations = (flag: CommandSpec.Flag): string => {
  const notes = [
    flag.required ? "required" : "optional",
    ...(flag.repeatable ? ["repeatable"] : []),
    ...(flag.defaultValue !== undefined ? [`default: ${flag.defaultValue}`] : [])
  ]
  const choices = flag.value._tag === "Choice" ? `One of: ${flag.value.choices.join(", ")}. ` : ""
  return `${choices}(${notes.join("; ")})`
}

const maxSignature = 30

const flagLines = (flags: ReadonlyArray<CommandSpec.Flag>): string => {
  const signatures = flags.map((flag) => `  ${signature(flag)}`)
  const column = Math.min(Math.max(...signatures.map((s) => s.length)), maxSignature) + 3
  return flags
    .map((flag, index) => twoColumns(signatures[index]!, `${flag.description} ${annotations(flag)}`.trim(), column))
    .join("\n")
}

/** `left` then `text` wrapped from `column` (on the next line when `left` reaches it). */
const twoColumns = (left: string, text: string, column: number): string => {
  const indent = " ".repeat(column)
  const body = wrapLine(text, indent)
  return left.length + 1 < column
    ? left.padEnd(column) + body.slice(column)
    : `${left}\n${body}`
}

/** Every line of `text` wrapped at `width`; a continuation keeps the line's indentation plus `extra`. */
const wrapText = (text: string, extra: string): string =>
  text.split("\n").map((line) => {
    if (line.length <= width) return line
    const indent = /^\s*/.exec(line)![0]
    return wrapLine(line.trimStart(), indent + extra, indent)
  }).join("\n")

/** One line wrapped at `width` on spaces, every line after the first indented by `indent`. */
const wrapLine = (text: string, indent: string, firstIndent: string = indent): string => {
  const lines: Array<string> = []
  let current = firstIndent
  let empty = true
  for (const word of text.split(/ +/).filter((w) => w !== "")) {
    if (!empty && current.length + 1 + word.length > width) {
      lines.push(current)
      current = indent + word
    } else {
      current = empty ? current + word : `${current} ${word}`
    }
    empty = false
  }
  lines.push(current)
  return lines.join("\n")
}
