/**
 * `invitekit emulator`: serves the bundled emulator (all four provider APIs on one loopback port), prints the
 * `export NAME=value` lines that point every provider at it, and serves until SIGINT (then exits 0).
 *
 * The options are the emulator's own (`Standalone.parseArgs` validates them); the emulator's code is loaded
 * only when this command runs, so `--help` and `--version` stay fast.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { interruptionIsSuccess, UsageError } from "../Failure.js"
import * as Terminal from "../Terminal.js"

const integer = (name: string, description: string) =>
  Options.integer(name).pipe(Options.optional, Options.withDescription(description))

/**
 * The emulator's options, as `invitekit emulator` takes them.
 *
 * @since 0.1.0
 */
export const options = {
  port: integer("port", "Port to listen on (default 0: an ephemeral port)."),
  host: Options.text("host").pipe(
    Options.optional,
    Options.withDescription("Address to bind (default 127.0.0.1).")
  ),
  seed: integer("seed", "Data seed (same seed, same invites)."),
  count: integer("count", "Invites for every provider (Openlayer: per workspace)."),
  countOpenai: integer("count-openai", "OpenAI invites."),
  countAnthropic: integer("count-anthropic", "Anthropic invites."),
  countPortkey: integer("count-portkey", "Portkey invites."),
  countOpenlayer: integer("count-openlayer", "Openlayer invites per workspace."),
  workspaces: integer("workspaces", "Number of Openlayer workspaces (default 2)."),
  latency: Options.float("latency").pipe(
    Options.optional,
    Options.withDescription("Milliseconds added to every request.")
  ),
  faultRate: Options.float("fault-rate").pipe(
    Options.optional,
    Options.withDescription("Random recoverable faults (429, 5xx, resets, hangs) at this rate in [0, 1].")
  ),
  faultSeed: integer("fault-seed", "Seed of the random faults (default: the data seed)."),
  openaiTimestampField: Options.choice("openai-timestamp-field", ["created_at", "invited_at"]).pipe(
    Options.optional,
    Options.withDescription("Which timestamp field OpenAI invites carry (default created_at).")
  ),
  portkeyMaxPageSize: integer("portkey-max-page-size", "Silently cap Portkey's page size."),
  openlayerNextLink: Options.choice("openlayer-next-link", ["absolute", "relative", "none"]).pipe(
    Options.optional,
    Options.withDescription("How Openlayer's x-next link is written (default absolute).")
  )
}

/**
 * The emulator's modules, loaded on demand (they are bundled, but initialised only when needed).
 *
 * @since 0.1.0
 */
export const loadEmulator = Effect.promise(async () => ({
  Emulator: await import("@invitekit/emulator/Emulator"),
  Standalone: await import("@invitekit/emulator/Standalone")
}))

type Parsed = { readonly [K in keyof typeof options]: Option.Option<string | number> }

/**
 * The parsed options back as the emulator's own arguments.
 *
 * @since 0.1.0
 */
export const toArgv = (parsed: Parsed): ReadonlyArray<string> =>
  Object.entries(parsed).flatMap(([key, value]) =>
    Option.match(value as Option.Option<string | number>, {
      onNone: () => [],
      onSome: (v) => [`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, String(v)]
    })
  )

/**
 * @since 0.1.0
 */
export const command = Command.make("emulator", options, (parsed) =>
  Effect.gen(function*() {
    const terminal = yield* Terminal.Terminal
    const { Emulator, Standalone } = yield* loadEmulator
    const emulatorOptions = yield* Effect.try({
      try: () => Standalone.parseArgs(toArgv(parsed)),
      catch: (error) => new UsageError({ message: error instanceof Error ? error.message : String(error) })
    })
    yield* Effect.scoped(Effect.gen(function*() {
      const handle = yield* Effect.mapError(
        Emulator.start(emulatorOptions),
        (error) => new UsageError({ message: error.message })
      )
      yield* terminal.stdout.write(Standalone.exportLines(handle).join("\n") + "\n")
      const counts = handle.dataset.config.counts
      yield* Effect.sync(() => {
        terminal.stderr.write(
          `invitekit emulator listening on ${handle.url} (seed ${handle.dataset.config.seed}; OpenAI ` +
            `${counts.openai}, Anthropic ${counts.anthropic}, Portkey ${counts.portkey}, Openlayer ` +
            `${counts.openlayer} × ${handle.openlayer.workspaceIds.length} workspaces). Ctrl-C to stop.\n` +
            `In another shell, run the export lines above, then: invitekit list\n`
        )
        // Serving until SIGINT is this command's normal end.
        interruptionIsSuccess()
      })
      return yield* Effect.never
    }))
  })).pipe(
    Command.withDescription(
      "Serve the bundled emulator of the four provider APIs on loopback (no account or key needed). Prints " +
        "the export lines pointing every provider at it on stdout, then serves until Ctrl-C (exit 0)."
    )
  )
