/**
 * `--help`, `-h` and `--completions` without loading Effect or the command tree (most of start-up): answered
 * from the tree's data, which scripts/bundle.mjs read from the real tree (Cli.ts) and saved beside the bundle.
 * The same decision (Answer.ts) and renderers (Help.ts, Completions.ts) as the full CLI, so the same text.
 *
 * Only plain-data modules may be imported here: the bundle script fails when this chunk pulls in a package.
 *
 * @since 0.2.0
 */
import { readFileSync } from "node:fs"
import * as Answer from "./Answer.js"
import { version } from "./version.js"

/**
 * Prints what the arguments ask for when it is help or a completion script, from the tree saved in `file`, and
 * says whether it did. Anything else (a command, a refusal, no saved tree) is left to the full CLI, which
 * answers it as it always has.
 *
 * @since 0.2.0
 */
export const answer = (args: ReadonlyArray<string>, file: URL): boolean => {
  const tree = savedTree(file)
  // Not built by the bundle script (or damaged): the full CLI reads the tree itself.
  if (tree === undefined) return false
  const result = Answer.answer(args, tree, version)
  if (result._tag !== "Print") return false
  // A reader that went away (`| head`) ends the run quietly with 0, as in the full CLI, not with a stack trace.
  process.stdout.on("error", () => {})
  process.stdout.write(result.text)
  return true
}

/**
 * The tree's data as scripts/bundle.mjs saved it in `file`; `undefined` where there is none (not a bundle) or it
 * does not parse.
 *
 * @since 0.2.0
 */
export const savedTree = (file: URL): Answer.Tree | undefined => {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Answer.Tree
  } catch {
    return undefined
  }
}
