/**
 * The emulator as a process (`pnpm emulator`): argument parsing, the `export NAME=value` lines for `eval`,
 * and a main that serves until SIGINT/SIGTERM. Reusable by any CLI that wants to embed it.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"
import * as Either from "effect/Either"
import * as Dataset from "./Dataset.js"
import * as Emulator from "./Emulator.js"
import type { Flag } from "./internal/Flag.js"
import * as EmulatorOptions from "./Options.js"
import * as Providers from "./Providers.js"

/**
 * Bad command-line arguments.
 *
 * @since 0.1.0
 */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", { message: Schema.String }) {}

const flagColumn = (flag: Flag): string => `--${flag.name} ${flag.placeholder}`

const width = Math.max(...EmulatorOptions.flags.map((flag) => flagColumn(flag).length)) + 3

/**
 * The `--help` text, written from the flags' own descriptions.
 *
 * @since 0.1.0
 */
export const usage = `Usage: invitekit-emulator [options]

Serves the ${Providers.all.map((module) => module.displayName).join(", ")} invite APIs on one loopback port. Prints
\`export NAME=value\` lines on stdout (for eval), logs on stderr, and serves until SIGINT/SIGTERM.

Options:
${EmulatorOptions.flags.map((flag) => `  ${flagColumn(flag).padEnd(width)}${flag.description}`).join("\n")}
  ${"-h, --help".padEnd(width)}show this help
`

/**
 * Whether the arguments ask for \`--help\`.
 *
 * @since 0.1.0
 */
export const wantsHelp = (argv: ReadonlyArray<string>): boolean => argv.includes("--help") || argv.includes("-h")

/**
 * Decodes command-line arguments into emulator options (\`--name value\` or \`--name=value\`), with the
 * same Schema as \`invitekit emulator\` ({@link EmulatorOptions.FromFlags}).
 *
 * @since 0.2.0
 */
export const decodeArgs = (argv: ReadonlyArray<string>): Either.Either<Emulator.Options, EmulatorOptions.FlagError> =>
  Either.flatMap(EmulatorOptions.tokenize(argv), ({ values }) => EmulatorOptions.decodeFlags(values))

/**
 * Parses command-line arguments into emulator options. Throws {@link UsageError} on unknown options or
 * bad values.
 *
 * @since 0.1.0
 */
export const parseArgs = (argv: ReadonlyArray<string>): Emulator.Options =>
  Either.getOrThrowWith(decodeArgs(argv), (error) => new UsageError({ message: error.message }))

const isLoopback = (host: string): boolean =>
  host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host)

const allInterfaces = (host: string): boolean => host === "0.0.0.0" || host === "::" || host === "[::]"

/**
 * What to say on stderr when the server is reachable from other machines (bound to all interfaces or to
 * a non-loopback address): nothing for loopback.
 *
 * @since 0.2.0
 */
export const exposureWarning = (handle: Pick<Emulator.Handle, "host" | "url">): string | undefined => {
  if (isLoopback(handle.host)) return undefined
  const address = new URL(handle.url).hostname
  return allInterfaces(handle.host)
    ? `warning: bound to ${handle.host} (every interface): the emulator, its fixed keys and its control endpoints ` +
      `are reachable from other machines. The export lines use ${address}, for clients on this machine; ` +
      `from another machine, use this machine's address instead.`
    : `warning: bound to ${handle.host}, which is not loopback: the emulator, its fixed keys and its control ` +
      `endpoints are reachable from other machines.`
}

// Values are URLs and keys; quote anything else so `eval` can never run part of a value.
const shellQuote = (value: string): string =>
  /^[A-Za-z0-9_./:,@%+=-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`

/**
 * One `export NAME=value` line per variable of `handle.env`, ready for `eval`.
 *
 * @since 0.1.0
 */
export const exportLines = (handle: Pick<Emulator.Handle, "env">): ReadonlyArray<string> =>
  Object.entries(handle.env).map(([name, value]) => `export ${name}=${shellQuote(value)}`)

/**
 * Runs the emulator as a process: export lines on stdout, logs on stderr, serves until SIGINT/SIGTERM,
 * then closes every socket and lets the process exit 0. Bad arguments exit 2.
 *
 * @since 0.1.0
 */
export const main = (argv: ReadonlyArray<string>): void => {
  if (wantsHelp(argv)) {
    process.stdout.write(usage)
    return
  }
  const decoded = decodeArgs(argv)
  if (Either.isLeft(decoded)) {
    process.stderr.write(`invitekit-emulator: ${decoded.left.message}\nRun with --help for the options.\n`)
    process.exitCode = 2
    return
  }
  const options = decoded.right
  const program = Effect.scoped(
    Effect.gen(function* () {
      const handle = yield* Emulator.start(options)
      yield* Effect.sync(() => {
        process.stdout.write(exportLines(handle).join("\n") + "\n")
        const warning = exposureWarning(handle)
        if (warning !== undefined) process.stderr.write(`invitekit-emulator: ${warning}\n`)
        const counts = Dataset.providerNames.map((name) => `${name} ${handle.dataset.config.counts[name]}`).join(", ")
        process.stderr.write(
          `invitekit emulator listening on ${handle.url} (seed ${handle.dataset.config.seed}; ${counts} per ` +
            `workspace × ${handle.openlayer.workspaceIds.length}); Ctrl-C to stop\n`
        )
      })
      return yield* Effect.never
    })
  )
  const fiber = Effect.runFork(program)
  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write(`invitekit emulator: ${signal}, shutting down\n`)
    Effect.runFork(Fiber.interrupt(fiber))
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
  fiber.addObserver((exit) => {
    process.off("SIGINT", stop)
    process.off("SIGTERM", stop)
    if (Exit.isFailure(exit) && !Cause.isInterruptedOnly(exit.cause)) {
      const failure = Cause.failureOption(exit.cause)
      process.stderr.write(
        `invitekit-emulator: ${failure._tag === "Some" ? failure.value.message : Cause.pretty(exit.cause)}\n`
      )
      process.exitCode = 1
    }
  })
}

