/**
 * Where the CLI's output goes: stdout and stderr as writers that wait for the terminal or pipe to take each
 * batch (memory stays flat however long the list), the `Terminal` service that hands them to commands, and the
 * console @effect/cli prints its help and errors through.
 *
 * @since 0.1.0
 */
import * as Console from "effect/Console"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Console as NodeConsole } from "node:console"
import { createInterface } from "node:readline"
import { Writable } from "node:stream"
import { red, stripAnsi, type Style, useColor } from "./Style.js"

// -----------------------------------------------------------------------------
// Writing with backpressure
// -----------------------------------------------------------------------------

/**
 * The reader of stdout went away (e.g. `invitekit list | head`): listing stops quietly.
 *
 * @since 0.1.0
 */
export class OutputClosed extends Data.TaggedError("OutputClosed")<{ readonly reason: string }> {}

/**
 * Where text goes. `write` completes once the stream has taken the text, so a slow reader slows the listing
 * down instead of filling memory.
 *
 * @since 0.1.0
 */
export interface Writer {
  readonly write: (text: string) => Effect.Effect<void, OutputClosed>
}

/**
 * A writer on a Node stream (stdout). Each call is one `write` of whole lines, so an interruption between
 * batches never leaves a partial line behind.
 *
 * @since 0.1.0
 */
export const writable = (stream: NodeJS.WritableStream): Writer => {
  let closed: string | undefined
  // Without a listener, EPIPE on stdout would crash the process with a stack trace.
  stream.on("error", (error: NodeJS.ErrnoException) => {
    closed ??= error.code ?? error.message
  })
  return {
    write: (text) =>
      Effect.async<void, OutputClosed>((resume) => {
        if (closed !== undefined) return resume(Effect.fail(new OutputClosed({ reason: closed })))
        if (text === "") return resume(Effect.void)
        stream.write(text, (error) => {
          if (error === undefined || error === null) return resume(Effect.void)
          closed ??= (error as NodeJS.ErrnoException).code ?? error.message
          resume(Effect.fail(new OutputClosed({ reason: closed })))
        })
      })
  }
}

/**
 * A writer that keeps what it is given (tests, and the demo's captured output).
 *
 * @since 0.1.0
 */
export const memory = (): Writer & { readonly text: () => string } => {
  const parts: Array<string> = []
  return {
    write: (text) => Effect.sync(() => void parts.push(text)),
    text: () => parts.join("")
  }
}

// -----------------------------------------------------------------------------
// The terminal
// -----------------------------------------------------------------------------

/**
 * Where the CLI writes and what those streams are.
 *
 * @since 0.1.0
 */
export interface TerminalService {
  /** Data, with backpressure. */
  readonly stdout: Writer
  readonly stdoutIsTTY: boolean
  readonly stdoutStyle: Style
  /** The width of the terminal stdout is, to fit tables to; `undefined` on a pipe or file (nothing is cut). */
  readonly stdoutColumns?: number | undefined
  /** Messages and progress. */
  readonly stderr: NodeJS.WriteStream
  readonly stderrIsTTY: boolean
  readonly stderrStyle: Style
  /** Whether a person can answer a question (stdin is a terminal). */
  readonly stdinIsTTY: boolean
  /**
   * Asks on stderr and reads one line from stdin (empty when stdin ends).
   *
   * @since 0.2.0
   */
  readonly ask: (question: string) => Effect.Effect<string>
}

/**
 * @since 0.1.0
 */
export class Terminal extends Context.Tag("@invitekit/cli/Terminal")<Terminal, TerminalService>() {}

/**
 * The process's stdout and stderr.
 *
 * @since 0.1.0
 */
export const layerProcess: Layer.Layer<Terminal> = Layer.sync(Terminal, () => ({
  stdout: writable(process.stdout),
  stdoutIsTTY: process.stdout.isTTY === true,
  stdoutStyle: { color: useColor(process.stdout) },
  stdoutColumns: process.stdout.isTTY === true && process.stdout.columns > 0 ? process.stdout.columns : undefined,
  stderr: process.stderr,
  stderrIsTTY: process.stderr.isTTY === true,
  stderrStyle: { color: useColor(process.stderr) },
  stdinIsTTY: process.stdin.isTTY === true,
  ask: (question) =>
    Effect.async<string>((resume) => {
      const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY === true })
      let answered = false
      lines.question(question, (answer) => {
        answered = true
        lines.close()
        resume(Effect.succeed(answer))
      })
      lines.once("close", () => {
        if (!answered) resume(Effect.succeed(""))
      })
      return Effect.sync(() => lines.close())
    })
}))

/**
 * A message line for stderr: `invitekit: <text>`, the prefix in red when colour is on.
 *
 * @since 0.1.0
 */
export const errorLine = (style: Style, text: string): string => `${red(style, "invitekit:")} ${text}`

/**
 * A usage error of @effect/cli as the CLI's other errors read: blank lines dropped, `invitekit: ` first.
 *
 * @since 0.2.0
 */
export const usageErrorText = (text: string, style: Style = { color: false }): string => {
  const lines = text.split("\n").map((line) => line.trimEnd()).filter((line) => line.trim() !== "")
  if (lines.length === 0) return ""
  const [first, ...rest] = lines
  const line = stripAnsi(first!).trimStart()
  return [line.startsWith("invitekit:") ? first! : errorLine(style, line), ...rest].join("\n")
}

/**
 * The Console @effect/cli prints help, usage errors and completions with. It always styles with ANSI escapes;
 * this one removes them from a stream that is not a terminal or when `NO_COLOR` is set.
 *
 * @since 0.1.0
 */
export const cliConsole = (): Console.Console => {
  const through = (stream: NodeJS.WriteStream) =>
    useColor(stream) ? stream : new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        stream.write(stripAnsi(chunk.toString()), callback)
      }
    })
  const node = new NodeConsole({ stdout: through(process.stdout), stderr: through(process.stderr), colorMode: false })
  const sync = (f: () => void) => Effect.sync(f)
  const console: Console.Console = {
    [Console.TypeId]: Console.TypeId,
    assert: (condition, ...args) => sync(() => node.assert(condition, ...args)),
    clear: sync(() => node.clear()),
    count: (label) => sync(() => node.count(label)),
    countReset: (label) => sync(() => node.countReset(label)),
    debug: (...args) => sync(() => node.debug(...args)),
    dir: (item, options) => sync(() => node.dir(item, options)),
    dirxml: (...args) => sync(() => node.dirxml(...args)),
    // @effect/cli's usage errors: one `invitekit: ` line like every other error (logs use `unsafe`, untouched).
    error: (...args) =>
      sync(() => node.error(usageErrorText(args.map(String).join(" "), { color: useColor(process.stderr) }))),
    group: (options) => sync(() => options?.collapsed ? node.groupCollapsed(options.label) : node.group(options?.label)),
    groupEnd: sync(() => node.groupEnd()),
    info: (...args) => sync(() => node.info(...args)),
    log: (...args) => sync(() => node.log(...args)),
    table: (data, properties) => sync(() => node.table(data, properties)),
    time: (label) => sync(() => node.time(label)),
    timeEnd: (label) => sync(() => node.timeEnd(label)),
    timeLog: (label, ...args) => sync(() => node.timeLog(label, ...args)),
    trace: (...args) => sync(() => node.trace(...args)),
    warn: (...args) => sync(() => node.warn(...args)),
    unsafe: node
  }
  return console
}
