import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { describe, expect, it } from "vitest"
import * as CommandSpec from "../src/CommandSpec.js"
import * as ReadSpec from "../src/ReadSpec.js"
import * as Completions from "../src/Completions.js"
import * as Flags from "../src/Flags.js"
import * as Help from "../src/Help.js"

// A tree unlike invitekit's: a positional argument, a required flag, a nested subcommand, both kinds of choice flag.
const leaf = Command.make("leaf", {
  files: Args.file({ name: "file" }).pipe(Args.atLeast(1)),
  name: Options.text("name").pipe(Options.withDescription("Required.")),
  color: Flags.choice("color", ["red", "green"]).pipe(Options.optional),
  size: Options.choice("size", ["s", "m"]).pipe(Options.withAlias("z"), Options.withDefault("m" as const))
})
const tree = Command.make("tool").pipe(
  Command.withSubcommands([Command.make("group").pipe(Command.withSubcommands([leaf]))])
)
const spec = ReadSpec.fromCommand(tree)
const global = CommandSpec.globalFlags(Completions.shells)

describe("CommandSpec", () => {
  it("reads required, optional, defaulted and choice flags through nested subcommands", () => {
    const flags = CommandSpec.find(spec, ["group", "leaf"])!.flags
    expect(flags.map(({ name, required, defaultValue, value }) => ({ name, required, defaultValue, value }))).toEqual([
      { name: "name", required: true, defaultValue: undefined, value: { _tag: "Text", placeholder: "text" } },
      { name: "color", required: false, defaultValue: undefined, value: { _tag: "Choice", choices: ["red", "green"] } },
      { name: "size", required: false, defaultValue: "m", value: { _tag: "Choice", choices: ["s", "m"] } }
    ])
    expect(CommandSpec.pathOf(spec, ["group", "--log-level", "leaf", "leaf", "--name", "x"], global)).toEqual(["group", "leaf"])
  })

  it("help marks the required flag and names the nested command", () => {
    const text = Help.render(spec, ["group", "leaf"], { version: "1.0.0", globalFlags: global })
    expect(text).toMatch(/^Usage: tool group leaf \[flags\] <file>\.\.\.$/m)
    expect(text).toMatch(/^  <file> +\(required; repeatable\)$/m)
    expect(text).toMatch(/--name <text> +Required\. \(required\)/)
    expect(text).toMatch(/-z, --size <size> +One of: s, m\. \(optional; default: m\)/)
  })
})
