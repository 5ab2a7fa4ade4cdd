/**
 * Reads an @effect/cli command tree into a `CommandSpec.Spec` (plain data for our help and completions).
 *
 * @effect/cli 0.77 keeps this in the descriptors of its commands but exposes no way to read it: the
 * descriptor and option nodes are walked here by their `_tag` (stable across 0.7x; pinned in package.json).
 *
 * @since 0.2.0
 */
import type * as Command from "@effect/cli/Command"
import type * as HelpDoc from "@effect/cli/HelpDoc"
import * as Option from "effect/Option"
import type { Arg, Flag, Spec, Value } from "./CommandSpec.js"
import * as Flags from "./Flags.js"

/** A node of @effect/cli's descriptors, options or help docs, read by its tag. */
type Node = { readonly _tag: string } & Record<string, any>

/**
 * Reads a command (and its subcommands) into a `Spec`.
 *
 * @since 0.2.0
 */
export const fromCommand = (command: Command.Command<any, any, any, any>): Spec =>
  fromDescriptor(command.descriptor as unknown as Node)

const fromDescriptor = (node: Node): Spec => {
  switch (node._tag) {
    case "Map":
      return fromDescriptor(node.command)
    case "Subcommands":
      return { ...fromDescriptor(node.parent), subcommands: node.children.map(fromDescriptor) }
    default:
      return {
        name: node.name,
        description: docText(node.description),
        flags: node._tag === "Standard" ? flagsOf(node.options, { required: true, repeatable: false }) : [],
        args: node._tag === "Standard" ? argsOf(node.args, { optional: false, repeatable: false }) : [],
        subcommands: []
      }
  }
}

interface Context {
  readonly required: boolean
  readonly repeatable: boolean
  readonly defaultValue?: string | undefined
}

const flagsOf = (node: Node, context: Context): ReadonlyArray<Flag> => {
  switch (node._tag) {
    case "Empty":
      return []
    case "Single":
      return [single(node, context)]
    case "KeyValueMap":
      return [single(node.argumentOption, { ...context, repeatable: true })]
    case "Variadic":
      return [single(node.argumentOption, {
        ...context,
        repeatable: true,
        required: context.required && Option.getOrElse(node.min as Option.Option<number>, () => 0) > 0
      })]
    case "Map":
      return flagsOf(node.options, context)
    case "Both":
      return [...flagsOf(node.left, context), ...flagsOf(node.right, context)]
    case "OrElse":
      return [...flagsOf(node.left, { ...context, required: false }), ...flagsOf(node.right, { ...context, required: false })]
    case "WithFallback":
      return flagsOf(node.options, { ...context, required: false })
    case "WithDefault":
      return flagsOf(node.options, {
        ...context,
        required: false,
        defaultValue: Option.isOption(node.fallback) ? undefined : String(node.fallback)
      })
    default:
      return []
  }
}

const argsOf = (node: Node, context: Pick<Arg, "optional" | "repeatable">): ReadonlyArray<Arg> => {
  switch (node._tag) {
    case "Single":
      return [{
        name: Option.getOrElse(node.pseudoName as Option.Option<string>, () => node.name as string),
        description: docText(node.description),
        ...context
      }]
    case "Map":
      return argsOf(node.args, context)
    case "Both":
      return [...argsOf(node.left, context), ...argsOf(node.right, context)]
    case "Variadic":
      return argsOf(node.args, {
        optional: context.optional || Option.getOrElse(node.min as Option.Option<number>, () => 0) === 0,
        repeatable: true
      })
    case "WithDefault":
    case "WithFallbackConfig":
      return argsOf(node.args, { ...context, optional: true })
    default:
      return []
  }
}

const single = (node: Node, context: Context): Flag => {
  const primitive = node.primitiveType as Node
  const pseudoName = Option.getOrUndefined(node.pseudoName as Option.Option<string>)
  const value = valueOf(node.name, primitive, pseudoName)
  return {
    name: node.name,
    aliases: (node.aliases as ReadonlyArray<string>).map((alias) => alias.length === 1 ? `-${alias}` : `--${alias}`),
    description: docText(node.description),
    value,
    required: context.required,
    repeatable: context.repeatable,
    defaultValue: value._tag === "None" ? undefined : context.defaultValue
  }
}

const valueOf = (name: string, primitive: Node, pseudoName: string | undefined): Value => {
  switch (primitive._tag) {
    case "Bool":
      return { _tag: "None" }
    case "Choice":
      return { _tag: "Choice", choices: (primitive.alternatives as ReadonlyArray<[string, unknown]>).map(([n]) => n) }
    case "Path":
      return { _tag: "File", placeholder: pseudoName ?? "file" }
    default: {
      const choices = Flags.choicesOf(name, pseudoName)
      return choices !== undefined
        ? { _tag: "Choice", choices }
        : { _tag: "Text", placeholder: pseudoName ?? primitive._tag.toLowerCase() }
    }
  }
}

/** The plain text of a help doc (our descriptions are paragraphs of text). */
const docText = (doc: HelpDoc.HelpDoc | Node): string => {
  const node = doc as Node
  switch (node._tag) {
    case "Empty":
      return ""
    case "Header":
    case "Paragraph":
      return spanText(node.value)
    case "Sequence":
      return [docText(node.left), docText(node.right)].filter((text) => text !== "").join("\n\n")
    case "Enumeration":
      return (node.elements as ReadonlyArray<Node>).map((element) => `- ${docText(element)}`).join("\n")
    case "DescriptionList":
      return (node.definitions as ReadonlyArray<[Node, Node]>)
        .map(([span, definition]) => `${spanText(span)}: ${docText(definition)}`)
        .join("\n")
    default:
      return ""
  }
}

const spanText = (node: Node): string => {
  switch (node._tag) {
    case "Sequence":
      return spanText(node.left) + spanText(node.right)
    case "Highlight":
    case "Strong":
    case "Weak":
      return spanText(node.value)
    case "Uri":
    case "Text":
    case "Code":
      return String(node.value)
    default:
      return ""
  }
}
