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
import { parseArgs as parseNodeArgs } from "node:util"
import * as Dataset from "./Dataset.js"
import * as Emulator from "./Emulator.js"
import type * as Faults from "./Faults.js"

/**
 * Bad command-line arguments.
 *
 * @since 0.1.0
 */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", { message: Schema.String }) {}

/**
 * The `--help` text.
 *
 * @since 0.1.0
 */
export const usage = `Usage: invitekit-emulator [options]

Serves the OpenAI, Anthropic, Portkey and Openlayer invite APIs on one loopback port. Prints
\`export NAME=value\` lines on stdout (for eval), logs on stderr, and serves until SIGINT/SIGTERM.

Options:
  --port N                     port to listen on (default 0: an ephemeral port)
  --host ADDR                  address to bind (default 127.0.0.1; anything else only when given)
  --seed N                     data seed (default ${Dataset.defaultSeed})
  --count N                    invites for every provider (Openlayer: per workspace)
  --count-openai N             (default ${Dataset.defaultCounts.openai})
  --count-anthropic N          (default ${Dataset.defaultCounts.anthropic})
  --count-portkey N            (default ${Dataset.defaultCounts.portkey})
  --count-openlayer N          per workspace (default ${Dataset.defaultCounts.openlayer})
  --workspaces N               number of Openlayer workspaces (default 2)
  --latency MS                 latency added to every request
  --fault-rate R               random recoverable faults (429, 5xx, HTML 502, reset, hang) at rate R in [0, 1]
  --fault-seed N               seed of the random faults (default: the data seed)
  --openai-timestamp-field F   created_at (default) or invited_at
  --portkey-max-page-size N    silently cap Portkey's pageSize
  --openlayer-next-link MODE   absolute (default), relative or none
  -h, --help                   show this help
`

const spec = {
  port: { type: "string" },
  host: { type: "string" },
  seed: { type: "string" },
  count: { type: "string" },
  "count-openai": { type: "string" },
  "count-anthropic": { type: "string" },
  "count-portkey": { type: "string" },
  "count-openlayer": { type: "string" },
  workspaces: { type: "string" },
  latency: { type: "string" },
  "fault-rate": { type: "string" },
  "fault-seed": { type: "string" },
  "openai-timestamp-field": { type: "string" },
  "portkey-max-page-size": { type: "string" },
  "openlayer-next-link": { type: "string" },
  help: { type: "boolean", short: "h" }
} as const

const integer = (name: string, raw: string | undefined, min: number, max: number): number | undefined => {
  if (raw === undefined) return undefined
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError({ message: `--${name} must be an integer in ${min}..${max}, got ${JSON.stringify(raw)}` })
  }
  return Number(raw)
}

const number = (name: string, raw: string | undefined, min: number, max: number): number | undefined => {
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (raw.trim() === "" || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError({ message: `--${name} must be a number in ${min}..${max}, got ${JSON.stringify(raw)}` })
  }
  return value
}

const oneOf = <A extends string>(name: string, raw: string | undefined, values: ReadonlyArray<A>): A | undefined => {
  if (raw === undefined) return undefined
  if (!(values as ReadonlyArray<string>).includes(raw)) {
    throw new UsageError({ message: `--${name} must be one of ${values.join(", ")}, got ${JSON.stringify(raw)}` })
  }
  return raw as A
}

const parseRaw = (argv: ReadonlyArray<string>) => {
  try {
    return parseNodeArgs({ args: [...argv], options: spec, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new UsageError({ message: error instanceof Error ? error.message : String(error) })
  }
}

/**
 * Whether the arguments ask for `--help`.
 *
 * @since 0.1.0
 */
export const wantsHelp = (argv: ReadonlyArray<string>): boolean => argv.includes("--help") || argv.includes("-h")

/**
 * Parses command-line arguments into emulator options. Throws {@link UsageError} on unknown options or
 * bad values.
 *
 * @since 0.1.0
 */
export const parseArgs = (argv: ReadonlyArray<string>): Emulator.Options => {
  const v = parseRaw(argv)
  const seed = integer("seed", v.seed, 0, 0xffffffff)
  const all = integer("count", v.count, 0, Dataset.maxCount)
  const counts: Partial<Record<Dataset.ProviderName, number>> = {}
  for (const name of Dataset.providerNames) {
    const own = integer(`count-${name}`, v[`count-${name}`], 0, Dataset.maxCount)
    const count = own ?? all
    if (count !== undefined) counts[name] = count
  }
  const latency = number("latency", v.latency, 0, 3_600_000)
  const rate = number("fault-rate", v["fault-rate"], 0, 1)
  const faultSeed = integer("fault-seed", v["fault-seed"], 0, 0xffffffff)
  const workspaces = integer("workspaces", v.workspaces, 1, 1000)
  const timestampField = oneOf("openai-timestamp-field", v["openai-timestamp-field"], ["created_at", "invited_at"] as const)
  const maxPageSize = integer("portkey-max-page-size", v["portkey-max-page-size"], 1, Number.MAX_SAFE_INTEGER)
  const nextLink = oneOf("openlayer-next-link", v["openlayer-next-link"], ["absolute", "relative", "none"] as const)
  const port = integer("port", v.port, 0, 65535)
  const each = <A>(value: A): Record<Dataset.ProviderName, A> => ({
    openai: value,
    anthropic: value,
    portkey: value,
    openlayer: value
  })
  const plan: Faults.Plan | undefined = rate === undefined
    ? undefined
    : { random: { rate, seed: faultSeed ?? seed ?? Dataset.defaultSeed } }
  const openlayer = {
    ...(workspaces === undefined ? {} : { workspaceIds: Dataset.workspaceIds(seed ?? Dataset.defaultSeed, workspaces) }),
    ...(nextLink === undefined ? {} : { nextLink })
  }
  return {
    ...(v.host === undefined ? {} : { host: v.host }),
    ...(port === undefined ? {} : { port }),
    ...(seed === undefined ? {} : { seed }),
    ...(Object.keys(counts).length === 0 ? {} : { counts }),
    ...(timestampField === undefined ? {} : { openai: { timestampField } }),
    ...(maxPageSize === undefined ? {} : { portkey: { maxPageSize } }),
    ...(Object.keys(openlayer).length === 0 ? {} : { openlayer }),
    ...(latency === undefined ? {} : { latencyMs: each(latency) }),
    ...(plan === undefined ? {} : { faults: each(plan) })
  }
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
  let options: Emulator.Options
  try {
    options = parseArgs(argv)
  } catch (error) {
    process.stderr.write(`invitekit-emulator: ${error instanceof Error ? error.message : String(error)}\n` +
      "Run with --help for the options.\n")
    process.exitCode = 2
    return
  }
  const program = Effect.scoped(
    Effect.gen(function* () {
      const handle = yield* Emulator.start(options)
      yield* Effect.sync(() => {
        process.stdout.write(exportLines(handle).join("\n") + "\n")
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

