/**
 * `invitekit emulator`: serves the bundled emulator (all four provider APIs on one loopback port), prints the
 * `export NAME=value` lines that point every provider at it, and serves until SIGINT (then exits 0).
 *
 * The flags are the emulator's own (`EmulatorOptions.flags`), decoded by its Schema (`EmulatorOptions.FromFlags`)
 * straight into `Emulator.Options`; the server's code is loaded only when this command runs, so `--help` and
 * `--version` stay fast.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as EmulatorOptions from "@invitekit/emulator/Options"
import * as Providers from "@invitekit/emulator/Providers"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { interruptionIsSuccess, UsageError } from "../Failure.js"
import * as Terminal from "../Terminal.js"

/**
 * The emulator's flags, as `invitekit emulator` takes them: one text option per flag of the emulator
 * (`EmulatorOptions.flags`, which the providers' modules extend), decoded by the emulator's own Schema, so a
 * bad value reads as it does from the emulator's bin, and a new provider's flags appear here by themselves.
 *
 * @since 0.1.0
 */
export const options: Readonly<Record<string, Options.Options<Option.Option<string>>>> = Object.fromEntries(
  EmulatorOptions.flags.map((flag) => [
    flag.name,
    Options.text(flag.name).pipe(
      Options.withPseudoName(flag.placeholder),
      Options.optional,
      Options.withDescription(flag.description.charAt(0).toUpperCase() + flag.description.slice(1) + ".")
    )
  ])
)

/**
 * The flags that were given, as the emulator's Schema takes them: text by flag name.
 *
 * @since 0.2.0
 */
export const given = (parsed: Readonly<Record<string, Option.Option<string>>>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(parsed).flatMap(([name, value]) => Option.match(value, { onNone: () => [], onSome: (v) => [[name, v]] }))
  )

/**
 * The emulator's modules, loaded on demand (they are bundled, but initialised only when needed).
 *
 * @since 0.1.0
 */
export const loadEmulator = Effect.promise(async () => ({
  Emulator: await import("@invitekit/emulator/Emulator"),
  Standalone: await import("@invitekit/emulator/Standalone")
}))

/**
 * @since 0.1.0
 */
export const command = Command.make("emulator", options, (parsed) =>
  Effect.gen(function*() {
    const terminal = yield* Terminal.Terminal
    const emulatorOptions = yield* Either.match(EmulatorOptions.decodeFlags(given(parsed)), {
      onLeft: (error) =>
        Effect.fail(new UsageError({ message: `${error.message}\nRun invitekit emulator --help for the options.` })),
      onRight: Effect.succeed
    })
    const { Emulator, Standalone } = yield* loadEmulator
    yield* Effect.scoped(Effect.gen(function*() {
      const handle = yield* Effect.mapError(
        Emulator.start(emulatorOptions),
        (error) => new UsageError({ message: error.message })
      )
      yield* terminal.stdout.write(Standalone.exportLines(handle).join("\n") + "\n")
      const counts = handle.dataset.config.counts
      const warning = Standalone.exposureWarning(handle)
      yield* Effect.sync(() => {
        if (warning !== undefined) terminal.stderr.write(`invitekit emulator: ${warning}\n`)
        terminal.stderr.write(
          `invitekit emulator listening on ${handle.url} (seed ${handle.dataset.config.seed}; ` +
            Providers.all.map((module) => `${module.displayName} ${counts[module.name]}`).join(", ") +
            ` × ${handle.openlayer.workspaceIds.length} workspaces). Ctrl-C to stop.\n` +
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
